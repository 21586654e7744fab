/**
 * How Helpline's costs grow with the knowledge base: synthetic knowledge bases (bench/synthetic-kb.ts) of
 * 1,000 to 100,000 article files over six languages, each built with the real `helpline build`, then
 * measured in a fresh process: pack size, load time, ask() latency, heap. Writes bench/results/scale.md.
 * Run: npm run bench:scale [-- 1000 10000]   (sizes; default 1,000 3,000 10,000 30,000 100,000)
 * The measurements are kept in bench/results/scale.json; `tsx bench/scale.ts --report` rewrites the section from them.
 */
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { models, syntheticArticles, writeSynthetic, LANGS } from './synthetic-kb.js';
import { machine } from './machine.js';
import { DENSE_LABELS } from '../src/intent/train.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench', '.work', 'scale');
const knowledge = join(root, 'knowledge');
const SIZES = process.argv.slice(2).map(Number).filter(Boolean);
const sizes = SIZES.length ? SIZES : [1_000, 3_000, 10_000, 30_000, 100_000];
const saved = join(root, 'bench', 'results', 'scale.json');
const reportOnly = process.argv.includes('--report');
/** A build slower than this is stopped: "within ~10 minutes on this machine". */
const BUILD_LIMIT_S = 12 * 60;
const HEAP_MB = 8192;
const COLD_RUNS = 5;
const BUDGET = { loadMs: 50, loadAt: 1_000, askMedianMs: 1, askP99Ms: 5, askAt: 10_000 };
/** What we call browser-sized: ≤ 2 s to download at 10 Mbit/s, a first (cold) load a user does not notice, a tab's memory. */
const BROWSER = { gzipMB: 2.5, coldMs: 200, heapMB: 100 };

interface Build {
  seconds: number;
  maxRssMB?: number;
  phases: { step: string; seconds: number }[];
  error?: string;
}
interface Row {
  files: number;
  perLang: number;
  writeSeconds: number;
  build: Build;
  rawMB?: number;
  gzipMB?: number;
  parts?: Record<string, number>;
  warm?: {
    heapOneLang: number;
    heapAllLangs: number;
    ask: { median: number; p99: number };
    asks: number;
    load: { median: number; p99: number };
    loadParts: { loadPack: number; createBot: number; firstAsk: number };
    loads: number;
  };
  coldMs?: number;
  /** the same knowledge base as a pack folder, opened for an English visitor */
  folder?: {
    build: Build;
    firstLangKB?: number;
    load?: { median: number; p99: number };
    loadParts?: { loadPack: number; createBot: number; firstAsk: number };
    coldMs?: number;
  };
}

const hasTime = existsSync('/usr/bin/time');
/** Pack folders are built and opened up to this size: past it a knowledge base is served by `helpline api`. */
const FOLDER_UP_TO = 10_000;

/** Runs `helpline build` as a user would; times each progress step it reports; stops it at the limit. */
function build(dir: string, out: string): Promise<Build> {
  const cli = [join(root, 'bin', 'helpline.js'), 'build', dir, '-o', out];
  const [cmd, args] = hasTime ? ['/usr/bin/time', ['-f', 'maxrss=%M', process.execPath, ...cli]] : [process.execPath, cli];
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, {
      cwd: root,
      env: { ...process.env, NODE_OPTIONS: `--max-old-space-size=${HEAP_MB}` },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const phases: Build['phases'] = [{ step: 'start, read files', seconds: 0 }];
    let last = started;
    let err = '';
    let maxRssMB: number | undefined;
    /** Progress lines name what starts; a phase runs until the next one (the last one includes writing the pack). */
    const mark = (line: string) => {
      const now = performance.now();
      phases[phases.length - 1].seconds += (now - last) / 1000;
      last = now;
      const step = line.startsWith('indexing')
        ? 'index'
        : line.startsWith('training')
          ? 'train, language profiles, write'
          : line.startsWith('(written)')
            ? ''
            : 'examples';
      if (step && step !== phases[phases.length - 1].step) phases.push({ step, seconds: 0 });
    };
    let pending = '';
    child.stderr.on('data', (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop()!; // a line cut between two chunks waits for its end
      for (const line of lines) {
        const step = /^… (.*)/.exec(line)?.[1];
        if (step) mark(step);
        const rss = /maxrss=(\d+)/.exec(line)?.[1];
        if (rss) maxRssMB = Number(rss) / 1024;
        else if (line.trim() && !step) err += line + '\n';
      }
    });
    // The build runs under /usr/bin/time: stop the whole process group, not just `time`.
    const timer = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), BUILD_LIMIT_S * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      mark('(written)');
      const seconds = (performance.now() - started) / 1000;
      const error =
        signal === 'SIGKILL' || /signal 9|Killed/.test(err)
          ? `stopped after ${BUILD_LIMIT_S / 60} min, during "${phases.at(-1)?.step}"`
          : code
            ? `failed during "${phases.at(-1)?.step}": ${err.trim().split('\n').slice(-3).join(' ')}`
            : undefined;
      resolve({ seconds, maxRssMB, phases, ...(error ? { error } : {}) });
    });
  });
}

