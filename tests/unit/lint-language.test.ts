import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { lintKnowledge, readKnowledge } from '../../src/node/index.js';
import { checkArticleLanguages, languageFolderProblem, LANGUAGE_MARGIN } from '../../src/node/language-check.js';
import { main } from '../../src/cli/main.js';
import { root } from '../helpers.js';
import type { Problem } from '../../src/knowledge/article.js';

const sample = join(root, 'knowledge');
const tmp = mkdtempSync(join(tmpdir(), 'helpline-lint-lang-'));
const kb = join(tmp, 'kb');
const LANGS = ['en', 'es', 'ja', 'ko', 'ru', 'zh'];

/** Copies one article of the sample knowledge base into another language folder, under a new id. */
function misfile(from: string, to: string, path = 'account/account-frozen.md'): { file: string; titleLine: number } {
  const text = readFileSync(join(sample, from, path), 'utf8').replace(/^id: (.+)$/m, `id: from-${from}`);
  const file = join(kb, to, 'misfiled', `from-${from}.md`);
  mkdirSync(join(kb, to, 'misfiled'), { recursive: true });
  writeFileSync(file, text);
  return { file: relative(process.cwd(), file), titleLine: text.split('\n').findIndex((l) => l.startsWith('title:')) + 1 };
}

let moved: Record<string, { file: string; titleLine: number }>;
let problems: Problem[];

beforeAll(() => {
  // Two categories of each language of the sample, plus articles saved in the wrong folder.
  for (const lang of LANGS) for (const cat of ['account', 'deposits']) cpSync(join(sample, lang, cat), join(kb, lang, cat), { recursive: true });
  moved = {
    'ru→ja': misfile('ru', 'ja'),
    'es→en': misfile('es', 'en'),
    'ko→zh': misfile('ko', 'zh'),
    'ja→ko': misfile('ja', 'ko'),
    'zh→ja': misfile('zh', 'ja'),
    'ja→zh': misfile('ja', 'zh'),
    'ko→ja': misfile('ko', 'ja'),
    'en→es': misfile('en', 'es'),
    'en→ru': misfile('en', 'ru'),
  };
  problems = lintKnowledge(kb);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const on = (file: string) => problems.filter((p) => p.file === file);

describe('lint: articles in the wrong language folder', () => {
  it.each([
    ['ru→ja', /reads as Russian \(ru\), not Japanese \(ja\): \d+% of its letters are Cyrillic/],
    ['es→en', /reads as Spanish \(es\), not English \(en\) \(by 0\.\d\d, flagged above 0\.05\)/],
    ['ko→zh', /reads as Korean \(ko\), not Chinese \(zh\): \d+% of its letters are Hangul/],
    ['ja→ko', /reads as Japanese \(ja\), not Korean \(ko\)/],
    ['zh→ja', /reads as Chinese \(zh\), not Japanese \(ja\): Han characters with almost no kana/],
    ['ja→zh', /reads as Japanese \(ja\), not Chinese \(zh\)/],
    ['ko→ja', /reads as Korean \(ko\), not Japanese \(ja\)/],
    ['en→es', /reads as English \(en\), not Spanish \(es\)/],
    ['en→ru', /reads as English \(en\), not Russian \(ru\): \d+% of its letters are Latin/],
  ])('%s is flagged with its file and the line of its title', (move, message) => {
    const found = on(moved[move].file);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: 'warning', line: moved[move].titleLine });
    expect(found[0].message).toMatch(message);
    expect(found[0].message).toMatch(/is it in the right language folder\?$/);
  });

  it('flags nothing that is filed right', () => {
    const misfiled = new Set(Object.values(moved).map((m) => m.file));
    expect(problems.filter((p) => !misfiled.has(p.file))).toEqual([]);
  });

  it('finds no false positive in any of the sample knowledge base’s articles', () => {
    const read = readKnowledge(sample);
    expect(read.articles.length).toBeGreaterThanOrEqual(210);
    expect(new Set(read.articles.map((a) => a.lang))).toEqual(new Set(LANGS));
    expect(checkArticleLanguages(read.articles)).toEqual([]);
  });

  it('names the line where the other language starts when only the body is misfiled', () => {
    const en = readFileSync(join(sample, 'en', 'account', 'account-frozen.md'), 'utf8');
    const es = readFileSync(join(sample, 'es', 'account', 'account-frozen.md'), 'utf8');
    const head = en.slice(0, en.indexOf('\n---\n', 4) + 5);
    const body = es.slice(es.indexOf('\n---\n', 4) + 5);
    const text = head.replace(/^id: .*$/m, 'id: spanish-body') + body;
    const file = join(kb, 'en', 'misfiled', 'spanish-body.md');
    writeFileSync(file, text);
    try {
      const found = lintKnowledge(kb).filter((p) => p.file === relative(process.cwd(), file));
      expect(found).toHaveLength(1);
      expect(found[0].message).toMatch(/reads as Spanish \(es\), not English \(en\)/);
      expect(found[0].line).toBe(head.split('\n').length); // the first line of the body
    } finally {
      rmSync(file);
    }
  });

  it('runs even when other files have errors', async () => {
    const broken = join(kb, 'en', 'account', 'broken.md');
    writeFileSync(broken, '---\nid: broken\ntitle: [unclosed\n---\nbody\n');
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const all = lintKnowledge(kb);
      expect(all.some((p) => p.severity === 'error' && p.file.endsWith('broken.md'))).toBe(true);
      expect(all.filter((p) => p.message.includes('right language folder'))).toHaveLength(Object.keys(moved).length);

      expect(await main(['lint', kb])).toBe(1);
      const printed = out.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toContain(`${moved['ru→ja'].file}:${moved['ru→ja'].titleLine}: warning: reads as Russian (ru), not Japanese (ja)`);
      expect(printed).toMatch(/broken\.md:3: error: YAML/);
    } finally {
      out.mockRestore();
      rmSync(broken);
    }
  });

  it('keeps its margin where the measurements put it', () => {
    expect(LANGUAGE_MARGIN).toBe(0.05);
  });
});

