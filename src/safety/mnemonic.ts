import { normalizeWord, type WordList, type WordSet } from './word-set.js';

/**
 * Finds BIP39 seed phrases in folded text (fold.ts) as runs of list words. A run may hold up to MAX_TYPOS
 * words that are not on the list but have a list word's shape (a typo: neighbouring key, dropped, doubled or
 * swapped letter); it starts and ends on list words, so the words beside a phrase stay. A mnemonic is 12 to
 * 24 words; users who forgot one paste 11.
 */
export const MIN_MNEMONIC_WORDS = 11;
const MAX_MNEMONIC_WORDS = 24;
export const MAX_TYPOS = 2;
/** A message that is nothing but this many list words is part of a phrase sent in pieces. */
export const MIN_PIECE_WORDS = 6;
/** The fewest words at the end of one message and the start of the next that make a continued phrase. */
export const MIN_CONTINUED_WORDS = 3;

/**
 * Real mnemonics seldom repeat a word; lists in code ("number, number, …") and in prose ("human agent, live
 * agent, live chat") repeat a few. Three words in four must differ.
 */
const varied = (words: string[]) => new Set(words).size * 4 >= words.length * 3;

/** A label that numbers the words: "Word 1: …", "palabra 2 …", "単語3". */
const LABEL = String.raw`(?:words?|palabra|mot|parola|palavra|slovo|слово|kelime|từ|単語|단어|词|詞)`;
const NUMBERING = String.raw`${LABEL}?\s*[#№]?\d{1,2}(?!\d)\s*[.):\]】=\-]?`;
/**
 * What may stand between two words of a pasted phrase: spaces and line breaks, commas, slashes, underscores,
 * dashes, quotes and brackets (a JSON array), numbering such as "1.", "(2)", "[3]", "Word 4:", and a colon
 * between quotes (`{"1": "w"}`). A bare colon introduces the phrase ("these: w w …") and is not part of it.
 * A full stop or any other word ends the run, so ordinary sentences rarely qualify.
 */
const SEPARATOR = new RegExp(String.raw`^(?:[\s,，、;；·・•\-–—/\\|_+"'“”‘’«»「」『』()（）\[\]{}<>【】]|${NUMBERING}|(?<=["'”’])\s*:|:(?=\s*["'“‘]))+$`, 'iu');
const MAX_SEPARATOR = 24;
const LABEL_TOKEN = new RegExp(String.raw`^${LABEL}$`, 'iu');
/** On the same line: "2. palavra⏎3. …" is a list word, then the next item's number. */
const FOLLOWED_BY_NUMBER = /^[^\S\n]*[#№]?\d/u;

/** Letters and marks; a run is split by script below. */
const LETTERS = /[\p{L}\p{M}]+/gu;
/*
 * A run splits by script: "私のシードは" is a Han token and a kana token. Small classes, compiled only when a
 * message has a letter past U+10FF: one pattern of lookaheads over them took a 69 ms task to compile in a 4×
 * slowed Chromium.
 */
const HAN = /\p{scx=Han}/u;
const KANA = /[\p{scx=Hiragana}\p{scx=Katakana}]/u;
const HANGUL = /\p{scx=Hangul}/u;
const LETTER = /\p{L}/u;
/** Below this code point no letter is Han, kana or Hangul. */
const FIRST_CJK = 0x1100;
const [IS_HAN, IS_KANA, IS_HANGUL, IS_OTHER] = [1, 2, 4, 8];

/** The scripts a letter or mark may continue or start a token of, as bits in that order of preference. */
function scriptsOf(ch: string): number {
  if (ch.codePointAt(0)! < FIRST_CJK) return IS_OTHER;
  const han = HAN.test(ch);
  const bits = (han && LETTER.test(ch) ? IS_HAN : 0) | (KANA.test(ch) ? IS_KANA : 0) | (HANGUL.test(ch) ? IS_HANGUL : 0);
  // A mark of Han alone belongs to no token.
  return bits || (han ? 0 : IS_OTHER);
}

/** Letter runs one script at a time, as [start, word] pairs. */
export function* letterRuns(text: string): Generator<[number, string]> {
  for (const m of text.matchAll(LETTERS)) {
    const run = m[0];
    let from = -1;
    let script = 0;
    let at = 0;
    for (const ch of run) {
      const bits = scriptsOf(ch);
      if (from >= 0 && !(bits & script)) {
        yield [m.index + from, run.slice(from, at)];
        from = -1;
      }
      if (from < 0 && bits) {
        from = at;
        script = bits & -bits;
      }
      at += ch.length;
    }
    if (from >= 0) yield [m.index + from, run.slice(from)];
  }
}

/**
 * Japanese, Korean and Chinese writers glue particles or the sentence to the first or last word of a
 * phrase ("…\u3000さほどです", "… 식생활입니다", "助记词是的 一 …"): what may stand glued before the first word
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
  /** part of a longer token split into list words (Japanese written without spaces): joined to the one before */
  glued?: boolean;
}

