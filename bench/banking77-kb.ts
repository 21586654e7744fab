/**
 * Turns BANKING77 (PolyAI, CC BY 4.0) into a Helpline knowledge folder and evaluation cases, as
 * ../shared/data/README.md describes: one English article per category, its questions from the training
 * split ("full" = every row, "10-shot" = the first 10 per category in file order), cases from the test split.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export const DATA = new URL('../../shared/data/banking77/', import.meta.url).pathname;

export function hasBanking77(): boolean {
  return existsSync(join(DATA, 'train.csv')) && existsSync(join(DATA, 'test.csv'));
}

/** RFC 4180 rows of a two-column CSV (text may be quoted and contain commas). */
export function readCsv(file: string): { text: string; category: string }[] {
  const rows: { text: string; category: string }[] = [];
  const re = /(?:"((?:[^"]|"")*)"|([^,\r\n]*)),([^\r\n]*)\r?\n?/g;
  const src = readFileSync(file, 'utf8');
  let m: RegExpExecArray | null;
  let header = true;
  while ((m = re.exec(src)) && m[0]) {
    if (header) {
      header = false;
      continue;
    }
    rows.push({ text: m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2], category: m[3].trim() });
  }
  return rows;
}

/** The category with `_` as `-`, lowercased and cut to the id alphabet (two categories have a capital or a '?'). */
export const idOf = (category: string) =>
  category
    .replace(/_/g, '-')
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '');

/**
 * Writes the knowledge folder (en/banking/<id>.md) and the cases file. Categories in `heldOut` get no
 * article; their test rows become out-of-scope cases (`expect: null`).
 */
export function writeBanking77(dir: string, options: { shots?: number; heldOut?: Set<string> } = {}): { casesFile: string; articles: number; cases: number } {
  const train = readCsv(join(DATA, 'train.csv'));
  const test = readCsv(join(DATA, 'test.csv'));
  const byCategory = new Map<string, string[]>();
  for (const r of train) {
    const list = byCategory.get(r.category) ?? [];
    if (!options.shots || list.length < options.shots) list.push(r.text);
    byCategory.set(r.category, list);
  }
  const kb = join(dir, 'kb');
  mkdirSync(join(kb, 'en', 'banking'), { recursive: true });
  let articles = 0;
  for (const [category, questions] of byCategory) {
    if (options.heldOut?.has(category)) continue;
    const title = category.replace(/_/g, ' ');
    const yaml = (s: string) => JSON.stringify(s.trim());
    writeFileSync(
      join(kb, 'en', 'banking', `${idOf(category)}.md`),
      `---\nid: ${idOf(category)}\ntitle: ${yaml(title[0].toUpperCase() + title.slice(1))}\nquestions:\n${questions.map((q) => `  - ${yaml(q)}`).join('\n')}\n---\nBANKING77 category "${title}".\n`,
    );
    articles++;
  }
  // No conversational intents: BANKING77 measures topic classification alone.
  writeFileSync(join(kb, 'intents.yml'), '{}\n');
  const casesFile = join(dir, 'cases.jsonl');
  writeFileSync(
    casesFile,
    test.map((r) => JSON.stringify({ text: r.text, expect: options.heldOut?.has(r.category) ? null : idOf(r.category), lang: 'en' })).join('\n') + '\n',
  );
  return { casesFile, articles, cases: test.length };
}
