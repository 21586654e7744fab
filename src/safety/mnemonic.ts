
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
const MIN_MNEMONIC_WORDS = 12;
/**
 * Real mnemonics seldom repeat a word; lists in code ("number, number, …", "case 1: return 1; case 2: …")
 * repeat a few, and so do lists in prose ("human agent, live agent, live chat"). Three words in four must differ.
 */
const varied = (words: string[]) => new Set(words).size * 4 >= words.length * 3;

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

/** The integers that riceEncode wrote. */
function riceDecode(data: string, k: number, count: number): Set<number> {
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

let sets: WordSet[] = [];
let loaded: LoadedList[] | undefined;

/**
 * Gives the finder its word lists. They are 7 KB gzip, too much for the widget's budget, so they travel
 * in the pack (createBot registers them) and `helpline/node` registers them from bip39-data.ts.
 */
export function useWordLists(lists: WordSet[]): void {
  if (lists === sets) return;
  sets = lists;
  loaded = undefined;
}
/** Decoded on first use: a conversation of short messages never pays for it. */
function lists(): LoadedList[] {
  return (loaded ??= sets.map((set) => ({ set, keys: riceDecode(set.data, set.k, set.count), shape: SHAPES[set.script] })));
}

/**
 * What may stand between two words of a pasted mnemonic: spaces (also the ideographic space Japanese
 * wallets use), commas, dashes, line breaks and numbering such as "1." or "2)". A full stop or any other
 * word ends the run, so ordinary sentences rarely qualify.
 */
const SEPARATOR = /^(?:[\s,，、;；·・•\-–—]|\d{1,2}(?!\d)[.):．）]?)+$/u;
const MAX_SEPARATOR = 16;
const WORD = /[\p{L}\p{M}]+/gu;

/**
 * Japanese, Korean and Chinese writers glue particles or the sentence to the first or last word of a
 * phrase ("…　さほどです", "… 식생활입니다", "助记词是的 一 …"): what may stand glued before the first word
 * and after the last one, per script.
 */
const GLUE: Partial<Record<WordSet['script'], { before?: RegExp; after?: RegExp }>> = {
  kana: { before: /[はがをにでともの]$/u, after: /^(?:でした|です|だ|を|は|が|と|で|も|の|ね|よ)+$/u },
  hangul: { before: /[는은이가를]$/u, after: /^(?:입니다|이에요|예요|이요|이고|고|요|을|를|은|는|이|가|와|과|이랑|랑)$/u },
  han: { before: /./u, after: /./u },
};

interface Token {
  start: number;
  end: number;
  word: string;
}

/** Spans [start, end) of the text that hold 12 or more consecutive words of one BIP39 wordlist. */
export function findMnemonics(text: string): [number, number][] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    // No list word is longer than 11 letters, even decomposed; skipping long tokens keeps huge inputs cheap.
    tokens.push({ start: m.index, end: m.index + m[0].length, word: m[0].length > 24 ? '' : normalizeWord(m[0]) });
  }
  if (tokens.length < MIN_MNEMONIC_WORDS - 2) return [];

  const spans: [number, number][] = [];
  for (const list of lists()) {
    const member = (word: string) => word.length >= list.set.min && word.length <= list.set.max && list.shape.test(word) && list.keys.has(wordKey(list.set, word));
    let first = -1;
    for (let i = 0; i <= tokens.length; i++) {
      const continues = i < tokens.length && member(tokens[i].word) && (first < 0 || separates(text, tokens[i - 1].end, tokens[i].start));
      if (first >= 0 && !continues) {
        const span = runSpan(text, tokens, first, i - 1, list, member);
        if (span) spans.push(span);
        first = -1;
      }
      if (first < 0 && i < tokens.length && member(tokens[i].word)) first = i;
    }
  }
  return merge(spans);
}

/** The span of the run tokens[first..last], with a glued word at either edge, if it makes a mnemonic. */
function runSpan(text: string, tokens: Token[], first: number, last: number, list: LoadedList, member: (w: string) => boolean): [number, number] | undefined {
  if (last - first + 1 < MIN_MNEMONIC_WORDS - 2) return undefined;
  const words = tokens.slice(first, last + 1).map((t) => t.word);
  let [from, to] = [tokens[first].start, tokens[last].end];
  const glue = GLUE[list.set.script];
  const before = tokens[first - 1];
  const head = glue?.before && before && separates(text, before.end, from) ? gluedWord(text, before, glue.before, 'before', member) : undefined;
  if (head) {
    words.unshift(head.word);
    from = head.at;
  }
  const after = tokens[last + 1];
  const tail = glue?.after && after && separates(text, to, after.start) ? gluedWord(text, after, glue.after, 'after', member) : undefined;
  if (tail) {
    words.push(tail.word);
    to = tail.at;
  }
  return words.length >= MIN_MNEMONIC_WORDS && varied(words) ? [from, to] : undefined;
}

/** A list word inside a token, with glue before or after it: the word and where it starts or ends. */
function gluedWord(text: string, token: Token, glue: RegExp, side: 'before' | 'after', member: (w: string) => boolean): { word: string; at: number } | undefined {
  const s = text.slice(token.start, token.end);
  for (let p = 1; p < s.length; p++) {
    const [rest, part] = side === 'before' ? [s.slice(0, p), s.slice(p)] : [s.slice(s.length - p), s.slice(0, s.length - p)];
    const word = normalizeWord(part);
    if (glue.test(rest.normalize('NFC')) && member(word)) return { word, at: side === 'before' ? token.start + p : token.end - p };
  }
  return undefined;
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
