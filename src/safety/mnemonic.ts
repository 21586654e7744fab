import { BIP39_LISTS } from './bip39-data.js';

/** One BIP39 wordlist in compact form (written by tools/gen-bip39.ts). */
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

/** A mnemonic is 12 to 24 words; fewer consecutive list words are ordinary text. */
export const MIN_MNEMONIC_WORDS = 12;
/** Real mnemonics rarely repeat a word; lists in code ("number, number, …") repeat a few. */
const MIN_DISTINCT = MIN_MNEMONIC_WORDS - 2;

/**
 * The form in which words are compared: NFKD without combining marks, lowercase. Users type "codigo" for
 * "código" and wallets accept it; Japanese and Korean decompose the same way on both sides.
 */
export function normalizeWord(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
}

/** FNV-1a over UTF-16 code units: tiny, fast, and the same in the generator and in the browser. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** The number a list stores for a normalized word: a hash bucket, or a code point for one-character lists. */
export function wordKey(set: Pick<WordSet, 'range' | 'base'>, word: string): number {
  return set.base === undefined ? hashWord(word) % set.range : word.codePointAt(0)! - set.base;
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
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function riceDecode(data: string, k: number, count: number): Set<number> {
  const bytes = atob(data);
  const out = new Set<number>();
  let pos = 0;
  const bit = () => (bytes.charCodeAt(pos >> 3) >> (7 - (pos++ & 7))) & 1;
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

interface LoadedList {
  set: WordSet;
  keys: Set<number>;
  /** what a word of this list looks like once normalized */
  shape: RegExp;
}

const SHAPES: Record<WordSet['script'], RegExp> = {
  latin: /^[a-z]+$/,
  kana: /^[\p{scx=Hiragana}\p{scx=Katakana}]+$/u,
  hangul: /^\p{scx=Hangul}+$/u,
  han: /^\p{scx=Han}$/u,
};

let loaded: LoadedList[] | undefined;
/** Decoded on first use: pages where nobody pastes a long message never pay for it. */
function lists(): LoadedList[] {
  return (loaded ??= BIP39_LISTS.map((set) => ({ set, keys: riceDecode(set.data, set.k, set.count), shape: SHAPES[set.script] })));
}

/**
 * What may stand between two words of a pasted mnemonic: spaces (also the ideographic space Japanese
 * wallets use), commas, dashes, line breaks and numbering such as "1." or "2)". A full stop or any other
 * word ends the run, so ordinary sentences rarely qualify.
 */
const SEPARATOR = /^(?:[\s,，、;；|/·・•\-–—]|\d{1,2}(?!\d)[.):．）]?)+$/u;
const MAX_SEPARATOR = 16;
const WORD = /[\p{L}\p{M}]+/gu;

/** Spans [start, end) of the text that hold 12 or more consecutive words of one BIP39 wordlist. */
export function findMnemonics(text: string): [number, number][] {
  const tokens: { start: number; end: number; word: string }[] = [];
  for (const m of text.matchAll(WORD)) {
    // No list word is longer than 11 letters, even decomposed; skipping long tokens keeps huge inputs cheap.
    tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0].length > 24 ? '' : normalizeWord(m[0]) });
  }
  if (tokens.length < MIN_MNEMONIC_WORDS) return [];

  const spans: [number, number][] = [];
  for (const { set, keys, shape } of lists()) {
    let runStart = -1;
    const close = (last: number) => {
      const run = tokens.slice(Math.max(runStart, 0), last + 1);
      if (runStart >= 0 && run.length >= MIN_MNEMONIC_WORDS && new Set(run.map((t) => t.word)).size >= MIN_DISTINCT) {
        spans.push([run[0].start, run[run.length - 1].end]);
      }
      runStart = -1;
    };
    tokens.forEach((t, i) => {
      const member = t.word.length >= set.min && t.word.length <= set.max && shape.test(t.word) && keys.has(wordKey(set, t.word));
      if (!member) return close(i - 1);
      if (runStart >= 0 && !separates(text, tokens[i - 1].end, t.start)) close(i - 1);
      if (runStart < 0) runStart = i;
    });
    close(tokens.length - 1);
  }
  return merge(spans);
}

function separates(text: string, from: number, to: number): boolean {
  return to - from <= MAX_SEPARATOR && SEPARATOR.test(text.slice(from, to));
}

function merge(spans: [number, number][]): [number, number][] {
  spans.sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([s[0], s[1]]);
  }
  return out;
}
