import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackFolder, buildPack } from '../../src/node/index.js';
import { createBot, loadPack } from '../../src/index.js';
import { startAnswerApi, MAX_BODY, type AnswerApi } from '../../src/api/answer-server.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fixture, root } from '../helpers.js';

const run = promisify(execFile);

const tmp = mkdtempSync(join(tmpdir(), 'helpline-api-'));
const folder = join(tmp, 'pack');
const file = join(tmp, 'pack.json');
buildPackFolder(fixture('kb-mini'), folder + '/');
buildPack(fixture('kb-mini'), file);

const ask = (api: AnswerApi, body: unknown, init: RequestInit = {}) =>
  fetch(`${api.url}/v1/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...init,
  });

describe('helpline api', () => {
  let api: AnswerApi;
  beforeAll(async () => {
    api = await startAnswerApi(folder, { port: 0, debounceMs: 50, requestTimeoutMs: 1000 });
    await api.packs.ready;
  });
  afterAll(async () => {
    await api.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('is healthy once the pack is loaded, every language of the folder with it', async () => {
    const res = await fetch(`${api.url}/v1/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, languages: ['en', 'es', 'zh'] });
    expect(api.packs.current!.folder!.loaded).toEqual(new Set(['en', 'es', 'zh']));
  });

  it('answers as a bot in the browser would, and carries the conversation in the state it returns', async () => {
    const local = createBot(loadPack(readFileSync(file, 'utf8')), { lang: 'en' });
    let state: unknown;
    for (const text of ['how much is the withdrawal fee', 'and how long does it take?', '提现还没到账']) {
      const res = await ask(api, { text, state, lang: 'en' });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { reply: { kind: string; article?: { id: string }; text: string }; state: { turns: unknown[] } };
      const expected = await local.ask(text, { lang: 'en' });
      expect({ kind: body.reply.kind, article: body.reply.article?.id, text: body.reply.text }).toEqual({
        kind: expected.kind,
        article: expected.article?.id,
        text: expected.text,
      });
      state = body.state;
    }
    expect((state as { turns: unknown[] }).turns.length).toBe(6);
  });

  it('redacts secrets in the state it returns', async () => {
    const res = await ask(api, { text: 'my password is hunter2 and my seed is legal winner thank year wave sausage worth useful legal winner thank yellow' });
    const body = await res.json();
    expect(JSON.stringify(body.state)).not.toContain('hunter2');
    expect(JSON.stringify(body.state)).not.toContain('sausage');
    expect(body.reply.redacted.length).toBeGreaterThan(0);
  });

  it('answers bad requests with 400, 404, 405, 413 and 415 and keeps serving', async () => {
    expect((await ask(api, '{"text": "unterminated')).status).toBe(400);
    expect((await ask(api, '[1,2]')).status).toBe(400);
    const noText = await ask(api, { question: 'hi' });
    expect(noText.status).toBe(400);
    expect((await noText.json()).error).toMatch(/"text" must be a string/);
    expect((await ask(api, { text: 'hi', lang: '__proto__' })).status).toBe(400);
    expect((await ask(api, { text: 'hi', state: 'x' })).status).toBe(400);
    expect((await ask(api, JSON.stringify({ text: 'x'.repeat(MAX_BODY) }))).status).toBe(413);
    expect((await fetch(`${api.url}/v1/ask`)).status).toBe(405);
    expect((await fetch(`${api.url}/v2/ask`, { method: 'POST', body: '{}' })).status).toBe(404);
    expect((await ask(api, 'text=hi', { headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
    // A garbage state starts a fresh conversation rather than failing.
    const odd = await ask(api, { text: 'how much is the withdrawal fee', state: { v: 1, failures: 'many', turns: [{ role: 'hacker' }] } });
    expect(odd.status).toBe(200);
    expect((await fetch(`${api.url}/v1/health`)).status).toBe(200);
  });

  it('answers a browser preflight, allowing the configured origin', async () => {
    const res = await fetch(`${api.url}/v1/ask`, {
      method: 'OPTIONS',
      headers: { origin: 'https://exchange.example', 'access-control-request-method': 'POST' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/content-type/);
  });

  it('cuts off a client that never finishes its request', async () => {
    const { port } = new URL(api.url);
    const closed = await new Promise<string>((done) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST /v1/ask HTTP/1.1\r\nhost: x\r\ncontent-length: 100\r\n\r\n{"te'));
      let got = '';
      socket.on('data', (d) => (got += d));
      socket.on('close', () => done(got));
    });
    expect(closed).toMatch(/^HTTP\/1\.1 408/);
  }, 20_000);

  it('swaps in a rebuilt pack; requests during the swap are answered', async () => {
    const before = api.packs.current!.hash;
    const inFlight = Array.from({ length: 20 }, () => ask(api, { text: 'how much is the withdrawal fee' }));
    // Built by another process, as a deploy would: this one keeps answering meanwhile.
    await run(process.execPath, [join(root, 'bin/helpline.js'), 'build', fixture('kb-mini'), '-o', folder, '--answer', '0.99']);
    const statuses = (await Promise.all(inFlight)).map((r) => r.status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    const deadline = Date.now() + 15_000;
    while (api.packs.current!.hash === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(api.packs.current!.hash).not.toBe(before);
    expect(api.packs.current!.data.settings.answer).toBe(0.99);
    expect((await ask(api, { text: 'how much is the withdrawal fee' })).status).toBe(200);
  }, 30_000);
});
