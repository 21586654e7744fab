/**
 * kill -9 during a burst of handoffs: the relay runs as its own process (`helpline relay`, from the sources
 * through tsx), is killed mid-burst, and started again on the same folder. Every handoff it acknowledged
 * (201) is there after the restart, under the same conversation and token, and still queued for the
 * helpdesk (PGlite, the default database, recovers from its write-ahead log).
 */
import { describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.js';
import { call, handoff } from './relay-helpers.js';

const AGENT_KEY = 'crash-test-agent-key';

function startRelayProcess(db: string): Promise<{ child: ChildProcess; url: string; exited: Promise<unknown>; stderr: () => string }> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      '-e',
      "import('./src/cli/main.ts').then((m) => m.main(process.argv.slice(1))).then((code) => process.exit(code))",
      'relay',
      '--port',
      '0',
      '--db',
      db,
      '--rate',
      '0',
    ],
    {
      cwd: root,
      env: { ...process.env, HELPLINE_AGENT_KEY: AGENT_KEY },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  const exited = new Promise((r) => child.once('exit', r));
  child.stderr!.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], exited, stderr: () => err });
    });
    void exited.then((code) => reject(new Error(`relay exited with ${code}: ${err}`)));
  });
}

describe('relay: kill -9 during a burst', () => {
  it('loses no acknowledged handoff', async () => {
    const db = mkdtempSync(join(tmpdir(), 'helpline-crash-'));
    const first = await startRelayProcess(db);
    const acked = new Map<string, { conversation: string; token: string }>();
    let stop = false;
    const sender = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = `w${w}-${i}`;
        try {
          const r = await call(first.url, '/v1/handoffs', { body: handoff(id, `burst ${id} `.repeat(50)), headers: { 'Idempotency-Key': id } });
          if (r.status === 201) acked.set(id, r.json);
        } catch {
          return; // the process is gone
        }
      }
    };
    const senders = Array.from({ length: 8 }, (_, w) => sender(w));
    while (acked.size < 150) await new Promise((r) => setTimeout(r, 5));
    first.child.kill('SIGKILL');
    stop = true;
    await Promise.all(senders);
    await first.exited;

    const second = await startRelayProcess(db);
    try {
      for (const [id, body] of acked) {
        const again = await call(second.url, '/v1/handoffs', { body: handoff(id), headers: { 'Idempotency-Key': id } });
        expect(again.status, id).toBe(200);
        expect(again.json, id).toEqual(body);
      }
      const one = [...acked.values()][0];
      const got = await call(second.url, `/v1/agent/conversations/${one.conversation}`, { headers: { Authorization: `Bearer ${AGENT_KEY}` } });
      expect(got.status).toBe(200);
      expect(got.json.handoff.transcript[0].text).toContain('burst');
      // the store still answers writes after recovery
      expect((await call(second.url, '/v1/handoffs', { body: handoff('after'), headers: { 'Idempotency-Key': 'after' } })).status).toBe(201);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });
});
