/** Latin letters followed by combining accents; other scripts keep their marks (が, й carry meaning). */
const LATIN_ACCENTS = /([a-z])[\u0300-\u036f]+/g;
/** Control characters and lone surrogates break words; format characters (zero-width, bidi) hide inside them. */
const BREAKERS = /[\p{Cc}\p{Cs}]+/gu;
const INVISIBLE = /\p{Cf}/gu;

/**
 * Folds text to the form every index term and query term share: NFKC (full-width to half-width),
 * lower case, no accents on Latin letters, ё as е, no invisible characters.
 */
export function normalize(text: string): string {
  return text
    .replace(BREAKERS, ' ')
    .replace(INVISIBLE, '')
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(LATIN_ACCENTS, '$1')
    .normalize('NFC')
    .replace(/ё/g, 'е');
}
