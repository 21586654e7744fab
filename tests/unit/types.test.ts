/**
 * The published types as an app's compiler sees them: tests/types/widget-usage.ts, importing `helpline/widget`
 * and `helpline` through the package's exports, compiles under nodenext, node16 and bundler resolution, and
 * stops compiling when a misspelled event name is let through.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { root } from '../helpers.js';

const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const usage = join(root, 'tests', 'types', 'widget-usage.ts');

function compile(dir: string, options: Record<string, string> = {}): { status: number | null; out: string } {
  const flags = Object.entries(options).flatMap(([k, v]) => [`--${k}`, v]);
  const r = spawnSync(process.execPath, [tsc, '--noEmit', '-p', join(dir, 'tsconfig.json'), ...flags], { cwd: root, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

describe('the package types', () => {
  beforeAll(() => {
    // the declarations the package ships (package.json exports → dist/types)
    execFileSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json')], { cwd: root, stdio: 'pipe' });
  });

  it.each([
    ['nodenext', { module: 'nodenext', moduleResolution: 'nodenext' }],
    ['node16', { module: 'node16', moduleResolution: 'node16' }],
    ['bundler', { module: 'esnext', moduleResolution: 'bundler' }],
  ])('helpline/widget, window.Helpline and <helpline-chat> are typed under %s resolution', (_, options) => {
    const r = compile(join(root, 'tests', 'types'), options);
    expect(r.out).toBe('');
    expect(r.status).toBe(0);
  });

  it('fails on a misspelled event name', () => {
    // The same file in a folder beside it, with the expectation removed from the misspelled Helpline.on.
    const dir = mkdtempSync(join(root, 'tests', 'types', '.tmp-'));
    try {
      const source = readFileSync(usage, 'utf8').replace('// @ts-expect-error: misspelled event name\n', '');
      writeFileSync(join(dir, 'widget-usage.ts'), source);
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: '../tsconfig.json', include: ['widget-usage.ts'] }));
      const r = compile(dir);
      expect(r.status).not.toBe(0);
      expect(r.out).toMatch(/widget-usage\.ts\(\d+,\d+\): error TS2345: Argument of type '"answr"' is not assignable/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
