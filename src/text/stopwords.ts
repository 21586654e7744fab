// natural's lists come along with its stemmers anyway, so they cost no extra bytes.
import { words as en } from 'natural/lib/natural/util/stopwords.js';
import { words as es } from 'natural/lib/natural/util/stopwords_es.js';
import { words as ru } from 'natural/lib/natural/util/stopwords_ru.js';

const LISTS: Record<string, Set<string>> = { en: new Set(en), es: new Set(es), ru: new Set(ru) };

/** True for words too common to search by (the, de, и …) in the given language. */
export function isStopword(word: string, lang: string): boolean {
  return LISTS[lang]?.has(word) ?? false;
}
