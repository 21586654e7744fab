/**
 * `helpline serve <dir> [--port 5174]`: a local preview of a knowledge folder. Builds the pack in a worker
 * thread (the server keeps answering during a rebuild, and serves the last good pack until the next one is
 * ready), rebuilds it when a file changes (chokidar: editors' atomic saves included), tells open pages to
 * reload (server-sent events), and serves everything compressed (brotli or gzip, per Accept-Encoding), the
 * pack with an ETag.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { watch as chokidar, type FSWatcher } from 'chokidar';
import { UsageError, type Args } from './args.js';
import { formatProblem } from '../node/index.js';
import { settingsOf } from '../pack/settings.js';
import { previewPage, type PreviewState } from '../report/preview-page.js';
import { esc } from '../report/html.js';
import { buildForPreview, type BuildResult } from './serve-worker.js';
import type { Problem } from '../knowledge/article.js';

/** The Host names the preview answers to: it listens on 127.0.0.1 only. */
const LOOPBACK_HOST = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/i;

export const DEFAULT_PORT = 5174;

/** What the preview shows now. */
export type PreviewStatus = PreviewState & {
  /** the first build has not finished yet */
  building: boolean;
  /** the folder has errors, and the pack served is the last good one */
  stale: boolean;
};

/** A running preview. */
export interface Preview {
  url: string;
  /** the current build */
  readonly state: PreviewStatus;
  close(): Promise<void>;
}

export interface PreviewOptions {
  /** 0 picks a free port */
  port?: number;
  /** the widget script to serve (default: dist/helpline.js) */
  widget?: string;
  /** how long to wait after a change for more changes before rebuilding */
  debounceMs?: number;
  /** each build that changed something, the first one included */
  onBuild?: (s: PreviewStatus) => void;
  /** a build starts (`first` for the one at start-up) */
  onBuildStart?: (first: boolean) => void;
  /** the steps of a build, as the compiler reports them */
  onProgress?: (step: string, first: boolean) => void;
  /** the server listens (before the first build is done) */
  onListen?: (url: string) => void;
  /** build on the server's own thread instead of a worker (slower to answer during builds) */
  inProcess?: boolean;
}

/** Finds dist/helpline.js from wherever this module was bundled to (dist/, dist/chunks/ or src/cli/). */
function findWidget(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'dist', 'helpline.js'))) return join(dir, 'dist', 'helpline.js');
  }
  return undefined;
}

/** Editors' swap and backup files change all the time and never hold articles. */
const IGNORED = /(^|[\\/])(\.[^\\/]*|[^\\/]*~|[^\\/]*\.sw[a-z]|[^\\/]*\.tmp|4913)$/;

/**
 * Runs builds in a worker thread: dist/serve-worker.js when bundled, src/cli/serve-worker.ts (through tsx)
 * when run from the sources. A worker that dies is replaced at the next build.
 */
class BuildWorker {
  private worker?: Worker;
  private next = 0;
  private pending = new Map<number, { dir: string; done: (r: BuildResult) => void; progress: (step: string) => void }>();
  /** why the worker could not start at all (then builds run on the server thread) */
  broken?: string;
  private spoke = false;

  static entry(): { file: URL; tsx?: string } | undefined {
    for (const rel of ['./serve-worker.js', '../serve-worker.js']) {
      const file = new URL(rel, import.meta.url);
      if (existsSync(fileURLToPath(file))) return { file };
    }
    const ts = new URL('./serve-worker.ts', import.meta.url);
    if (!existsSync(fileURLToPath(ts))) return undefined;
    try {
      // tsx's ESM API; its CommonJS entry registers a path that does not exist, so take the .mjs beside it.
      const api = createRequire(import.meta.url)
        .resolve('tsx/esm/api')
        .replace(/\.cjs$/, '.mjs');
      return existsSync(api) ? { file: ts, tsx: pathToFileURL(api).href } : undefined;
    } catch {
      return undefined;
    }
  }

  constructor(private readonly entry: { file: URL; tsx?: string }) {}

  private start(): Worker {
    const data = { workerData: { helplineServe: true } };
    const worker = this.entry.tsx
      ? new Worker(`import(${JSON.stringify(this.entry.tsx)}).then((m) => { m.register(); return import(${JSON.stringify(this.entry.file.href)}); })`, {
          eval: true,
          ...data,
        })
      : new Worker(this.entry.file, data);
    worker.unref();
    worker.on('message', (m: { id: number; progress?: string; result?: BuildResult }) => {
      this.spoke = true;
      const job = this.pending.get(m.id);
      if (!job) return;
      if (m.progress !== undefined) job.progress(m.progress);
      if (m.result) {
        this.pending.delete(m.id);
        job.done(m.result);
      }
    });
    const fail = (why: string) => {
      if (this.worker === worker) this.worker = undefined;
      if (!this.spoke) this.broken ??= why;
      for (const [id, job] of this.pending) {
        this.pending.delete(id);
        job.done({ ok: false, problems: [{ file: job.dir, line: 0, severity: 'error', message: `the build stopped: ${why}` }] });
      }
    };
    worker.on('error', (e) => fail(e.message));
    worker.on('exit', (code) => fail(`the build worker exited (${code})`));
    return worker;
  }

