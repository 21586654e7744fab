export { normalize } from './normalize.js';
export { segment, bigrams, type Run } from './segment.js';
export { stem, STEMMED_LANGUAGES } from './stem.js';
export {
  Glossary,
  CONCEPT,
  splitGlossary,
  mergeGlossaryParts,
  mergingGlossaryParts,
  type GlossaryData,
  type CompiledGlossary,
  type PackedGlossary,
} from './glossary.js';
export { analyze, type Analysis } from './analyze.js';
export { detectLanguage, trainLanguageModel, type LanguageModel, type LanguageProfile, type Detection } from './detect-language.js';
export { countScripts, scriptOf, type Script } from './script.js';
export { isStopword } from './stopwords.js';