describe('lint: language folders', () => {
  it.each([
    ['jp', 'did you mean ja?'],
    ['cn', 'did you mean zh?'],
    ['ua', 'did you mean uk?'],
    ['gr', 'did you mean el?'],
    ['en-xx', 'did you mean en?'],
    ['xx', 'use an ISO 639-1 code'],
  ])('%s/ is an error: %s', (name, hint) => {
    const p = languageFolderProblem(name, ['en', 'ja']);
    expect(p?.severity).toBe('error');
    expect(p?.message).toContain(`folder '${name}' is not a known language code: ${hint}`);
  });

  it('asks for the current two-letter code instead of an old or long one', () => {
    expect(languageFolderProblem('iw')).toEqual({ severity: 'error', message: "folder 'iw' is an old or long code for Hebrew: rename it to he" });
    expect(languageFolderProblem('eng')?.message).toContain('rename it to en');
  });

  it('warns about a country code that is also a rare language', () => {
    expect(languageFolderProblem('kr')).toMatchObject({ severity: 'warning', message: expect.stringContaining('rename it to ko') });
    expect(languageFolderProblem('tw')?.message).toContain('rename it to zh-tw');
  });

  it('accepts languages and regional variants', () => {
    for (const name of ['en', 'es', 'ja', 'ko', 'ru', 'zh', 'pt-br', 'zh-tw', 'zh-hant', 'es-419', 'ar', 'uk', 'fil'])
      expect(languageFolderProblem(name), name).toBeUndefined();
  });

  it('lint reports a jp/ folder with its path, and still reads the articles in it', () => {
    const jp = join(kb, 'jp', 'account');
    mkdirSync(jp, { recursive: true });
    writeFileSync(join(jp, 'x.md'), '---\nid: x\ntitle: [unclosed\n---\nbody\n');
    try {
      const all = lintKnowledge(kb);
      expect(all).toContainEqual({
        file: relative(process.cwd(), join(kb, 'jp')),
        line: 0,
        severity: 'error',
        message: expect.stringContaining('did you mean ja?'),
      });
      expect(all.some((p) => p.file.endsWith(join('jp', 'account', 'x.md')) && p.message.startsWith('YAML'))).toBe(true);
      expect(readdirSync(kb)).toContain('jp');
    } finally {
      rmSync(join(kb, 'jp'), { recursive: true });
    }
  });
});
