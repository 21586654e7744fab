/**
 * Files that are not regular files (a named pipe called `*.md` or `glossary.yml`): reading one would block
 * lint, build and serve forever. They are skipped with a warning naming them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintKnowledge, formatProblem } from '../../src/node/index.js';
import { readKnowledge } from '../../src/node/read-knowledge.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-fifo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('non-regular files in a knowledge folder', () => {
  it('skips a named pipe called *.md or glossary.yml, with a lint warning, and reads the rest', { timeout: 10_000 }, () => {
    mkdirSync(join(tmp, 'en/account'), { recursive: true });
    writeFileSync(join(tmp, 'en/account/good.md'), '---\nid: good\ntitle: How do I reset my password?\n---\nOpen **Settings** and follow the steps.\n');
    execFileSync('mkfifo', [join(tmp, 'en/account/pipe.md')]);
    execFileSync('mkfifo', [join(tmp, 'glossary.yml')]);
    const read = readKnowledge(tmp);
    expect(read.articles.map((a) => a.id)).toEqual(['good']);
    const lines = lintKnowledge(tmp).map(formatProblem);
    expect(
      lines.some((l) => l.includes('pipe.md') && /warning/.test(l) && /not a regular file/.test(l)),
      lines.join('\n'),
    ).toBe(true);
    expect(
      lines.some((l) => l.includes('glossary.yml') && /not a regular file/.test(l)),
      lines.join('\n'),
    ).toBe(true);
  });
});
