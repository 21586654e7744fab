#!/usr/bin/env node
/**
 * A small receiver for the handoffs that the Helpline widget POSTs (`data-handoff-url`). It needs nothing
 * but Node and the built package: it checks where a handoff comes from, who the user is (userHash), removes
 * any secret that got through, stores each ticket once in a JSON Lines file, prints a summary line, and can
 * forward the ticket to a helpdesk with a signed webhook. See README.md for the settings.
 *
 * For live agents, a durable forwarding queue and a real store, run `helpline relay` instead
 * (docs/live-agents.md): this example keeps one JSON Lines file and forwards from memory.
 */
import { createServer } from 'node:http';
import { open } from 'node:fs/promises';
import { createReadStream, existsSync, openSync, closeSync, readSync, fstatSync, ftruncateSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { redactSecrets, verifyUserHash, signWebhook, SIGNATURE_HEADER } from '../../dist/node.js';

const REASONS = new Set(['requested', 'repeated-failure', 'frustration', 'urgent-topic']);
const PRIORITIES = new Set(['urgent', 'high', 'normal']);
const MAX_TURNS = 200;
const MAX_TEXT = 8000;

/**
 * Starts the receiver. Options: port, host, origins (allowed page origins), userHashSecret, tickets (the
 * JSON Lines file), maxBody (bytes), forwardUrl and webhookSecret, path, log (one line per event).
 */
export async function startHandoffServer(options = {}) {
  const {
    port = 8787,
    host = '127.0.0.1',
    origins = [],
    userHashSecret = '',
    tickets = 'tickets.jsonl',
    maxBody = 512 * 1024,
    forwardUrl = '',
    webhookSecret = '',
    path = '/handoff',
    log = (line) => console.log(line),
  } = options;
  if (forwardUrl && !webhookSecret) throw new Error('forwarding needs a webhook secret to sign with');
  const allowed = new Set(origins);
  /** Idempotency-Key → the response already given; filled from the tickets file so restarts dedupe too. */
  const seen = new Map();
  cutTornTail(tickets);
  for await (const ticket of readTickets(tickets)) seen.set(ticket.key, { id: ticket.handoff.id, verified: ticket.verified });
  const store = await lineWriter(tickets);

  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000, connectionsCheckingInterval: 1_000 }, async (req, res) => {
    const origin = req.headers.origin;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Origin');
    if (origin && allowed.has(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
    const reply = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...headers });
      res.end(JSON.stringify(body));
    };

    // `new URL` throws on targets such as `http://[`: the path is taken by hand, anything else is a 400.
    const target = req.url ?? '';
    if (!target.startsWith('/')) return reply(400, { error: 'the request target must be a path' });
    if (target.split('?')[0] !== path) return reply(404, { error: 'not found' });
    // A browser page from an origin not on the list gets nothing; server-to-server calls carry no Origin.
    if (origin && !allowed.has(origin)) return reply(403, { error: 'origin not allowed' });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key',
        'Access-Control-Max-Age': '600',
      });
      return res.end();
    }
    if (req.method !== 'POST') return reply(405, { error: 'use POST' }, { Allow: 'POST, OPTIONS' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return reply(415, { error: 'send application/json' });

    const body = await readBody(req, maxBody);
    if (body === undefined) {
      reply(413, { error: `body larger than ${maxBody} bytes` }, { Connection: 'close' });
      return req.destroy();
    }
    let raw;
    try {
      raw = JSON.parse(body);
    } catch {
      return reply(400, { error: 'body is not JSON' });
    }
    const handoff = cleanHandoff(raw);
    if (typeof handoff === 'string') return reply(422, { error: handoff });
    const key = String(req.headers['idempotency-key'] ?? handoff.id);
    if (key.length > 200) return reply(400, { error: 'Idempotency-Key too long' });

    const done = seen.get(key);
    if (done) return reply(200, { ok: true, ...done, duplicate: true }, { 'Idempotent-Replayed': 'true' });

    const verified = Boolean(handoff.user?.id) && verifyUserHash(handoff.user.id, raw.user?.userHash, userHashSecret);
    const { handoff: redacted, found } = redactHandoff(handoff);
    const ticket = { key, receivedAt: new Date().toISOString(), verified, redactedByServer: found, handoff: redacted };
    // Marked before the write: a retry arriving meanwhile is a duplicate, not a second ticket.
    seen.set(key, { id: handoff.id, verified });
    try {
      await store(JSON.stringify(ticket) + '\n');
    } catch (e) {
      seen.delete(key);
      log(`handoff ${handoff.id}: could not store: ${e.message}`);
      return reply(500, { error: 'could not store the ticket' });
    }
    log(summary(ticket));
    reply(201, { ok: true, id: handoff.id, verified });
    if (forwardUrl) void forward(forwardUrl, webhookSecret, ticket, log);
  });

  // A request line Node cannot parse gets a 400, never an exception.
  server.on('clientError', (err, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, host, resolve));
  const address = server.address();
  return {
    server,
    url: `http://${host}:${address.port}${path}`,
    close: () => new Promise((resolve) => server.close(resolve)).then(() => store.close()),
  };
}

