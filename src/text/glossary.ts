import { stem, STEMMED_LANGUAGES } from './stem.js';
import { normalize } from './normalize.js';
import { segment, type Run } from './segment.js';
import { UNSPACED } from './script.js';
import { runAtOnce } from '../util/tasks.js';

/**
 * Steps of the work a browser does on glossaries (runInTasks lets a page run between them), each well under
 * 50 ms with the CPU slowed 4×: table entries merged, terms stemmed.
 */
const STEP = 1000;
const COMPILE_STEP = 20;

/** Concept id → its terms in any language, as written in `glossary.yml`. */
export type GlossaryData = Record<string, string[]>;

/** The glossary's lookup tables, compiled at build time so loading a pack stems nothing. */
export interface CompiledGlossary {
  /** normalized, stemmed word sequence → concept */
  phrases: Record<string, string>;
  /** unspaced (CJK) term → concept, longest first */
  unspaced: [string, string][];
  maxWords: number;
}

/** Prefix of concept terms; the tokenizer never produces it, so concepts cannot collide with words. */
export const CONCEPT = '~';

/**
 * Finds glossary terms in text and names their concepts. Spaced terms match whole stemmed words (any
 * language's stem, since users mix languages); unspaced terms (CJK) match as substrings.
 */
export class Glossary {
  private phrases!: Map<string, string>;
  private unspaced!: [string, string][];
  /** indexes into `unspaced` by a term's first two characters (one, for a one-character term); built on first use */
  private byStart?: Map<string, number[]>;
  private maxWords!: number;

  /** From `glossary.yml` data (compiled now) or from a pack's compiled tables. */
  constructor(source: GlossaryData | CompiledGlossary = {}) {
    this.load(isCompiled(source) ? source : Glossary.compile(source));
  }

  /** Replaces the tables, e.g. when a pack folder's next language adds its terms: everything holding this glossary sees them. */
  load(c: CompiledGlossary): void {
    this.phrases = new Map(Object.entries(c.phrases));
    this.unspaced = c.unspaced;
    this.byStart = undefined;
    this.maxWords = c.maxWords;
  }

  /** Normalizes and stems every term once (at build time). */
  static compile(data: GlossaryData): CompiledGlossary {
    return runAtOnce(Glossary.compiling(data));
  }

  /** `compile` in steps, for the few glossaries a browser compiles (src/safety/phishing.ts). */
  static *compiling(data: GlossaryData): Generator<void, CompiledGlossary> {
    const phrases: Record<string, string> = {};
    const unspaced: [string, string][] = [];
    let maxWords = 1;
    // A term as written wins over another term's stem: "tax" is the tax concept even if "taxa" stems to it.
    const stemmed: [string, string][] = [];
    let done = 0;
    for (const [concept, terms] of Object.entries(data)) {
      for (const term of terms) {
        if (++done % COMPILE_STEP === 0) yield;
        const runs = segment(normalize(String(term)).trim());
        const [written, ...readings] = spacedKeys(runs);
        if (written === undefined) {
          if (runs.length) unspaced.push([runs.map((r) => r.text).join(''), concept]);
          continue;
        }
        maxWords = Math.max(maxWords, runs.length);
        phrases[written] ??= concept;
        for (const key of readings) stemmed.push([key, concept]);
      }
    }
    for (const [key, concept] of stemmed) phrases[key] ??= concept;
    return { phrases, unspaced: sortUnspaced(unspaced), maxWords };
  }

  /** The keys of a spaced term in the compiled tables (as written, then as each stemmer reads it); none for an unspaced one. */
  static keysOf(term: string): string[] {
    return spacedKeys(segment(normalize(term).trim()));
  }

  /** Concepts named in a text, given its unspaced runs and its words as [raw, stem] pairs. */
  match(unspacedRuns: string[], words: [string, string][]): string[] {
    const found = new Set<string>();
    // Users space CJK and Korean words freely ("입금 주소", "2차 인증"): terms match across those spaces.
    const joined = unspacedRuns.join('');
    // Only the terms that start where the text has their first characters are tried, not all of them (the
    // built-in lexicon's 2,386: 39 → 3 µs a CJK question); hits in the table's order, so concepts come out as before.
    const byStart = (this.byStart ??= startsOf(this.unspaced));
    const hits: number[] = [];
    for (let i = 0; i < joined.length; i++)
      for (const key of [joined.slice(i, i + 2), joined[i]])
        for (const t of byStart.get(key) ?? []) if (joined.startsWith(this.unspaced[t][0], i)) hits.push(t);
    for (const t of hits.sort((a, b) => a - b)) found.add(this.unspaced[t][1]);
    for (let i = 0; i < words.length; i++) {
      let raw = '';
      let stemmed = '';
      for (let n = 0; n < this.maxWords && i + n < words.length; n++) {
        raw += (n ? ' ' : '') + words[i + n][0];
        stemmed += (n ? ' ' : '') + words[i + n][1];
        // The word as written first: a stem from another language's stemmer may name another term ("taxa" → "tax").
        const concept = this.phrases.get(raw) ?? this.phrases.get(stemmed);
        if (concept) found.add(concept);
      }
    }
    return [...found].map((c) => CONCEPT + c);
  }