/** A stretch of list words: where it is and how many words it holds. */
export interface Run {
  from: number;
  to: number;
  words: number;
  /** the run with the everyday words or typos at its inner edge (towards the other message) put back */
  alts?: Run[];
  /** how many of its words are typos */
  typos?: number;
}

/** What the finder saw: phrases to mask, and the runs touching either end of the text (for continued phrases). */
export interface MnemonicScan {
  spans: [number, number][];
  /** the longest run that starts the text (only separators before it), and the one that ends it */
  head?: Run;
  tail?: Run;
  /** the whole text is list words and separators */
  whole: boolean;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const [start, word] of letterRuns(text)) {
    const end = start + word.length;
    if (LABEL_TOKEN.test(word) && FOLLOWED_BY_NUMBER.test(text.slice(end, end + 4))) continue;
    // No list word is longer than 11 letters, even decomposed; long tokens are kept whole but never looked up.
    tokens.push({ start, end, word: word.length > 24 ? '' : normalizeWord(word) });
  }
  return tokens;
}

/** Spans [start, end) of folded text that hold a seed phrase of one of the lists, and the runs at its edges. */
export function scanMnemonics(text: string, lists: WordList[]): MnemonicScan {
  const all = tokenize(text);
  const scan: MnemonicScan = { spans: [], whole: false };
  if (!all.length) return scan;
  const strict = !lists.length;
  for (const list of strict ? SHAPE_LISTS : lists) {
    const tokens = list.set.script === 'kana' && !strict ? splitGlued(text, all, list) : all;
    const linked = tokens.map((t, i) => i > 0 && (t.glued || separates(text, tokens[i - 1].end, t.start)));
    // Between list words joined by slashes, commas or numbering a function word is a typo ("miel/your/zorro":
    // yogur), and so it is as a message's first word before one (the rest of a phrase: "very⏎lecture⏎…").
    // Between blanks it stays prose: "… you first, and will never ask for".
    const kinds = tokens.map((t) => kind(list, t.word));
    const tightAt = (i: number) => tight(text, tokens[i - 1].end, tokens[i].start);
    for (let i = 0; i + 1 < tokens.length; i++)
      if (
        !kinds[i] &&
        kinds[i + 1] &&
        linked[i + 1] &&
        (i === 0 ? kinds[1] === 2 && bare(text.slice(0, tokens[0].start)) : kinds[i - 1] && kinds[i - 1] + kinds[i + 1] > 2 && tightAt(i) && tightAt(i + 1))
      )
        kinds[i] = kind(list, tokens[i].word, true);
    // Everyday words joined to a run by underscores, slashes or numbering are the phrase's, not the prose around it.
    const joined = tokens.map((t, i) => i > 0 && (!!t.glued || tight(text, tokens[i - 1].end, t.start, false)));
    for (let s = 0; s < tokens.length; s++) {
      // A run starts on a list word; the first word of a message may be a typo (a phrase's second part).
      if (kinds[s] !== 2 && !(s === 0 && kinds[s] === 1 && !strict)) continue;
      let typos = kinds[s] === 1 ? 1 : 0;
      let last = s;
      let end = s;
      for (let j = s + 1; j < tokens.length && linked[j] && kinds[j]; j++) {
        if (kinds[j] === 1 && (strict || ++typos > MAX_TYPOS)) break;
        if (kinds[j] === 2) last = j;
        end = j;
      }
      let [l, r] = trimEdges(tokens, kinds, joined, ...peelProse(tokens, joined, s, last));
      if (!strict) [l, r] = typoAtEdges(kinds, linked, l, r);
      const run = runSpan(text, tokens, l, r, list);
      // The runs that start and end the message, for a phrase continued from one message into the next: a
      // typo at the cut is the phrase's, not prose. The core leaves out everyday words on the inner side
      // ("… w12 thanks"); `alts` put them, and the typos beyond them, back: the redactor picks the pair that
      // adds up to a phrase.
      const last0 = tokens.length - 1;
      let head: Run | undefined;
      if (s === 0 && !strict) {
        let core = r;
        while (core > 0 && PROSE.has(tokens[core].word)) core--;
        const right = extendOverTypos(kinds, linked, r, +1, MAX_TYPOS - countTypos(kinds, 0, r));
        const headTo = (e: number) => ({ ...runSpan(text, tokens, 0, e, list), typos: countTypos(kinds, 0, e) });
        head = headTo(core);
        head.alts = [...new Set([r, ...between(r, Math.max(right, last))])].filter((e) => e !== core).map(headTo);
      }
      let tail: Run | undefined;
      const tailEnd = r === last0 ? r : end === last0 ? end : -1;
      if (tailEnd >= 0 && !strict) {
        let core = l;
        while (core < tailEnd && PROSE.has(tokens[core].word)) core++;
        const left = extendOverTypos(kinds, linked, l, -1, MAX_TYPOS - countTypos(kinds, l, tailEnd));
        const tailFrom = (b: number) => ({ ...runSpan(text, tokens, b, tailEnd, list), typos: countTypos(kinds, b, tailEnd) });
        tail = tailFrom(core);
        tail.alts = [...new Set([l, ...between(Math.min(left, s), l)])].filter((b) => b !== core).map(tailFrom);
      }
      const isHead = !!head && bare(text.slice(0, head.from));
      const isTail = !!tail && bare(text.slice(tail.to));
      if (isHead) scan.head = longer(scan.head, head!);
      if (isTail) scan.tail = longer(scan.tail, tail!);
      const exact = kinds.slice(l, r + 1).every((k) => k === 2);
      if (isHead && isTail && exact && run.words >= MIN_PIECE_WORDS && !strict) scan.whole = true;
      // A run from a typo is only the head of a continued phrase; the run from the next word is tried as well.
      if (kinds[s] === 2 && run.words >= (strict ? 12 : MIN_MNEMONIC_WORDS)) {
        if (varied(run.list)) scan.spans.push([run.from, run.to]);
        // Repeated words around a phrase ("<script>alert(1)</script> w1 … w12") make the whole run look like a
        // list in code; the phrase inside it is still a varied window of a phrase's length.
        else scan.spans.push(...variedWindows(tokens, kinds, l, r));
        // A run from a later word would be a part of this one.
        s = Math.max(s, last);
      }
    }
  }
  scan.spans = merge(scan.spans);
  return scan;
}