function measure(pack: string, questions: string, mode: 'warm' | 'cold'): unknown {
  const out = execFileSync(
    process.execPath,
    [`--max-old-space-size=${HEAP_MB}`, '--expose-gc', '--import', 'tsx', join(root, 'bench', 'scale-measure.ts'), pack, questions, mode],
    {
      cwd: root,
      encoding: 'utf8',
      maxBuffer: 1 << 26,
    },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!);
}

/** Builds the knowledge base as a pack folder and opens it as an English visitor's widget does. */
async function measureFolder(dir: string, out: string, questions: string): Promise<Row['folder']> {
  rmSync(out, { recursive: true, force: true });
  const b = await build(dir, out + '/');
  if (b.error) return { build: b };
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { languages: Record<string, { files: string[] }> };
  const firstLangKB = ['manifest.json', ...manifest.languages.en.files].reduce((kb, n) => kb + gzipSync(readFileSync(join(out, n))).length / 1024, 0);
  const warm = measure(out, questions, 'warm') as Pick<NonNullable<Row['folder']>, 'load' | 'loadParts'>;
  const cold = Array.from({ length: COLD_RUNS }, () => (measure(out, questions, 'cold') as { total: number }).total).sort((a, b) => a - b);
  return { build: b, firstLangKB, ...warm, coldMs: cold[COLD_RUNS >> 1] };
}

/**
 * Questions to ask each pack: the crypto evaluation sets' questions (written by people, blind to the
 * articles) and, per language, questions of the synthetic articles themselves (which name their coin).
 */
function questionsFor(files: number, byLang: ReturnType<typeof models>): { text: string; lang: string }[] {
  const people = ['crypto.jsonl', 'crypto-holdout.jsonl'].flatMap((f) =>
    readFileSync(join(root, 'tests', 'eval', f), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { text: string; lang: string }),
  );
  const own: { text: string; lang: string }[] = [];
  const perLang = new Map<string, number>();
  const stride = Math.max(1, Math.floor(files / 6 / 50));
  let i = 0;
  for (const a of syntheticArticles(files, byLang)) {
    if (i++ % stride || (perLang.get(a.lang) ?? 0) >= 50) continue;
    perLang.set(a.lang, (perLang.get(a.lang) ?? 0) + 1);
    own.push({ text: a.questions[0], lang: a.lang });
  }
  return [...people, ...own];
}

const byLang = models(knowledge);
const run: { machine: string; rows: Row[] } = reportOnly ? JSON.parse(readFileSync(saved, 'utf8')) : { machine: machine(), rows: [] };
const rows = run.rows;
mkdirSync(work, { recursive: true });
for (const files of reportOnly ? [] : sizes) {
  const dir = join(work, `kb-${files}`);
  const pack = join(work, `pack-${files}.json`);
  const questions = join(work, `questions-${files}.json`);
  const t = performance.now();
  writeSynthetic(dir, files, byLang, knowledge);
  const writeSeconds = (performance.now() - t) / 1000;
  writeFileSync(questions, JSON.stringify(questionsFor(files, byLang)));
  rmSync(pack, { force: true });
  console.log(`${files} files written in ${writeSeconds.toFixed(1)} s; building…`);
  const b = await build(dir, pack);
  const row: Row = { files, perLang: Math.ceil(files / LANGS.length), writeSeconds, build: b };
  console.log(JSON.stringify(b));
  if (!b.error && existsSync(pack)) {
    const text = readFileSync(pack, 'utf8');
    row.rawMB = statSync(pack).size / 2 ** 20;
    row.gzipMB = gzipSync(text).length / 2 ** 20;
    const data = JSON.parse(text).data as Record<string, unknown>;
    row.parts = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.byteLength(JSON.stringify(v)) / 2 ** 20]));
    row.warm = measure(pack, questions, 'warm') as Row['warm'];
    const cold = Array.from({ length: COLD_RUNS }, () => (measure(pack, questions, 'cold') as { total: number }).total).sort((a, b) => a - b);
    row.coldMs = cold[COLD_RUNS >> 1];
    if (files <= FOLDER_UP_TO) row.folder = await measureFolder(dir, join(work, `folder-${files}`), questions);
    console.log(JSON.stringify(row));
  }
  rows.push(row);
  // The folders are regenerated each run; packs up to 10,000 files stay for inspection.
  rmSync(dir, { recursive: true, force: true });
  if (files > 10_000) rmSync(pack, { force: true });
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
if (!reportOnly) writeFileSync(saved, JSON.stringify(run, null, 1) + '\n');

