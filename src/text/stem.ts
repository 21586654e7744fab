// Stemmers imported by path: natural's top-level module drags in database clients and does not bundle.
import en from 'natural/lib/natural/stemmers/porter_stemmer.js';
import es from 'natural/lib/natural/stemmers/porter_stemmer_es.js';
import ru from 'natural/lib/natural/stemmers/porter_stemmer_ru.js';

type Stemmer = { stem(word: string): string };
const STEMMERS: Record<string, Stemmer> = { en, es, ru };

/** Languages with a stemmer. */
export const STEMMED_LANGUAGES = Object.keys(STEMMERS);

/**
 * Stems a normalized word. Cyrillic words use the Russian stemmer, Latin words the stemmer of the
 * question's language when it has one, else English (tickers and English loan words in any language).
 */
export function stem(word: string, lang: string, cyrillic: boolean): string {
  if (word.length < 3 || /\d/.test(word)) return word;
  const s = cyrillic ? STEMMERS.ru : STEMMERS[lang] && lang !== 'ru' ? STEMMERS[lang] : STEMMERS.en;
  return s.stem(word) || word;
}
