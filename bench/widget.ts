/**
 * What the widget costs a page and a visitor, in Chromium on the demo exchange (examples/serve.mjs, compressed
 * as a CDN serves): the loader's and the widget code's size (with a breakdown by dependency), and for the
 * single-file pack and the pack folder: bytes at page load, bytes to the first answer in each language,
 * click-to-answer on localhost and on a slow link (400 kbit/s, 400 ms latency), and long tasks with the CPU
 * slowed 4×. Writes bench/results/widget.md. Run: npm run bench:widget (builds dist/ first).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { breakdown, type Group } from './bundle-breakdown.js';
import { BUDGET } from './budgets.js';
import { longTasks, SAMPLING_US, TRACE_CATEGORIES, type TaskReport } from './long-tasks.js';
import { machine, stats } from './machine.js';
import { hasChromium, launchBrowser, startDemoServer, widgetScript, demoPack, demoFolder, CHROMIUM_PATH } from '../tests/e2e/browser.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const RUNS = Number(process.env.RUNS ?? 5);
const SLOW_RUNS = Number(process.env.SLOW_RUNS ?? 2);
const SLOW_LINK = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
/** One question per language, each about the withdrawal fee. */
const QUESTIONS: Record<string, string> = {
  en: 'how much is the withdrawal fee for usdt',
  zh: '提币手续费是多少',
  ja: '出金手数料はいくらですか',
  ko: '출금 수수료는 얼마인가요',
  es: '¿cuánto cuesta retirar usdt?',
  ru: 'какая комиссия за вывод',
};
const LANGS = Object.keys(QUESTIONS);
const MODES = { file: '/pack.json', folder: '/pack/' } as const;
type Mode = keyof typeof MODES;

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const gz = (path: string) => gzipSync(readFileSync(path), { level: 9 }).length;
const chunkFile = join(
  root,
  'dist',
  readdirSync(join(root, 'dist')).find((f) => /^helpline-widget\.[\w-]+\.js$/.test(f))!,
);

// 1. Sizes: the loader (the script tag's file) and the widget code it imports, with the code's breakdown.
const loader = { bytes: readFileSync(widgetScript).length, gzip: gz(widgetScript) };
const code = { bytes: readFileSync(chunkFile).length, gzip: gz(chunkFile) };
const parts = await breakdown(root);

// 2. In Chromium.
interface Run {
  loadBytes: number;
  idleBytes: number;
  answerBytes: number;
  answerMs: number;
  longest: number;
  longTasks: number;
  /** with the CPU slowed: the longest task in which Helpline's code ran, and how many such over 50 ms (a trace's) */
  longestOwn?: number;
  ownTasks?: number;
  files: string[];
}

/** Installed before the page's scripts: stamps the click and the first answer, records long tasks. */
const STAMPS = `
  window.__t = { long: [] };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__t.long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('click', (e) => {
    if (window.__t.click || !e.composedPath().some((n) => n.classList?.contains('launcher'))) return;
    window.__t.click = performance.now();
    const root = document.querySelector('helpline-chat').shadowRoot;
    new MutationObserver(() => {
      if (root.querySelector('.msg.bot')) requestAnimationFrame(() => (window.__t.answer ??= performance.now()));
    }).observe(root, { subtree: true, childList: true });
  }, true);
`;

/** Helpline's scripts: the loader and its hashed chunks. */
const HELPLINE_SCRIPT = /\/helpline(?:[.-][^/]*)?\.js(?:\?|$)/;

/** Helpline's bytes on the wire so far (loader, widget code, pack), by resource timing. */
const HELPLINE_BYTES = `(() => {
  const res = performance.getEntriesByType('resource').filter((e) => /helpline|\\/pack/.test(e.name));
  return { bytes: res.reduce((s, e) => s + e.transferSize, 0), files: res.map((e) => new URL(e.name).pathname) };
})()`;

