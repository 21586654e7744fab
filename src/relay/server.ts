/**
 * `helpline relay`: the HTTP server between widgets and a helpdesk (DESIGN.md, "Relay"). Visitors POST
 * handoffs, follow their conversation over server-sent events and write to the agent; agents (a helpdesk
 * adapter or a console, with HELPLINE_AGENT_KEY) read conversations, reply, type and change the status.
 * Every change is durable in the store before it is acknowledged, and forwarded to the helpdesk webhook
 * from the store's queue. Hostile input gets a 4xx, never a crash: request lines and URLs are parsed by
 * hand, bodies are capped (413), slow clients time out, connections and each client's rate are limited.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, timingSafeEqual } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { cleanHandoff, cleanText } from './handoff-shape.js';
import { Forwarder } from './forwarder.js';
import { RateLimiter } from './rate-limit.js';
import type { Conversation, LiveState, RelayEvent, RelayStore } from './store.js';

export interface RelayOptions {
  store: RelayStore;
  port?: number;
  host?: string;
  /** the agents' bearer key; without it the agent API answers 503 */
  agentKey?: string;
  /** page origins allowed to call the visitor API from a browser; empty: any (tokens, not cookies, protect it) */
  origins?: string[];
  /** the helpdesk webhook every new handoff, message, status and survey answer is forwarded to */
  forwardUrl?: string;
  forwardSecret?: string;
  forwardBaseDelay?: number;
  forwardMaxDelay?: number;
  maxBody?: number;
  /** ms to receive a request's headers, and the whole request */
  headersTimeout?: number;
  requestTimeout?: number;
  maxConnections?: number;
  /** requests per client per minute (burst the same); 0 turns the limit off */
  ratePerMinute?: number;
  /** use the first X-Forwarded-For address as the client (behind your own proxy only) */
  trustProxy?: boolean;
  /** ms between keep-alive comments on an event stream */
  heartbeat?: number;
  log?: (line: string) => void;
}

export interface Relay {
  server: Server;
  url: string;
  close(): Promise<void>;
}