/** Spans of the windows of tokens[l..r], a phrase long and starting and ending on list words, that are varied. */
function variedWindows(tokens: Token[], kinds: number[], l: number, r: number): [number, number][] {
  const spans: [number, number][] = [];
  const words = tokens.map((t) => t.word);
  for (let a = l; a + MIN_MNEMONIC_WORDS - 1 <= r; a++) {
    if (kinds[a] !== 2) continue;
    for (let b = Math.min(r, a + MAX_MNEMONIC_WORDS - 1); b >= a + MIN_MNEMONIC_WORDS - 1; b--) {
      if (kinds[b] === 2 && varied(words.slice(a, b + 1))) {
        spans.push([tokens[a].start, tokens[b].end]);
        break;
      }
    }
  }
  return spans;
}

/**
 * The longer run, with the other one and both runs' alternatives as its alternatives: each list reads the edge
 * of a message its own way ("speranza pergmena sruzzo" is one Italian word and two typos, or two English
 * typos), and the pairing with the other message picks the reading that makes a phrase.
 */
function longer(a: Run | undefined, b: Run): Run {
  if (!a) return b;
  const [main, other] = b.words > a.words ? [b, a] : [a, b];
  return { ...main, alts: [...(main.alts ?? []), other, ...(other.alts ?? [])] };
}

/** The positions from a to b, both included: each typo taken in at the cut is a reading of its own. */
const between = (a: number, b: number) => Array.from({ length: Math.abs(b - a) + 1 }, (_, i) => Math.min(a, b) + i);

