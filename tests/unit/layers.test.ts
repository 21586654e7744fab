/**
 * The layers of docs/architecture.md hold: every relative import in src/ goes to a folder its row allows.
 * A new upward import fails here, with the file and the import named.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const src = join(root, 'src');

/** folder → the folders it may import (`any`: everything in src), from the table under "## Layers". */
function table(): Map<string, Set<string> | 'any'> {
  const doc = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');
  const section = doc.slice(doc.indexOf('## Layers'), doc.indexOf('\n## ', doc.indexOf('## Layers') + 3));
  const rows = new Map<string, Set<string> | 'any'>();
  for (const line of section.split('\n')) {
    const m = /^\| `src\/([a-z]+)` \|.*\| ([^|]+) \|$/.exec(line);
    if (!m) continue;
    const allowed = m[2].trim();
    rows.set(m[1], allowed === 'any' ? 'any' : new Set(allowed === '—' ? [] : allowed.split(',').map((s) => s.trim())));
  }
  return rows;
}

const IMPORT = /(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g;

describe('layers', () => {
  const rows = table();

  it('has a row for every folder of src/', () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !rows.has(f))).toEqual([]);
    expect(rows.size).toBeGreaterThanOrEqual(10);
  });

  it('every import in src/ goes to a folder its row allows', () => {
    const wrong: string[] = [];
    for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const file = join(entry.parentPath, entry.name);
      const folder = relative(src, file).split('/')[0];
      const allowed = rows.get(folder);
      if (!allowed || allowed === 'any' || !relative(src, file).includes('/')) continue;
      for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
        const target = relative(src, normalize(join(dirname(file), m[1])));
        const to = target.includes('/') ? target.split('/')[0] : '(the public entry)';
        if (to !== folder && !allowed.has(to)) wrong.push(`${relative(root, file)} imports ${m[1]} (${to}), not in its row: ${[...allowed].join(', ') || '—'}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
