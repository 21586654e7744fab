/** Writing systems the pipeline treats differently. */
export type Script = 'latin' | 'cyrillic' | 'han' | 'kana' | 'hangul' | 'thai' | 'other';

const TESTS: [Script, RegExp][] = [
  ['latin', /\p{Script=Latin}/u],
  ['cyrillic', /\p{Script=Cyrillic}/u],
  ['han', /\p{Script=Han}/u],
  ['kana', /[\p{Script=Hiragana}\p{Script=Katakana}ー]/u],
  ['hangul', /\p{Script=Hangul}/u],
  ['thai', /\p{Script=Thai}/u],
];

/** The script of one character. */
export function scriptOf(ch: string): Script {
  for (const [script, re] of TESTS) if (re.test(ch)) return script;
  return 'other';
}

/** Letters per script in a text. */
export function countScripts(text: string): Partial<Record<Script, number>> {
  const counts: Partial<Record<Script, number>> = {};
  for (const ch of text) {
    if (!/\p{L}/u.test(ch) && ch !== 'ー') continue;
    const s = scriptOf(ch);
    counts[s] = (counts[s] ?? 0) + 1;
  }
  return counts;
}

/** Scripts written without spaces between words: segmented into character bigrams. */
export const UNSPACED: ReadonlySet<Script> = new Set(['han', 'kana', 'hangul', 'thai']);