// ---- report ----
const f1 = (v: number | undefined, d = 1) => (v === undefined ? '—' : v.toFixed(d));
const ms = (v: number | undefined) => (v === undefined ? '—' : v < 10 ? v.toFixed(2) : v.toFixed(0));
const built = rows.filter((r) => r.warm);
/** How a cost grows between two sizes: the exponent k in cost ∝ files^k. */
const growth = (pick: (r: Row) => number | undefined) => {
  const pts = built.map((r) => [r.files, pick(r)] as const).filter(([, v]) => v !== undefined && v > 0) as [number, number][];
  if (pts.length < 2) return '—';
  return pts
    .slice(1)
    .map(([n, v], i) => (Math.log(v / pts[i][1]) / Math.log(n / pts[i][0])).toFixed(2))
    .join(' → ');
};
const at = (files: number) => rows.find((r) => r.files === files);
/** Whether the largest measured size below `files` already misses (costs only grow with size). */
const missedBelow = (files: number, misses: (r: Row) => boolean) => {
  const below = [...built].reverse().find((r) => r.files < files);
  return !!below && misses(below);
};
/** The measured sizes on either side of `files`, described by `what`. */
const between = (files: number, what: (r: Row) => string) => {
  const below = [...built].reverse().find((r) => r.files < files);
  const above = built.find((r) => r.files > files);
  return `at ${files.toLocaleString('en')} files, between ${below ? `${what(below)} (${below.files.toLocaleString('en')})` : '—'} and ${above ? `${what(above)} (${above.files.toLocaleString('en')})` : '—'}`;
};
const verdict = (ok: boolean | undefined) => (ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**');
const loadRow = at(BUDGET.loadAt);
const askRow = at(BUDGET.askAt);
const loadOk = loadRow?.warm ? loadRow.warm.load.median <= BUDGET.loadMs : undefined;
const folderLoadOk = loadRow?.folder?.load ? loadRow.folder.load.median <= BUDGET.loadMs : undefined;
const folders = rows.filter((r) => r.folder);
const askOk = askRow?.warm ? askRow.warm.ask.median <= BUDGET.askMedianMs && askRow.warm.ask.p99 <= BUDGET.askP99Ms : undefined;
const browserSized = (r: Row) => r.gzipMB! <= BROWSER.gzipMB && r.coldMs! <= BROWSER.coldMs && r.warm!.heapOneLang <= BROWSER.heapMB;
const lastBrowser = [...built].reverse().find(browserSized);
const firstNot = built.find((r) => !browserSized(r));
const partNames = [...new Set(built.flatMap((r) => Object.keys(r.parts ?? {})))].filter((k) => built.some((r) => (r.parts![k] ?? 0) > 0.01));

const md = `## Scale: synthetic knowledge bases of 1,000 to 100,000 articles

Synthetic knowledge bases made from the sample knowledge base's own text (bench/synthetic-kb.ts, fixed seed):
each article takes a real article of its language as a model, recombines its title, questions and body with
sentences of other articles, and is about its own made-up coin (a ticker that replaces the real ones, as an
exchange's per-coin pages do). **Articles are files**: ${rows.map((r) => r.files.toLocaleString('en')).join(', ')} files spread evenly
over ${LANGS.join(', ')} (so 1,000 files = 167 articles, each in six languages). Every size is built with the real
\`helpline build\` (Node heap limit ${HEAP_MB / 1024} GB, stopped after ${BUILD_LIMIT_S / 60} min) and measured in a fresh process:
**load** = \`loadPack(text)\` + \`createBot\` + the first question in one language, as the widget does when
the panel opens (median and p99 of warm repeated loads; **cold** = the median of ${COLD_RUNS} fresh processes,
each loading once, closer to a browser's first visit); **ask()** = every question of the crypto evaluation sets
plus 50 of the synthetic articles' own questions per language, three passes after a warm-up pass, each in a
fresh conversation; **heap** = V8 heap after load (after gc), with one language's index and with all six.

Command: \`npm run bench:scale\` · ${run.machine}

| files (articles × languages) | build s | build peak RSS MB | pack MB | pack MB gzip | load median ms | load p99 ms | load cold ms | ask() median ms | ask() p99 ms | heap MB (1 lang / 6) |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows
  .map((r) =>
    r.warm
      ? `| ${r.files.toLocaleString('en')} (${r.perLang.toLocaleString('en')} × 6) | ${f1(r.build.seconds)} | ${f1(r.build.maxRssMB, 0)} | ${f1(r.rawMB)} | ${f1(r.gzipMB, 2)} | ${ms(r.warm.load.median)} | ${ms(r.warm.load.p99)} | ${ms(r.coldMs)} | ${ms(r.warm.ask.median)} | ${ms(r.warm.ask.p99)} | ${f1(r.warm.heapOneLang, 0)} / ${f1(r.warm.heapAllLangs, 0)} |`
      : `| ${r.files.toLocaleString('en')} (${r.perLang.toLocaleString('en')} × 6) | not built: ${r.build.error} | ${f1(r.build.maxRssMB, 0)} | | | | | | | | |`,
  )
  .join('\n')}

Growth exponent k (cost ∝ files^k) between consecutive sizes: build ${growth((r) => r.build.seconds)}; pack
${growth((r) => r.rawMB)}; load ${growth((r) => r.warm?.load.median)}; ask() median ${growth((r) => r.warm?.ask.median)}; heap ${growth((r) => r.warm?.heapOneLang)}.
At every size the classifier has a label per article with example questions; above ${DENSE_LABELS} labels it trains each
question against a sample of them (src/intent/train.ts), so the build grows with the questions, not questions ×
articles. Warm loads of the largest packs carry the garbage of the previous load, which is
why they can be slower than cold ones.

**Budgets**: pack load ≤ ${BUDGET.loadMs} ms at ${BUDGET.loadAt.toLocaleString('en')} articles × 6 languages: single file ${verdict(loadOk)}${loadRow?.warm ? ` (median ${ms(loadRow.warm.load.median)} ms, cold ${ms(loadRow.coldMs)} ms)` : ''}, pack folder ${verdict(folderLoadOk)}${loadRow?.folder?.load ? ` (median ${ms(loadRow.folder.load.median)} ms, cold ${ms(loadRow.folder.coldMs)} ms)` : ''}; ask() median ≤ ${BUDGET.askMedianMs} ms and p99 ≤ ${BUDGET.askP99Ms} ms at ${BUDGET.askAt.toLocaleString('en')} articles: ${verdict(askOk)}${askRow?.warm ? ` (${ms(askRow.warm.ask.median)} / ${ms(askRow.warm.ask.p99)} ms)` : ''}.
The budgets are read with articles counted as files (1,000 files = 167 articles in six languages). Read as
1,000 and 10,000 articles *each in six languages* (6,000 and 60,000 files), they fall between measured sizes:
${between(6 * BUDGET.loadAt, (r) => `load ${ms(r.warm!.load.median)} ms`)}; ${between(6 * BUDGET.askAt, (r) => `ask() ${ms(r.warm!.ask.median)} / ${ms(r.warm!.ask.p99)} ms`)}${missedBelow(6 * BUDGET.loadAt, (r) => r.warm!.load.median > BUDGET.loadMs) && missedBelow(6 * BUDGET.askAt, (r) => r.warm!.ask.median > BUDGET.askMedianMs || r.warm!.ask.p99 > BUDGET.askP99Ms) ? ': both missed under that reading' : ''}.

**Browser-sized** (gzip ≤ ${BROWSER.gzipMB} MB, about 2 s at 10 Mbit/s; cold load ≤ ${BROWSER.coldMs} ms; heap ≤ ${BROWSER.heapMB} MB): ${lastBrowser ? `up to ${lastBrowser.files.toLocaleString('en')} files` : 'none of the sizes'}${firstNot ? `; at ${firstNot.files.toLocaleString('en')} files the pack is ${f1(firstNot.gzipMB, 2)} MB gzip, loads in ${ms(firstNot.coldMs)} ms cold and takes ${f1(firstNot.warm!.heapOneLang, 0)} MB of heap. Past that, serve it from Node: the same pack, \`createBot\` behind an HTTP endpoint, where load is paid once per server and ask() stays as in the table` : ''}.

