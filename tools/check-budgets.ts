/**
 * Fails when a file that reaches the browser is over its size budget (bench/budgets.ts): the loader, the widget
 * code (its entry chunk and the chunks it imports statically; chunks imported on demand are left out), and, for the
 * sample knowledge base built as a pack folder, what a visitor in each language downloads to the first answer.
 * Reads dist/ as `npm run build` left it (or the folder in HELPLINE_DIST). Run: npm run size.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { BUDGET } from '../bench/budgets.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = process.env.HELPLINE_DIST ?? join(root, 'dist');
const gzipKB = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length / 1024;

/** The widget entry chunk and, transitively, the chunks it imports statically. */
function widgetCode(): string[] {
  const entry = readdirSync(dist).find((f) => /^helpline-widget\.[\w-]+\.js$/.test(f));
  if (!entry) throw new Error('dist/ has no helpline-widget.<hash>.js: run npm run build first');
  const files = new Set([entry]);
  for (const file of files) {
    const code = readFileSync(join(dist, file), 'utf8');
    // Static imports only: `import{…}from"./x.js"` and `import"./x.js"`; `import("./x.js")` is on demand.
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g)) files.add(m[1]);
  }
  return [...files];
}

/** Per language of the sample's pack folder, the gzip KB of the manifest and the files the language loads. */
function firstAnswerKB(): Record<string, number> {
  const out = mkdtempSync(join(tmpdir(), 'helpline-budget-'));
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'helpline.js'), 'build', join(root, 'knowledge'), '-o', out + '/'], { stdio: 'pipe' });
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { languages: Record<string, { files: string[] }> };
    const kb: Record<string, number> = {};
    for (const [lang, { files }] of Object.entries(manifest.languages)) {
      kb[lang] = gzipKB(join(out, 'manifest.json')) + files.reduce((sum, f) => sum + gzipKB(join(out, f)), 0);
    }
    return kb;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const rows: { what: string; kb: number; budget: number }[] = [
  { what: 'dist/helpline.js (the loader)', kb: gzipKB(join(dist, 'helpline.js')), budget: BUDGET.loaderKB },
  ...[widgetCode()].map((files) => ({
    what: `the widget code (${files.map((f) => `dist/${f}`).join(' + ')})`,
    kb: files.reduce((sum, f) => sum + gzipKB(join(dist, f)), 0),
    budget: BUDGET.widgetKB,
  })),
  ...Object.entries(firstAnswerKB()).map(([lang, kb]) => ({
    what: `the sample's pack folder, first answer in ${lang} (manifest.json + its files)`,
    kb,
    budget: BUDGET.firstAnswerKB,
  })),
];

const over = rows.filter((r) => r.kb > r.budget);
for (const r of rows) {
  console.log(`${r.kb > r.budget ? 'OVER' : 'ok  '} ${r.kb.toFixed(1).padStart(6)} KB gzip of ${r.budget} KB  ${r.what}`);
}
if (over.length) {
  console.error(
    `\n${over.length} over budget (bench/budgets.ts): ${over.map((r) => `${r.what} is ${r.kb.toFixed(1)} KB gzip, ${(r.kb - r.budget).toFixed(1)} KB over its ${r.budget} KB`).join('; ')}.` +
      '\nMake it smaller (npm run bench:widget breaks the widget code down by dependency), or raise the budget in bench/budgets.ts and say why in the commit.',
  );
  process.exit(1);
}