async function visit(browser: Browser, base: string, mode: Mode, lang: string, conditions: { slow?: boolean; cpu?: number } = {}): Promise<Run> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: lang === 'zh' ? 'zh-CN' : lang });
  await context.addInitScript(STAMPS);
  // The page in the visitor's language, as an exchange localizes its pages (the widget's first language follows
  // the page's lang, then the browser's); the demo pages name the folder, the single-file runs get pack.json.
  await context.route(/\/(index\.html)?$/, async (route) => {
    const res = await route.fetch();
    let body = (await res.text()).replace('<html lang="en">', `<html lang="${lang}">`);
    if (mode === 'file') body = body.replace('data-pack="/pack/"', 'data-pack="/pack.json"');
    await route.fulfill({ response: res, body });
  });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  if (conditions.slow) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  }
  if (conditions.cpu) {
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: conditions.cpu });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLING_US });
    await cdp.send('Profiler.start');
    await browser.startTracing(page, { categories: TRACE_CATEGORIES });
  }
  await page.goto(base, { waitUntil: 'load' });
  const atLoad = (await page.evaluate(HELPLINE_BYTES)) as { bytes: number };
  await page.waitForTimeout(conditions.slow ? 500 : 1500); // the idle preload of the widget code
  const idle = (await page.evaluate(HELPLINE_BYTES)) as { bytes: number };
  // Click and question in one task, as if the visitor typed instantly: the slowest first answer they can see.
  await page.evaluate((q) => {
    (document.querySelector('helpline-chat')!.shadowRoot!.querySelector('.launcher') as HTMLElement).click();
    void (window as unknown as { Helpline: { ask(text: string): Promise<unknown> } }).Helpline.ask(q);
  }, QUESTIONS[lang]);
  await page.waitForFunction(() => (window as unknown as { __t: { answer?: number } }).__t.answer, undefined, { timeout: 180_000 });
  const done = (await page.evaluate(HELPLINE_BYTES)) as { bytes: number; files: string[] };
  const t = await page.evaluate(() => (window as unknown as { __t: { click: number; answer: number; long: number[] } }).__t);
  let tasks: TaskReport | undefined;
  if (conditions.cpu) {
    const trace = await browser.stopTracing();
    const { profile } = await cdp.send('Profiler.stop');
    tasks = longTasks(trace, profile, HELPLINE_SCRIPT, BUDGET.longTaskMs);
  }
  await context.close();
  return {
    loadBytes: atLoad.bytes,
    idleBytes: idle.bytes,
    answerBytes: done.bytes,
    answerMs: t.answer - t.click,
    longest: Math.max(0, ...t.long),
    longTasks: t.long.length,
    ...(tasks ? { longestOwn: Math.max(0, ...tasks.own), ownTasks: tasks.own.length } : {}),
    files: done.files,
  };
}

/**
 * The longest main-thread task of the demo page without Helpline (its script blocked), CPU slowed 4×: what the page
 * and this machine cost on their own, beside the visits' figures.
 */
async function pageAlone(browser: Browser, base: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en' });
  await context.addInitScript(STAMPS);
  await context.route(/\/helpline\.js$/, (route) => route.abort());
  const page = await context.newPage();
  await (await context.newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: 4 });
  await page.goto(base, { waitUntil: 'load' });
  await page.waitForTimeout(1500);
  const long = await page.evaluate(() => (window as unknown as { __t: { long: number[] } }).__t.long);
  await context.close();
  return Math.max(0, ...long);
}

interface Results {
  version: string;
  local: Record<Mode, Record<string, Run[]>>;
  slow: Record<Mode, Record<string, Run[]>>;
  cpu: Record<Mode, Run[]>;
  /** pageAlone, per visit */
  alone?: number[];
}