  build(dir: string, progress: (step: string) => void): Promise<BuildResult> {
    const worker = (this.worker ??= this.start());
    const id = ++this.next;
    return new Promise((done) => {
      this.pending.set(id, { dir, done, progress });
      worker.postMessage({ id, dir });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}

/** The encodings a request accepts, best first among those we have: brotli, gzip, or none. */
export function chooseEncoding(header: string | string[] | undefined): 'br' | 'gzip' | undefined {
  const q = new Map<string, number>();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qp = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name, qp ? Number(qp.slice(2)) || 0 : 1);
  }
  const ok = (e: string) => (q.get(e) ?? q.get('*') ?? 0) > 0;
  return ok('br') ? 'br' : ok('gzip') ? 'gzip' : undefined;
}

/** A body ready to send in each encoding, compressed once. */
interface Encoded {
  raw: Buffer;
  gzip?: Buffer;
  br?: Buffer;
  etag?: string;
}

function encode(body: string | Buffer): Encoded {
  const raw = typeof body === 'string' ? Buffer.from(body) : body;
  // Small bodies gain nothing from compression.
  if (raw.length < 1024) return { raw };
  return { raw, gzip: gzipSync(raw), br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }) };
}

/** Sends a body in the best encoding the request accepts; answers 304 when the client has this ETag. */
function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: Encoded, cache = 'no-store'): void {
  const headers: Record<string, string | number> = { 'content-type': type, 'cache-control': cache, 'x-content-type-options': 'nosniff' };
  if (body.gzip || body.br) headers.vary = 'accept-encoding';
  if (body.etag) {
    headers.etag = body.etag;
    const tags = String(req.headers['if-none-match'] ?? '')
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''));
    if (status === 200 && (tags.includes(body.etag.replace(/^W\//, '')) || tags.includes('*'))) {
      res.writeHead(304, headers);
      return void res.end();
    }
  }
  const encoding = chooseEncoding(req.headers['accept-encoding']);
  const chosen = encoding && body[encoding] ? body[encoding]! : body.raw;
  if (chosen !== body.raw) headers['content-encoding'] = encoding!;
  headers['content-length'] = chosen.length;
  res.writeHead(status, headers);
  res.end(req.method === 'HEAD' ? undefined : chosen);
}

/** The page shown while the first build runs: it reloads itself when the build is done. */
function buildingPage(dir: string, step: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Building… — Helpline preview</title>
<style>body { font: 15px/1.5 system-ui, sans-serif; margin: 40px; color: #1d2430; } code { background: #eef1f5; padding: 1px 4px; border-radius: 3px; }</style></head>
<body><h1>Building the pack of <code>${esc(dir)}</code>…</h1><p id="step">${esc(step)}</p>
<script>new EventSource('/events').addEventListener('version', (e) => { if (e.data !== 'building') location.reload(); });</script>
</body></html>`;
}

/**
 * Starts the preview server on 127.0.0.1 and watches the folder; resolves once the first build is done (the
 * server answers from the start: `onListen` says when). `port` 0 picks a free port.
 */
export async function startPreview(folder: string, options: PreviewOptions = {}): Promise<Preview> {
  const dir = resolve(folder);
  if (!existsSync(dir)) throw new UsageError(`no such folder: ${folder}`);
  // Looked up on each request, so running `npm run build` while the preview is open is enough.
  const widget = () => {
    const file = options.widget ?? findWidget();
    return file && existsSync(file) ? file : undefined;
  };
  const boot = randomBytes(4).toString('hex');
  let builds = 0;
  let step = 'starting';
  let state: PreviewStatus & { signature?: string } = {
    dir: folder,
    version: 'building',
    ok: false,
    building: true,
    stale: false,
    problems: [],
    summary: 'building…',
    settings: pick(settingsOf()),
    widget: !!widget(),
  };
  let pack: Encoded | undefined;
  let good = '';
  let closed = false;
  let page: { version: string; widget: boolean; body: Encoded } | undefined;
  const clients = new Set<ServerResponse>();

  const entry = options.inProcess ? undefined : BuildWorker.entry();
  if (!options.inProcess && !entry) process.stderr.write('helpline serve: no build worker found; building on the server thread\n');
  const worker = entry ? new BuildWorker(entry) : undefined;

  // Problems name files relative to the working directory; the page names them relative to the folder.
  const shown = (p: Problem): Problem => ({ ...p, file: relative(dir, resolve(p.file)) || p.file });

  function apply(result: BuildResult): void {
    const problems = result.problems.map(shown);
    const next = result.ok
      ? { ok: true, stale: false, problems, summary: result.summary, settings: result.settings }
      : {
          ok: false,
          stale: !!pack,
          problems,
          summary: pack ? `the folder has errors; the bot runs the last good build: ${good}` : 'the folder has errors',
          settings: state.settings,
        };
    const signature = `${result.ok ? result.etag : (pack?.etag ?? '-')}:${result.ok}:${JSON.stringify(problems)}`;
    if (result.ok) {
      const buf = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);
      pack = { raw: buf(result.pack), gzip: buf(result.gzip), br: buf(result.br), etag: result.etag };
      good = result.summary;
    }
    if (signature === state.signature) return;
    state = { ...state, ...next, building: false, dir: folder, widget: !!widget(), version: `${boot}-${++builds}`, signature };
    for (const c of clients) c.write(`event: version\ndata: ${state.version}\n\n`);
    options.onBuild?.(state);
  }

  let first = true;
  let fellBack = false;
  async function build(): Promise<void> {
    const isFirst = first;
    first = false;
    options.onBuildStart?.(isFirst);
    const progress = (s: string) => {
      step = s;
      options.onProgress?.(s, isFirst);
    };
    let result = worker && !worker.broken ? await worker.build(dir, progress) : buildForPreview(dir, progress);
    if (worker?.broken && !fellBack) {
      // A worker that cannot start (an unusual install): build here, slower to answer but working.
      fellBack = true;
      process.stderr.write(`helpline serve: the build worker did not start (${worker.broken}); building on the server thread\n`);
      result = buildForPreview(dir, progress);
    }
    if (!closed) apply(result);
  }

  // One build at a time; changes during a build start one more when it ends.
  let running: Promise<void> | undefined;
  let again = false;
  const kick = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = build().finally(() => {
      running = undefined;
      if (again) {
        again = false;
        void kick();
      }
    });
    return running;
  };

  const server = createServer((req, res) => {
    const text = (status: number, type: string, body: string | Buffer, cache?: string) => send(req, res, status, type, encode(body), cache);
    // DNS rebinding: a page of another site whose name resolves to 127.0.0.1 sends that name as Host.
    if (!LOOPBACK_HOST.test(req.headers.host ?? ''))
      return text(403, 'text/plain', 'forbidden: helpline serve answers to localhost, 127.0.0.1 and [::1] only\n');
    let path: string;
    try {
      path = new URL(req.url ?? '/', 'http://localhost').pathname;
    } catch {
      return text(400, 'text/plain', 'bad request\n');
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'text/plain', 'method not allowed\n');
    if (path === '/') {
      if (state.building) return text(200, 'text/html; charset=utf-8', buildingPage(folder, step));
      // Rendered and compressed once per build, not once per request.
      const hasWidget = !!widget();
      if (page?.version !== state.version || page.widget !== hasWidget)
        page = { version: state.version, widget: hasWidget, body: encode(previewPage({ ...state, widget: hasWidget })) };
      return send(req, res, 200, 'text/html; charset=utf-8', page.body);
    }
    if (path === '/pack.json') {
      if (pack) return send(req, res, 200, 'application/json', pack, 'no-cache');
      const body = state.building
        ? { error: 'the first build is running', step }
        : { error: 'the knowledge folder has errors', problems: state.problems.map(formatProblem) };
      return text(503, 'application/json', JSON.stringify(body));
    }
    if (path === '/health') return text(200, 'application/json', JSON.stringify({ ok: true, building: !!running, version: state.version }));
    if (path === '/favicon.ico') return text(204, 'image/x-icon', '');
    if (path === '/status.json') {
      return text(
        200,
        'application/json',
        JSON.stringify({
          version: state.version,
          ok: state.ok,
          building: !!running,
          stale: state.stale,
          summary: state.summary,
          problems: state.problems.map(formatProblem),
        }),
      );
    }
    if (path === '/helpline.js') {
      const file = widget();
      return file
        ? send(req, res, 200, 'text/javascript; charset=utf-8', widgetBody(file), 'no-cache')
        : text(404, 'text/plain', 'dist/helpline.js is missing: run `npm run build`\n');
    }
    // The widget code the loader imports (and its on-demand chunks): names carry their content hash, so they may be cached forever.
    if (/^\/helpline-[a-z-]+\.[\w-]+\.js$/.test(path)) {
      const file = widget() && join(dirname(widget()!), path.slice(1));
      return file && existsSync(file)
        ? send(req, res, 200, 'text/javascript; charset=utf-8', widgetBody(file), 'public, max-age=31536000, immutable')
        : text(404, 'text/plain', 'not found\n');
    }
    if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: version\ndata: ${state.version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    text(404, 'text/plain', 'not found\n');
  });
  // Proxies close idle streams; a comment every 25 s keeps the reload channel open.
  const keepAlive = setInterval(() => clients.forEach((c) => c.write(': ping\n\n')), 25_000);
  keepAlive.unref();

  // The loader and the widget code, each compressed once per version of the file.
  const widgetCache = new Map<string, { key: string; body: Encoded }>();
  const widgetBody = (file: string): Encoded => {
    const st = statSync(file);
    const key = `${st.size}:${st.mtimeMs}`;
    let cached = widgetCache.get(file);
    if (cached?.key !== key) {
      const body = encode(readFileSync(file));
      widgetCache.set(file, (cached = { key, body: { ...body, etag: `W/"${st.size.toString(36)}-${Math.round(st.mtimeMs).toString(36)}"` } }));
    }
    return cached.body;
  };

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  const stop = async () => {
    closed = true;
    clearTimeout(timer);
    clearInterval(keepAlive);
    await watcher?.close();
    await worker?.close();
  };
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        fail(e.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} is in use: try --port ${(options.port ?? DEFAULT_PORT) + 1}`, { hint: false }) : e),
      );
      server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', ok);
    });
  } catch (e) {
    await stop();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const url = `http://127.0.0.1:${port}/`;
  options.onListen?.(url);

  // chokidar, not fs.watch: after an editor's atomic save (write a temp file, rename it over the article)
  // Node's recursive watch on Linux stops seeing the file; chokidar watches the folders and sees the rename.
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void kick(), options.debounceMs ?? 150);
  };
  watcher = chokidar(dir, { ignoreInitial: true, followSymlinks: false, atomic: true, ignored: (p: string) => p !== dir && IGNORED.test(p) });
  watcher.on('all', changed);
  watcher.on('error', (e) => process.stderr.write(`helpline serve: watching ${folder}: ${(e as Error).message}\n`));
  const ready = new Promise<void>((ok) => watcher!.once('ready', () => ok()));
  await Promise.all([kick(), ready]);

  return {
    url,
    get state() {
      return state;
    },
    close: async () => {
      await stop();
      for (const c of clients) c.end();
      await new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      });
    },
  };
}

