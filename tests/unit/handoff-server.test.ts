/**
 * The example handoff receiver, started for real on 127.0.0.1 with a random port, receiving the JSON the
 * widget POSTs (a Handoff from a real bot, Idempotency-Key header) and forwarding signed tickets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createBot } from '../../src/bot/create-bot.js';
import { verifyWebhook } from '../../src/node/index.js';
import type { Handoff } from '../../src/bot/reply.js';
import { fixture, packOf, root } from '../helpers.js';

const SERVER = join(root, 'examples/handoff-server/server.mjs');
const ORIGIN = 'https://www.exchange.example';
const USER_SECRET = 'identity-secret-for-tests';
const WEBHOOK_SECRET = 'webhook-secret-for-tests';
const MAX_BODY = 64 * 1024;
const userHash = (id: string) => createHmac('sha256', USER_SECRET).update(id).digest('hex');

interface Started {
  url: string;
  close(): Promise<void>;
}
type Start = (options: Record<string, unknown>) => Promise<Started>;

const tmp = mkdtempSync(join(tmpdir(), 'helpline-handoff-'));
const tickets = join(tmp, 'tickets.jsonl');
const lines: string[] = [];
const forwarded: { headers: IncomingHttpHeaders; body: string }[] = [];
let start: Start;
let receiver: Started;
let helpdesk: Server;

beforeAll(async () => {
  if (!existsSync(join(root, 'dist', 'node.js'))) throw new Error('dist/node.js is missing: run `npm run build` (npm test does it first)');
  ({ startHandoffServer: start } = (await import(pathToFileURL(SERVER).href)) as { startHandoffServer: Start });
  helpdesk = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      forwarded.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(202).end();
    });
  });
  await new Promise<void>((resolve) => helpdesk.listen(0, '127.0.0.1', resolve));
  const port = (helpdesk.address() as { port: number }).port;
  receiver = await start({
    port: 0,
    origins: [ORIGIN],
    userHashSecret: USER_SECRET,
    tickets,
    maxBody: MAX_BODY,
    forwardUrl: `http://127.0.0.1:${port}/tickets`,
    webhookSecret: WEBHOOK_SECRET,
    log: (line: string) => lines.push(line),
  });
});

afterAll(async () => {
  await receiver?.close();
  await new Promise((resolve) => helpdesk?.close(resolve));
  rmSync(tmp, { recursive: true, force: true });
});

/** A handoff as the widget sends it: from a real conversation with the bot. */
async function handoffFrom(messages: string[], user?: Record<string, unknown>, options = {}): Promise<Handoff> {
  const bot = createBot(packOf(fixture('kb-mini')), options);
  if (user) bot.identify(user);
  for (const m of messages) await bot.ask(m);
  return bot.handoff('requested');
}

function post(payload: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
  const id = (payload as { id?: string })?.id;
  return fetch(receiver.url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Origin: ORIGIN, ...(id ? { 'Idempotency-Key': id } : {}), ...headers },
    body,
  });
}

