/**
 * Answer quality on a real help center, through the real `helpline build` and `helpline eval`:
 * - Binance's English FAQ (../shared/data/binance-faq: its articles with an answer, title + body, made by its
 *   own to_kb.py and nothing else) on its development cases, per language; the data is read from ../shared at
 *   run time, and only figures are written here;
 * - the same with the sample's English articles added (quality must not fall with size);
 * - the sample knowledge base with its example questions stripped (here, in code), and with them;
 * - the sample's multi-turn cases (follow-up questions);
 * - plain MiniSearch over title + body (its top hit as the answer) as the peer on the same cases.
 * Writes bench/results/helpcenter.md. Run: npm run bench:helpcenter
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import MiniSearch from 'minisearch';
import { parseDocument } from 'yaml';
import { machine } from './machine.js';
import { pct } from '../src/report/html.js';
import { readKnowledge } from '../src/node/read-knowledge.js';
import { parseCases, type EvalCase } from '../src/eval/evaluate.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = join(root, '..', 'shared', 'data', 'binance-faq');
const work = join(root, 'bench', '.work', 'helpcenter');
const helpline = (...args: string[]) => execFileSync('node', [join(root, 'bin', 'helpline.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

interface Report {
  cases: number;
  accuracy: number | null;
  top3: number | null;
  answeredWrong: number | null;
  oosDeclined: number | null;
  handoffRecall: number | null;
  perLang: Record<string, number>;
}
const evaluate = (pack: string, cases: string): Report => JSON.parse(helpline('eval', '--kb', pack, '--cases', cases, '--json'));
const build = (dir: string, name: string) => {
  const out = join(work, `${name}.json`);
  const line = helpline('build', dir, '-o', out).trim().split('\n').pop()!;
  console.log(line);
  const summary = line.replace(/^built \S+: /, ''); // "485 articles in 1 language(s) (en), …"
  return { out, line: summary, articles: Number(/^(\d+) articles/.exec(summary)?.[1]) };
};

/** What a case file holds, in words: its article questions per language, out-of-scope cases and requests for a human. */
function describeCases(file: string): string {
  const cases = parseCases(readFileSync(file, 'utf8'));
  const perLang = new Map<string, number>();
  for (const c of cases) if (c.expect !== null && c.expect !== '@handoff') perLang.set(c.lang ?? 'en', (perLang.get(c.lang ?? 'en') ?? 0) + 1);
  const questions = [...perLang].map(([lang, n]) => `${n} in ${lang}`).join(', ');
  return `${questions} (questions in other languages expect the English article), ${cases.filter((c) => c.expect === null).length} out of scope, ${cases.filter((c) => c.expect === '@handoff').length} requests for a human`;
}

/** One table row per language (and all), each from its own eval run so every figure is per language. */
function perLanguage(pack: string, file: string, label: string): string[] {
  const cases = parseCases(readFileSync(file, 'utf8'));
  const langs = [...new Set(cases.map((c) => c.lang ?? 'en'))];
  const rows: string[] = [];
  for (const lang of ['all', ...langs]) {
    const subset = lang === 'all' ? cases : cases.filter((c) => (c.lang ?? 'en') === lang);
    const path = join(work, `${label}-${lang}.jsonl`);
    writeFileSync(path, subset.map((c) => JSON.stringify(c)).join('\n'));
    const r = evaluate(pack, path);
    rows.push(
      `| ${label} | ${lang} | ${r.cases} | ${pct(r.accuracy)} | ${pct(r.answeredWrong)} | ${pct(r.top3)} | ${pct(r.oosDeclined)} | ${pct(r.handoffRecall)} |`,
    );
    console.log(label, lang, JSON.stringify(r));
  }
  return rows;
}

/** The sample knowledge base with every article's `questions` removed from its front matter. */
function stripQuestions(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) {
        const text = readFileSync(path, 'utf8');
        const end = text.indexOf('\n---', 3);
        const front = parseDocument(text.slice(4, end));
        front.delete('questions');
        writeFileSync(path, `---\n${front.toString()}${text.slice(end + 1)}`);
      }
    }
  };
  walk(to);
}

