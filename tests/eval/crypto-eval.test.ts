import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.js';

/**
 * Answer quality on our own crypto evaluation set, through the real `helpline eval` (issue 3's thresholds).
 * The questions were written blind to the articles' example questions.
 */
describe('helpline eval on tests/eval/crypto.jsonl', () => {
  const out = execFileSync('node', [join(root, 'bin/helpline.js'), 'eval', '--kb', join(root, 'knowledge'), '--cases', join(root, 'tests/eval/crypto.jsonl'), '--json'], { encoding: 'utf8' });
  const report = JSON.parse(out);

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
