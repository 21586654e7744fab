/**
 * Out-of-scope handling on CLINC150 (Larson et al. 2019, the public repository clinc/oos-eval, CC BY 3.0),
 * through the real `helpline build` and `helpline eval`: 150 intents as articles (their training rows as
 * questions), the test split's 4,500 in-scope and 1,000 out-of-scope questions as cases. Nothing is tuned on the
 * test split. The data set is not in this repository: give its data_full.json.
 * Writes bench/results/clinc150.md. Run: npm run bench:clinc150 -- path/to/data_full.json
 *   (default ../shared/data/clinc150/data_full.json; skipped with a message when absent)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.js';
import { pct } from '../src/report/html.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const data = resolve(process.argv[2] ?? join(root, '..', 'shared', 'data', 'clinc150', 'data_full.json'));
if (!existsSync(data)) {
  console.log(`skipped: CLINC150 not found at ${data} (clinc/oos-eval, data/data_full.json)`);
  process.exit(0);
}
const work = join(root, 'bench', '.work', 'clinc150');
rmSync(work, { recursive: true, force: true });
const kb = join(work, 'kb', 'en', 'clinc');
mkdirSync(kb, { recursive: true });
const helpline = (...args: string[]) => execFileSync('node', [join(root, 'bin', 'helpline.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });

const set: Record<string, [string, string][]> = JSON.parse(readFileSync(data, 'utf8'));
const idOf = (intent: string) => intent.replace(/_/g, '-');
const byIntent = new Map<string, string[]>();
for (const [text, intent] of set.train) byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
for (const [intent, questions] of byIntent) {
  writeFileSync(
    join(kb, `${idOf(intent)}.md`),
    `---\nid: ${idOf(intent)}\ntitle: ${JSON.stringify(intent.replace(/_/g, ' '))}\nquestions:\n${questions.map((q) => `  - ${JSON.stringify(q)}`).join('\n')}\n---\nCLINC150 intent "${intent}".\n`,
  );
}
const cases = join(work, 'cases.jsonl');
writeFileSync(
  cases,
  [...set.test.map(([text, intent]) => ({ text, expect: idOf(intent), lang: 'en' })), ...set.oos_test.map(([text]) => ({ text, expect: null, lang: 'en' }))]
    .map((c) => JSON.stringify(c))
    .join('\n') + '\n',
);

const pack = join(work, 'pack.json');
const t0 = performance.now();
const built = helpline('build', join(work, 'kb'), '-o', pack).trim().split('\n').pop()!;
const seconds = (performance.now() - t0) / 1000;
const r = JSON.parse(helpline('eval', '--kb', pack, '--cases', cases, '--json'));
console.log(JSON.stringify(r));

const md = `## Out of scope on CLINC150 (clinc150)

CLINC150 (clinc/oos-eval, CC BY 3.0): 150 intents as articles (100 training questions each), the test split's
4,500 in-scope and 1,000 out-of-scope questions; the bot's built-in intents included, as for any pack. "Out of
scope not answered" is \`oosRecall\` (no direct answer with an article); "declined" is \`oosDeclined\` (the
decline, not "did you mean" suggestions).

Command: \`npm run bench:clinc150 -- data_full.json\` · ${built.replace(/^built \S+: /, '')} · build ${seconds.toFixed(0)} s · ${machine()}

| in-scope answered right | answered wrong | top-3 | out of scope not answered | out of scope declined |
| ---: | ---: | ---: | ---: | ---: |
| ${pct(r.accuracy)} | ${pct(r.answeredWrong)} | ${pct(r.top3)} | ${pct(r.oosRecall)} | ${pct(r.oosDeclined)} |
`;
writeFileSync(join(root, 'bench', 'results', 'clinc150.md'), md);
console.log(md);