/** The body as text, or undefined once it passes the limit (the rest is not read). */
function readBody(req, limit) {
  if (Number(req.headers['content-length'] ?? 0) > limit) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.pause();
        resolve(undefined);
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(undefined));
  });
}

const text = (v, max = MAX_TEXT) => (typeof v === 'string' ? v.slice(0, max) : undefined);

/** Only the fields of the Handoff type, checked; anything else in the body is dropped. Returns an error text if invalid. */
function cleanHandoff(raw) {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'the body must be a handoff object';
  if (typeof raw.id !== 'string' || !/^[\w-]{1,100}$/.test(raw.id)) return "'id' must be a string of letters, digits, '-' or '_'";
  if (!REASONS.has(raw.reason)) return `'reason' must be one of ${[...REASONS].join(', ')}`;
  if (!PRIORITIES.has(raw.priority)) return `'priority' must be one of ${[...PRIORITIES].join(', ')}`;
  if (!Array.isArray(raw.transcript)) return "'transcript' must be a list of turns";
  const transcript = raw.transcript
    .slice(-MAX_TURNS)
    .flatMap((t) =>
      t && (t.role === 'user' || t.role === 'bot') && typeof t.text === 'string'
        ? [{ role: t.role, text: text(t.text), at: text(t.at, 40), kind: text(t.kind, 20), article: text(t.article, 100), lang: text(t.lang, 20) }]
        : [],
    );
  const u = raw.user && typeof raw.user === 'object' ? raw.user : undefined;
  // userHash is checked, never stored: whoever reads the tickets could replay it.
  const user = u && {
    id: text(u.id, 200),
    email: text(u.email, 320),
    name: text(u.name, 200),
    vipLevel: Number.isFinite(u.vipLevel) ? u.vipLevel : undefined,
  };
  const t = raw.ticket && typeof raw.ticket === 'object' ? raw.ticket : undefined;
  if (t && (typeof t.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t.email))) return "'ticket.email' must be an email address";
  return {
    id: raw.id,
    reason: raw.reason,
    priority: raw.priority,
    team: text(raw.team, 60) ?? 'general',
    lang: text(raw.lang, 20) ?? 'en',
    topic: text(raw.topic, 100),
    transcript,
    user,
    live: raw.live !== false,
    createdAt: text(raw.createdAt, 40),
    ticket: t && { email: t.email.slice(0, 320), description: text(t.description) ?? '' },
  };
}

/** Redacts every text a user wrote, again: a modified or outdated client may have sent secrets. */
function redactHandoff(handoff) {
  const found = new Set();
  const clean = (s) => {
    if (typeof s !== 'string') return s;
    const r = redactSecrets(s);
    r.found.forEach((k) => found.add(k));
    return r.text;
  };
  const transcript = handoff.transcript.map((t) => ({ ...t, text: clean(t.text) }));
  const ticket = handoff.ticket && { ...handoff.ticket, description: clean(handoff.ticket.description) };
  const user = handoff.user && { ...handoff.user, name: clean(handoff.user.name) };
  return { handoff: { ...handoff, transcript, ticket, user }, found: [...found] };
}