const STATES = new Set<LiveState>(['queued', 'connected', 'closed']);
const MAX_NAME = 80;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export async function startRelay(options: RelayOptions): Promise<Relay> {
  const { store, port = 8787, host = '127.0.0.1', maxBody = 256 * 1024, log = (l: string) => console.error(l) } = options;
  const origins = new Set(options.origins ?? []);
  const hub = new EventEmitter().setMaxListeners(0);
  const limiter = new RateLimiter(options.ratePerMinute ?? 120);
  const forwarder = options.forwardUrl
    ? new Forwarder(store, {
        url: options.forwardUrl,
        secret: options.forwardSecret ?? '',
        baseDelay: options.forwardBaseDelay,
        maxDelay: options.forwardMaxDelay,
        log,
      })
    : undefined;
  const streams = new Set<ServerResponse>();

  const publish = (c: Conversation, ev: RelayEvent) => {
    hub.emit(c.id, ev);
    forwarder?.kick();
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const origin = req.headers.origin;
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Vary', 'Origin');
    if (origin && (origins.size === 0 || origins.has(origin))) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Access-Control-Expose-Headers', 'Idempotent-Replayed');
    }
    const { path, query } = parseTarget(req.url);
    if (origin && origins.size && !origins.has(origin)) throw new HttpError(403, 'origin not allowed');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Content-Type, Idempotency-Key, Authorization, Last-Event-ID',
        'Access-Control-Max-Age': '600',
      });
      return void res.end();
    }
    if (!limiter.take(client(req, options.trustProxy))) throw new HttpError(429, 'too many requests', { 'Retry-After': '10' });
    const parts = path.split('/').slice(1).map(decodePart);

    if (path === '/v1/health') {
      if (req.method !== 'GET') throw new HttpError(405, 'use GET', { Allow: 'GET' });
      return store.healthy() ? json(res, 200, { ok: true, store: store.kind }) : json(res, 503, { ok: false, store: store.kind });
    }
    if (path === '/v1/handoffs') {
      post(req);
      const raw = await readJson(req, maxBody);
      const handoff = cleanHandoff(raw);
      if (typeof handoff === 'string') throw new HttpError(422, handoff);
      const key = String(req.headers['idempotency-key'] ?? handoff.id);
      if (key.length > 200) throw new HttpError(400, 'the Idempotency-Key header is longer than 200 characters');
      const seen = store.byKey(key);
      if (seen) return json(res, 200, { conversation: seen.id, token: seen.token }, { 'Idempotent-Replayed': 'true' });
      const c = await store.create(key, handoff);
      forwarder?.kick();
      return json(res, 201, { conversation: c.id, token: c.token });
    }
    if (parts[0] === 'v1' && parts[1] === 'conversations' && (parts.length === 3 || parts.length === 4)) {
      const c = store.get(parts[2]);
      if (!c || !sameSecret(bearer(req) ?? query.get('token') ?? '', c.token)) throw new HttpError(404, 'no such conversation, or a wrong token');
      if (parts.length === 3) {
        // where the visitor's conversation (or ticket) stands, without keeping a stream open: Helpline.ticket(id)
        if (req.method !== 'GET') throw new HttpError(405, 'use GET', { Allow: 'GET' });
        return json(res, 200, { conversation: c.id, state: c.state, live: c.handoff.live, createdAt: c.createdAt, events: c.events.map(eventOut) });
      }
      const what = parts[3];
      if (what === 'events') {
        if (req.method !== 'GET') throw new HttpError(405, 'use GET', { Allow: 'GET' });
        const after = Number(req.headers['last-event-id'] ?? query.get('lastEventId') ?? 0);
        return stream(req, res, c, Number.isFinite(after) ? after : 0);
      }
      post(req);
      const body = await readJson(req, maxBody);
      const key = header(req, 'idempotency-key');
      if (what === 'messages') {
        const text = cleanText(body.text);
        if (!text?.trim()) throw new HttpError(422, "'text' must be a non-empty string");
        if (c.state === 'closed') throw new HttpError(409, 'the conversation is closed');
        const ev = await store.addEvent(c.id, { type: 'message', from: 'user', text }, key);
        publish(c, ev);
        return json(res, 201, { id: ev.id });
      }
      if (what === 'csat') {
        const score = body.score;
        if (!Number.isInteger(score) || score < 1 || score > 5) throw new HttpError(422, "'score' must be a whole number from 1 to 5");
        if (body.comment !== undefined && typeof body.comment !== 'string') throw new HttpError(422, "'comment' must be a string");
        const comment = cleanText(body.comment, 2000);
        await store.setCsat(c.id, { score, ...(comment ? { comment } : {}) });
        forwarder?.kick();
        return json(res, 201, { ok: true });
      }
      if (what === 'close') {
        if (c.state !== 'closed') publish(c, await store.addEvent(c.id, { type: 'status', state: 'closed', from: 'user' }, key));
        return json(res, 200, { state: 'closed' });
      }
      throw new HttpError(404, `no such path: ${path}`);
    }
    if (parts[0] === 'v1' && parts[1] === 'agent' && parts[2] === 'conversations' && parts.length >= 3 && parts.length <= 5) {
      if (!options.agentKey) throw new HttpError(503, 'the agent API is off: set HELPLINE_AGENT_KEY');
      if (!sameSecret(bearer(req) ?? '', options.agentKey)) throw new HttpError(401, 'a wrong or missing agent key', { 'WWW-Authenticate': 'Bearer' });
      if (parts.length === 3) {
        // the agent console's inbox: conversations in a state (default: not closed), newest first
        if (req.method !== 'GET') throw new HttpError(405, 'use GET', { Allow: 'GET' });
        const state = query.get('state');
        if (state && !STATES.has(state as LiveState)) throw new HttpError(400, "'state' must be queued, connected or closed");
        const list = store
          .list()
          .filter((c) => (state ? c.state === state : c.state !== 'closed'))
          .reverse()
          .slice(0, 500);
        return json(res, 200, {
          conversations: list.map((c) => ({
            conversation: c.id,
            state: c.state,
            priority: c.handoff.priority,
            team: c.handoff.team,
            lang: c.handoff.lang,
            topic: c.handoff.topic ?? null,
            live: c.handoff.live,
            createdAt: c.createdAt,
            events: c.events.length,
          })),
        });
      }
      const c = store.get(parts[3]);
      if (!c) throw new HttpError(404, 'no such conversation');
      if (parts.length === 4) {
        if (req.method !== 'GET') throw new HttpError(405, 'use GET', { Allow: 'GET' });
        return json(res, 200, { conversation: c.id, handoff: c.handoff, state: c.state, events: c.events, csat: c.csat ?? null, createdAt: c.createdAt });
      }
      post(req);
      const body = await readJson(req, maxBody);
      const name = typeof body.name === 'string' ? cleanText(body.name, MAX_NAME) : undefined;
      const key = header(req, 'idempotency-key');
      if (parts[4] === 'messages') {
        const text = cleanText(body.text);
        if (!text?.trim()) throw new HttpError(422, "'text' must be a non-empty string");
        const ev = await store.addEvent(c.id, { type: 'message', from: 'agent', ...(name ? { name } : {}), text }, key);
        publish(c, ev);
        return json(res, 201, { id: ev.id });
      }
      if (parts[4] === 'status') {
        if (!STATES.has(body.state)) throw new HttpError(422, "'state' must be queued, connected or closed");
        const ev = await store.addEvent(c.id, { type: 'status', state: body.state, ...(name ? { name } : {}) }, key);
        publish(c, ev);
        return json(res, 201, { id: ev.id, state: body.state });
      }
      if (parts[4] === 'typing') {
        // not stored: a typing signal is stale in seconds
        hub.emit(c.id, { type: 'typing', ...(name ? { name } : {}) });
        return json(res, 202, { ok: true });
      }
    }
    throw new HttpError(404, `no such path: ${path}`);
  }

  /** The conversation's events after `after`, then each new one as it happens. */
  function stream(req: IncomingMessage, res: ServerResponse, c: Conversation, after: number): void {
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const send = (ev: RelayEvent | { type: 'typing' }) => {
      const id = 'id' in ev ? `id: ${ev.id}\n` : '';
      res.write(`${id}data: ${JSON.stringify(eventOut(ev))}\n\n`);
    };
    for (const ev of c.events) if (ev.id > after) send(ev);
    if (!c.events.some((e) => e.type === 'status')) res.write(`data: ${JSON.stringify({ type: 'status', state: c.state })}\n\n`);
    hub.on(c.id, send);
    streams.add(res);
    const beat = setInterval(() => res.write(': keep-alive\n\n'), options.heartbeat ?? 25_000);
    const end = () => {
      clearInterval(beat);
      hub.off(c.id, send);
      streams.delete(res);
    };
    req.socket.setTimeout(0);
    res.on('close', end);
  }

  // Node checks the header and request timeouts every connectionsCheckingInterval: a tenth of the timeout.
  const headersTimeout = options.headersTimeout ?? 10_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout: options.requestTimeout ?? 30_000,
      keepAliveTimeout: 5_000,
      connectionsCheckingInterval: Math.max(100, headersTimeout / 10),
    },
    (req, res) => {
      handle(req, res).catch((e: unknown) => {
        const err = e instanceof HttpError ? e : undefined;
        if (!err) log(`relay: ${req.method} ${String(req.url).slice(0, 200)}: ${(e as Error)?.stack ?? e}`);
        if (res.headersSent) return void res.destroy();
        json(
          res,
          err?.status ?? 500,
          { error: err?.message ?? 'internal error' },
          { ...err?.headers, ...(err?.status === 413 ? { Connection: 'close' } : {}) },
        );
        if (err?.status === 413) req.destroy();
      });
    },
  );
  server.maxConnections = options.maxConnections ?? 2000;
  // A request line or header Node cannot parse: a 400 to that socket, never an exception.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? 431 : err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, host, () => resolve()));
  forwarder?.kick(); // what a previous run left unforwarded
  const address = server.address() as { port: number };
  return {
    server,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`,
    async close() {
      forwarder?.stop();
      for (const s of streams) s.end();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
    },
  };
}

/** What the stream sends: DESIGN.md's event shapes. */
function eventOut(ev: RelayEvent | { type: 'typing'; name?: string }): Record<string, unknown> {
  if (ev.type === 'typing') return ev;
  const e = ev as RelayEvent;
  return e.type === 'status'
    ? { type: 'status', id: e.id, state: e.state, ...(e.name ? { name: e.name } : {}), at: e.at }
    : { type: 'message', id: e.id, from: e.from, ...(e.name ? { name: e.name } : {}), text: e.text, at: e.at };
}

/** The path and query of a request target, without `new URL` (which throws on `http://[`). */
export function parseTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  if (!target || target[0] !== '/' || target.length > 4096) throw new HttpError(400, 'the request target must be a path starting with /');
  const q = target.indexOf('?');
  return { path: q < 0 ? target : target.slice(0, q), query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)) };
}

function decodePart(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    throw new HttpError(400, 'the path has a malformed %-escape');
  }
}

function post(req: IncomingMessage): void {
  if (req.method !== 'POST') throw new HttpError(405, 'use POST', { Allow: 'POST, OPTIONS' });
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new HttpError(415, 'send Content-Type: application/json');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  if (typeof v !== 'string') return undefined;
  if (v.length > 200) throw new HttpError(400, `the ${name} header is longer than 200 characters`);
  return v;
}

function bearer(req: IncomingMessage): string | undefined {
  const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

/** Constant time, whatever the lengths (both are hashed first). */
function sameSecret(given: string, expected: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(given), h(expected));
}

function client(req: IncomingMessage, trustProxy?: boolean): string {
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')[0]
        .trim()
    : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** The body as a JSON object; 413 past the limit (the rest is not read), 400 if not JSON. */
async function readJson(req: IncomingMessage, limit: number): Promise<Record<string, any>> {
  if (Number(req.headers['content-length'] ?? 0) > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new HttpError(400, 'the body must be a JSON object');
  return value as Record<string, any>;
}

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}
