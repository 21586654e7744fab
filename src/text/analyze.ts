import { normalize } from './normalize.js';
import { segment, bigrams } from './segment.js';
import { stem } from './stem.js';
import { UNSPACED } from './script.js';
import type { Glossary } from './glossary.js';

/** What the pipeline makes of one text: used alike when building and when asking. */
export interface Analysis {
  /** The normalized text. */
  text: string;
  /** Stemmed words, character bigrams of unspaced runs, then glossary concepts (`~withdraw`). */
  terms: string[];
  /** Normalized words before stemming (spaced scripts only), for character n-grams and language detection. */
  words: string[];
  /** The stems of `words`, in order. */
  stems: string[];
  /** Unspaced runs (CJK, Thai), joined by spaces. */
  unspaced: string;
}

/** Normalizes, segments, stems and tags glossary concepts: the one text pipeline of DESIGN.md. */
export function analyze(text: string, lang: string, glossary?: Glossary): Analysis {
  const norm = normalize(text);
  const terms: string[] = [];
  const words: string[] = [];
  const stems: string[] = [];
  const pairs: [string, string][] = [];
  const unspaced: string[] = [];
  for (const run of segment(norm)) {
    if (UNSPACED.has(run.script)) {
      unspaced.push(run.text);
      terms.push(...bigrams(run.text));
    } else {
      const s = stem(run.text, lang, run.script === 'cyrillic');
      words.push(run.text);
      stems.push(s);
      pairs.push([run.text, s]);
      terms.push(s);
    }
  }
  if (glossary) terms.push(...glossary.match(unspaced, pairs));
  return { text: norm, terms, words, stems, unspaced: unspaced.join(' ') };
}
