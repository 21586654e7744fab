import { beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { root } from '../helpers.js';

const run = promisify(execFile);

/**
 * Answer quality on our own crypto evaluation set, through the real `helpline eval` (issue 3's thresholds).
 * The questions were written blind to the articles' example questions. The command runs in beforeAll, so a
 * failure of it is a failed test with its output, not an error while collecting the file.
 */
describe('helpline eval on tests/eval/crypto.jsonl', () => {
  let report: { perLang: Record<string, number>; oosRecall: number; handoffRecall: number };

  beforeAll(async () => {
    const args = [join(root, 'bin/helpline.js'), 'eval', '--kb', join(root, 'knowledge'), '--cases', join(root, 'tests/eval/crypto.jsonl'), '--json'];
    let stdout: string;
    try {
      ({ stdout } = await run(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 }));
    } catch (e) {
      const err = e as { code?: number; stderr?: string; message: string };
      throw new Error(`helpline eval failed (exit ${err.code}): ${err.stderr || err.message}`);
    }
    report = JSON.parse(stdout);
  }, 300_000);

  it('answers at least 90% correctly in every language', () => {
    expect(Object.keys(report.perLang).sort()).toEqual(['en', 'es', 'ja', 'ko', 'ru', 'zh']);
    for (const [lang, accuracy] of Object.entries(report.perLang)) expect(accuracy, lang).toBeGreaterThanOrEqual(0.9);
  });

  it('declines at least 80% of out-of-scope questions', () => {
    expect(report.oosRecall).toBeGreaterThanOrEqual(0.8);
  });

  it('hands off every request for a human', () => {
    expect(report.handoffRecall).toBe(1);
  });
});