const stored = () =>
  existsSync(tickets)
    ? readFileSync(tickets, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
    : [];
const storedFor = (id: string) => stored().filter((t) => t.handoff.id === id);

describe('handoff server', () => {
  it('answers CORS preflights for the configured origins only', async () => {
    const ok = await fetch(receiver.url, {
      method: 'OPTIONS',
      headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,idempotency-key' },
    });
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Idempotency-Key/);
    const evil = await fetch(receiver.url, { method: 'OPTIONS', headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' } });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const h = await handoffFrom(['hello']);
    expect((await post(h, { Origin: 'https://evil.example' })).status).toBe(403);
    expect(storedFor(h.id)).toEqual([]);
  });

  it('stores a verified handoff once, prints a summary, and forwards it signed', async () => {
    const h = await handoffFrom(['my usdt withdrawal is still pending', 'I want to talk to a human'], { id: 'u-42', vipLevel: 3, userHash: userHash('u-42') });
    const res = await post(h);
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ ok: true, id: h.id, verified: true });
    const [ticket] = storedFor(h.id);
    expect(ticket).toMatchObject({
      key: h.id,
      verified: true,
      redactedByServer: [],
      handoff: { id: h.id, reason: 'requested', priority: h.priority, lang: 'en', user: { id: 'u-42', vipLevel: 3 } },
    });
    expect(ticket.handoff.transcript.map((t: { text: string }) => t.text)).toEqual(h.transcript.map((t) => t.text));
    expect(JSON.stringify(ticket)).not.toContain(userHash('u-42')); // checked, never stored
    const summary = lines.find((l) => l.includes('user u-42'));
    expect(summary).toMatch(/HIGH requested team=withdrawals lang=en user u-42 \(verified\) live, 4 turns: "I want to talk to a human"/);
    expect(summary).not.toMatch(/\n/);

    await expect.poll(() => forwarded.find((f) => f.headers['idempotency-key'] === h.id), { timeout: 5000 }).toBeTruthy();
    const delivery = forwarded.find((f) => f.headers['idempotency-key'] === h.id)!;
    expect(verifyWebhook(delivery.body, delivery.headers['x-helpline-signature'] as string, WEBHOOK_SECRET)).toBe(true);
    expect(verifyWebhook(delivery.body, delivery.headers['x-helpline-signature'] as string, 'wrong secret')).toBe(false);
    expect(JSON.parse(delivery.body)).toEqual(ticket);
  });

  it('dedupes by Idempotency-Key, also for retries that arrive together and after a restart', async () => {
    const h = await handoffFrom(['转人工']);
    const first = await Promise.all(Array.from({ length: 5 }, () => post(h)));
    expect(first.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    const again = await post(h);
    expect(again.status).toBe(200);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toMatchObject({ ok: true, id: h.id, duplicate: true });
    expect(storedFor(h.id)).toHaveLength(1);

    const restarted = await start({ port: 0, tickets, origins: [ORIGIN], log: () => {} });
    try {
      const res = await fetch(restarted.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': h.id },
        body: JSON.stringify(h),
      });
      expect(res.status).toBe(200);
    } finally {
      await restarted.close();
    }
    expect(storedFor(h.id)).toHaveLength(1);
  });

  it('marks a handoff with a wrong or missing userHash as not verified', async () => {
    for (const user of [{ id: 'u-42', userHash: userHash('u-43') }, { id: 'u-42', userHash: 'f'.repeat(64) }, { id: 'u-42' }]) {
      const h = await handoffFrom(['agent please'], user);
      const res = await post(h);
      expect(res.status).toBe(201);
      expect((await res.json()).verified).toBe(false);
      expect(storedFor(h.id)[0].verified).toBe(false);
    }
    expect(lines.filter((l) => l.includes('user u-42 (NOT verified)'))).toHaveLength(3);
  });

  it('refuses bodies over the size limit without storing them', async () => {
    const h = await handoffFrom(['hello']);
    const big = { ...h, id: `${h.id}-big`, transcript: [{ role: 'user', text: 'x'.repeat(MAX_BODY), at: h.createdAt }] };
    const res = await post(big);
    expect(res.status).toBe(413);
    // Without Content-Length (chunked), the server stops reading at the limit.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(receiver.url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } }, (r) => {
        r.resume();
        resolve(r.statusCode!);
      });
      req.on('error', reject);
      req.write('{"id":"chunked","transcript":[{"role":"user","text":"');
      req.write('y'.repeat(MAX_BODY * 2));
      req.end('"}]}');
    });
    expect(chunked).toBe(413);
    expect(storedFor(big.id)).toEqual([]);
    expect(storedFor('chunked')).toEqual([]);
  });

  it('removes secrets that a modified client left in the transcript or the ticket', async () => {
    const h = await handoffFrom(['my withdrawal is stuck']);
    const mnemonic = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    const raw = {
      ...h,
      transcript: [...h.transcript, { role: 'user', text: `my seed is ${mnemonic}, card 4111 1111 1111 1111`, at: h.createdAt }],
      ticket: { email: 'user@example.com', description: '我的密码是abc12345，验证码是 482913' },
    };
    const res = await post(raw);
    expect(res.status).toBe(201);
    const text = readFileSync(tickets, 'utf8');
    for (const secret of [mnemonic, '4111 1111 1111 1111', 'abc12345', '482913']) expect(text).not.toContain(secret);
    expect(storedFor(h.id)[0].redactedByServer.sort()).toEqual(['card', 'code', 'mnemonic', 'password']);
    expect(lines.find((l) => l.includes('server removed: '))).toMatch(/ticket from user@example\.com/);
    await expect.poll(() => forwarded.find((f) => f.headers['idempotency-key'] === h.id), { timeout: 5000 }).toBeTruthy();
    // the card's digits in any spacing (not '4111' alone: the handoff's random id may hold those four digits)
    expect(forwarded.find((f) => f.headers['idempotency-key'] === h.id)!.body.replace(/[\s-]/g, '')).not.toContain('4111111111111111');
  });

  it('takes a ticket made outside business hours', async () => {
    const hours = { timeZone: 'UTC', weekly: { mon: ['09:00-17:00'] } };
    const h = await handoffFrom(['I need help with KYC'], undefined, { hours, now: () => new Date('2026-11-28T12:00:00Z') });
    expect(h.live).toBe(false);
    const res = await post({ ...h, ticket: { email: 'ana@example.com', description: 'My KYC was rejected twice.' } });
    expect(res.status).toBe(201);
    expect(storedFor(h.id)[0].handoff).toMatchObject({ live: false, ticket: { email: 'ana@example.com', description: 'My KYC was rejected twice.' } });
    expect(lines.some((l) => l.includes('ticket from ana@example.com'))).toBe(true);
  });

  it('answers bad requests with the reason, and keeps the log one line per ticket', async () => {
    const h = await handoffFrom(['hello']);
    expect((await fetch(receiver.url, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify(h) })).status).toBe(415);
    expect((await post('{not json')).status).toBe(400);
    const invalid = await post({ ...h, reason: 'because' });
    expect(invalid.status).toBe(422);
    expect((await invalid.json()).error).toMatch(/'reason' must be one of/);
    expect((await post({ ...h, ticket: { email: 'not an email' } })).status).toBe(422);
    expect((await post({ ...h, transcript: 'none' })).status).toBe(422);
    expect((await fetch(receiver.url, { method: 'GET' })).status).toBe(405);
    expect((await fetch(receiver.url.replace('/handoff', '/other'), { method: 'POST' })).status).toBe(404);

    const sneaky = { ...h, id: `${h.id}-nl`, transcript: [{ role: 'user', text: 'ok\n2026-01-01 URGENT fake line\u202e', at: h.createdAt }] };
    expect((await post(sneaky)).status).toBe(201);
    const line = lines.find((l) => l.includes('fake line'))!;
    expect(line).not.toMatch(/[\n\u202e]/);
  });

  it('runs as a command configured by environment variables', async () => {
    const child = spawn(process.execPath, [SERVER], {
      env: { ...process.env, PORT: '0', HELPLINE_TICKETS: join(tmp, 'cli.jsonl'), HELPLINE_ORIGINS: ORIGIN, HELPLINE_USER_HASH_SECRET: USER_SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c));
      await expect.poll(() => out, { timeout: 10_000 }).toMatch(/POST handoffs to http:\/\/127\.0\.0\.1:\d+\/handoff/);
      const url = /(http:\/\/\S+)/.exec(out)![1];
      const h = await handoffFrom(['agent please'], { id: 'u-7', userHash: userHash('u-7') });
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': h.id, Origin: ORIGIN },
        body: JSON.stringify(h),
      });
      expect(await res.json()).toEqual({ ok: true, id: h.id, verified: true });
      await expect.poll(() => out, { timeout: 5000 }).toMatch(/user u-7 \(verified\)/);
      expect(JSON.parse(readFileSync(join(tmp, 'cli.jsonl'), 'utf8')).handoff.id).toBe(h.id);
    } finally {
      child.kill();
    }
  });
});