function countTypos(kinds: number[], l: number, r: number): number {
  let n = 0;
  for (let i = l; i <= r; i++) if (kinds[i] === 1) n++;
  return n;
}

/** From token i, over up to `budget` typos in direction `step` that are linked to it. */
function extendOverTypos(kinds: number[], linked: boolean[], i: number, step: 1 | -1, budget: number): number {
  for (; budget > 0; budget--) {
    const j = i + step;
    if (j < 0 || j >= kinds.length || kinds[j] !== 1 || !linked[step > 0 ? j : i]) break;
    i = j;
  }
  return i;
}

// No leading \s* here: tried at every position of a long blank run, it would make the run quadratic.
const LABEL_ALL = new RegExp(LABEL, 'giu');
/** Nothing but punctuation, digits and numbering: what may stand before the first word of a message's run. */
const bare = (s: string) => /^[\s\p{P}\p{S}\d]*$/u.test(s.replace(LABEL_ALL, ''));

/**
 * A phrase one word short of a mnemonic, with a typo in its first or last word, takes that word in: the
 * run ends on list words, so such a typo would otherwise hide the whole phrase. Only when that makes a phrase.
 */
function typoAtEdges(kinds: number[], linked: boolean[], l: number, r: number): [number, number] {
  const [l0, r0] = [l, r];
  let typos = 0;
  for (let i = l; i <= r; i++) if (kinds[i] === 1) typos++;
  const words = () => r - l + 1;
  // Over typos, and over the list words beyond them that trimming took for prose ("… batuta lmápara ayuda").
  while (words() < MIN_MNEMONIC_WORDS) {
    const step =
      r + 1 < kinds.length && linked[r + 1] && kinds[r + 1] && (kinds[r + 1] === 2 || typos < MAX_TYPOS)
        ? ++r
        : l > 0 && linked[l] && kinds[l - 1] && (kinds[l - 1] === 2 || typos < MAX_TYPOS)
          ? --l
          : -1;
    if (step < 0) break;
    if (kinds[step] === 1) typos++;
  }
  return words() >= MIN_MNEMONIC_WORDS ? [l, r] : [l0, r0];
}

/** The lengths of a whole mnemonic, and of one with a word forgotten. */
export const LENGTHS = new Set([12, 15, 18, 21, 24]);
export const MNEMONIC_LENGTHS = new Set([MIN_MNEMONIC_WORDS, ...LENGTHS, 14, 17, 20, 23]);
/** A typo this close to either end of a run may be a neighbouring word instead ("… w12 can you check"). */
const EDGE = 2;

/**
 * The run kinds[s..last] without a typo and the one or two list words beyond it at either end, when those are
 * everyday words (PROSE: "please help thsee w1 …") and the rest is already a phrase: the typo is then more
 * likely the user's next word. Kept when the rest is short of a phrase, or when only with it the run has a
 * mnemonic's length (a typo in the 23rd of 24 words).
 */
function trimEdges(tokens: Token[], kinds: number[], joined: boolean[], s: number, last: number): [number, number] {
  let [l, r] = [s, last];
  // A piece shorter than a phrase (kept for the next message) loses such an edge when everyday words lead to
  // the typo ("my wallet wrds …"), not when the typo is its own first or last word.
  const keep = (inner: number, total: number, members: number) =>
    total >= MIN_MNEMONIC_WORDS ? inner < MIN_MNEMONIC_WORDS || (!LENGTHS.has(inner) && LENGTHS.has(total)) : members === 0;
  const prose = (from: number, to: number) => tokens.slice(from, to + 1).every((t, i) => kinds[from + i] !== 2 || PROSE.has(t.word));
  const loose = (from: number, to: number) => !joined.slice(from, to + 1).some(Boolean);
  let t = r;
  while (t > l && kinds[t] === 2) t--;
  if (t > l && r - t <= EDGE && prose(t, r) && loose(t, r)) {
    let inner = t;
    while (inner > l && kinds[inner] !== 2) inner--;
    if (!keep(inner - l + 1, r - l + 1, r - t)) r = inner;
  }
  t = l;
  while (t < r && kinds[t] === 2) t++;
  if (t < r && t - l <= EDGE && prose(l, t) && loose(l + 1, t + 1)) {
    let inner = t;
    while (inner < r && kinds[inner] !== 2) inner++;
    if (!keep(r - inner + 1, r - l + 1, t - l)) l = inner;
  }
  return [l, r];
}

