/** tools/check-budgets.ts, as CI runs it (npm run size): passes on the built files, fails naming what is over. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUDGET } from '../../bench/budgets.js';

const run = (env: Record<string, string> = {}) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'tools/check-budgets.ts'], { encoding: 'utf8', env: { ...process.env, ...env } });

describe('the bundle budgets check', () => {
  it('fails, naming the file and how far over its budget it is, when the loader is too big', () => {
    const dist = mkdtempSync(join(tmpdir(), 'helpline-dist-'));
    try {
      // random bytes do not compress: (budget + 4) KB of them are over the loader's budget after gzip
      writeFileSync(join(dist, 'helpline.js'), randomBytes((BUDGET.loaderKB + 4) * 1024));
      writeFileSync(join(dist, 'helpline-widget.abcd1234.js'), 'export {};');
      const r = run({ HELPLINE_DIST: dist });
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^OVER .* dist\/helpline\.js \(the loader\)$/m);
      expect(r.stderr).toMatch(new RegExp(`the loader\\) is 1[67]\\.\\d KB gzip, [45]\\.\\d KB over its ${BUDGET.loaderKB} KB`));
      expect(r.stderr).toContain('bench/budgets.ts');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  }, 60_000);

  it('says to build first when there is no widget code', () => {
    const dist = mkdtempSync(join(tmpdir(), 'helpline-dist-'));
    try {
      writeFileSync(join(dist, 'helpline.js'), '');
      const r = run({ HELPLINE_DIST: dist });
      expect(r.status).not.toBe(0);
      expect(r.stderr).toContain('run npm run build first');
    } finally {
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
