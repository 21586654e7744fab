import { fold, originalSpan, type Folded } from './fold.js';
import { Found, type SecretKind, type Span } from './found.js';
import { LENGTHS, MIN_CONTINUED_WORDS, MIN_MNEMONIC_WORDS, MNEMONIC_LENGTHS, scanMnemonics, type MnemonicScan, type Run } from './mnemonic.js';
import { findKeys } from './keys.js';
import { findCards } from './cards.js';
import { findLabelled, LABELLED_PATTERNS } from './labelled.js';
import { listsFor } from './word-lists.js';
import type { WordSet } from './word-set.js';
import { runInTasks } from '../util/tasks.js';

export type { SecretKind } from './found.js';
export { luhn } from './cards.js';

/** A text with its secrets replaced, and what was found. */
export interface Redaction {
  text: string;
  found: SecretKind[];
}

export interface RedactOptions {
  /** Word lists of a pack: they add to the ten official BIP39 lists, never replace them. */
  wordLists?: readonly WordSet[];
}

const MASK = (kind: SecretKind) => `[${kind} removed]`;

interface Analysis {
  input: string;
  folded: Folded;
  spans: Span[];
  mnemonics: MnemonicScan;
}

function analyse(input: string, options?: RedactOptions): Analysis {
  const folded = fold(input);
  const found = new Found();
  const mnemonics = scanMnemonics(folded.text, listsFor(options?.wordLists));
  for (const [from, to] of mnemonics.spans) found.add(from, to, 'mnemonic');
  // A message that is nothing but list words is a phrase sent in pieces.
  if (mnemonics.whole && mnemonics.head) found.add(mnemonics.head.from, mnemonics.head.to, 'mnemonic');
  findKeys(folded.text, found);
  findCards(folded.text, found);
  findLabelled(folded.text, found);
  const spans = found.spans.map((s) => {
    const [from, to] = originalSpan(folded, s.from, s.to);
    return { from, to, kind: s.kind };
  });
  return { input, folded, spans, mnemonics };
}

/**
 * Compiles the finders' patterns ahead of the first message, a finder per task: V8 compiles each regular
 * expression on first use, once for Latin-1 text and once for other text, and together they are a long task
 * on a slow phone.
 */
export function warmUpRedaction(): Promise<void> {
  function* steps(): Generator<void, void> {
    for (const text of ['password 1234', 'пароль 1234']) {
      const folded = fold(text).text;
      scanMnemonics(folded, listsFor(undefined));
      yield;
      findKeys(folded, new Found());
      findCards(folded, new Found());
      yield;
      for (const pattern of LABELLED_PATTERNS) {
        folded.search(pattern); // leaves the pattern's lastIndex as it was
        yield;
      }
    }
  }
  return runInTasks(steps());
}

/** The text with each span (original offsets) masked; overlapping spans become one mask, of the first kind found. */
function render(input: string, spans: Span[]): Redaction {
  const sorted = [...spans].sort((a, b) => a.from - b.from || b.to - a.to);
  const found = new Set<SecretKind>();
  let text = '';
  let done = 0;
  for (let i = 0; i < sorted.length; i++) {
    const { from, kind } = sorted[i];
    let to = sorted[i].to;
    found.add(kind);
    while (i + 1 < sorted.length && sorted[i + 1].from < to) {
      found.add(sorted[++i].kind);
      to = Math.max(to, sorted[i].to);
    }
    text += input.slice(done, from) + MASK(kind);
    done = to;
  }
  return { text: text + input.slice(done), found: [...found] };
}

/**
 * Finds secrets a user may paste into a support chat and replaces them with a marker: seed phrases of the ten
 * BIP39 lists (and a pack's own), private keys, extended keys, WIF keys, card numbers, passwords and one-time
 * codes. Ordinary addresses and transaction ids stay as they are: an agent needs them. Deterministic: the same
 * text and options give the same result whatever else ran before.
 *
 * @example
 * ```ts
 * import { redactSecrets } from 'helpline';
 * redactSecrets('my card 4111 1111 1111 1111, order 123456');
 * // { text: 'my card [card removed], order 123456', found: ['card'] }
 * ```
 */
