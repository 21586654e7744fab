import { fnv1a } from '../util/hash.js';
import { fromBase64, toBase64 } from '../util/base64.js';

/** One BIP39 wordlist in compact form (written by tools/gen-bip39.ts), and how to read it. */
export interface WordSet {
  /** the lists this set stands for, e.g. "zh" for both Chinese lists */
  lang: string;
  script: 'latin' | 'kana' | 'hangul' | 'han';
  /** shortest and longest normalized word, in UTF-16 units */
  min: number;
  max: number;
  /** hashed lists: words map to hash % range; one-character lists store code point − base exactly */
  range: number;
  base?: number;
  /** Rice parameter and number of stored keys */
  k: number;
  count: number;
  data: string;
}

/**
 * The form in which words are compared: NFKD without combining marks, lowercase. Users type "codigo" for
 * "código" and wallets accept it; Japanese and Korean decompose the same way on both sides.
 */
export function normalizeWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A word's hash (FNV-1a): the same in the generator and in the browser. */
export const hashWord = fnv1a;

/** The number a list stores for a normalized word: a hash bucket, or a code point for one-character lists. */
export function wordKey(set: Pick<WordSet, 'range' | 'base'>, word: string): number {
  return set.base === undefined ? hashWord(word) % set.range : word.codePointAt(0)! - set.base;
}

/** What identifies a set's content: the official lists are recognised by it wherever they come from. */
export function fingerprint(set: WordSet): number {
  return hashWord([set.lang, set.script, set.min, set.max, set.range, set.base ?? '', set.k, set.count, set.data].join('|'));
}

/** Sorted distinct integers as Rice-coded gaps (parameter k), in base64. */
export function riceEncode(values: number[], k: number): string {
  const bits: number[] = [];
  let prev = -1;
  for (const v of values) {
    const gap = v - prev - 1;
    prev = v;
    for (let q = gap >>> k; q > 0; q--) bits.push(1);
    bits.push(0);
    for (let b = k - 1; b >= 0; b--) bits.push((gap >>> b) & 1);
  }
  const bytes = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => (bytes[i >> 3] |= bit << (7 - (i & 7))));
  return toBase64(bytes);
}

/** The integers that riceEncode wrote; throws on data that ends early. */
function riceDecode(data: string, k: number, count: number): Set<number> {
  const bytes = fromBase64(data);
  const out = new Set<number>();
  const end = bytes.length * 8;
  let pos = 0;
  const bit = () => {
    if (pos >= end) throw new Error('word list data ends early');
    return (bytes[pos >> 3] >> (7 - (pos++ & 7))) & 1;
  };
  let prev = -1;
  for (let n = 0; n < count; n++) {
    let q = 0;
    while (bit()) q++;
    let r = 0;
    for (let b = 0; b < k; b++) r = (r << 1) | bit();
    prev += ((q << k) | r) + 1;
    out.add(prev);
  }
  return out;
}

/** A decoded set: membership of a normalized word. */
export interface WordList {
  set: WordSet;
  /** true when the normalized word is (with the set's precision) a word of the list */
  has(word: string): boolean;
  /** what a word of this list looks like once normalized */
  shape: RegExp;
}

const SHAPES: Record<WordSet['script'], RegExp> = {
  latin: /^[a-z]+$/,
  kana: /^[\p{scx=Hiragana}\p{scx=Katakana}]+$/u,
  hangul: /^\p{scx=Hangul}+$/u,
  han: /^\p{scx=Han}$/u,
};

/** Decodes a set; a damaged one (bad base64, short data, unknown script) throws. */
export function decodeWordSet(set: WordSet): WordList {
  const shape = SHAPES[set.script];
  if (!shape || !(set.range > 0) || !(set.min > 0) || !(set.max >= set.min)) throw new Error(`word list '${String(set.lang)}' is malformed`);
  const keys = riceDecode(set.data, set.k, set.count);
  return {
    set,
    shape,
    has: (word) => word.length >= set.min && word.length <= set.max && shape.test(word) && keys.has(wordKey(set, word)),
  };
}