/** One line an operator can read: when, priority, team, language, who, how long, what kind. */
function summary({ receivedAt, verified, redactedByServer, handoff: h }) {
  const who = h.user?.id ? `user ${h.user.id}${verified ? ' (verified)' : ' (NOT verified)'}` : 'anonymous';
  const kind = h.ticket ? `ticket from ${h.ticket.email}` : h.live ? 'live' : 'offline';
  const extra = redactedByServer.length ? `, server removed: ${redactedByServer.join(', ')}` : '';
  const last = [...h.transcript].reverse().find((t) => t.role === 'user')?.text ?? '';
  const line = `${receivedAt} ${h.priority.toUpperCase()} ${h.reason} team=${h.team} lang=${h.lang} ${who} ${kind}, ${h.transcript.length} turns${extra}: "${last.slice(0, 80)}"`;
  // Control characters from user text would let one line pose as several.
  return line.replace(/[\u0000-\u001f\u007f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ');
}

/** The tickets, a line at a time: a file of any size (a string holds at most ~512 MB) opens. */
async function* readTickets(file) {
  if (!existsSync(file)) return;
  for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    try {
      const t = JSON.parse(line);
      if (t && typeof t.key === 'string' && t.handoff) yield t;
    } catch {
      /* not a ticket */
    }
  }
}

/**
 * A crash in the middle of a write leaves a last line without its newline; the next ticket would be glued
 * onto it. That half line was never acknowledged (tickets are acknowledged after fsync): cut it.
 */
function cutTornTail(file) {
  if (!existsSync(file)) return;
  const fd = openSync(file, 'r+');
  try {
    let end = fstatSync(fd).size;
    const buf = Buffer.alloc(64 * 1024);
    let cut = end;
    while (cut > 0) {
      const from = Math.max(0, cut - buf.length);
      const n = readSync(fd, buf, 0, cut - from, from);
      const nl = buf.subarray(0, n).lastIndexOf(0x0a);
      if (nl >= 0) {
        cut = from + nl + 1;
        break;
      }
      cut = from;
    }
    if (cut < end) ftruncateSync(fd, cut);
  } finally {
    closeSync(fd);
  }
}

/**
 * Appends whole lines, one at a time, each fsynced before the next: concurrent requests never interleave
 * their bytes, however long the lines.
 */
async function lineWriter(file) {
  const handle = await open(file, 'a');
  let chain = Promise.resolve();
  const write = (line) => {
    const done = chain.then(async () => {
      const buf = Buffer.from(line);
      for (let off = 0; off < buf.length;) off += (await handle.write(buf, off)).bytesWritten;
      await handle.sync();
    });
    chain = done.catch(() => {});
    return done;
  };
  write.close = () => chain.then(() => handle.close());
  return write;
}

/**
 * Sends the ticket to the helpdesk, signed, until it is accepted: the pause doubles up to 5 minutes. (From
 * memory: a restart forgets what was not yet forwarded; `helpline relay` keeps its queue on disk.)
 */
async function forward(url, secret, ticket, log) {
  const body = JSON.stringify(ticket);
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': ticket.key, [SIGNATURE_HEADER]: signWebhook(body, secret) },
        body,
        signal: AbortSignal.timeout(15_000),
      });
      if (res.ok) return;
      if (attempt === 0 || attempt % 10 === 0) log(`forward ${ticket.key}: HTTP ${res.status}, retrying`);
    } catch (e) {
      if (attempt === 0 || attempt % 10 === 0) log(`forward ${ticket.key}: ${e.message}, retrying`);
    }
    await new Promise((r) => setTimeout(r, Math.min(5 * 60_000, 500 * 2 ** Math.min(attempt, 20))));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const env = process.env;
  const list = (v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  const { url } = await startHandoffServer({
    port: Number(env.PORT ?? 8787),
    host: env.HOST ?? '127.0.0.1',
    origins: list(env.HELPLINE_ORIGINS),
    userHashSecret: env.HELPLINE_USER_HASH_SECRET ?? '',
    tickets: env.HELPLINE_TICKETS ?? 'tickets.jsonl',
    maxBody: Number(env.HELPLINE_MAX_BODY ?? 512 * 1024),
    forwardUrl: env.HELPLINE_FORWARD_URL ?? '',
    webhookSecret: env.HELPLINE_WEBHOOK_SECRET ?? '',
  });
  console.log(`helpline handoff server: POST handoffs to ${url}`);
}
