/**
 * Letters in the patterns that match a word by its stem ("паролем", "şifreniz", "estafadores"), as ranges of
 * the alphabets' own blocks, never `\p{L}`. With the `u` flag, `\p{L}` holds astral letters too, and V8 builds
 * each repetition of it for surrogate pairs: in Chromium with the CPU slowed 4×, the password pattern took 107 ms
 * to compile for the first Cyrillic message (a long task of its own), 35 ms with these ranges.
 */

/** Basic Latin, Latin-1, Latin Extended-A and -B, Latin Extended Additional (Turkish ş ğ ı, Spanish ñ, Vietnamese ư ạ ế), for a class. */
export const LATIN_RANGES = 'a-zA-ZÀ-ÖØ-öø-ÿĀ-ɏḀ-ỿ';
/** The Cyrillic block (Russian and its neighbours), for a class. */
export const CYRILLIC_RANGES = 'Ѐ-ӿ';
export const LATIN_LETTER = `[${LATIN_RANGES}]`;
export const CYRILLIC_LETTER = `[${CYRILLIC_RANGES}]`;