async function measure(): Promise<Results | undefined> {
  if (!hasChromium) return undefined;
  const server = await startDemoServer();
  const browser = await launchBrowser();
  const out: Results = { version: browser.version(), local: { file: {}, folder: {} }, slow: { file: {}, folder: {} }, cpu: { file: [], folder: [] } };
  try {
    await visit(browser, server.url, 'folder', 'en'); // warms the browser and the server's compression cache
    await visit(browser, server.url, 'file', 'en');
    for (const mode of Object.keys(MODES) as Mode[]) {
      for (const lang of LANGS) {
        out.local[mode][lang] = [];
        for (let i = 0; i < RUNS; i++) out.local[mode][lang].push(await visit(browser, server.url, mode, lang));
        console.log(mode, lang, 'localhost', JSON.stringify(stats(out.local[mode][lang].map((r) => r.answerMs))), out.local[mode][lang][0].answerBytes);
      }
      for (const lang of ['en', 'zh']) {
        out.slow[mode][lang] = [];
        for (let i = 0; i < SLOW_RUNS; i++) out.slow[mode][lang].push(await visit(browser, server.url, mode, lang, { slow: true }));
        console.log(mode, lang, 'slow link', out.slow[mode][lang].map((r) => r.answerMs.toFixed(0)).join(' '));
      }
      for (let i = 0; i < SLOW_RUNS; i++) out.cpu[mode].push(await visit(browser, server.url, mode, 'en', { cpu: 4 }));
      console.log(
        mode,
        'cpu 4×, longest task / running Helpline',
        out.cpu[mode].map((r) => `${r.longest.toFixed(0)} / ${r.longestOwn?.toFixed(0)}`).join(', '),
      );
    }
    out.alone = [];
    for (let i = 0; i < SLOW_RUNS; i++) out.alone.push(await pageAlone(browser, server.url));
    console.log('the page alone, cpu 4×', out.alone.map((t) => t.toFixed(0)).join(' '));
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}

// The demo's packs, rebuilt from the current knowledge base so the figures match it (their sizes are reported without Chromium too).
execFileSync(process.execPath, [join(root, 'bin', 'helpline.js'), 'build', 'knowledge', '-o', demoPack], { cwd: root, stdio: 'ignore' });
execFileSync(process.execPath, [join(root, 'bin', 'helpline.js'), 'build', 'knowledge', '-o', demoFolder + '/'], { cwd: root, stdio: 'ignore' });
const results = await measure();

const row = (g: Group) =>
  `| ${g.name} | ${kb(g.bytes)} | ${kb(g.gzip)} | ${g.files
    .slice(0, 3)
    .map((f) => `${f.path.replace(/^node_modules\//, '')} ${kb(f.bytes)}`)
    .join(', ')} |`;
const ok = (met: boolean) => (met ? 'met' : '**missed**');
const median = (runs: Run[], key: keyof Run) => stats(runs.map((r) => r[key] as number)).median;

let browserSection = `Chromium was not found at ${CHROMIUM_PATH}: the in-browser figures were not measured.\n`;
if (results) {
  const { local, slow, cpu } = results;
  const perLang = LANGS.map((l) => {
    const [f, d] = [local.file[l], local.folder[l]];
    return `| ${l} | ${kb(median(f, 'answerBytes'))} | **${kb(median(d, 'answerBytes'))}** (${ok(median(d, 'answerBytes') / 1024 <= BUDGET.firstAnswerKB)}) | ${median(f, 'answerMs').toFixed(0)} | ${median(d, 'answerMs').toFixed(0)} |`;
  });
  const slowRows = ['en', 'zh'].map(
    (l) =>
      `| ${l} | ${median(slow.file[l], 'answerMs').toFixed(0)} | **${median(slow.folder[l], 'answerMs').toFixed(0)}** (${ok(median(slow.folder[l], 'answerMs') <= BUDGET.slowMs)}) |`,
  );
  const longest = (m: Mode) => Math.max(...cpu[m].map((r) => r.longest));
  const longestOwn = (m: Mode) => Math.max(...cpu[m].map((r) => r.longestOwn ?? 0));
  const files = [...new Set(local.folder.en[0].files)].map((f) => f.replace(/\.[\w-]{8,}\.(js|json)$/, '.<hash>.$1')).join(', ');
  browserSection = `Chromium ${results.version} (headless), the demo exchange served by examples/serve.mjs on localhost: brotli, as a CDN
serves it; every visit in a fresh browser context (empty cache), the page's \`lang\` and the browser's language set to the question's.
Bytes are Helpline's on the wire (loader, widget code, pack; resource timing \`transferSize\`). The visitor clicks
the launcher and asks in the same task (types instantly), so the question waits for what it needs: the slowest
first answer they can see; times from the click to the answer painted. Medians of ${RUNS} visits per language
(slow link and slowed CPU: ${SLOW_RUNS}).

| at page load | single file | folder |
| --- | ---: | ---: |
| Helpline bytes at the load event | ${median(local.file.en, 'loadBytes').toLocaleString('en')} | ${median(local.folder.en, 'loadBytes').toLocaleString('en')} |
| after 1.5 s idle (the widget code is preloaded) | ${median(local.file.en, 'idleBytes').toLocaleString('en')} | ${median(local.folder.en, 'idleBytes').toLocaleString('en')} |

To the first answer, per language (target ≤ ${BUDGET.firstAnswerKB} KB, goal ${BUDGET.firstAnswerGoalKB} KB). An English visitor of the folder
downloads: ${files}.

| language | KB single file | KB folder | click → answer ms, single file (localhost) | folder (localhost) |
| --- | ---: | ---: | ---: | ---: |
${perLang.join('\n')}

On a slow link (CDP \`Network.emulateNetworkConditions\`: 400 kbit/s down and up, 400 ms latency; target ≤ ${BUDGET.slowMs / 1000} s, goal ${BUDGET.slowGoalMs / 1000} s):

| language | click → answer ms, single file | folder |
| --- | ---: | ---: |
${slowRows.join('\n')}

With the CPU slowed 4× (CDP \`Emulation.setCPUThrottlingRate\`), an English visitor from page load to the first
answer, in a Chromium trace (bench/long-tasks.ts): the longest main-thread task in which Helpline's code ran
**${longestOwn('folder').toFixed(0)} ms** with the folder (${ok(longestOwn('folder') <= BUDGET.longTaskMs)}: no task over ${BUDGET.longTaskMs} ms), ${longestOwn('file').toFixed(0)} ms with the single file; such tasks over
${BUDGET.longTaskMs} ms per visit: folder ${median(cpu.folder, 'ownTasks')}, single file ${median(cpu.file, 'ownTasks')}. Counting every task of the page (its own layout, and
Playwright's scripts that drive the visit): longest ${longest('folder').toFixed(0)} ms with the folder, ${longest('file').toFixed(0)} with the single file; over ${BUDGET.longTaskMs} ms per visit: folder ${median(cpu.folder, 'longTasks')}, single file ${median(cpu.file, 'longTasks')}.
${
  results.alone?.length
    ? `The same page without Helpline (its script blocked), loaded and left idle 1.5 s: longest task ${Math.max(...results.alone).toFixed(0)} ms (this machine's speed varies by a third from run to run; compare within one run).
`
    : ''
}`;
}

const folderFiles = readdirSync(demoFolder)
  .filter((f) => f !== 'manifest.json')
  .map((f) => ({ f, gzip: gz(join(demoFolder, f)) }));
const md = `## The widget: size, bytes and time to the first answer

Command: \`npm run bench:widget\` · ${machine()}

| file | KB | KB gzip | budget |
| --- | ---: | ---: | --- |
| dist/helpline.js (the loader: launcher, queued API, preload) | ${kb(loader.bytes)} | **${kb(loader.gzip)}** | ${BUDGET.loaderKB} KB: ${ok(loader.gzip / 1024 <= BUDGET.loaderKB)} |
| ${chunkFile.split('/').pop()} (the widget code, loaded on idle, hover, focus or click) | ${kb(code.bytes)} | **${kb(code.gzip)}** | ${BUDGET.widgetKB} KB: ${ok(code.gzip / 1024 <= BUDGET.widgetKB)} |

The widget code by dependency: the same entry (widget/widget-chunk.ts) bundled by esbuild (browser, minified
ES module: ${kb(parts.bytes)} KB, ${kb(parts.gzip)} KB gzip), every output byte attributed to its source through the source map;
"gzip" is each group's code compressed on its own.

| group | minified KB | gzip KB | largest files (minified KB) |
| --- | ---: | ---: | --- |
${parts.groups.map(row).join('\n')}

### In the browser

${browserSection}
### The demo pack: single file ${kb(readFileSync(demoPack).length)} KB (${kb(gz(demoPack))} KB gzip); folder files (gzip)

${folderFiles.map(({ f, gzip }) => `${f.replace(/\.[0-9a-f]+\.json$/, '')} ${kb(gzip)} KB`).join(' · ')}

Most of a language's part is classifier rows (feature ids, labels and int8 weights as base64 VLQ columns,
src/intent/rows.ts; the default language's part also carries the rows learned from the built-in lexicon and from
languages without articles) and the search index. Brotli's window spans a whole file, so it already finds what
repeats far apart: writing the paragraphs' index terms as places in the articles' index saved Chinese 21 KB of gzip
but about 1 KB of brotli.
`;

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'widget.md'), md);
console.log(md);