export function redactSecrets(input: string, options?: RedactOptions): Redaction {
  const text = String(input ?? '');
  return render(text, analyse(text, options).spans);
}

/** Longest secret the redaction must see whole: a 24-word mnemonic with wide separators fits easily. */
const SECRET_REACH = 1000;

/**
 * The first `max` characters of a text, redacted. It redacts before it cuts: a cut through a mnemonic or a
 * card number would leave the part before the cut unrecognized, and kept.
 */
export function redactHead(input: string, max: number, options?: RedactOptions): Redaction {
  const { text, found } = redactSecrets(String(input ?? '').slice(0, max + SECRET_REACH), options);
  return { text: text.slice(0, max), found };
}

/** A redaction in a conversation: `previous` is the message before, redacted again, when this one continued a phrase. */
export interface ConversationRedaction extends Redaction {
  previous?: string;
}

/** Redacts the messages of one conversation in order, catching a phrase split across two of them. */
export interface Redactor {
  redact(input: string, max?: number): ConversationRedaction;
  /** forgets the previous message (a new conversation) */
  reset(): void;
}

/**
 * A redactor for one conversation. It remembers, in memory only, the message before and the list words it
 * ended with: when the next message starts with more list words and together they make a phrase (6 + 6, 8 + 4),
 * both parts are masked, and `previous` gives the earlier message redacted again so the caller can replace
 * what it kept.
 */
export function createRedactor(options?: RedactOptions): Redactor {
  let last: { input: string; max: number; spans: Span[]; tails: Run[] } | undefined;
  return {
    redact(raw, max = Infinity) {
      const input = String(raw ?? '').slice(0, max + SECRET_REACH);
      const now = analyse(input, options);
      let previous: string | undefined;
      const pair = last?.tails.length && now.mnemonics.head ? continued(last.tails, now.mnemonics.head) : undefined;
      if (last && pair) {
        const [tail, head] = pair;
        const [from, to] = originalSpan(now.folded, head.from, head.to);
        now.spans.push({ from, to, kind: 'mnemonic' });
        last.spans.push({ from: tail.from, to: tail.to, kind: 'mnemonic' });
        previous = render(last.input, last.spans).text.slice(0, last.max);
      }
      const tail = now.mnemonics.tail;
      const tails = (tail ? [tail, ...(tail.alts ?? [])] : []).map((t) => {
        const [from, to] = originalSpan(now.folded, t.from, t.to);
        return { from, to, words: t.words };
      });
      last = { input, max, spans: now.spans, tails };
      const { text, found } = render(input, now.spans);
      return { text: text.slice(0, max), found, ...(previous !== undefined ? { previous } : {}) };
    },
    reset() {
      last = undefined;
    },
  };
}

/**
 * The end of the previous message and the start of this one that make a phrase together: first a pair that
 * adds up to a mnemonic's length (a whole one first, then one a word short), else any pair of enough words.
 */
function continued(tails: Run[], head: Run): [Run, Run] | undefined {
  const heads = [head, ...(head.alts ?? [])];
  const pairs = tails
    .flatMap((t) => heads.map((h) => [t, h] as [Run, Run]))
    .filter(([t, h]) => t.words >= MIN_CONTINUED_WORDS && h.words >= MIN_CONTINUED_WORDS);
  // Each message's edge may be read several ways (by several lists, with or without the typos and everyday
  // words at each end). Of the pairs that add up to a whole mnemonic's length, then to one a word short, then
  // to enough words: the one that takes most words (a shorter reading leaves words of the phrase).
  const words = ([t, h]: [Run, Run]) => t.words + h.words;
  const adding = (fits: (n: number) => boolean) =>
    pairs.filter((p) => fits(words(p))).reduce<[Run, Run] | undefined>((best, p) => (!best || words(p) > words(best) ? p : best), undefined);
  return adding((n) => LENGTHS.has(n)) ?? adding((n) => MNEMONIC_LENGTHS.has(n)) ?? adding((n) => n >= MIN_MNEMONIC_WORDS);
}
