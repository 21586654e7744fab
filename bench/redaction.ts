/**
 * How well the redaction hides secrets, and how often it masks what is no secret. Generated seed phrases from
 * the ten BIP39 lists in every pasted shape with up to two typos and text around them; labelled keys, cards,
 * passwords and codes in the ten UI languages; addresses, TXIDs, order ids, amounts, dates; and the prose of
 * the sample knowledge base and questions in six languages. Fixed seed (SEED=n for another draw): the figures are reproducible.
 * Writes bench/results/redaction.md. Run: npm run bench:redaction
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { redactSecrets } from '../src/safety/redact.js';
import {
  LABELLED,
  NOT_SECRET,
  UI_LANGS,
  keptWords,
  labelledCase,
  leaksSecret,
  phraseCase,
  redactCase,
  type LabelledKind,
  type PhraseCase,
} from './redaction-cases.js';
import { machine } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const SEED = Number(process.env.SEED ?? 14);
const PHRASES = 6000;
const PER_LABELLED = 60;
const PER_NOT_SECRET = 400;
/** The target: a phrase with at most two typos keeps at most this many of its words. */
const MAX_KEPT = 2;

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(n && n < d / 1000 ? 2 : 1)}%` : '–');

// 1. Seed phrases.
const phrases = fc.sample(phraseCase(), { numRuns: PHRASES, seed: SEED });
type Tally = { n: number; leaks: number; kept: number; over: number };
const tally = () => ({ n: 0, leaks: 0, kept: 0, over: 0 });
const byShape = new Map<string, Tally>();
const byList = new Map<string, Tally>();
const byTypos = new Map<string, Tally>();
const worst: { c: PhraseCase; out: string; kept: number }[] = [];
for (const c of phrases) {
  const out = redactCase(c);
  const kept = keptWords(out, c);
  const leak = kept > MAX_KEPT;
  // Over-redaction: the text after the phrase lost words of its own.
  const over =
    c.after !== '' &&
    !out.normalize('NFKC').includes(
      c.after
        .replace(/^[.。]\s*/, '')
        .normalize('NFKC')
        .slice(0, 6),
    );
  const keys = [
    [byShape, c.split ? `${c.shape}, over two messages` : c.shape],
    [byList, c.list],
    [byTypos, `${c.typos} typo${c.typos === 1 ? '' : 's'}, ${c.words.length} words`],
  ] as const;
  for (const [map, key] of keys) {
    const t = map.get(key) ?? tally();
    t.n++;
    t.leaks += +leak;
    t.kept += kept;
    t.over += +over;
    map.set(key, t);
  }
  if (leak) worst.push({ c, out, kept });
}
const phraseLeaks = worst.length;

// 2. Labelled secrets in the ten languages.
const labelled = new Map<string, { n: number; leaks: number; examples: string[] }>();
for (const kind of Object.keys(LABELLED) as LabelledKind[]) {
  for (const lang of UI_LANGS) {
    const t = { n: 0, leaks: 0, examples: [] as string[] };
    for (const c of fc.sample(labelledCase(kind, lang), { numRuns: PER_LABELLED, seed: SEED })) {
      t.n++;
      const out = redactSecrets(c.text).text;
      if (leaksSecret(out, c.secret)) {
        t.leaks++;
        if (t.examples.length < 2) t.examples.push(c.text);
      }
    }
    labelled.set(`${kind} ${lang}`, t);
  }
}

// 3. What must stay: generated look-alikes, and prose in six languages.
const falsePositives = new Map<string, { n: number; hits: number; examples: string[] }>();
for (const [name, arb] of Object.entries(NOT_SECRET)) {
  const t = { n: 0, hits: 0, examples: [] as string[] };
  for (const text of fc.sample(arb, { numRuns: PER_NOT_SECRET, seed: SEED })) {
    t.n++;
    if (redactSecrets(text).found.length) {
      t.hits++;
      if (t.examples.length < 2) t.examples.push(text);
    }
  }
  falsePositives.set(name, t);
}
const prose = proseByLanguage();
const proseTally = new Map<string, { n: number; hits: number; examples: string[] }>();
for (const [lang, lines] of prose) {
  const t = { n: 0, hits: 0, examples: [] as string[] };
  for (const line of lines) {
    t.n++;
    const r = redactSecrets(line);
    if (r.found.length) {
      t.hits++;
      if (t.examples.length < 3) t.examples.push(`${r.found.join(', ')}: ${line.slice(0, 120)}`);
    }
  }
  proseTally.set(lang, t);
}
const proseN = [...proseTally.values()].reduce((a, t) => a + t.n, 0);
const proseHits = [...proseTally.values()].reduce((a, t) => a + t.hits, 0);

/** Lines and questions of the sample knowledge base and evaluation sets, by language. */
function proseByLanguage(): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (lang: string, text: string) => {
    for (const line of text.split(/\n+/))
      if (/\p{L}{2}/u.test(line) && !/^(?:id|tags|category|lang|priority|---)/.test(line)) (out.get(lang) ?? out.set(lang, []).get(lang)!).push(line.trim());
  };
  const walk = (dir: string, lang: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path, lang);
      else if (name.endsWith('.md')) add(lang, readFileSync(path, 'utf8'));
    }
  };
  for (const lang of readdirSync(join(root, 'knowledge'))) if (statSync(join(root, 'knowledge', lang)).isDirectory()) walk(join(root, 'knowledge', lang), lang);
  for (const file of ['tests/eval/crypto.jsonl', 'tests/eval/crypto-holdout.jsonl']) {
    try {
      for (const line of readFileSync(join(root, file), 'utf8').split('\n').filter(Boolean)) {
        const c = JSON.parse(line) as { text: string; lang?: string };
        if (c.lang) add(c.lang, c.text);
      }
    } catch {
      // an evaluation set that is not there adds nothing
    }
  }
  return out;
}

// Report.
const lines: string[] = [];
const row = (cells: (string | number)[]) => lines.push(`| ${cells.join(' | ')} |`);
lines.push('## Redaction: secrets found, and what is left alone', '');
lines.push(`Command: \`npm run bench:redaction\` · ${machine()} · fast-check seed ${SEED}`, '');
lines.push(`### Seed phrases: ${PHRASES} generated, ${pct(phraseLeaks, PHRASES)} leak (keep more than ${MAX_KEPT} words)`, '');
lines.push(
  'Words drawn at random from one of the ten BIP39 lists, 11, 12, 15, 18 or 24 of them, with 0–2 typos (Latin lists: neighbouring key, dropped,',
  'doubled or swapped letter), in one of the shapes below, with text around them in one of nine languages; one case in five is sent as',
  'two messages (split after 6 or 8 words) through `createRedactor`. "kept" is the mean number of the phrase\'s words left in the text;',
  '"over" is the share of cases where the words after the phrase were masked too.',
  '',
);
for (const [title, map] of [
  ['shape', byShape],
  ['list', byList],
  ['typos and length', byTypos],
] as const) {
  row([title, 'cases', 'leak', 'kept (mean)', 'over']);
  row(['---', '---:', '---:', '---:', '---:']);
  for (const [k, t] of [...map].sort((a, b) => a[0].localeCompare(b[0]))) row([k, t.n, pct(t.leaks, t.n), (t.kept / t.n).toFixed(2), pct(t.over, t.n)]);
  lines.push('');
}
if (worst.length) {
  lines.push('Leaking cases (first 5):', '');
  for (const w of worst.slice(0, 5))
    lines.push(`- ${w.c.list}, ${w.c.shape}, ${w.c.typos} typos, kept ${w.kept}: \`${w.out.replace(/\n/g, '⏎').slice(0, 160)}\``);
  lines.push('');
}
const labelledN = [...labelled.values()].reduce((a, t) => a + t.n, 0);
const labelledLeaks = [...labelled.values()].reduce((a, t) => a + t.leaks, 0);
lines.push(`### Keys, cards, passwords, codes in the ten UI languages: ${labelledN} generated, ${pct(labelledLeaks, labelledN)} leak`, '');
lines.push(
  'Secrets drawn at random (64-hex keys, Luhn-valid cards with any separator or full-width digits, passwords, 6-digit codes, some full-width) in the templates of bench/redaction-cases.ts, with text after them. A leak: 8 characters of the secret in a row are still in the text.',
  '',
);
row(['kind', ...UI_LANGS]);
row(['---', ...UI_LANGS.map(() => '---:')]);
for (const kind of Object.keys(LABELLED)) row([kind, ...UI_LANGS.map((l) => pct(labelled.get(`${kind} ${l}`)!.leaks, labelled.get(`${kind} ${l}`)!.n))]);
const leaking = [...labelled].filter(([, t]) => t.examples.length);
if (leaking.length) {
  lines.push('', 'Leaking examples:', '');
  for (const [k, t] of leaking) lines.push(`- ${k}: ${t.examples.map((e) => `\`${e}\``).join(', ')}`);
}
lines.push('');
lines.push(`### False positives: prose ${pct(proseHits, proseN)} of ${proseN} lines (target under 1%)`, '');
row(['input', 'cases', 'masked']);
row(['---', '---:', '---:']);
for (const [k, t] of falsePositives) row([k, t.n, pct(t.hits, t.n)]);
for (const [k, t] of proseTally) row([`prose (${k}): knowledge base lines and questions`, t.n, pct(t.hits, t.n)]);
const fpExamples = [...falsePositives, ...proseTally].filter(([, t]) => t.examples.length);
if (fpExamples.length) {
  lines.push('', 'Masked by mistake (examples):', '');
  for (const [k, t] of fpExamples) lines.push(`- ${k}: ${t.examples.map((e) => `\`${e.replace(/\n/g, ' ')}\``).join('; ')}`);
}
lines.push('');
const report = lines.join('\n');
console.log(report);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/redaction.md'), report);