/** Plain MiniSearch, default tokenizer, over title + body: what a developer would try first. */
function miniSearchPeer(dir: string, file: string): { lang: string; right: number; top3: number; n: number }[] {
  const articles = readKnowledge(dir).articles;
  const byLang = new Map<string, MiniSearch>();
  for (const lang of new Set(articles.map((a) => a.lang))) {
    const ms = new MiniSearch({ fields: ['title', 'body'], idField: 'id' });
    ms.addAll(articles.filter((a) => a.lang === lang));
    byLang.set(lang, ms);
  }
  const cases = parseCases(readFileSync(file, 'utf8')).filter((c: EvalCase) => c.expect && c.expect !== '@handoff');
  const out = new Map<string, { lang: string; right: number; top3: number; n: number }>();
  for (const c of cases) {
    const lang = c.lang ?? 'en';
    const ms = byLang.get(lang) ?? byLang.get('en')!;
    const ids = ms
      .search(c.text)
      .slice(0, 3)
      .map((r) => r.id as string);
    const ok = (id?: string) => id === c.expect || (c.alt ?? []).includes(id ?? '');
    for (const key of ['all', lang]) {
      const row = out.get(key) ?? { lang: key, right: 0, top3: 0, n: 0 };
      row.n++;
      if (ok(ids[0])) row.right++;
      if (ids.some(ok)) row.top3++;
      out.set(key, row);
    }
  }
  return [...out.values()];
}

const header =
  '| knowledge base | language | cases | answered right | answered wrong | top-3 | out of scope declined | handoffs |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |';
const sections: string[] = [];

const sampleStripped = join(work, 'sample-no-questions');
stripQuestions(join(root, 'knowledge'), sampleStripped);
const sample = build(join(root, 'knowledge'), 'sample');
const stripped = build(sampleStripped, 'sample-no-questions');
sections.push(`### The sample knowledge base, with and without its example questions

35 articles × 6 languages (${sample.line}). "Without questions" removes every article's \`questions\` (in code,
bench/helpcenter.ts), leaving title + body as a real help center has them. Cases: tests/eval/crypto.jsonl
(development), crypto-holdout.jsonl (held out, never tuned on), multiturn.jsonl (follow-ups, with \`context\`).

${header}
${[
  ...perLanguage(stripped.out, join(root, 'tests/eval/crypto-holdout.jsonl'), 'no questions, held out'),
  ...perLanguage(stripped.out, join(root, 'tests/eval/crypto.jsonl'), 'no questions, dev'),
  ...perLanguage(sample.out, join(root, 'tests/eval/crypto-holdout.jsonl'), 'with questions, held out'),
  ...perLanguage(sample.out, join(root, 'tests/eval/multiturn.jsonl'), 'with questions, multi-turn'),
  ...perLanguage(stripped.out, join(root, 'tests/eval/multiturn.jsonl'), 'no questions, multi-turn'),
].join('\n')}`);

if (existsSync(join(data, 'dev.jsonl'))) {
  const kb = join(work, 'binance');
  execFileSync('python3', [join(data, 'to_kb.py'), join(data, 'binance_faq_en.json'), kb, '--skip-empty'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const binance = build(kb, 'binance');
  const both = join(work, 'binance-plus-sample');
  cpSync(kb, both, { recursive: true });
  cpSync(join(root, 'knowledge', 'en'), join(both, 'en', 'sample'), { recursive: true });
  const plus = build(both, 'binance-plus-sample');
  const dev = join(data, 'dev.jsonl');
  const peer = miniSearchPeer(kb, dev);
  sections.push(`### Binance's help center (development cases)

${binance.line}; with the sample's English articles added: ${plus.line}. Cases: ${describeCases(dev)}.

${header}
${[...perLanguage(binance.out, dev, `Binance, ${binance.articles} articles`), ...perLanguage(plus.out, dev, `Binance + sample, ${plus.articles}`)].join('\n')}

Peer: plain MiniSearch over title + body (default tokenizer), its top hit taken as the answer (it never declines):

| language | cases | top-1 | top-3 |
| --- | ---: | ---: | ---: |
${peer.map((r) => `| ${r.lang} | ${r.n} | ${pct(r.right / r.n)} | ${pct(r.top3 / r.n)} |`).join('\n')}`);
} else {
  console.log(`skipped Binance: ${data} is absent (see ../shared/data/README.md)`);
}

const md = `## Answering from a real help center (helpcenter)

Command: \`npm run bench:helpcenter\` · ${machine()}. "Answered right" is a direct answer with the expected article
(or a listed \`alt\`); "answered wrong" a direct answer with another article; "top-3" the expected article among the
answer and the suggestions; "out of scope declined" the decline, not suggestions.

${sections.join('\n\n')}
`;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'helpcenter.md'), md);
console.log(md);
