import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArticle } from '../../src/knowledge/parse-article.js';
import { readKnowledge } from '../../src/node/read-knowledge.js';
import { lintKnowledge } from '../../src/node/index.js';
import { fixture } from '../helpers.js';

const place = { file: 'en/withdrawals/withdrawal-fees.md', lang: 'en', category: 'withdrawals', name: 'withdrawal-fees' };
const doc = (front: string, body = 'The answer.') => `---\n${front}\n---\n${body}\n`;
const good =
  'id: withdrawal-fees\ntitle: Fees\nquestions:\n  - what is the fee\n  - fee for usdt\n  - how much to withdraw\n  - withdraw cost\n  - network fee';
const errors = (text: string) =>
  parseArticle(text, place)
    .problems.filter((p) => p.severity === 'error')
    .map((p) => [p.line, p.message]);

describe('parseArticle', () => {
  it('reads a valid article with defaults from its folder', () => {
    const { article, problems } = parseArticle(doc(good + '\ntags: [fees]\npriority: urgent'), place);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({
      id: 'withdrawal-fees',
      lang: 'en',
      category: 'withdrawals',
      title: 'Fees',
      tags: ['fees'],
      priority: 'urgent',
      body: 'The answer.',
    });
    expect(article!.questions).toHaveLength(5);
  });

  it('reads the optional url and featured fields, and names a wrong one with its line', () => {
    const { article, problems } = parseArticle(doc(good + '\nurl: https://help.example.com/fees\nfeatured: true'), place);
    expect(problems).toEqual([]);
    expect(article).toMatchObject({ url: 'https://help.example.com/fees', featured: true });
    expect(parseArticle(doc(good), place).article).not.toHaveProperty('featured');
    expect(errors(doc(good + '\nurl: javascript:alert(1)'))).toEqual([[10, expect.stringContaining("url 'javascript:alert(1)' must be the article's page")]]);
    expect(errors(doc(good + '\nurl: /fees'))).toEqual([[10, expect.stringContaining('starting with https://')]]);
    expect(errors(doc(good + '\nfeatured: yes please'))).toEqual([[10, expect.stringContaining('featured must be true or false')]]);
  });

  it('reports a missing or unclosed front matter at line 1', () => {
    expect(errors('just text')).toEqual([[1, expect.stringContaining('front matter')]]);
    expect(errors('---\nid: x\n')).toEqual([[1, expect.stringContaining('not closed')]]);
  });

  it('reports malformed YAML at the file line where it breaks', () => {
    const text = '---\nid: withdrawal-fees\ntitle: "unclosed\nquestions: [a]\n---\nbody\n';
    const [[line, message]] = errors(text);
    expect(line).toBeGreaterThanOrEqual(3);
    expect(line).toBeLessThanOrEqual(5);
    expect(message).toMatch(/^YAML:/);
  });

  it('names unknown fields, bad ids, and missing title or questions with their lines', () => {
    expect(errors(doc(good + '\ncolour: red'))).toEqual([[10, expect.stringContaining("unknown field 'colour'")]]);
    expect(errors(doc(good.replace('id: withdrawal-fees', 'id: Withdrawal_Fees')))).toEqual([[2, expect.stringContaining('lowercase letters')]]);
    expect(errors(doc(good.replace('id: withdrawal-fees', 'id: other-id')))).toEqual([[2, expect.stringContaining('does not match the file name')]]);
    expect(errors(doc('id: withdrawal-fees\nquestions: [a]'))).toEqual([[2, expect.stringContaining("'title'")]]);
    // questions are optional: a real help center's article is a title and a body
    expect(errors(doc('id: withdrawal-fees\ntitle: t'))).toEqual([]);
    expect(errors(doc('id: withdrawal-fees\ntitle: t\nquestions: just one'))).toEqual([[4, expect.stringContaining("'questions' must be a list")]]);
    expect(errors(doc(good.replace('title: Fees', 'title: Fees\nlang: es')))).toEqual([[4, expect.stringContaining('differs from the folder')]]);
    expect(errors(doc(good + '\npriority: asap'))).toEqual([[10, expect.stringContaining('priority')]]);
  });

  it('rejects raw HTML and script links in the body, at their lines', () => {
    const body = 'Fine line.\n<img src=x onerror=alert(1)>\n[click](javascript:alert(1))';
    expect(errors(doc(good, body))).toEqual([
      [12, expect.stringContaining('raw HTML')],
      [13, expect.stringContaining('javascript:')],
    ]);
    expect(errors(doc(good, 'A fee < 1 USDT and > 0 is fine.'))).toEqual([]);
  });

  it('warns about repeated questions without failing', () => {
    const { article, problems } = parseArticle(doc('id: withdrawal-fees\ntitle: t\nquestions: [fee, fee]'), place);
    expect(article).toBeDefined();
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
  });
});

