import { afterAll, describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fixture, root } from '../helpers.js';

const run = promisify(execFile);
const bin = join(root, 'bin', 'helpline.js');

/** Runs the real `helpline` command (built into dist/ by `npm test`). */
async function helpline(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [bin, ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('helpline command', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'helpline-cli-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)');
  });

  it('builds a pack and reports its size', async () => {
    const out = join(tmp, 'pack.json');
    const r = await helpline('build', fixture('kb-mini'), '-o', out);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/built .*pack\.json: 8 articles in 3 language\(s\) \(en, es, zh\)/);
    expect(JSON.parse(readFileSync(out, 'utf8')).format).toBe('helpline-pack');
  });

  it('answers one question, as text and as JSON', async () => {
    const text = await helpline('ask', '--kb', fixture('kb-mini'), 'how much is the withdrawal fee');
    expect(text.stdout).toMatch(/^answer \(en, confidence [01]\.\d\d\): How much does a withdrawal cost\? \[withdrawal-fees\]/);
    const json = await helpline('ask', '--kb', fixture('kb-mini'), '--json', '--lang', 'zh', '提币手续费');
    expect(JSON.parse(json.stdout)).toMatchObject({ kind: 'answer', lang: 'zh', article: { id: 'withdrawal-fees' } });
  });

  it('evaluates cases and prints exactly the contract keys with --json', async () => {
    const cases = join(tmp, 'cases.jsonl');
    writeFileSync(cases, ['{"text":"fee to withdraw btc","expect":"withdrawal-fees","lang":"en"}', '{"text":"tell me a joke","expect":null}', '{"text":"人工客服","expect":"@handoff"}'].join('\n'));
    const r = await helpline('eval', '--kb', fixture('kb-mini'), '--cases', cases, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(['cases', 'accuracy', 'top3', 'answered', 'oosRecall', 'handoffRecall', 'perLang', 'confusions']);
    expect(report).toMatchObject({ cases: 3, accuracy: 1, oosRecall: 1, handoffRecall: 1 });
    const human = await helpline('eval', '--kb', fixture('kb-mini'), '--cases', cases);
    expect(human.stdout).toMatch(/accuracy\s+100\.0%/);
  });

  it('lints with file and line, exits 1 on errors, and build writes nothing then', async () => {
    const kb = join(tmp, 'broken');
    cpSync(fixture('kb-mini'), kb, { recursive: true });
    mkdirSync(join(kb, 'en', 'x'));
    writeFileSync(join(kb, 'en', 'x', 'bad.md'), '---\nid: bad\ntitle: [unclosed\n---\nbody\n');
    const lint = await helpline('lint', kb);
    expect(lint.code).toBe(1);
    expect(lint.stdout).toMatch(/broken\/en\/x\/bad\.md:3: error: YAML/);
    const out = join(tmp, 'never.json');
    const build = await helpline('build', kb, '-o', out);
    expect(build.code).toBe(1);
    expect(build.stderr).toMatch(/nothing was written/);
    expect(existsSync(out)).toBe(false);
    expect((await helpline('lint', fixture('kb-mini'))).code).toBe(0);
  });

  it('explains usage mistakes', async () => {
    expect((await helpline('frobnicate')).code).toBe(2);
    const r = await helpline('ask', 'no kb');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing --kb/);
  });
});