const pick = (s: { answer: number; clarify: number; intent: number }) => ({ answer: s.answer, clarify: s.clarify, intent: s.intent });

/** The `helpline serve` command: runs until Ctrl+C. */
export async function serve(args: Args): Promise<number> {
  const dir = args._[0];
  if (!dir) throw new UsageError('missing the knowledge folder: helpline serve <dir> [--port 5174]');
  const raw = typeof args.port === 'string' ? args.port : process.env.PORT;
  const port = raw === undefined || raw === '' ? DEFAULT_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${raw}`);
  const time = () => new Date().toLocaleTimeString();
  const tty = process.stderr.isTTY;
  const report = (s: PreviewStatus) => {
    const errors = s.problems.filter((p) => p.severity === 'error');
    // In the terminal, paths relative to where the command ran, so editors can open them.
    const where = (p: Problem) => formatProblem({ ...p, file: join(dir, p.file) });
    if (tty) process.stderr.write('\r\x1b[K');
    process.stderr.write(
      s.ok
        ? `${time()} built: ${s.summary}\n`
        : `${time()} ${errors.length} error(s)${s.stale ? ' (the preview keeps the last good build)' : ''}:\n${errors.map(where).join('\n')}\n`,
    );
  };
  const preview = await startPreview(dir, {
    port,
    onBuild: report,
    onListen: (url) => process.stdout.write(`Helpline preview of ${dir}: ${url}  (Ctrl+C to stop)\n`),
    // The first build of a large folder takes a while: say what it is doing. Rebuilds report when done.
    onProgress: (step, first) => first && process.stderr.write(tty ? `\r\x1b[K… ${step}` : `… ${step}\n`),
  });
  if (!preview.state.widget) process.stderr.write('dist/helpline.js is missing: the page shows no bot until you run `npm run build`\n');
  await new Promise<void>((done) => {
    const stop = () => void preview.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