  /** True when a normalized word is itself a glossary term: shared vocabulary, not a sign of a language. */
  has(word: string): boolean {
    return this.phrases.has(word);
  }
}

/** Glossary data maps concepts to arrays; only compiled tables have a number and an object in them. */
function isCompiled(x: GlossaryData | CompiledGlossary): x is CompiledGlossary {
  const c = x as Partial<CompiledGlossary>;
  return typeof c.maxWords === 'number' && typeof c.phrases === 'object' && !Array.isArray(c.phrases);
}

/**
 * A spaced term's keys: as written, then as analyze() stems a question in each stemmed language (Cyrillic words
 * by the Russian stemmer, Latin words by the language's), the only stemmed sequences `match` can meet, since it
 * stems every word of a question alike. None for an unspaced (CJK) term.
 */
function spacedKeys(runs: Run[]): string[] {
  if (!runs.length || runs.some((r) => UNSPACED.has(r.script))) return [];
  const written = runs.map((r) => r.text).join(' ');
  return [...new Set([written, ...STEMMED_LANGUAGES.map((lang) => runs.map((r) => stem(r.text, lang, r.script === 'cyrillic')).join(' '))])];
}

/** Each unspaced term's position in the list, by its first two characters (or its one). */
function startsOf(unspaced: [string, string][]): Map<string, number[]> {
  const byStart = new Map<string, number[]>();
  unspaced.forEach(([term], i) => {
    const key = term.slice(0, 2);
    const list = byStart.get(key);
    if (list) list.push(i);
    else byStart.set(key, [i]);
  });
  return byStart;
}

/** Longest term first (a longer term wins over the shorter one inside it), then by term: one order everywhere. */
function sortUnspaced(list: [string, string][]): [string, string][] {
  return list.sort((a, b) => b[0].length - a[0].length || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
}

/**
 * Compiled tables as a pack folder stores them: per concept its keys, so the concept is written once, not once
 * per key (a concept has dozens of keys: its terms and their stems in every language).
 */
export interface PackedGlossary {
  phrases: Record<string, string[]>;
  unspaced: Record<string, string[]>;
  maxWords: number;
}

/**
 * Splits compiled tables into parts: `partsOf(term)` names the parts of each key and unspaced term (one or
 * more). Merging all the parts (mergeGlossaryParts) gives the tables back exactly.
 */
export function splitGlossary(c: CompiledGlossary, partsOf: (term: string) => string[]): Record<string, PackedGlossary> {
  const parts: Record<string, PackedGlossary> = {};
  const each = (term: string) => partsOf(term).map((name) => (parts[name] ??= { phrases: {}, unspaced: {}, maxWords: 1 }));
  for (const [key, concept] of Object.entries(c.phrases)) {
    for (const p of each(key)) {
      (p.phrases[concept] ??= []).push(key);
      p.maxWords = Math.max(p.maxWords, key.split(' ').length);
    }
  }
  for (const [term, concept] of c.unspaced) for (const p of each(term)) (p.unspaced[concept] ??= []).push(term);
  return parts;
}

/** Compiled tables from parts of splitGlossary (any subset of them). */
export const mergeGlossaryParts = (parts: PackedGlossary[]): CompiledGlossary => runAtOnce(mergingGlossaryParts(parts));

/** mergeGlossaryParts in steps of a few concepts (runInTasks lets a page run between them). */
export function* mergingGlossaryParts(parts: PackedGlossary[]): Generator<void, CompiledGlossary> {
  const phrases: [string, string][] = [];
  const unspaced: [string, string][] = [];
  let maxWords = 1;
  const seen = new Set<string>();
  for (const p of parts) {
    for (const [concept, keys] of Object.entries(p.phrases)) {
      for (const key of keys) phrases.push([key, concept]);
      if (phrases.length % STEP < keys.length) yield;
    }
    // A Han term is in both the Chinese and the Japanese part: kept once.
    for (const [concept, terms] of Object.entries(p.unspaced))
      for (const term of terms) {
        const key = term + '\n' + concept;
        if (seen.has(key)) continue;
        seen.add(key);
        if (unspaced.push([term, concept]) % STEP === 0) yield;
      }
    maxWords = Math.max(maxWords, p.maxWords);
  }
  yield;
  const table = Object.fromEntries(phrases);
  yield;
  return { phrases: table, unspaced: sortUnspaced(unspaced), maxWords };
}
