/**
 * Answer quality on BANKING77 (PolyAI, CC BY 4.0) through the real `helpline build` and `helpline eval`:
 * full training split, 10-shot, and 10 categories held out as out-of-scope. Writes bench/results/banking77.md.
 * Run: npm run bench:banking77
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasBanking77, readCsv, writeBanking77, DATA } from './banking77-kb.js';
import { machine, stats } from './machine.js';
import { loadPack, createBot } from '../src/index.js';
import { pct } from '../src/report/html.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench', '.work', 'banking77');
const helpline = (...args: string[]) => execFileSync('node', [join(root, 'bin', 'helpline.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

if (!hasBanking77()) {
  console.log(`skipped: BANKING77 not found at ${DATA} (see ../shared/data/README.md)`);
  process.exit(0);
}

interface Row {
  name: string;
  articles: number;
  cases: number;
  buildSeconds: number;
  packKB: number;
  accuracy: number;
  top3: number;
  oosRecall: number | null;
  askMedianMs: number;
  askP99Ms: number;
}

async function run(name: string, options: Parameters<typeof writeBanking77>[1]): Promise<Row> {
  const dir = join(work, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const { casesFile, articles, cases } = writeBanking77(dir, options);
  const pack = join(dir, 'pack.json');
  const t0 = performance.now();
  helpline('build', join(dir, 'kb'), '-o', pack);
  const buildSeconds = (performance.now() - t0) / 1000;
  const report = JSON.parse(helpline('eval', '--kb', pack, '--cases', casesFile, '--json'));

  // ask() latency in-process: every test question once as warm-up, then timed.
  const text = readFileSync(pack, 'utf8');
  const loaded = loadPack(text);
  const questions = readFileSync(casesFile, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l).text as string);
  const bot = createBot(loaded);
  for (const q of questions.slice(0, 300)) await bot.ask(q);
  const times: number[] = [];
  for (const q of questions) {
    const b = createBot(loaded);
    const t = performance.now();
    await b.ask(q);
    times.push(performance.now() - t);
  }
  const { median, p99 } = stats(times);
  const row = {
    name,
    articles,
    cases,
    buildSeconds,
    packKB: Buffer.byteLength(text) / 1024,
    accuracy: report.accuracy,
    top3: report.top3,
    oosRecall: report.oosRecall,
    askMedianMs: median,
    askP99Ms: p99,
  };
  console.log(JSON.stringify(row));
  return row;
}

const categories = [...new Set(readCsv(join(DATA, 'train.csv')).map((r) => r.category))].sort();
const heldOut = new Set(categories.filter((_, i) => i % 8 === 0));
const rows = [await run('full', {}), await run('10-shot', { shots: 10 }), await run('full, 10 categories out of scope', { heldOut })];

const md = `## Answer quality on BANKING77

BANKING77 (PolyAI, CC BY 4.0): 77 categories of banking support questions, 3,080 test questions. Each category is
one English article whose \`questions\` are its training rows; the test rows are the cases (\`expect\` = the
category's article). "10 categories out of scope" trains on 67 categories and expects \`null\` (declined) for
the test questions of the other 10 (${[...heldOut].join(', ')}). Accuracy counts only direct answers with the
right article; top-3 also counts the "did you mean" suggestions.

Command: \`npm run bench:banking77\` · ${machine()}

| run | articles | build (train) s | pack KB | accuracy | top-3 | out-of-scope declined | ask() median ms | ask() p99 ms |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.map((r) => `| ${r.name} | ${r.articles} | ${r.buildSeconds.toFixed(1)} | ${r.packKB.toFixed(0)} | ${pct(r.accuracy)} | ${pct(r.top3)} | ${pct(r.oosRecall)} | ${r.askMedianMs.toFixed(2)} | ${r.askP99Ms.toFixed(2)} |`).join('\n')}

Published test accuracy for reference (full / 10-shot): BERT fine-tuned 93.7% / —, USE+ConveRT 93.4% / 85.2%, BERT frozen 87.2% / —.
`;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'banking77.md'), md);
console.log(md);
