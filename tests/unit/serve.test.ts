import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPreview, type Preview } from '../../src/cli/serve.js';
import { loadPack } from '../../src/knowledge/pack.js';
import { main } from '../../src/cli/main.js';
import { fixture } from '../helpers.js';

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

beforeAll(async () => {
  cpSync(fixture('kb-mini'), kb, { recursive: true });
  writeFileSync(widget, '/* the widget */');
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
    const pack = loadPack(await (await get('/pack.json')).text());
    expect(pack.data.articles.find((a) => a.id === 'withdrawal-fees' && a.lang === 'en')?.title).toBe('How much does a withdrawal cost?');
    expect((await get('/nothing')).status).toBe(404);
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

  it('shows lint errors with file and line instead of the bot, and recovers when they are fixed', async () => {
    const good = readFileSync(article, 'utf8');
    writeFileSync(article, good.replace(/^title: .*$/m, 'title: [unclosed'));
    await vi.waitFor(() => expect(preview.state.ok).toBe(false), { timeout: 10_000, interval: 50 });
    const html = await (await get('/')).text();
    expect(html).toMatch(/1 error\(s\)/);
    expect(html).toMatch(/<code>en\/withdrawals\/withdrawal-fees\.md:\d+<\/code> <span class="error">error<\/span> YAML/);
    expect(html).not.toContain('src="/helpline.js"');
    expect((await get('/pack.json')).status).toBe(503);
    expect((await (await get('/status.json')).json()).problems[0]).toMatch(/withdrawal-fees\.md:\d+: error: YAML/);

    writeFileSync(article, good);
    await vi.waitFor(() => expect(preview.state.ok).toBe(true), { timeout: 10_000, interval: 50 });
    expect(await (await get('/')).text()).toContain('src="/helpline.js"');
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
