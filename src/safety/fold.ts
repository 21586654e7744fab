/**
 * The one form in which every secret detector reads a message: NFKC (full-width letters and digits from an
 * IME become ASCII, "：" becomes ":"), invisible characters as spaces (a zero-width space between words is a
 * separator), soft hyphens and variation selectors dropped. Each folded character remembers the original
 * character it came from, so a match in the folded text masks exactly the original secret and nothing beside it.
 */
export interface Folded {
  text: string;
  /** for each folded UTF-16 unit, the offset in the original text where its source character starts */
  start: number[];
  /** ... and where it ends */
  end: number[];
}

/** Zero-width and other invisible spacing: read as a separator. */
const INVISIBLE_SPACE = /^[\u200B-\u200D\u2060-\u2064\uFEFF\u180E\u2028\u2029]$/u;
/** Invisible inside a word: dropped. */
// oxlint-disable-next-line no-misleading-character-class -- the combining grapheme joiner is matched alone, on purpose
const INVISIBLE_MARK = /^[\u00AD\u034F\uFE00-\uFE0F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]$/u;

const CLUSTER = /[^\p{M}][\p{M}]*|[\p{M}]+/gsu;

export function fold(input: string): Folded {
  const start: number[] = [];
  const end: number[] = [];
  let text = '';
  let at = 0;
  // A character with the marks that follow it, so that NFKC composes "は" + "゛" into "ば" (wallets and
  // @scure/bip39 write Japanese decomposed).
  for (const [ch] of input.matchAll(CLUSTER)) {
    const next = at + ch.length;
    const out = ch.length === 1 && ch < '\x80' ? ch : INVISIBLE_SPACE.test(ch) ? ' ' : INVISIBLE_MARK.test(ch) ? '' : ch.normalize('NFKC');
    for (let i = 0; i < out.length; i++) {
      start.push(at);
      end.push(next);
    }
    text += out;
    at = next;
  }
  return { text, start, end };
}

/** The original span of the folded span [from, to). */
export function originalSpan(folded: Folded, from: number, to: number): [number, number] {
  if (to <= from) return [folded.start[from] ?? 0, folded.start[from] ?? 0];
  return [folded.start[from], folded.end[to - 1]];
}
