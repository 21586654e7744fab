import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { chooseEncoding, startPreview, type Preview, type PreviewStatus } from '../../src/cli/serve.js';
import { loadPack } from '../../src/pack/pack.js';
import { main } from '../../src/cli/main.js';
import { fixture, root } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-serve-'));
const kb = join(tmp, 'kb');
const widget = join(tmp, 'helpline.js');
const article = join(kb, 'en', 'withdrawals', 'withdrawal-fees.md');
let preview: Preview;

/** Reads server-sent events from the preview's reload channel. */
async function* versions(url: string, signal: AbortSignal): AsyncGenerator<string> {
  const res = await fetch(new URL('/events', url), { signal });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const message = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const m = /^event: version\ndata: (.+)$/m.exec(message);
      if (m) yield m[1];
    }
  }
}

const get = (path: string) => fetch(new URL(path, preview.url));

/** A raw GET (fetch would decompress and hide the encoding). */
function raw(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((ok, fail) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', fail);
    })
      .on('error', fail)
      .end();
  });
}

/** Saves a file the way editors do: write a temporary file beside it, then rename it over the original. */
function atomicSave(file: string, text: string): void {
  const temp = `${file}.${process.pid}.swap`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}

/** A promise that resolves at the next call of the returned callback. */
function signal<T = void>(): { wait: () => Promise<T>; fire: (v: T) => void } {
  let fire!: (v: T) => void;
  let promise = new Promise<T>((r) => (fire = r));
  return {
    wait: () => promise,
    fire: (v: T) => {
      const f = fire;
      promise = new Promise<T>((r) => (fire = r));
      f(v);
    },
  };
}

const titleOf = async (url: string, id: string, lang = 'en') =>
  loadPack(await (await fetch(new URL('/pack.json', url))).text()).data.articles.find((a) => a.id === id && a.lang === lang)?.title;