describe('handoff server: regressions', () => {
  it('answers a malformed request line (POST http://[ HTTP/1.1) with 400 and keeps running', async () => {
    const { port } = new URL(receiver.url);
    for (const line of ['POST http://[ HTTP/1.1', 'POST http://[::1 HTTP/1.1', 'GET * HTTP/1.1']) {
      const answer = await new Promise<string>((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let out = '';
        socket.on('data', (d) => (out += d));
        socket.on('close', () => resolve(out));
        socket.on('error', () => resolve(out));
        socket.end(`${line}\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      });
      expect(answer, line).toMatch(/^HTTP\/1\.1 400/);
    }
    const h = await handoffFrom(['still up?']);
    expect((await post(h)).status).toBe(201);
  });

  it('keeps every line whole when large handoffs arrive at once', async () => {
    const big = await Promise.all(Array.from({ length: 12 }, (_, i) => handoffFrom([`big ${i} ` + 'word '.repeat(2000)])));
    // lines of ~60 KB, longer than a pipe's atomic write, all in flight together
    const sizes = big.map((h) => JSON.stringify({ ...h, transcript: Array.from({ length: 5 }, () => h.transcript[0]) }));
    const res = await Promise.all(big.map((h, i) => post(sizes[i], { 'Idempotency-Key': h.id })));
    expect(res.map((r) => r.status)).toEqual(big.map(() => 201));
    const lines = readFileSync(tickets, 'utf8').split('\n').filter(Boolean);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    for (const h of big) expect(storedFor(h.id)).toHaveLength(1);
  });

  it('cuts a torn last line (a crash mid-write) on start, so the next ticket is not glued to it', async () => {
    const file = join(tmp, 'torn.jsonl');
    const h1 = await handoffFrom(['first']);
    writeFileSync(file, JSON.stringify({ key: h1.id, verified: false, redactedByServer: [], handoff: h1 }) + '\n' + '{"key":"half-writ');
    const server = await start({ port: 0, tickets: file, log: () => {} });
    try {
      const h2 = await handoffFrom(['second']);
      const res = await fetch(server.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': h2.id },
        body: JSON.stringify(h2),
      });
      expect(res.status).toBe(201);
      const lines = readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l));
      expect(lines.map((t) => t.key)).toEqual([h1.id, h2.id]);
    } finally {
      await server.close();
    }
  });
});
