/**
 * Measures one pack in a process of its own (so sizes do not share a heap), for bench/scale.ts:
 *   tsx bench/scale-measure.ts <pack.json> <questions.json> warm   load and ask() timings, heap
 *   tsx bench/scale-measure.ts <pack.json> <questions.json> cold   one load in a fresh process
 *   tsx bench/scale-measure.ts <folder/> <questions.json> warm|cold   the same loads from a pack folder
 * Prints one JSON object. "Load" is what the widget does when the panel opens: loadPack(text), createBot,
 * and the first question in one language; for a folder, its manifest and that language's files (as text
 * already downloaded) instead of the whole pack.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { loadPack, createBot, MANIFEST_FILE, type Pack, type PackManifest } from '../src/index.js';
import { openPackFolder } from '../src/pack/pack-folder.js';
import { stats } from './machine.js';

const [packFile, questionsFile, mode] = process.argv.slice(2);
const questions = JSON.parse(readFileSync(questionsFile, 'utf8')) as { text: string; lang: string }[];
const first = questions.find((q) => q.lang === 'en') ?? questions[0];
const isFolder = statSync(packFile).isDirectory();
const open = isFolder
  ? folderOpener(packFile)
  : (
      (text: string) => () =>
        loadPack(text)
    )(readFileSync(packFile, 'utf8'));

/** Opens the folder from texts read once, as a browser would have them after downloading them. */
function folderOpener(dir: string): () => Pack {
  const manifestText = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  const names = (JSON.parse(manifestText) as PackManifest).languages[first.lang].files;
  const texts = names.map((n) => [n, readFileSync(join(dir, n), 'utf8')] as const);
  return () =>
    openPackFolder(JSON.parse(manifestText), new Map(texts), () => {
      throw new Error('the first question needs only its own language');
    });
}
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

async function load(): Promise<{ total: number; loadPack: number; createBot: number; firstAsk: number }> {
  const t0 = performance.now();
  const pack = open();
  const t1 = performance.now();
  const bot = createBot(pack, { lang: first.lang });
  const t2 = performance.now();
  await bot.ask(first.text);
  const t3 = performance.now();
  return { total: t3 - t0, loadPack: t1 - t0, createBot: t2 - t1, firstAsk: t3 - t2 };
}

if (mode === 'cold') {
  console.log(JSON.stringify(await load()));
} else if (isFolder) {
  const loads: Awaited<ReturnType<typeof load>>[] = [];
  for (let i = 0; i < 40; i++) {
    const l = await load();
    if (i >= 3) loads.push(l);
  }
  const part = (key: keyof (typeof loads)[number]) => stats(loads.map((l) => l[key]));
  console.log(
    JSON.stringify({
      load: part('total'),
      loadParts: { loadPack: part('loadPack').median, createBot: part('createBot').median, firstAsk: part('firstAsk').median },
    }),
  );
} else {
  const before = heapMB();
  const pack = open();
  const bot = createBot(pack, { lang: first.lang });
  await bot.ask(first.text);
  const heapOneLang = heapMB() - before;
  for (const q of questions) await createBot(pack, { lang: q.lang }).ask(q.text);
  const heapAllLangs = heapMB() - before;

  // ask(): every question once to warm up, then three timed passes, each question in a fresh conversation.
  const times: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    for (const q of questions) {
      const b = createBot(pack, { lang: q.lang }); // the page's language, as the widget passes it
      const t = performance.now();
      await b.ask(q.text);
      times.push(performance.now() - t);
    }
  }

  // Load: a few warm-up loads, then timed ones; the time budget keeps the largest packs bounded.
  const loads: Awaited<ReturnType<typeof load>>[] = [];
  const started = performance.now();
  for (let i = 0; i < 40 && (i < 8 || performance.now() - started < 20_000); i++) {
    const l = await load();
    if (i >= 3) loads.push(l);
  }
  const part = (key: keyof (typeof loads)[number]) => stats(loads.map((l) => l[key]));
  console.log(
    JSON.stringify({
      heapOneLang,
      heapAllLangs,
      ask: stats(times),
      asks: times.length,
      load: part('total'),
      loadParts: { loadPack: part('loadPack').median, createBot: part('createBot').median, firstAsk: part('firstAsk').median },
      loads: loads.length,
    }),
  );
}
