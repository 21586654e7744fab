/**
 * `helpline api`: the answer API (DESIGN.md "Answer API"). `POST /v1/ask {"text", "state"?, "lang"?}` →
 * `{"reply", "state"}`. The conversation lives in the state the client sends back each time, so the server keeps
 * none and any number of instances can run behind any load balancer. Bad input gets a 4xx with a JSON error that
 * says what is wrong; nothing a client sends can crash the process.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createBot, MAX_MESSAGE } from '../bot/create-bot.js';
import { restoreState } from '../bot/state.js';
import { LANG_PATTERN } from '../knowledge/article.js';
import { openPackSource, type PackSource, type PackSourceOptions } from './pack-source.js';

export const DEFAULT_API_PORT = 8788;
/** Largest request body: a question (≤ MAX_MESSAGE) and a full conversation state, with room to spare. */
export const MAX_BODY = 256 * 1024;
/** A client that has not sent its whole request by then is cut off (slow-loris). */
const REQUEST_TIMEOUT_MS = 10_000;
const HEADERS_TIMEOUT_MS = 5_000;
const KEEP_ALIVE_MS = 5_000;

export interface AnswerApiOptions extends PackSourceOptions {
  /** 0 picks a free port (tests, benches) */
  port?: number;
  host?: string;
  /** A client that has not sent its whole request in this time gets 408 (default 10 s). */
  requestTimeoutMs?: number;
  /** Access-Control-Allow-Origin: the widget calls from the exchange's own origin (default `*`: the API takes no credentials). */
  origin?: string;
}

export interface AnswerApi {
  url: string;
  server: Server;
  packs: PackSource;
  close(): Promise<void>;
}

/** A client mistake, answered with its status and a sentence. */
class RequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const declared = Number(req.headers['content-length']);
    if (declared > MAX_BODY) return fail(new RequestError(413, `the request body is over ${MAX_BODY} bytes`));
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        fail(new RequestError(413, `the request body is over ${MAX_BODY} bytes`));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    // A client that hung up or was cut off by the request timeout: nothing to answer, nothing to log.
    req.on('error', () => fail(new RequestError(408, 'the request was not received in full')));
  });
}

/** The request's fields, checked: each mistake named. */
function parseAsk(body: string): { text: string; state: unknown; lang?: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    throw new RequestError(400, `the body is not valid JSON: ${(e as Error).message}`);
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    throw new RequestError(400, 'the body must be a JSON object: {"text": "…", "state"?: {…}, "lang"?: "en"}');
  const { text, state, lang } = json as Record<string, unknown>;
  if (typeof text !== 'string') throw new RequestError(400, '"text" must be a string: the user\'s message');
  if (lang !== undefined && (typeof lang !== 'string' || !LANG_PATTERN.test(lang)))
    throw new RequestError(400, '"lang" must be a language tag such as "en" or "zh-TW"');
  if (state !== undefined && (state === null || typeof state !== 'object')) throw new RequestError(400, '"state" must be the object a previous reply returned');
  return { text, state, lang: lang as string | undefined };
}

/**
 * A state from the client is untrusted: restoreState keeps only the expected shape, and each turn's text is cut
 * to what the bot itself would have kept, so a crafted state cannot make a follow-up question slow.
 */
function clientState(state: unknown) {
  const s = restoreState(state);
  for (const t of s.turns) if (t.text.length > MAX_MESSAGE) t.text = t.text.slice(0, MAX_MESSAGE);
  return s;
}

export async function startAnswerApi(kb: string, options: AnswerApiOptions = {}): Promise<AnswerApi> {
  const packs = openPackSource(kb, options);
  const origin = options.origin ?? '*';

  const send = (res: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
    res.end(text);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', origin);
    if (origin !== '*') res.setHeader('vary', 'origin');
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { 'access-control-allow-methods': 'POST, GET', 'access-control-allow-headers': 'content-type', 'access-control-max-age': '86400' });
      return void res.end();
    }
    if (path === '/v1/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new RequestError(405, 'use GET /v1/health');
      const pack = packs.current;
      return send(
        res,
        pack ? 200 : 503,
        pack ? { ok: true, pack: pack.hash, languages: pack.data.languages, articles: pack.data.articles.length } : { ok: false, error: 'the pack is loading' },
      );
    }
    if (path !== '/v1/ask') throw new RequestError(404, `no such endpoint: ${path} (POST /v1/ask, GET /v1/health)`);
    if (req.method !== 'POST') throw new RequestError(405, 'use POST /v1/ask with a JSON body');
    const type = String(req.headers['content-type'] ?? '');
    if (type && !/^application\/json\b/i.test(type) && !/^text\/plain\b/i.test(type)) throw new RequestError(415, 'send the body as application/json');
    const { text, state, lang } = parseAsk(await readBody(req));
    // The pack as it is now: a swap during this request does not touch it.
    const pack = packs.current;
    if (!pack) throw new RequestError(503, 'the pack is loading: try again in a moment');
    const bot = createBot(pack, { lang, state: clientState(state) });
    const reply = await bot.ask(text, { lang });
    send(res, 200, { reply, state: bot.state });
  }

  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  // Node checks for timed-out requests every connectionsCheckingInterval (30 s by default): check often enough to matter.
  const server = createServer(
    { requestTimeout, headersTimeout: Math.min(HEADERS_TIMEOUT_MS, requestTimeout), connectionsCheckingInterval: Math.min(1000, requestTimeout) },
    (req, res) => {
      handle(req, res).catch((e) => {
        if (res.headersSent || res.destroyed) return void res.destroy();
        if (e instanceof RequestError) {
          if (e.status === 413) res.setHeader('connection', 'close');
          return send(res, e.status, { error: e.message });
        }
        // Never the message: it may quote the user's text. The bot itself never throws (it answers with a fallback).
        console.error('helpline api: request failed', (e as Error)?.name);
        send(res, 500, { error: 'internal error' });
      });
    },
  );
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.on('clientError', (e: NodeJS.ErrnoException, socket) => {
    const timedOut = e.code === 'ERR_HTTP_REQUEST_TIMEOUT';
    if (socket.writable) socket.end(`HTTP/1.1 ${timedOut ? '408 Request Timeout' : '400 Bad Request'}\r\nconnection: close\r\n\r\n`);
    else socket.destroy();
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? DEFAULT_API_PORT, options.host ?? '127.0.0.1', ok);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`,
    server,
    packs,
    async close() {
      await new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
      await packs.close();
    },
  };
}
