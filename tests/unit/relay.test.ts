/**
 * The relay (src/relay), started for real on 127.0.0.1 with a free port and a store in a temporary folder:
 * the HTTP contract of DESIGN.md ("Relay"), hostile input, limits and forwarding.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqlStore } from '../../src/relay/sql-store.js';
import { startRelay, type Relay } from '../../src/relay/server.js';
import { verifyWebhook } from '../../src/node/webhook.js';
import { call, handoff, helpdesk, rawRequest, readEvents, until } from './relay-helpers.js';

const AGENT_KEY = 'agent-key-for-tests';
const SECRET = 'webhook-secret-for-tests';
const agent = { Authorization: `Bearer ${AGENT_KEY}` };

let relay: Relay;
let store: SqlStore;
let desk: Awaited<ReturnType<typeof helpdesk>>;
let port: number;

beforeAll(async () => {
  desk = await helpdesk((n) => (n <= 4 ? 503 : 200)); // down for the first four deliveries
  store = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-relay-')));
  relay = await startRelay({
    store,
    port: 0,
    agentKey: AGENT_KEY,
    forwardUrl: desk.url,
    forwardSecret: SECRET,
    forwardBaseDelay: 20,
    forwardMaxDelay: 100,
    maxBody: 64 * 1024,
    headersTimeout: 500,
    requestTimeout: 1000,
    ratePerMinute: 0,
    log: () => {},
  });
  port = Number(new URL(relay.url).port);
});
afterAll(async () => {
  await relay.close();
  await store.close();
  await desk.close();
});

async function open(id: string, text?: string) {
  const r = await call(relay.url, '/v1/handoffs', { body: handoff(id, text), headers: { 'Idempotency-Key': id } });
  expect(r.status).toBe(201);
  return r.json as { conversation: string; token: string };
}

describe('relay: visitor side', () => {
  it('takes a handoff once per Idempotency-Key: 201, then 200 with the same body', async () => {
    const first = await call(relay.url, '/v1/handoffs', { body: handoff('h-once'), headers: { 'Idempotency-Key': 'h-once' } });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ conversation: expect.any(String), token: expect.any(String) });
    const again = await call(relay.url, '/v1/handoffs', { body: handoff('h-once'), headers: { 'Idempotency-Key': 'h-once' } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
  });

  it('stores a text with a NUL character (which PostgreSQL cannot hold) without it, instead of failing', async () => {
    const { conversation, token } = await open('h-nul', 'stuck\u0000 withdrawal');
    expect(
      (
        await call(relay.url, `/v1/conversations/${conversation}/messages`, {
          body: { text: 'still\u0000 here' },
          headers: { Authorization: `Bearer ${token}` },
        })
      ).status,
    ).toBe(201);
    const got = await call(relay.url, `/v1/agent/conversations/${conversation}`, { headers: agent });
    expect(got.json.handoff.transcript[0].text).toBe('stuck withdrawal');
    expect(got.json.events.at(-1).text).toBe('still here');
    expect((await call(relay.url, '/v1/health')).json).toEqual({ ok: true, store: 'pglite' });
  });

  it('redacts every stored text on arrival: transcript, visitor and agent messages, survey comment', async () => {
    const { conversation, token } = await open('h-secret', 'my password is Hunter2!secret and card 4111 1111 1111 1111');
    const visitor = { Authorization: `Bearer ${token}` };
    expect(
      (
        await call(relay.url, `/v1/conversations/${conversation}/messages`, {
          body: { text: 'seed: abandon ability able about above absent absorb abstract absurd abuse access accident' },
          headers: visitor,
        })
      ).status,
    ).toBe(201);
    expect(
      (await call(relay.url, `/v1/conversations/${conversation}/csat`, { body: { score: 2, comment: 'password: Hunter2!secret' }, headers: visitor })).status,
    ).toBe(201);
    const got = await call(relay.url, `/v1/agent/conversations/${conversation}`, { headers: agent });
    const all = JSON.stringify(got.json);
    expect(all).toContain('my');
    for (const leak of ['Hunter2!secret', '4111 1111 1111 1111', 'abandon ability able']) expect(all).not.toContain(leak);
    expect(got.json.csat).toMatchObject({ score: 2 });
  });

  it('streams agent messages and status over SSE, and resumes after Last-Event-ID', async () => {
    const { conversation, token } = await open('h-stream');
    const events = `${relay.url}/v1/conversations/${conversation}/events?token=${token}`;
    const waiting = readEvents(events, 3);
    await new Promise((r) => setTimeout(r, 50));
    expect(
      (await call(relay.url, `/v1/agent/conversations/${conversation}/status`, { body: { state: 'connected', name: 'Maria' }, headers: agent })).status,
    ).toBe(201);
    expect(
      (await call(relay.url, `/v1/agent/conversations/${conversation}/messages`, { body: { name: 'Maria', text: 'Hi, I am looking at it' }, headers: agent }))
        .status,
    ).toBe(201);
    const got = await waiting;
    expect(got[0].data).toEqual({ type: 'status', state: 'queued' });
    expect(got[1]).toMatchObject({ id: '1', data: { type: 'status', state: 'connected', name: 'Maria' } });
    expect(got[2]).toMatchObject({ id: '2', data: { type: 'message', from: 'agent', name: 'Maria', text: 'Hi, I am looking at it', at: expect.any(String) } });

    await call(relay.url, `/v1/agent/conversations/${conversation}/messages`, { body: { name: 'Maria', text: 'Found it' }, headers: agent });
    const resumed = await readEvents(`${relay.url}/v1/conversations/${conversation}/events`, 1, { Authorization: `Bearer ${token}`, 'Last-Event-ID': '2' });
    expect(resumed).toMatchObject([{ id: '3', data: { text: 'Found it' } }]);
  });

  it('lists open conversations for an agent console, newest first', async () => {
    const { conversation } = await open('h-inbox');
    const inbox = await call(relay.url, '/v1/agent/conversations?state=queued', { headers: agent });
    expect(inbox.status).toBe(200);
    expect(inbox.json.conversations[0]).toMatchObject({ conversation, state: 'queued', priority: 'normal', team: 'withdrawals', lang: 'en', live: true });
    expect((await call(relay.url, '/v1/agent/conversations?state=nope', { headers: agent })).status).toBe(400);
    expect((await call(relay.url, '/v1/agent/conversations')).status).toBe(401);
  });

  it('lets the visitor end the conversation: a closed status in the stream, and no more messages', async () => {
    const { conversation, token } = await open('h-close');
    const visitor = { Authorization: `Bearer ${token}` };
    expect((await call(relay.url, `/v1/conversations/${conversation}/close`, { body: {}, headers: visitor })).status).toBe(200);
    const [status] = await readEvents(`${relay.url}/v1/conversations/${conversation}/events?token=${token}`, 1);
    expect(status.data).toMatchObject({ type: 'status', state: 'closed' });
    expect((await call(relay.url, `/v1/conversations/${conversation}/messages`, { body: { text: 'hello?' }, headers: visitor })).status).toBe(409);
  });

  it('answers a wrong token with 404 and a missing agent key with 401', async () => {
    const { conversation } = await open('h-auth');
    expect(
      (await call(relay.url, `/v1/conversations/${conversation}/messages`, { body: { text: 'hi' }, headers: { Authorization: 'Bearer nope' } })).status,
    ).toBe(404);
    expect((await call(relay.url, `/v1/agent/conversations/${conversation}`)).status).toBe(401);
    expect((await call(relay.url, `/v1/agent/conversations/${conversation}`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('checks what it is sent: 400, 413, 415, 422 with a reason', async () => {
    expect((await call(relay.url, '/v1/handoffs', { raw: '{not json' })).status).toBe(400);
    expect((await call(relay.url, '/v1/handoffs', { raw: '[1]' })).status).toBe(400);
    const big = await call(relay.url, '/v1/handoffs', { body: handoff('h-big', 'x'.repeat(70 * 1024)) });
    expect(big.status).toBe(413);
    expect((await call(relay.url, '/v1/handoffs', { raw: '{}', headers: { 'Content-Type': 'text/plain' } })).status).toBe(415);
    const bad = await call(relay.url, '/v1/handoffs', { body: { id: 'x', reason: 'bored' } });
    expect(bad.status).toBe(422);
    expect(bad.json.error).toContain("'reason'");
    expect((await call(relay.url, '/v1/conversations/%E0%A4%A/events')).status).toBe(400);
    expect((await call(relay.url, '/v1/nothing')).status).toBe(404);
    const { conversation, token } = await open('h-score');
    expect(
      (await call(relay.url, `/v1/conversations/${conversation}/csat`, { body: { score: 9 }, headers: { Authorization: `Bearer ${token}` } })).status,
    ).toBe(422);
  });

  it('answers a malformed request line with 400 and keeps serving (POST http://[ HTTP/1.1)', async () => {
    for (const line of ['POST http://[ HTTP/1.1', 'GET http://[::1 HTTP/1.1', 'GET * HTTP/1.1', '\u0000\u0001 garbage']) {
      const answer = await rawRequest(port, `${line}\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      expect(answer, line).toMatch(/^HTTP\/1\.1 400/);
    }
    expect((await call(relay.url, '/v1/health')).status).toBe(200);
  });

  it('closes on a client that sends its headers too slowly', async () => {
    const answer = await rawRequest(port, 'POST /v1/handoffs HTTP/1.1\r\nHost: x\r\n', 3000); // never finishes
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect((await call(relay.url, '/v1/health')).status).toBe(200);
  });
});

describe('relay: forwarding to the helpdesk', () => {
  it('retries past any number of failures, signs each delivery, and keeps each conversation in order', async () => {
    const { conversation, token } = await open('h-forward');
    for (const text of ['one', 'two', 'three'])
      await call(relay.url, `/v1/conversations/${conversation}/messages`, { body: { text }, headers: { Authorization: `Bearer ${token}` } });
    await until(() => desk.received.filter((r) => r.body.includes(conversation)).length === 4, 'four deliveries for the conversation');
    expect(desk.attempts()).toBeGreaterThan(4);
    for (const r of desk.received) expect(verifyWebhook(r.body, r.headers['x-helpline-signature'] as string, SECRET)).toBe(true);
    const mine = desk.received.map((r) => JSON.parse(r.body)).filter((b) => b.conversation === conversation);
    expect(mine.map((b) => b.type)).toEqual(['handoff', 'event', 'event', 'event']);
    expect(mine.slice(1).map((b) => b.event.text)).toEqual(['one', 'two', 'three']);
    await until(() => !store.pending().some((j) => j.conversation === conversation), 'the queue to empty');
  });
});

describe('helpline relay (command line)', () => {
  it('says which database it cannot open (a PostgreSQL server that is not there), and refuses a bad port', async () => {
    const { main } = await import('../../src/cli/main.js');
    const errors: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    (process.stderr as any).write = (chunk: string) => (errors.push(String(chunk)), true);
    try {
      expect(await main(['relay', '--db', 'postgres://helpline:s3cret@127.0.0.1:1/helpline'])).toBe(1);
      expect(await main(['relay', '--port', 'eighty'])).toBe(2);
    } finally {
      (process.stderr as any).write = write;
    }
    expect(errors.join('')).toMatch(/cannot open the database postgres:\/\/helpline:\*\*\*@127\.0\.0\.1:1\/helpline: .*ECONNREFUSED/);
    expect(errors.join('')).not.toContain('s3cret');
    expect(errors.join('')).toMatch(/--port must be a whole number/);
  });
});

describe('relay: connection cap', () => {
  it('drops connections past maxConnections and serves again once they close', async () => {
    const s = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-relay-cap-')));
    const r = await startRelay({ store: s, port: 0, maxConnections: 2, ratePerMinute: 0, log: () => {} });
    const { connect } = await import('node:net');
    const p = Number(new URL(r.url).port);
    const held = await Promise.all(
      [0, 1].map(
        () =>
          new Promise<import('node:net').Socket>((ok) => {
            const c = connect(p, '127.0.0.1', () => ok(c));
          }),
      ),
    );
    await new Promise((ok) => setTimeout(ok, 100));
    const third = await rawRequest(p, 'GET /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n', 1000);
    expect(third).toBe(''); // closed without an answer
    held.forEach((c) => c.destroy());
    await new Promise((ok) => setTimeout(ok, 100));
    expect((await call(r.url, '/v1/health')).status).toBe(200);
    await r.close();
    await s.close();
  });
});

describe('relay: rate limit', () => {
  it("answers 429 past a client's rate", async () => {
    const s = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-relay-rate-')));
    const r = await startRelay({ store: s, port: 0, ratePerMinute: 5, log: () => {} });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await call(r.url, '/v1/health')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    await r.close();
    await s.close();
  });
});
