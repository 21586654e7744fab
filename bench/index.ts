/**
 * Runs every benchmark, one after another (never two at once: they time things), then writes
 * bench/RESULTS.md from the sections they wrote to bench/results/<name>.md.
 *   npm run bench                 build the bundle, run all, assemble
 *   tsx bench/index.ts --assemble only assemble the sections already there
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The benchmarks in the order RESULTS.md shows them; each writes bench/results/<name>.md. */
export const BENCHES = [
  { name: 'helpcenter', what: 'answer quality on a real help center (Binance, title + body), the sample without questions, follow-ups' },
  { name: 'clinc150', what: 'out-of-scope handling on CLINC150 (test split; data given on the command line)' },
  { name: 'banking77', what: 'answer quality on BANKING77 through the real `helpline build` and `helpline eval`' },
  { name: 'crypto', what: 'answer quality on the sample knowledge base, six languages' },
  { name: 'peers', what: 'Helpline, nlp.js, natural and MiniSearch on the same BANKING77 split' },
  { name: 'scale', what: 'build, size, load, ask() and memory from 1,000 to 100,000 articles' },
  { name: 'slow-inputs', what: 'the slowest messages (pasted logs, 4,000 characters of CJK) against a normal question' },
  { name: 'api', what: 'requests per second and p50/p99 of `helpline api` on the sample pack and a 30,000-file pack folder' },
  { name: 'widget', what: 'bundle size by dependency, first answer in Chromium, bytes transferred' },
  { name: 'redaction', what: 'secrets found (seed phrases in every shape with typos, keys, cards, passwords, codes in ten languages) and false positives' },
  { name: 'relay', what: 'handoffs per second `helpline relay` holds with p50/p99, and its restart, on PGlite and on a PostgreSQL server' },
  { name: 'install', what: 'what `npm install helpline` costs: size on disk and packages of an `--omit=dev` install of the tarball' },
];

if (!process.argv.includes('--assemble')) {
  for (const b of BENCHES) {
    if (!existsSync(join(root, 'bench', `${b.name}.ts`))) continue;
    console.log(`\n=== bench:${b.name} ===`);
    const started = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', `${b.name}.ts`)], { cwd: root, stdio: 'inherit' });
    console.log(`=== bench:${b.name}: ${((performance.now() - started) / 60_000).toFixed(1)} min ===`);
  }
}

const results = join(root, 'bench', 'results');
const known = BENCHES.map((b) => b.name);
const others = readdirSync(results)
  .filter((f) => f.endsWith('.md'))
  .map((f) => f.slice(0, -3))
  .filter((n) => !known.includes(n))
  .sort();
const sections = [...known, ...others].filter((n) => existsSync(join(results, `${n}.md`)));
const date = new Date().toISOString().slice(0, 16).replace('T', ' ');

const md = `# Helpline benchmarks

Assembled by \`npm run bench\` on ${date} UTC from the sections below. Each section says the command and the machine
that produced it and can be rerun alone (\`npm run bench:<name>\`, then \`tsx bench/index.ts --assemble\`). Timings are medians and 99th percentiles over many runs
after a warm-up, on a shared 2-core machine: read them as orders of magnitude and ratios, not to the
millisecond. No test asserts a timing.

${sections.map((n) => `- [${n}](#${n}): ${BENCHES.find((b) => b.name === n)?.what ?? 'see the section'}`).join('\n')}

${sections.map((n) => `<a id="${n}"></a>\n\n${readFileSync(join(results, `${n}.md`), 'utf8').trim()}\n`).join('\n')}`;
writeFileSync(join(root, 'bench', 'RESULTS.md'), md);
console.log(`\nwrote bench/RESULTS.md (${sections.join(', ')})`);
