import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../helpers.js';

const run = promisify(execFile);
const cli = (...args: string[]) => run(process.execPath, [join(root, 'bin/helpline.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 });

/** A pack folder answers as the single file does: the same `helpline eval` figures on the holdout set. */
describe('helpline eval: single-file pack and pack folder', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'helpline-folder-eval-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const reports: Record<string, unknown> = {};

  beforeAll(async () => {
    await Promise.all([
      cli('build', join(root, 'knowledge'), '-o', join(tmp, 'pack.json')),
      cli('build', join(root, 'knowledge'), '-o', join(tmp, 'folder') + '/'),
    ]);
    for (const kb of ['pack.json', 'folder']) {
      const { stdout } = await cli('eval', '--kb', join(tmp, kb), '--cases', join(root, 'tests/eval/crypto-holdout.jsonl'), '--json');
      reports[kb] = JSON.parse(stdout);
    }
  }, 300_000);

  it('gives the same figures on crypto-holdout.jsonl', () => {
    expect(reports.folder).toEqual(reports['pack.json']);
    expect((reports.folder as { cases: number }).cases).toBeGreaterThan(100);
  });
});