/**
 * List words that are also everyday words of the prose around a phrase (measured on the sample knowledge base
 * and questions): "… w12 can you check", "please help …". Peeled off either end of a run while what remains
 * is still a whole mnemonic.
 */
const PROSE = new Set(
  (
    'you can check seed wallet please thanks thank hello okay yes sorry help what when where only one first need use time open never wrong order fee code key ' +
    'phone account deposit address that change rate number amount chat page card team ticket long history balance ' +
    'all also any again before after about other under over above like just' +
    ' una red orden don todo ser dos mismo otro paso hora ayuda puedo codigo numero clave cambio pago acceso pero entonces menos'
  ).split(' '),
);

function peelProse(tokens: Token[], joined: boolean[], l: number, r: number): [number, number] {
  const n = r - l + 1;
  if (n <= 12) return [l, r];
  let left = 0;
  while (l + left < r && PROSE.has(tokens[l + left].word) && !joined[l + left + 1]) left++;
  let right = 0;
  while (r - right > l && PROSE.has(tokens[r - right].word) && !joined[r - right]) right++;
  // The most peeled that leaves a mnemonic's length; else the most peeled that leaves 11 words.
  let best: [number, number] = [l, r];
  let score = -1;
  for (let a = 0; a <= left; a++)
    for (let b = 0; b <= right; b++) {
      const rest = n - a - b;
      const s = rest >= 12 && LENGTHS.has(rest) ? 100 + a + b : rest === MIN_MNEMONIC_WORDS ? a + b : -1;
      if (s > score) [best, score] = [[l + a, r - b], s];
    }
  return score < 0 ? [l, r] : best;
}

/** Function words of the Latin-script languages: never a typo of a list word ("… first, and will never ask for"). */
const NOT_TYPO = new Set(
  (
    'and for the are was but not our has had his her its him she they them this that with from have were there their than then into such some very ' +
    'who how why does did been being would should could your yours ' +
    'los las una por con del que para como pero mas sus les nos esta este ' +
    'com uma nao sao dos das mais ' +
    'des une est pour avec dans qui pas sur par aux ces ' +
    'che per della sono non gli'
  ).split(' '),
);

/** 2: a list word, 1: not on the list but shaped like one of its words (a typo), 0: neither. */
function kind(list: WordList, word: string, listed = false): 0 | 1 | 2 {
  if (!word) return 0;
  if (list.has(word)) return 2;
  if (NOT_TYPO.has(word) && !listed) return 0;
  const { min, max } = list.set;
  // A dropped letter may leave a word one shorter than the list's shortest, but never under 3 letters in
  // Latin script: "is", "my", "de" around a phrase are no typos of it.
  return word.length >= (list.set.script === 'latin' ? Math.max(3, min - 1) : Math.max(1, min - 1)) && word.length <= max + 1 && list.shape.test(word) ? 1 : 0;
}

/** The run tokens[first..last] with a glued word at either edge. */
function runSpan(text: string, tokens: Token[], first: number, last: number, list: WordList): Run & { list: string[] } {
  const words = tokens.slice(first, last + 1).map((t) => t.word);
  let [from, to] = [tokens[first].start, tokens[last].end];
  const glue = GLUE[list.set.script];
  // Any Chinese character may be glued to a phrase ("… 十二能帮我" or "… 十二 怎么办"): one is taken only when it
  // completes a mnemonic's length.
  const completes = (added: number) => list.set.script !== 'han' || LENGTHS.has(words.length + added) || words.length + added === MIN_MNEMONIC_WORDS;
  const before = tokens[first - 1];
  const head = glue?.before && before && completes(1) && separates(text, before.end, from) ? gluedWord(text, before, glue.before, 'before', list) : undefined;
  if (head) {
    words.unshift(head.word);
    from = head.at;
  }
  const after = tokens[last + 1];
  const tail = glue?.after && after && completes(1) && separates(text, to, after.start) ? gluedWord(text, after, glue.after, 'after', list) : undefined;
  if (tail) {
    words.push(tail.word);
    to = tail.at;
  }
  return { from, to, words: words.length, list: words };
}