beforeAll(async () => {
  cpSync(fixture('kb-mini'), kb, { recursive: true });
  writeFileSync(widget, '/* the widget */');
  writeFileSync(join(tmp, 'helpline-widget.Ab12_x9Z.js'), '/* the widget code */');
  preview = await startPreview(kb, { port: 0, widget, debounceMs: 50 });
});
afterAll(async () => {
  await preview?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe('helpline serve', () => {
  it('listens on 127.0.0.1 and serves the page, the widget and the pack built in memory', async () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await get('/');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<script src="/helpline.js" data-pack="/pack.json?v=${preview.state.version}"`);
    expect(html).toContain('8 articles in 3 language(s) (en, es, zh)');
    expect(html).toContain('id="panel"');
    expect(await (await get('/helpline.js')).text()).toBe('/* the widget */');
    // The widget code the loader imports, named by its hash: cached forever.
    const code = await get('/helpline-widget.Ab12_x9Z.js');
    expect(await code.text()).toBe('/* the widget code */');
    expect(code.headers.get('cache-control')).toMatch(/immutable/);
    expect((await get('/helpline-widget.nothere1.js')).status).toBe(404);
    const pack = loadPack(await (await get('/pack.json')).text());
    expect(pack.data.articles.find((a) => a.id === 'withdrawal-fees' && a.lang === 'en')?.title).toBe('How much does a withdrawal cost?');
    expect((await get('/nothing')).status).toBe(404);
  });

  it("answers only to loopback Host names (another site's name resolving to 127.0.0.1 gets 403)", async () => {
    const status = (host: string, path = '/pack.json') =>
      new Promise<number>((resolve, reject) => {
        const u = new URL(preview.url);
        const req = request({ host: u.hostname, port: u.port, path, headers: { host } }, (res) => (res.resume(), resolve(res.statusCode!)));
        req.on('error', reject);
        req.end();
      });
    expect(await status('evil.example')).toBe(403);
    expect(await status(`evil.example:${new URL(preview.url).port}`)).toBe(403);
    expect(await status(`localhost:${new URL(preview.url).port}`)).toBe(200);
    expect(await status(`127.0.0.1:${new URL(preview.url).port}`)).toBe(200);
    expect(await status(`[::1]:${new URL(preview.url).port}`)).toBe(200);
  });

  it('rebuilds when a file changes and tells the page to reload', async () => {
    const abort = new AbortController();
    const stream = versions(preview.url, abort.signal);
    const first = (await stream.next()).value;
    expect(first).toBe(preview.state.version);

    writeFileSync(article, readFileSync(article, 'utf8').replace('title: "How much does a withdrawal cost?"', 'title: "What a withdrawal costs"'));
    const next = (await stream.next()).value;
    abort.abort();
    expect(next).not.toBe(first);
    const pack = loadPack(await (await get('/pack.json')).text());
    expect(pack.data.articles.find((a) => a.id === 'withdrawal-fees' && a.lang === 'en')?.title).toBe('What a withdrawal costs');
    expect(await (await get('/')).text()).toContain(`data-pack="/pack.json?v=${next}"`);
  });

  it('shows lint errors with file and line, keeps serving the last good pack, and recovers when they are fixed', async () => {
    const good = readFileSync(article, 'utf8');
    const before = await get('/pack.json');
    const etag = before.headers.get('etag');
    const lastGood = await before.text();
    writeFileSync(article, good.replace(/^title: .*$/m, 'title: [unclosed'));
    await vi.waitFor(() => expect(preview.state.ok).toBe(false), { timeout: 10_000, interval: 50 });
    expect(preview.state.stale).toBe(true);
    const html = await (await get('/')).text();
    expect(html).toMatch(/1 error\(s\): the bot runs the last good build until they are fixed/);
    expect(html).toMatch(/<code>en\/withdrawals\/withdrawal-fees\.md:\d+<\/code> <span class="error">error<\/span> YAML/);
    expect(html).toContain('src="/helpline.js"');
    const stale = await get('/pack.json');
    expect(stale.status).toBe(200);
    expect(stale.headers.get('etag')).toBe(etag);
    expect(await stale.text()).toBe(lastGood);
    const status = await (await get('/status.json')).json();
    expect(status).toMatchObject({ ok: false, stale: true });
    expect(status.problems[0]).toMatch(/withdrawal-fees\.md:\d+: error: YAML/);

    writeFileSync(article, good);
    await vi.waitFor(() => expect(preview.state.ok).toBe(true), { timeout: 10_000, interval: 50 });
    expect(preview.state.stale).toBe(false);
    expect(await (await get('/')).text()).toContain('src="/helpline.js"');
  });

  it('shows the errors of a first build that fails, with no pack to serve', async () => {
    const broken = join(tmp, 'broken');
    cpSync(fixture('kb-mini'), broken, { recursive: true });
    writeFileSync(join(broken, 'en', 'account', 'bad.md'), '---\nid: bad\ntitle: [unclosed\n---\nbody\n');
    const other = await startPreview(broken, { port: 0, widget });
    try {
      expect(other.state).toMatchObject({ ok: false, stale: false, building: false });
      const html = await (await fetch(other.url)).text();
      expect(html).toMatch(/1 error\(s\): the bot is not rebuilt until they are fixed/);
      expect(html).not.toContain('src="/helpline.js"');
      expect((await fetch(new URL('/pack.json', other.url))).status).toBe(503);
    } finally {
      await other.close();
    }
  });

  it('escapes what files say, and says when the widget is not built', async () => {
    const other = await startPreview(kb, { port: 0, widget: join(tmp, 'missing.js') });
    try {
      writeFileSync(join(kb, 'en', 'account', 'bad.md'), '---\nid: <b>bad</b>\ntitle: x\n---\nbody\n');
      await vi.waitFor(() => expect(preview.state.ok).toBe(false), { timeout: 10_000, interval: 50 });
      const html = await (await get('/')).text();
      expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
      expect(html).not.toContain('<b>bad</b>');
      rmSync(join(kb, 'en', 'account', 'bad.md'));
      await vi.waitFor(() => expect([preview.state.ok, other.state.ok]).toEqual([true, true]), { timeout: 10_000, interval: 50 });

      expect(await (await fetch(other.url)).text()).toContain('dist/helpline.js is missing');
      expect((await fetch(new URL('/helpline.js', other.url))).status).toBe(404);
    } finally {
      await other.close();
    }
  });

  it('refuses a port in use and a port that is not a number', async () => {
    const port = Number(new URL(preview.url).port);
    await expect(startPreview(kb, { port })).rejects.toThrow(`port ${port} is in use`);
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      expect(await main(['serve', kb, '--port', 'eighty'])).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('--port must be a whole number');
    } finally {
      stderr.mockRestore();
    }
  });
});

describe('helpline serve: watching, compression, builds off the server thread', () => {
  it('sees atomic saves (write a temporary file, rename it over the article), again and again', async () => {
    const abort = new AbortController();
    const stream = versions(preview.url, abort.signal);
    let version = (await stream.next()).value;
    const good = readFileSync(article, 'utf8');
    try {
      for (const title of ['Saved atomically once', 'Saved atomically twice', 'Saved atomically three times']) {
        atomicSave(article, good.replace(/^title: .*$/m, `title: "${title}"`));
        const next = (await stream.next()).value;
        expect(next).not.toBe(version);
        version = next;
        expect(await titleOf(preview.url, 'withdrawal-fees')).toBe(title);
      }
    } finally {
      atomicSave(article, good);
      await stream.next();
      abort.abort();
    }
    expect(await titleOf(preview.url, 'withdrawal-fees')).toBe(/^title: "?(.*?)"?$/m.exec(good)![1]);
    expect(readFileSync(article, 'utf8')).toBe(good);
  });

  it('serves the pack compressed as asked, with an ETag that answers 304', async () => {
    const url = new URL('/pack.json', preview.url).href;
    const plain = await raw(url);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toBe('accept-encoding');
    loadPack(plain.body.toString('utf8'));

    const gz = await raw(url, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.body.length).toBeLessThan(plain.body.length * 0.8);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);

    const br = await raw(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
    expect((await raw(url, { 'accept-encoding': 'br;q=0, gzip' })).headers['content-encoding']).toBe('gzip');

    const etag = String(plain.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    expect(gz.headers.etag).toBe(etag);
    const again = await raw(url, { 'if-none-match': etag, 'accept-encoding': 'gzip' });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await raw(url, { 'if-none-match': 'W/"other"' })).status).toBe(200);

    const page = await raw(preview.url, { 'accept-encoding': 'gzip' });
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(page.body).toString()).toContain('id="panel"');
  });

  it('can build on the server thread instead of a worker', async () => {
    const other = await startPreview(kb, { port: 0, widget, inProcess: true });
    try {
      expect(other.state).toMatchObject({ ok: true, building: false });
      expect(await titleOf(other.url, 'withdrawal-fees', 'es')).toBeTruthy();
    } finally {
      await other.close();
    }
  });

  it('picks encodings by Accept-Encoding and q-values', () => {
    expect(chooseEncoding(undefined)).toBeUndefined();
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding('gzip')).toBe('gzip');
    expect(chooseEncoding('GZIP, BR')).toBe('br');
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(chooseEncoding('*')).toBe('br');
    expect(chooseEncoding('*, br;q=0')).toBe('gzip');
    expect(chooseEncoding('gzip;q=0')).toBeUndefined();
  });

  it('answers while a large knowledge base rebuilds, serving the old pack until the new one is ready', async () => {
    const big = join(tmp, 'big');
    for (const lang of ['en', 'es', 'ja', 'ko', 'ru', 'zh']) cpSync(join(root, 'knowledge', lang), join(big, lang), { recursive: true });
    cpSync(join(root, 'knowledge', 'glossary.yml'), join(big, 'glossary.yml'));
    const started = signal<boolean>();
    const built = signal<PreviewStatus>();
    const steps: string[] = [];
    let listened: string | undefined;
    let answeredDuringFirstBuild: Promise<unknown> | undefined;
    const other = await startPreview(big, {
      port: 0,
      widget,
      debounceMs: 20,
      onBuildStart: (first) => started.fire(first),
      onBuild: (s) => built.fire(s),
      onProgress: (step, first) => first && steps.push(step),
      onListen: (url) => {
        listened = url;
        // The server answers from the start, while the first build runs.
        answeredDuringFirstBuild = fetch(new URL('/health', url)).then((r) => r.json());
      },
    });
    try {
      expect(await answeredDuringFirstBuild).toMatchObject({ ok: true, building: true, version: 'building' });
      // Progress lines of the first build, as the compiler reports them.
      expect(steps[0]).toBe('reading the knowledge folder');
      expect(steps.some((s) => /indexing 210 articles in 6 language\(s\)/.test(s))).toBe(true);
      expect(other.state.summary).toMatch(/^210 articles in 6 language\(s\)/);
      const before = await fetch(new URL('/pack.json', other.url));
      const oldTag = before.headers.get('etag');
      await before.arrayBuffer();

      const file = join(big, 'en', 'account', 'account-frozen.md');
      const rebuilding = started.wait();
      const done = built.wait();
      atomicSave(file, readFileSync(file, 'utf8').replace(/^title: .*$/m, 'title: "Frozen, rebuilt in a worker"'));
      expect(await rebuilding).toBe(false);

      // The rebuild runs now. Requests are answered before it ends: whichever settles first wins the race.
      let finished = false;
      void done.then(() => (finished = true));
      const during = Promise.all([
        fetch(new URL('/health', other.url)).then((r) => r.json()),
        fetch(other.url).then((r) => r.text()),
        fetch(new URL('/pack.json', other.url)).then(async (r) => ({ etag: r.headers.get('etag'), size: (await r.arrayBuffer()).byteLength })),
      ]);
      const first = await Promise.race([during.then(() => 'requests'), done.then(() => 'rebuild')]);
      expect(first).toBe('requests');
      const [health, page, pack] = await during;
      expect(finished).toBe(false);
      expect(health).toMatchObject({ ok: true, building: true });
      expect(page).toContain('210 articles in 6 language(s)');
      expect(pack.etag).toBe(oldTag);

      const state = await done;
      expect(state.ok).toBe(true);
      expect(await titleOf(other.url, 'account-frozen')).toBe('Frozen, rebuilt in a worker');
      expect((await fetch(new URL('/pack.json', other.url))).headers.get('etag')).not.toBe(oldTag);
      expect((await (await fetch(new URL('/health', other.url))).json()).building).toBe(false);
      expect(listened).toBe(other.url);
    } finally {
      await other.close();
    }
  }, 240_000);
});
