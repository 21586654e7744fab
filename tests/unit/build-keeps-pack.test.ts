import { afterAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPack, KnowledgeError, writeFileAtomic } from '../../src/node/index.js';
import { loadPack } from '../../src/pack/pack.js';
import { main } from '../../src/cli/main.js';
import { fixture } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-build-keeps-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the CLI in-process and collects what it prints. */
async function helpline(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(argv);
    const text = (s: typeof out) => s.mock.calls.map((c) => String(c[0])).join('');
    return { code, stdout: text(out), stderr: text(err) };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

describe('helpline build with errors', () => {
  it('leaves the previous pack byte-identical and says nothing was written', async () => {
    const kb = join(tmp, 'kb');
    const out = join(tmp, 'site', 'pack.json');
    cpSync(fixture('kb-mini'), kb, { recursive: true });
    const good = await helpline('build', kb, '-o', out);
    expect(good.code).toBe(0);
    const before = readFileSync(out);
    const mtime = statSync(out).mtimeMs;
    expect(loadPack(before.toString('utf8')).data.articles.length).toBe(8);

    const article = join(kb, 'en', 'withdrawals', 'withdrawal-fees.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: .*$/m, 'title: [unclosed'));
    const bad = await helpline('build', kb, '-o', out);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/withdrawal-fees\.md:\d+: error: YAML/);
    expect(bad.stderr).toContain('nothing was written');
    expect(readFileSync(out).equals(before)).toBe(true);
    expect(statSync(out).mtimeMs).toBe(mtime);
    expect(readdirSync(join(tmp, 'site'))).toEqual(['pack.json']);
  });

  it('buildPack throws KnowledgeError and touches nothing, even when there is no previous pack', () => {
    const kb = join(tmp, 'kb-bad');
    cpSync(fixture('kb-mini'), kb, { recursive: true });
    writeFileSync(join(kb, 'en', 'account', 'broken.md'), '---\nid: broken\n---\n');
    const out = join(tmp, 'fresh', 'pack.json');
    expect(() => buildPack(kb, out)).toThrow(KnowledgeError);
    expect(() => statSync(join(tmp, 'fresh'))).toThrow();
  });
});

describe('pack writes are atomic', () => {
  it('writes through a temporary file in the same folder and leaves none behind', () => {
    const dir = join(tmp, 'atomic');
    const file = join(dir, 'pack.json');
    writeFileAtomic(file, 'one');
    writeFileAtomic(file, 'two');
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['pack.json']);
  });

  it('keeps the old file when the write fails', () => {
    const dir = join(tmp, 'atomic-fail');
    const file = join(dir, 'pack.json');
    writeFileAtomic(file, 'old');
    // A directory where the temporary file would be renamed to: the rename fails, the old content stays.
    expect(() => writeFileAtomic(dir, 'new')).toThrow();
    expect(readFileSync(file, 'utf8')).toBe('old');
    expect(readdirSync(tmp).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
