/**
 * Answer quality of the sample knowledge base on our own crypto sets, through the real `helpline eval`:
 * the development set (tests/eval/crypto.jsonl) and the held-out set (crypto-holdout.jsonl), both written
 * blind to the articles' example questions; nothing is tuned on the held-out set.
 * Writes bench/results/crypto.md. Run: npm run bench:crypto
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.js';
import { pct } from '../src/report/html.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const helpline = (...args: string[]) => execFileSync('node', [join(root, 'bin', 'helpline.js'), ...args], { cwd: root, encoding: 'utf8' });
const pack = join(root, 'bench', '.work', 'crypto-pack.json');
mkdirSync(join(root, 'bench', '.work'), { recursive: true });
const built = helpline('build', 'knowledge', '-o', pack).trim();

const rows: string[] = [];
for (const [name, file] of [
  ['development', 'tests/eval/crypto.jsonl'],
  ['held out', 'tests/eval/crypto-holdout.jsonl'],
]) {
  const r = JSON.parse(helpline('eval', '--kb', pack, '--cases', file, '--json'));
  const langs = ['en', 'zh', 'ja', 'ko', 'es', 'ru'].map((l) => pct(r.perLang[l]));
  rows.push(`| ${name} | ${r.cases} | ${pct(r.accuracy)} | ${langs.join(' | ')} | ${pct(r.top3)} | ${pct(r.oosRecall)} | ${pct(r.handoffRecall)} |`);
  console.log(name, JSON.stringify(r));
}

const md = `## Answer quality on the sample knowledge base (crypto)

35 topics × 6 languages; each evaluation set has 40 questions per language expecting an article, 10 out-of-scope
questions and 6 requests for a human per language, written without seeing the articles' example questions.
Accuracy counts direct answers with the expected article.

Command: \`npm run bench:crypto\` · ${built.replace(/^built \S+: /, '')} · ${machine()}

| set | cases | accuracy | en | zh | ja | ko | es | ru | top-3 | out-of-scope declined | handoffs |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'crypto.md'), md);
console.log(md);
