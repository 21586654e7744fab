/**
 * The seed-phrase finder's tokens: letter runs one script at a time. The pattern below is how they were
 * found before (one regular expression, too costly to compile in a phone's browser); the code that replaced
 * it must split every text the same way.
 */
import { describe, expect, it } from 'vitest';
import { letterRuns } from '../../src/safety/mnemonic.js';

const REFERENCE =
  /(?:(?=\p{L})\p{scx=Han})+|(?:(?=[\p{L}\p{M}])[\p{scx=Hiragana}\p{scx=Katakana}])+|(?:(?=[\p{L}\p{M}])\p{scx=Hangul})+|(?:(?![\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}])[\p{L}\p{M}])+/gu;

const reference = (text: string) => [...text.matchAll(REFERENCE)].map((m) => [m.index, m[0]]);
const runs = (text: string) => [...letterRuns(text)];

const LETTER_OR_MARK = /[\p{L}\p{M}]/u;
const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}]/u;
const all = Array.from({ length: 0x110000 }, (_, c) => c)
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));
const letters = all.filter((c) => LETTER_OR_MARK.test(c));

describe('seed-phrase tokens', () => {
  it('split every letter and mark alone as the reference pattern does', () => {
    const text = letters.join(' ');
    expect(runs(text)).toEqual(reference(text));
  });

  it('split mixed text at the same places, across scripts, marks, spaces and astral letters', () => {
    // Every letter of the four scripts, beside letters of others, marks and separators, in a fixed order.
    const cjk = letters.filter((c) => CJK.test(c));
    const others = ['a', 'é', 'ж', 'ß', '\u0301', '\u3099', '\u302a', '1', ' ', '、', 'ー', '々', '〼', '𠀀', '𝐀', 'ｱ'];
    const pool = [...cjk, ...others, ...others, ...others];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let t = 0; t < 400; t++) {
      const text = Array.from({ length: 200 }, () => pool[next() % pool.length]).join('');
      expect(runs(text), text).toEqual(reference(text));
    }
  });

  it('read sentences in the languages of the word lists', () => {
    for (const text of [
      '私のシードは abandon ability 一 二 です',
      '助记词是的 一 丁 七',
      '제 시드 구문은 가격 가끔입니다',
      'моя фраза: абрикос баланс',
      'mi frase: ábaco abdomen',
    ])
      expect(runs(text), text).toEqual(reference(text));
  });

  it('find nothing in text without letters', () => {
    expect(runs('123 …, ? 456')).toEqual([]);
  });
});
