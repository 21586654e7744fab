// Interim checker for knowledge writers until `helpline lint` lands.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, basename, dirname } from 'node:path';
import { parseDocument } from 'yaml';
const root = process.argv[2];
const walk = (d) => readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : p.endsWith('.md') ? [p] : []; });
let problems = 0;
for (const file of walk(root).sort()) {
  const text = readFileSync(file, 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!m) { console.log(`${file}:1: no front matter between --- lines`); problems++; continue; }
  const doc = parseDocument(m[1], { prettyErrors: true });
  for (const e of doc.errors) { console.log(`${file}:${(e.linePos?.[0].line ?? 0) + 1}: ${e.message.split('\n')[0]}`); problems++; }
  const d = doc.toJS() ?? {};
  if (d.id !== basename(file, '.md')) { console.log(`${file}: id '${d.id}' does not match the file name`); problems++; }
  if (!d.title) { console.log(`${file}: missing title`); problems++; }
  const q = Array.isArray(d.questions) ? d.questions : [];
  if (q.some((x) => typeof x !== 'string')) { console.log(`${file}: a question is not a string`); problems++; }
  const words = m[2].trim().length;
  console.log(`${basename(dirname(file))}/${d.id}: ${q.length} questions, body ${words} chars`);
  if (q.length < 8) { console.log(`${file}: fewer than 8 questions`); problems++; }
}
console.log(`${problems} problem(s)`);
