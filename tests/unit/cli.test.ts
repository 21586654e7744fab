import { afterAll, describe, expect, it, beforeAll } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync, cpSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { fixture, root, EVAL_JSON_KEYS } from '../helpers.js';

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
    writeFileSync(
      cases,
      [
        '{"text":"fee to withdraw btc","expect":"withdrawal-fees","lang":"en"}',
        '{"text":"tell me a joke","expect":null}',
        '{"text":"人工客服","expect":"@handoff"}',
      ].join('\n'),
    );
    const r = await helpline('eval', '--kb', fixture('kb-mini'), '--cases', cases, '--json');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(EVAL_JSON_KEYS);
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

  it('explains usage mistakes in one line and a pointer to the help, with exit code 2', async () => {
    const r = await helpline('ask', 'no kb');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('helpline ask: missing --kb <dir or pack.json>\nrun `helpline ask --help` for usage\n');
    const missing = await helpline('lint');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^helpline lint: missing the knowledge folder/);
    const value = await helpline('ask', '--kb');
    expect(value.code).toBe(2);
    expect(value.stderr).toMatch(/^helpline ask: option --kb needs a value/);
    const extra = await helpline('lint', fixture('kb-mini'), 'extra');
    expect(extra.code).toBe(2);
    expect(extra.stderr).toMatch(/unexpected argument 'extra'/);
    const range = await helpline('eval', '--kb', fixture('kb-mini'), '--cases', 'x.jsonl', '--answer', '2');
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/--answer must be a number from 0 to 1/);
  });

  it('prints its version from package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    for (const flag of ['--version', '-v']) expect(await helpline(flag)).toMatchObject({ code: 0, stdout: `${version}\n` });
  });

  it("prints each command's usage with --help and -h, exit code 0", async () => {
    const build = await helpline('build', '--help');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^helpline build — /);
    expect(build.stdout).toMatch(/Usage: helpline build <dir>/);
    expect(build.stdout).toMatch(/-o, --out <pack\.json\|folder\/>/);
    expect(build.stdout).not.toMatch(/--cases/);
    const commands = ['ask', 'eval', 'lint', 'serve', 'report', 'api'];
    const helps = await Promise.all(commands.map((command) => helpline(command, '-h')));
    for (const [i, r] of helps.entries()) {
      expect(r.code, commands[i]).toBe(0);
      expect(r.stdout, commands[i]).toMatch(new RegExp(`Usage: helpline ${commands[i]}`));
    }
    expect((await helpline('help', 'eval')).stdout).toMatch(/--cases <file\.jsonl>/);
  });

  it('documents the exit codes in --help', async () => {
    const r = await helpline('--help');
    expect(r.code).toBe(0);
    for (const command of ['build', 'ask', 'eval', 'lint', 'serve', 'report']) expect(r.stdout).toMatch(new RegExp(`helpline ${command} `));
    expect(r.stdout).toMatch(/Exit codes: 0 ok; 1 problems found .*; 2 usage error/);
    expect((await helpline('build', '--help')).stdout).toMatch(/Exit codes: 0 ok/);
    const bare = await helpline();
    expect(bare.code).toBe(2);
    expect(bare.stderr).toMatch(/Usage: helpline <command>/);
  });

  it('says in one line that a port is in use, without the usage', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await new Promise((ok) => server.once('listening', ok));
    const port = (server.address() as AddressInfo).port;
    try {
      const r = await helpline('serve', fixture('kb-mini'), '--port', String(port));
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n').at(-1)).toBe(`helpline serve: port ${port} is in use: try --port ${port + 1}`);
      expect(r.stderr).not.toMatch(/--help/);
    } finally {
      server.close();
    }
  });

  it('refuses an unknown option with the nearest known one, and starts nothing', async () => {
    const r = await helpline('serve', fixture('kb-mini'), '--prot', '9000');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('helpline serve: unknown option --prot: did you mean --port?\nrun `helpline serve --help` for usage\n');
    const far = await helpline('lint', fixture('kb-mini'), '--frobnicate');
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^helpline lint: unknown option --frobnicate\n/);
    const switchValue = await helpline('ask', '--kb', fixture('kb-mini'), '--json=yes', 'fee');
    expect(switchValue.code).toBe(2);
    expect(switchValue.stderr).toMatch(/option --json takes no value/);
  });

  it('refuses an unknown command with the nearest one', async () => {
    const r = await helpline('biuld', fixture('kb-mini'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("helpline: unknown command 'biuld': did you mean build?\nrun `helpline --help` for the commands\n");
    const far = await helpline('frobnicate');
    expect(far.code).toBe(2);
    expect(far.stderr).toMatch(/^helpline: unknown command 'frobnicate'\n/);
    expect((await helpline('--verison')).stderr).toMatch(/did you mean --version\?/);
  });

  it('stores thresholds given to build in the pack, and ask overrides them', async () => {
    const out = join(tmp, 'strict.json');
    const r = await helpline('build', fixture('kb-mini'), '-o', out, '--answer', '0.99', '--clarify', '0.01', '--tie', '0.9');
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8')).data.settings).toMatchObject({ answer: 0.99, clarify: 0.01, tie: 0.9 });
    const strict = JSON.parse((await helpline('ask', '--kb', out, '--json', 'withdrawal')).stdout);
    expect(strict.kind).toBe('clarify');
    expect(strict.suggestions.length).toBeGreaterThan(0);
    const relaxed = JSON.parse((await helpline('ask', '--kb', out, '--json', '--answer', '0.3', 'withdrawal')).stdout);
    expect(relaxed.kind).toBe('answer');
  });
});
