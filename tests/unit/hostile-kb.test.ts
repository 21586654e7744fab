/**
 * Knowledge folders written by mistake or by an attacker: every problem is an error with its file and
 * line, nothing crashes, and a failed build leaves no pack behind, neither half a new one nor the old one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { buildPack, lintKnowledge, formatProblem, KnowledgeError, type Problem } from '../../src/node/index.js';
import { MAX_FILE_BYTES } from '../../src/node/read-knowledge.js';
import { root } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let folders = 0;
/** A knowledge folder with one good article plus the given files. */
function kb(files: Record<string, string | Buffer>): string {
  const dir = join(tmp, `kb${folders++}`);
  for (const [path, content] of Object.entries({ 'en/account/good.md': article('good'), ...files })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function article(id: string, fields = '', body = 'Open **Settings** and follow the steps.'): string {
  return `---\nid: ${id}\ntitle: Article ${id}\nquestions:\n  - first question\n  - second question\n  - third question\n  - fourth question\n  - fifth question\n${fields}---\n${body}\n`;
}

/** The problems of a folder, as `file:line: severity: message` with the folder's path taken out. */
function problems(dir: string, severity?: Problem['severity']): string[] {
  const name = `${dir.split('/').pop()}/`;
  return lintKnowledge(dir)
    .filter((p) => !severity || p.severity === severity)
    .map((p) => formatProblem(p).slice(formatProblem(p).indexOf(name) + name.length));
}
const errors = (dir: string) => problems(dir, 'error');

/** Builds into a folder that already holds an old pack; the build must fail and leave the old pack as it was. */
function expectFailedBuild(dir: string): void {
  const outDir = join(dir, '..', `${dir.split('/').pop()}-out`);
  mkdirSync(outDir, { recursive: true });
  const out = join(outDir, 'pack.json');
  writeFileSync(out, '{"old": "pack"}');
  expect(() => buildPack(dir, out)).toThrow(KnowledgeError);
  expect(readdirSync(outDir)).toEqual(['pack.json']);
  expect(readFileSync(out, 'utf8')).toBe('{"old": "pack"}');
}

describe('hostile knowledge files', () => {
  it('refuses binary files and text that is not UTF-8', () => {
    const dir = kb({
      'en/account/image.md': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'en/account/latin1.md': Buffer.from(article('latin1', '', 'caf\xe9'), 'latin1'),
    });
    expect(errors(dir)).toEqual([
      'en/account/image.md:0: error: binary file (it contains NUL bytes): articles are UTF-8 text',
      'en/account/latin1.md:0: error: not valid UTF-8 text: save the file as UTF-8',
    ]);
    expectFailedBuild(dir);
  });

  it('refuses huge files without reading them', () => {
    const dir = kb({
      'en/account/huge.md': article('huge', '', 'x'.repeat(MAX_FILE_BYTES)),
      'glossary.yml': `withdraw: [${'withdraw, '.repeat(MAX_FILE_BYTES / 10)}]\n`,
    });
    expect(errors(dir)).toEqual([
      'en/account/huge.md:0: error: file is 512 KB; the limit is 512 KB',
      `glossary.yml:0: error: file is ${Math.round((MAX_FILE_BYTES + 13) / 1024)} KB; the limit is 512 KB`,
    ]);
    expectFailedBuild(dir);
  });

  it('reports broken YAML with the line it is on', () => {
    const dir = kb({
      'en/account/broken.md': article('broken', 'tags: [fees, withdraw\npriority: : urgent\n'),
      'en/account/open.md': '---\nid: open\ntitle: never closed\n',
      'en/account/none.md': 'Just text, no front matter.\n',
      'glossary.yml': 'withdraw: [withdraw, 提现\nfee: fee]\n',
      'intents.yml': 'greeting:\n  examples:\n    en: hello\n',
    });
    const found = errors(dir);
    expect(found).toContain('en/account/broken.md:11: error: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]');
    expect(found).toContain('en/account/open.md:1: error: the front matter is not closed: add a line "---" after the last field');
    expect(found).toContain('en/account/none.md:1: error: the file must start with a front matter block: a line "---", YAML fields, and a closing "---"');
    expect(found.some((e) => /^glossary\.yml:[12]: error: YAML: /.test(e))).toBe(true);
    expect(found).toContain("intents.yml:3: error: 'greeting.examples.en' must be a list of phrases");
    expectFailedBuild(dir);
  });

  it('refuses YAML bombs: anchors and aliases that expand exponentially', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (const [i, name] of [...'bcdefghi'].entries()) levels.push(`${name}: &${name} [${Array(9).fill(`*${'abcdefghi'[i]}`).join(',')}]`);
    const bomb = levels.join('\n');
    const dir = kb({
      'en/account/bomb.md': `---\nid: bomb\ntitle: Bomb\nquestions: &q [one, two, three, four, five]\ntags: [*q, *q, *q, *q, *q, *q, *q, *q, *q, *q]\n${bomb}\n---\nBody\n`,
      'glossary.yml': bomb + '\n',
      'intents.yml': `${bomb.replace(/^(\w):/gm, 'x$1:')}\nhuman:\n  examples:\n    en: *i\n`,
    });
    const found = errors(dir);
    expect(found.filter((e) => e.startsWith('en/account/bomb.md'))).toContain(
      'en/account/bomb.md:5: error: YAML: Excessive alias count indicates a resource exhaustion attack: anchors and aliases (&name, *name) that expand this much are refused',
    );
    expect(found).toContain("glossary.yml:2: error: concept 'b' must have a list of non-empty terms");
    expect(found).toContain("intents.yml:12: error: 'human.examples.en' must be a list of phrases");
    expectFailedBuild(dir);
  });

  it('does not follow symbolic links out of the folder, but takes a linked folder given by the user', () => {
    const outside = kb({ 'en/account/secret.md': article('secret', '', 'Text from outside the knowledge folder.') });
    const dir = kb({});
    symlinkSync(join(outside, 'en/account/secret.md'), join(dir, 'en/account/secret.md'));
    symlinkSync(join(outside, 'en/account'), join(dir, 'en/linked'));
    symlinkSync('/etc', join(dir, 'es'));
    expect(problems(dir)).toEqual([
      'en/account/secret.md:0: warning: symbolic links are not followed: copy the file into the knowledge folder',
      'en/linked:0: warning: symbolic links are not followed: copy the file into the knowledge folder',
      'es:0: warning: symbolic links are not followed',
    ]);
    const link = `${dir}-link`;
    symlinkSync(dir, link);
    const out = join(tmp, 'linked-pack.json');
    const { pack } = buildPack(link, out);
    expect(pack.data.articles.map((a) => a.id)).toEqual(['good']);
  });

  it('reports odd file names clearly, one problem a line', () => {
    const dir = kb({
      'en/account/Withdrawal Fees.md': article('withdrawal-fees'),
      'en/account/-rf.md': article('-rf'),
      'en/account/new\nline.md': article('new-line'),
      'en/account/notes.MD': article('notes'),
      'en/account/a/b/c/deep.md': article('deep'),
      'account.md': article('account'),
      'english/account/x.md': article('x'),
    });
    const found = errors(dir);
    expect(found).toEqual([
      'account.md:1: error: articles go in a language folder: <lang>/<category>/<id>.md',
      "en/account/-rf.md:2: error: id '-rf' must be lowercase letters, digits and dashes ([a-z0-9-]+)",
      "en/account/Withdrawal Fees.md:2: error: id 'withdrawal-fees' does not match the file name 'Withdrawal Fees.md'",
      'en/account/a/b:0: error: folder nested too deep: use <lang>/<category>/<id>.md',
      'en/account/new\\x0aline.md:0: error: the name contains control characters (a line break, a tab …): rename it',
      "english:0: error: folder 'english' is not a language code (en, zh, pt-br …): its articles are not read",
    ]);
    for (const p of lintKnowledge(dir)) expect(formatProblem(p)).not.toMatch(/[\n\r]/);
    expectFailedBuild(dir);
  });

  it('refuses duplicate ids, naming both files', () => {
    const dir = kb({ 'en/security/good.md': article('good'), 'en/kyc/fine.md': article('fine'), 'es/kyc/fine.md': article('fine') });
    const found = errors(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^en\/security\/good\.md:2: error: duplicate id 'good' in 'en': also used by .*en\/account\/good\.md$/);
    expectFailedBuild(dir);
  });

  it('refuses script, HTML and unsafe links in Markdown, in every form browsers accept', () => {
    const body = [
      'Safe [link](https://example.com) and [mail](mailto:help@example.com) and [page](/help/fees).', // line 11
      'Hello <img src=x onerror=alert(1)>',
      '<script>alert(document.cookie)</script>',
      '[click](javascript:alert(1))',
      '[ref]: javascript:alert(1)',
      '<javascript:alert(1)>',
      '[x](jav&#x61;script:alert(1))',
      '[y](JaVaScRiPt&colon;alert(1))',
      '![img](data:image/svg+xml;base64,PHN2Zz4=)',
      '[z](vbscript:msgbox(1))',
      '[other site](//evil.example/x) and [back](/\\evil.example) and [bare](fees.html)',
    ].join('\n');
    const dir = kb({ 'en/account/xss.md': article('xss', '', body) });
    expect(errors(dir)).toEqual([
      "en/account/xss.md:12: error: raw HTML '<img src=x onerror=alert(1)>' is not allowed: write Markdown (it would be shown as text)",
      "en/account/xss.md:13: error: raw HTML '<script>' is not allowed: write Markdown (it would be shown as text)",
      "en/account/xss.md:14: error: links must be http(s), mailto or a path on this site (/…, #…): 'javascript:alert(1' would be shown as plain text",
      "en/account/xss.md:15: error: links must be http(s), mailto or a path on this site (/…, #…): 'javascript:alert(1)' would be shown as plain text",
      "en/account/xss.md:16: error: links must be http(s), mailto or a path on this site (/…, #…): 'javascript:alert(1)' would be shown as plain text",
      "en/account/xss.md:17: error: links must be http(s), mailto or a path on this site (/…, #…): 'javascript:alert(1' would be shown as plain text",
      "en/account/xss.md:18: error: links must be http(s), mailto or a path on this site (/…, #…): 'JaVaScRiPt:alert(1' would be shown as plain text",
      "en/account/xss.md:19: error: links must be http(s), mailto or a path on this site (/…, #…): 'data:image/svg+xml;base64,PHN2Zz4=' would be shown as plain text",
      "en/account/xss.md:20: error: links must be http(s), mailto or a path on this site (/…, #…): 'vbscript:msgbox(1' would be shown as plain text",
      "en/account/xss.md:21: error: links must be http(s), mailto or a path on this site (/…, #…): '//evil.example/x' would be shown as plain text",
      "en/account/xss.md:21: error: links must be http(s), mailto or a path on this site (/…, #…): '/\\evil.example' would be shown as plain text",
      "en/account/xss.md:21: error: links must be http(s), mailto or a path on this site (/…, #…): 'fees.html' would be shown as plain text",
    ]);
    expectFailedBuild(dir);
  });

  it('refuses fields and intents named after object internals', () => {
    const dir = kb({
      'en/account/proto.md': article('proto', '__proto__: {priority: urgent}\nconstructor: x\n'),
      'intents.yml': '__proto__:\n  examples:\n    en: [hi]\nhuman:\n  examples:\n    en: [agent please]\n',
    });
    expect(errors(dir)).toEqual([
      "en/account/proto.md:10: error: unknown field '__proto__' (allowed: id, title, category, tags, questions, lang, priority, url, featured)",
      "en/account/proto.md:11: error: unknown field 'constructor' (allowed: id, title, category, tags, questions, lang, priority, url, featured)",
      "intents.yml:1: error: intent '__proto__' must be lowercase letters, digits and dashes",
    ]);
    expectFailedBuild(dir);
  });

  it('writes a pack only when the folder is good, and replaces it whole', () => {
    const dir = kb({});
    const out = join(tmp, 'good-out', 'pack.json');
    const first = buildPack(dir, out);
    expect(first.pack.data.articles).toHaveLength(1);
    expect(readdirSync(dirname(out))).toEqual(['pack.json']);
    // A failing write (the target is a folder) leaves no temporary file behind.
    const blocked = join(tmp, 'blocked');
    mkdirSync(join(blocked, 'pack.json'), { recursive: true });
    expect(() => buildPack(dir, join(blocked, 'pack.json'))).toThrow();
    expect(readdirSync(blocked)).toEqual(['pack.json']);
    // Breaking the folder then leaves the last good pack untouched: a site keeps serving it.
    const good = readFileSync(out);
    writeFileSync(join(dir, 'en/account/bad.md'), '---\nid: bad\n');
    expect(() => buildPack(dir, out)).toThrow(KnowledgeError);
    expect(readFileSync(out).equals(good)).toBe(true);
    expect(readdirSync(dirname(out))).toEqual(['pack.json']);
  });

  it('makes `helpline lint` and `helpline build` exit 1 with file:line errors, never a stack trace', async () => {
    if (!existsSync(join(root, 'dist', 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does it first)');
    const dir = kb({
      'en/account/bomb.md': `---\nid: bomb\ntitle: Bomb\nquestions: &q [one, two, three, four, five]\na: &a [*q,*q,*q,*q,*q,*q,*q,*q,*q,*q]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n---\nBody\n`,
    });
    const run = promisify(execFile);
    for (const args of [
      ['lint', dir],
      ['build', dir, '-o', join(tmp, 'cli-pack.json')],
    ]) {
      const result = await run('node', [join(root, 'bin', 'helpline.js'), ...args], { cwd: root }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
      expect(result.code, args[0]).toBe(1);
      expect(result.stdout + result.stderr).toMatch(/en\/account\/bomb\.md:5: error: YAML: Excessive alias count/);
      expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(existsSync(join(tmp, 'cli-pack.json'))).toBe(false);
  });
});
