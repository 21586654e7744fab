/**
 * `helpline serve <dir> [--port 5174]`: a local preview of a knowledge folder. Builds the pack in memory,
 * rebuilds it when a file changes, and tells open pages to reload (server-sent events).
 */
import { createServer, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { UsageError, type Args } from './args.js';
import { compileKnowledge, formatProblem, KnowledgeError } from '../node/index.js';
import { checkArticleLanguages } from '../node/language-check.js';
import { DEFAULT_SETTINGS } from '../bot/settings.js';
import { previewPage, type PreviewState } from '../report/preview-page.js';
import type { Problem } from '../knowledge/article.js';

export const DEFAULT_PORT = 5174;

/** A running preview. */
export interface Preview {
  url: string;
  /** the current build; `pack` is the pack's JSON text, absent while the folder has errors */
  readonly state: PreviewState & { pack?: string };
  close(): Promise<void>;
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
const IGNORED = /(^|[\\/])(\.[^\\/]*|[^\\/]*~|[^\\/]*\.sw[a-z])$/;

/** Starts the preview server on 127.0.0.1. `port` 0 picks a free port. */
export async function startPreview(
  folder: string,
  options: { port?: number; widget?: string; debounceMs?: number; onBuild?: (s: PreviewState) => void } = {},
): Promise<Preview> {
  const dir = resolve(folder);
  if (!existsSync(dir)) throw new UsageError(`no such folder: ${folder}`);
  // Looked up on each request, so running `npm run build` while the preview is open is enough.
  const widget = () => {
    const file = options.widget ?? findWidget();
    return file && existsSync(file) ? file : undefined;
  };
  const boot = randomBytes(4).toString('hex');
  let builds = 0;
  let state: PreviewState & { pack?: string; signature?: string };
  const clients = new Set<ServerResponse>();

  function build(): void {
    // Problems name files relative to the working directory; the page names them relative to the folder.
    const shown = (p: Problem): Problem => ({ ...p, file: relative(dir, resolve(p.file)) || p.file });
    let next: Omit<PreviewState, 'version' | 'dir' | 'widget'> & { pack?: string };
    try {
      const { text, pack, read } = compileKnowledge(dir);
      const d = pack.data;
      next = {
        ok: true,
        pack: text,
        problems: [...read.problems, ...checkArticleLanguages(read.articles)].map(shown),
        summary: `${d.articles.length} articles in ${d.languages.length} language(s) (${d.languages.join(', ')}), pack ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`,
        settings: pick({ ...DEFAULT_SETTINGS, ...d.settings }),
      };
    } catch (e) {
      const problems = e instanceof KnowledgeError ? e.problems : [{ file: dir, line: 0, severity: 'error' as const, message: (e as Error).message }];
      next = { ok: false, problems: problems.map(shown), summary: 'the folder has errors', settings: pick(DEFAULT_SETTINGS) };
    }
    const signature = next.ok ? `${next.pack!.length}:${hashOf(next.pack!)}:${JSON.stringify(next.problems)}` : JSON.stringify(next.problems);
    if (state && signature === state.signature) return;
    state = { ...next, dir: folder, widget: !!widget(), version: `${boot}-${++builds}`, signature };
    for (const c of clients) c.write(`event: version\ndata: ${state.version}\n\n`);
    options.onBuild?.(state);
  }
  build();

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (status: number, type: string, body: string | Buffer) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    if (path === '/') return send(200, 'text/html; charset=utf-8', previewPage({ ...state, widget: !!widget() }));
    if (path === '/pack.json') return state.pack ? send(200, 'application/json', state.pack) : send(503, 'application/json', JSON.stringify({ error: 'the knowledge folder has errors', problems: state.problems.map(formatProblem) }));
    if (path === '/favicon.ico') return send(204, 'image/x-icon', '');
    if (path === '/status.json') return send(200, 'application/json', JSON.stringify({ version: state.version, ok: state.ok, summary: state.summary, problems: state.problems.map(formatProblem) }));
    if (path === '/helpline.js') {
      const file = widget();
      return file ? send(200, 'text/javascript; charset=utf-8', readFileSync(file)) : send(404, 'text/plain', 'dist/helpline.js is missing: run `npm run build`\n');
    }
    if (path === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      res.write(`retry: 1000\nevent: version\ndata: ${state.version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    send(404, 'text/plain', 'not found\n');
  });
  // Proxies close idle streams; a comment every 25 s keeps the reload channel open.
  const keepAlive = setInterval(() => clients.forEach((c) => c.write(': ping\n\n')), 25_000);
  keepAlive.unref();

  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, (_event, file) => {
      if (file && IGNORED.test(String(file))) return;
      clearTimeout(timer);
      timer = setTimeout(build, options.debounceMs ?? 150);
    });
    watcher.on('error', (e) => process.stderr.write(`helpline serve: stopped watching ${folder}: ${e.message}\n`));
  } catch (e) {
    process.stderr.write(`helpline serve: cannot watch ${folder} (${(e as Error).message}); restart to see changes\n`);
  }

  const stop = () => {
    clearTimeout(timer);
    clearInterval(keepAlive);
    watcher?.close();
  };
  try {
    await new Promise<void>((ok, fail) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        fail(e.code === 'EADDRINUSE' ? new UsageError(`port ${options.port} is in use: try --port ${(options.port ?? DEFAULT_PORT) + 1}`) : e),
      );
      server.listen(options.port ?? DEFAULT_PORT, '127.0.0.1', ok);
    });
  } catch (e) {
    stop();
    throw e;
  }
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;

  return {
    url: `http://127.0.0.1:${port}/`,
    get state() {
      return state;
    },
    close: () =>
      new Promise<void>((ok) => {
        stop();
        for (const c of clients) c.end();
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

const pick = (s: { answer: number; clarify: number; intent: number }) => ({ answer: s.answer, clarify: s.clarify, intent: s.intent });

/** A cheap content hash (FNV-1a) to tell a real change from a save without changes. */
function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** The `helpline serve` command: runs until Ctrl+C. */
export async function serve(args: Args): Promise<number> {
  const dir = args._[0];
  if (!dir) throw new UsageError('missing the knowledge folder: helpline serve <dir> [--port 5174]');
  const raw = typeof args.port === 'string' ? args.port : process.env.PORT;
  const port = raw === undefined || raw === '' ? DEFAULT_PORT : Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be a whole number from 0 to 65535, not ${raw}`);
  const report = (s: PreviewState) => {
    const errors = s.problems.filter((p) => p.severity === 'error');
    // In the terminal, paths relative to where the command ran, so editors can open them.
    const where = (p: Problem) => formatProblem({ ...p, file: join(dir, p.file) });
    process.stderr.write(s.ok ? `${new Date().toLocaleTimeString()} built: ${s.summary}\n` : `${new Date().toLocaleTimeString()} ${errors.length} error(s):\n${errors.map(where).join('\n')}\n`);
  };
  const preview = await startPreview(dir, { port, onBuild: report });
  if (!preview.state.widget) process.stderr.write('dist/helpline.js is missing: the page shows no bot until you run `npm run build`\n');
  process.stdout.write(`Helpline preview of ${dir}: ${preview.url}  (Ctrl+C to stop)\n`);
  await new Promise<void>((done) => {
    const stop = () => void preview.close().then(done);
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
