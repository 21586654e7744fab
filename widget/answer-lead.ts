/**
 * The start of an article with no matching section: about this many words, so an answer fits a phone's
 * screen with its title and buttons. The rest is one tap away ("Show the whole article").
 */
export const LEAD_WORDS = 80;
/** An article at most this much longer than the lead is shown whole: a cut that saves a line or two only hides them. */
const WHOLE_UP_TO = 1.5;

// Han and kana have no spaces: two characters count as one word (about a word's worth of meaning).
const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}';
const WORD = new RegExp(`[${CJK}]{1,2}|[^\\s${CJK}]+`, 'gu');
const countWords = (text: string) => text.match(WORD)?.length ?? 0;

/**
 * The first lines of a Markdown body up to about `words` words, cut at a line's end (or, in a long line, at
 * the last sentence's end, else at a word, with "…"); undefined when the body is short enough to show whole.
 */
export function leadOf(markdown: string, words = LEAD_WORDS): string | undefined {
  if (countWords(markdown) <= words * WHOLE_UP_TO) return undefined;
  const out: string[] = [];
  let count = 0;
  for (const line of markdown.split('\n')) {
    const n = countWords(line);
    if (count + n <= words) {
      out.push(line);
      count += n;
      continue;
    }
    if (count < words * 0.6) out.push(cut(line, words - count)); // too little so far: part of this line too
    break;
  }
  // A cut inside a fenced code block closes it, or the rest would not render as code.
  if (out.filter((l) => /^\s*(```|~~~)/.test(l)).length % 2) out.push('```');
  return out.join('\n').trimEnd();
}

/** A line cut to about `words` words: at the last sentence's end past half of them, else at a word. */
function cut(line: string, words: number): string {
  let end = 0;
  let seen = 0;
  for (const m of line.matchAll(WORD)) {
    if (++seen > words) break;
    end = m.index + m[0].length;
  }
  const head = line.slice(0, end);
  const sentence = /^.*[.!?。！？](?=\s|$)/su.exec(head)?.[0];
  return sentence && countWords(sentence) >= words / 2 ? sentence : head.replace(/[\s,;:—-]+$/u, '') + '…';
}