describe('readKnowledge', () => {
  const made: string[] = [];
  const tmp = () => (made.push(mkdtempSync(join(tmpdir(), 'helpline-kb-'))), made[made.length - 1]);
  afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('reads the fixture folder without problems', () => {
    const read = readKnowledge(fixture('kb-mini'));
    expect(read.problems).toEqual([]);
    expect(read.articles.map((a) => `${a.lang}/${a.id}`).sort()).toContain('zh/withdrawal-fees');
    expect(read.glossary.withdraw).toContain('提现');
    expect(Object.keys(read.intents)).toEqual(['greeting', 'human', 'out-of-scope']);
  });

  it('reports duplicate ids, binary and huge files, stray folders and links, and keeps no articles', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'en', 'a'), { recursive: true });
    mkdirSync(join(dir, 'en', 'b'));
    mkdirSync(join(dir, 'not a lang'));
    const article = doc('id: same\ntitle: t\nquestions: [q1, q2, q3, q4, q5]');
    writeFileSync(join(dir, 'en', 'a', 'same.md'), article);
    writeFileSync(join(dir, 'en', 'b', 'same.md'), article);
    writeFileSync(join(dir, 'en', 'a', 'bin.md'), Buffer.from([0x2d, 0x00, 0xff, 0x10]));
    writeFileSync(join(dir, 'en', 'a', 'huge.md'), 'x'.repeat(600 * 1024));
    writeFileSync(join(dir, 'en', 'a', 'latin1.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xe9, 0x0a]));
    symlinkSync('/etc/passwd', join(dir, 'en', 'a', 'link.md'));
    const read = readKnowledge(dir);
    const messages = read.problems.map((p) => `${p.file.split('/').slice(-2).join('/')}:${p.line} ${p.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/b\/same\.md:2 duplicate id 'same' in 'en'/),
        expect.stringMatching(/bin\.md:0 binary file/),
        expect.stringMatching(/huge\.md:0 file is 600 KB/),
        expect.stringMatching(/latin1\.md:0 not valid UTF-8/),
        expect.stringMatching(/link\.md:0 symbolic links are not followed/),
        expect.stringMatching(/not a lang:0 folder 'not a lang' is not a language code/),
      ]),
    );
    expect(read.articles).toEqual([]);
  });

  it('reports glossary and intents files that do not have the expected shape, with lines', () => {
    const dir = tmp();
    mkdirSync(join(dir, 'en', 'x'), { recursive: true });
    writeFileSync(join(dir, 'en', 'x', 'a.md'), doc('id: a\ntitle: t\nquestions: [q1, q2, q3, q4, q5]'));
    writeFileSync(join(dir, 'glossary.yml'), 'withdraw: [withdraw]\nBad Concept: [x]\nfee: fee\n');
    writeFileSync(join(dir, 'intents.yml'), 'greeting:\n  examples:\n    en: hello\n  colour: red\n');
    const lines = lintKnowledge(dir).map((p) => `${p.file.split('/').pop()}:${p.line}`);
    expect(lines).toEqual(['glossary.yml:2', 'glossary.yml:3', 'intents.yml:3', 'intents.yml:4']);
  });
});