**The pack folder** (\`helpline build <dir> -o <folder>/\`, the browser's format): an English visitor's widget
reads the manifest and the English files only. Load is the same three steps, the texts already downloaded:
opening the folder (checking each file's hash, parsing, putting the pack together), \`createBot\`, the first
question (which builds the English index).

| files | folder build s | English visitor's files KB gzip | load median ms | load p99 ms | load cold ms | open / createBot / first ask ms |
| --- | ---: | ---: | ---: | ---: | ---: | --- |
${folders
  .map((r) => {
    const f = r.folder!;
    return f.load && f.loadParts
      ? `| ${r.files.toLocaleString('en')} | ${f1(f.build.seconds)} | ${f1(f.firstLangKB, 0)} | ${ms(f.load.median)} | ${ms(f.load.p99)} | ${ms(f.coldMs)} | ${ms(f.loadParts.loadPack)} / ${ms(f.loadParts.createBot)} / ${ms(f.loadParts.firstAsk)} |`
      : `| ${r.files.toLocaleString('en')} | not built: ${f.build.error} | | | | | |`;
  })
  .join('\n')}

Where the time goes, per size:

| files | build phases (s) | load: loadPack / createBot / first ask ms | pack parts MB |
| --- | --- | --- | --- |
${rows
  .map(
    (r) =>
      `| ${r.files.toLocaleString('en')} | ${r.build.phases.map((p) => `${p.step} ${p.seconds.toFixed(1)}`).join('; ')} | ${r.warm ? `${ms(r.warm.loadParts.loadPack)} / ${ms(r.warm.loadParts.createBot)} / ${ms(r.warm.loadParts.firstAsk)}` : '—'} | ${r.parts ? partNames.map((k) => `${k} ${f1(r.parts![k], 2)}`).join(', ') : '—'} |`,
  )
  .join('\n')}

### Causes, and what was changed in the engine (profiled with \`node --cpu-prof\` on this machine, 2026-11-23)

- **Build time grew with the square of the knowledge base.** The classifier had one label per article, and
  training (src/intent/train.ts) runs a dense softmax over every label for every example and feature:
  examples × labels. Profile of \`helpline build\` at 3,000 files (500 articles × 6): \`trainClassifier\` 65 of
  75 s (87%). Measured before the change: 1,000 files trained in 10 s, 3,000 in 60–115 s (files^2.2);
  10,000 files extrapolate to ~25 min; at 100,000 (16,667 labels) the dense weight matrix alone is features ×
  16,667 floats, out of reach.
  **Change** (first, 2026-11-23): above 500 articles search alone ranked them, at a cost in answers (BANKING77
  89% → 61% right in that mode). **Now** (2026-12-02): one method at every size. Above ${DENSE_LABELS} labels each
  question is trained against its own article, the conversational intents and 64 other labels (those sharing its
  rarer features, and 8 at random each pass), with weights only where a feature occurs in an article's own
  questions; the passes fall from 15 to at least 4 as questions pass 20,000. BANKING77 trained this way (peers
  section, "sampled training") answers within 1.5 points of the full softmax.
- **ask() at 10,000 files missed its budget** (median 2.2 ms, p99 12.7 ms before the change). Profile: 80% in
  MiniSearch scoring (\`termResults\`, result merging, and the garbage they make): every article that contains a
  query term costs a result object, and with 1,667 articles per language the common terms of a question (CJK
  bigrams, "withdraw", glossary concepts) match most of them. **Change** (src/search/search-index.ts): the index
  records its common terms (in more than max(100, 5%) of a language's articles) with their article counts;
  rare terms (or, when there are none, the rarest common ones) pick up to 100 candidates, every term then scores
  only those (other articles cost a lookup, not a result), common terms get no fuzzy expansion, and a term in
  more than half the articles is dropped (BM25 idf < 0.7). Indexes of fewer than 100 articles per language have
  no common terms and search exactly as before. Measured on the same 10,000-file pack: median 2.21 → 0.87–0.91 ms,
  p99 12.7 → 4.2–4.9 ms.
- **What is left.** Build: indexing is 75% of a large build (MiniSearch \`add\`, \`Glossary.match\` trying every
  phrase length at every word, natural's Spanish stemmer; the CLI also gzips the pack just to print its size).
  Load: \`loadPack\` hashes and parses the whole text, so it grows with the pack (articles' bodies and the
  search indexes are nearly all of it) even though the first question needs one language; a pack folder reads
  the visitor's language only (the table above), and what is left there is opening its files (parsing,
  decoding). A folder's search index is decoded straight into the Maps MiniSearch keeps (first question at
  1,000 files 17–22 → 5–7 ms; at 10,000 files folder load 295 → 89 ms), its classifier rows into the
  classifier's arrays (createBot 5–8 → 1 ms) and its language profiles by assignment (6 → 1.5 ms); each
  measured in runs alternating with the code before, on this machine. The synthetic text recombines 35
  real articles, so its vocabulary is narrower than a real knowledge base of the same size: more common terms,
  i.e. the ask() figures are on the pessimistic side.
`;
writeFileSync(join(root, 'bench', 'results', 'scale.md'), md);
console.log(md);
