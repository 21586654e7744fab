import { analyze, type Glossary } from '../text/index.js';

/** A short passage of an article and the places in it that matched the question. */
export interface Snippet {
  text: string;
  /** [start, end) character ranges of `text` to highlight */
  highlights: [number, number][];
}

const SENTENCE = /[^.!?。！？\n]+[.!?。！？]?/g;
const MAX = 220;

/**
 * Picks the sentence of a Markdown body that shares most terms with the question, and marks the words
 * in it that matched. Markdown punctuation is dropped: a snippet is plain text.
 */
export function snippet(body: string, terms: string[], lang: string, glossary?: Glossary): Snippet {
  const wanted = new Set(terms);
  const plain = body.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`#>]+/g, '');
  let best = { text: '', score: -1 };
  for (const [sentence] of plain.matchAll(SENTENCE)) {
    const s = sentence.trim();
    if (!s) continue;
    const score = analyze(s, lang, glossary).terms.filter((t) => wanted.has(t)).length;
    if (score > best.score) best = { text: s, score };
  }
  const text = best.text.length > MAX ? best.text.slice(0, MAX - 1) + '…' : best.text;
  const highlights: [number, number][] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const a = analyze(m[0], lang, glossary);
    if (a.terms.some((t) => wanted.has(t))) highlights.push([m.index!, m.index! + m[0].length]);
  }
  return { text, highlights };
}