/** A list word inside a token, with glue before or after it: the word and where it starts or ends. */
function gluedWord(text: string, token: Token, glue: RegExp, side: 'before' | 'after', list: WordList): { word: string; at: number } | undefined {
  const s = text.slice(token.start, token.end);
  for (let p = 1; p < s.length; p++) {
    const [rest, part] = side === 'before' ? [s.slice(0, p), s.slice(p)] : [s.slice(s.length - p), s.slice(0, s.length - p)];
    const word = normalizeWord(part);
    if (glue.test(rest) && list.has(word)) return { word, at: side === 'before' ? token.start + p : token.end - p };
  }
  return undefined;
}

/**
 * Japanese users paste a phrase without spaces ("あいこくしんあいさつ…"): a kana token longer than any word is
 * cut into the longest chain of list words it holds, if that chain is a whole phrase.
 */
function splitGlued(text: string, tokens: Token[], list: WordList): Token[] {
  const { min, max } = list.set;
  const out: Token[] = [];
  for (const t of tokens) {
    const s = text.slice(t.start, t.end);
    if (s.length < MIN_MNEMONIC_WORDS * min || !list.shape.test(s)) {
      out.push(t);
      continue;
    }
    // reach[p]: how far a chain of list words from p gets; words[p]: how many words it takes; next[p]: where
    // its first word ends. The chain that covers most of the token wins: more, shorter words may dead-end.
    const reach = new Int32Array(s.length + 1).fill(-1);
    const words = new Int32Array(s.length + 1);
    const next = new Int32Array(s.length + 1).fill(-1);
    reach[s.length] = s.length;
    for (let p = s.length - 1; p >= 0; p--) {
      for (let len = min; len <= max && p + len <= s.length; len++) {
        if (!list.has(normalizeWord(s.slice(p, p + len)))) continue;
        const q = p + len;
        const far = reach[q] < 0 ? q : reach[q];
        const n = 1 + (reach[q] < 0 ? 0 : words[q]);
        if (far > reach[p] || (far === reach[p] && n > words[p])) [reach[p], words[p], next[p]] = [far, n, reach[q] < 0 ? -1 : q];
      }
    }
    let p = 0;
    for (let i = 1; i < s.length; i++) if (reach[i] - i > reach[p] - p) p = i;
    if (reach[p] < 0 || words[p] < MIN_MNEMONIC_WORDS) {
      out.push(t);
      continue;
    }
    if (p > 0) out.push({ start: t.start, end: t.start + p, word: normalizeWord(s.slice(0, p)) });
    let first = true;
    const stop = reach[p];
    while (p < stop) {
      // the word from p: up to next[p], or (the chain's last word) up to its reach
      const q = next[p] > 0 ? next[p] : stop;
      out.push({ start: t.start + p, end: t.start + q, word: normalizeWord(s.slice(p, q)), glued: !first });
      first = false;
      p = q;
    }
    if (p < s.length) out.push({ start: t.start + p, end: t.end, word: normalizeWord(s.slice(p)) });
  }
  return out;
}

function separates(text: string, from: number, to: number): boolean {
  return to - from <= MAX_SEPARATOR && SEPARATOR.test(text.slice(from, to));
}

/**
 * A separator that is more than blanks: what stands between the items of a pasted list, not between words of
 * prose. Commas and line breaks count only where asked: prose has them too ("… w12, can you check").
 */
const tight = (text: string, from: number, to: number, commas = true) =>
  separates(text, from, to) && (commas ? /[^ \t\u3000]/u : /[^\s,，、;；]/u).test(text.slice(from, to));

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

/**
 * Where no list is known yet (the script-tag file before its pack arrived), a phrase is found by its shape:
 * 12 or more short words of one script in a row, with no typo allowed. Never silently off.
 */
const SHAPE_LISTS: WordList[] = (
  [
    ['latin', 3, 8, /^[a-z]+$/],
    ['kana', 2, 7, /^[\p{scx=Hiragana}\p{scx=Katakana}]+$/u],
    ['hangul', 1, 5, /^\p{scx=Hangul}+$/u],
    ['han', 1, 1, /^\p{scx=Han}$/u],
  ] as const
).map(([script, min, max, shape]) => ({
  set: { lang: `shape-${script}`, script, min, max, range: 1, k: 0, count: 0, data: '' },
  shape,
  has: (w: string) => w.length >= min && w.length <= max && shape.test(w),
}));
