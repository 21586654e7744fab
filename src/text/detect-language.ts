import { countScripts, type Script } from './script.js';
import { normalize } from './normalize.js';
import { segment, bigrams } from './segment.js';
import type { Glossary } from './glossary.js';

/** Word and character n-gram counts of one language, learnt from the pack's own articles. */
export interface LanguageProfile {
  script: Script;
  /** word (or Han character n-gram) → count, the most frequent only */
  words?: Record<string, number>;
  /** character trigram → count, for words the profile has not seen */
  grams?: Record<string, number>;
  total?: number;
  gtotal?: number;
  /** a language the pack has no articles in, profiled from chat phrases only (built-in intents) */
  extra?: boolean;
}

/** Profiles of the pack's languages: what the browser needs to tell them apart, no more. */
export type LanguageModel = Record<string, LanguageProfile>;

/** The script a language is written in when the pack has no text for it. */
const SCRIPT_GUESS: Partial<Record<Script, string>> = { cyrillic: 'ru', hangul: 'ko', han: 'zh', thai: 'th' };

/**
 * Words and trigrams kept per profile (every visitor downloads them). 500 words tell the languages apart as
 * 1,000 did on the development sets (sample held out, Binance dev), at 6 KB gzip less to each first answer
 * of the sample's folder; fewer trigrams lost Portuguese questions on Binance (70% → 50%).
 */
const TOP_WORDS = 500;
const TOP_GRAMS = 1000;
/** How much likelier (log) a language without articles must be than the best with articles. */
const EXTRA_MARGIN = 4;

/** Learns language profiles from sample texts per language (at build time). */
export function trainLanguageModel(samples: Record<string, string[]>, glossary?: Glossary, served?: string[]): LanguageModel {
  const model: LanguageModel = {};
  const scripts: Record<string, Script> = {};
  for (const [lang, texts] of Object.entries(samples)) scripts[lang] = dominantScript(texts.join(' '));
  for (const lang of Object.keys(samples).sort()) {
    const profile: LanguageProfile = { script: scripts[lang], ...(served && !served.includes(lang) ? { extra: true } : {}) };
    const shared = Object.keys(samples).some((l) => l !== lang && family(scripts[l]) === family(scripts[lang]));
    if (shared) {
      const words = new Map<string, number>();
      const grams = new Map<string, number>();
      for (const text of samples[lang]) {
        for (const w of tokensOf(text, glossary)) {
          words.set(w, (words.get(w) ?? 0) + 1);
          for (const g of trigrams(w)) grams.set(g, (grams.get(g) ?? 0) + 1);
        }
      }
      profile.words = top(words, TOP_WORDS);
      profile.grams = top(grams, TOP_GRAMS);
      profile.total = sum(words);
      profile.gtotal = sum(grams);
    }
    model[lang] = profile;
  }
  return model;
}

/** A language decision and whether the text itself was enough to make it. */
export interface Detection {
  lang: string;
  /** false when the text was too short or mixed to decide and the prior (conversation, page) decided */
  confident: boolean;
}

/**
 * Detects the language of a question among the pack's languages: Unicode script first, then word and
 * trigram likelihoods between languages of one script. Glossary terms and tickers say nothing about the
 * language (Spanish speakers write "withdraw usdt"), and when the evidence is thin the prior wins, so a
 * short "usdt fee?" does not flip a Spanish conversation to English.
 */
export function detectLanguage(text: string, model: LanguageModel, options: { prior?: string; fallback?: string; glossary?: Glossary } = {}): Detection {
  const langs = Object.keys(model);
  const fallback = options.prior ?? options.fallback ?? langs[0] ?? 'en';
  const counts = countScripts(normalize(text));
  let script: Script | undefined;
  if (counts.hangul) script = 'hangul';
  else if (counts.kana) script = 'kana';
  else if (counts.han) script = 'han';
  else script = (Object.entries(counts) as [Script, number][]).sort((a, b) => b[1] - a[1])[0]?.[0];
  if (!script) return { lang: fallback, confident: false };

  if (script === 'kana') {
    const ja = langs.find((l) => l === 'ja' || l.startsWith('ja-')) ?? 'ja';
    return { lang: ja, confident: true };
  }
  const candidates = langs.filter((l) => family(model[l].script) === script);
  if (candidates.length === 0) {
    const guess = SCRIPT_GUESS[script] ?? (script === 'latin' ? 'en' : fallback);
    return { lang: guess, confident: script !== 'latin' };
  }
  if (candidates.length === 1) return { lang: candidates[0], confident: true };

  const scores = candidates.map(
    (l) =>
      [
        l,
        score(
          text,
          model[l],
          candidates.map((c) => model[c]),
          options.glossary,
        ),
      ] as const,
  );
  scores.sort((a, b) => b[1] - a[1]);
  let [best, second] = scores;
  // A profile from a few hundred chat phrases is thin: it takes a question from a language with articles
  // only on clear evidence ("what's the best pizza place near me" is not Portuguese).
  const served = scores.find(([l]) => !model[l].extra);
  if (model[best[0]].extra && served && best[1] - served[1] < EXTRA_MARGIN) [best, second] = [served, scores.find((x) => x !== served)!];
  const margin = best[1] - second[1];
  const prior = options.prior && candidates.includes(options.prior) ? options.prior : undefined;
  if (margin < 1.5) return { lang: prior ?? (options.fallback && candidates.includes(options.fallback) ? options.fallback : best[0]), confident: false };
  return { lang: best[0], confident: true };
}

function score(text: string, p: LanguageProfile, all: LanguageProfile[], glossary?: Glossary): number {
  // A word or trigram a profile has not seen costs the same in every profile (as if unseen in the largest):
  // priced by each profile's own size, a profile of a few hundred chat phrases would find an English
  // question's unknown words likelier than English does ("my ledger nano won't turn on" read as Vietnamese).
  const unseenWord = 0.5 / Math.max(...all.map((q) => q.total ?? 1));
  const unseenGram = 0.5 / Math.max(...all.map((q) => q.gtotal ?? 1));
  let s = 0;
  for (const w of tokensOf(text, glossary)) {
    const known = all.some((q) => countIn(q.words, w));
    const c = countIn(p.words, w);
    if (known) s += Math.log(c ? (c + 0.5) / (p.total ?? 1) : unseenWord);
    else
      for (const g of trigrams(w)) {
        const n = countIn(p.grams, g);
        s += 0.5 * Math.log(n ? (n + 0.5) / (p.gtotal ?? 1) : unseenGram);
      }
  }
  return s;
}

/** A count in a profile's table: its own keys only (the word "constructor" is not Object's). */
const countIn = (table: Record<string, number> | undefined, key: string): number => (table && Object.hasOwn(table, key) ? table[key] : 0);

/** Words that can tell languages apart: no tickers, numbers or shared glossary terms; Han as n-grams. */
function tokensOf(text: string, glossary?: Glossary): string[] {
  const out: string[] = [];
  for (const run of segment(normalize(text))) {
    if (run.script === 'han') out.push(...run.text, ...bigrams(run.text).filter((b) => b.length > 1));
    else if (!/\d/.test(run.text) && run.text.length > 1 && !glossary?.has(run.text)) out.push(run.text);
  }
  return out;
}

function trigrams(word: string): string[] {
  const w = ` ${word} `;
  const out: string[] = [];
  for (let i = 0; i + 3 <= w.length; i++) out.push(w.slice(i, i + 3));
  return out;
}

/** Japanese (kana) shares Han characters with Chinese. */
function family(s: Script): Script {
  return s === 'kana' ? 'han' : s;
}

function dominantScript(text: string): Script {
  const counts = countScripts(text);
  if (counts.kana) return 'kana';
  return (Object.entries(counts) as [Script, number][]).sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'latin';
}

function top(counts: Map<string, number>, n: number): Record<string, number> {
  const entries = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, n);
  return Object.fromEntries(entries);
}

function sum(counts: Map<string, number>): number {
  let t = 0;
  for (const v of counts.values()) t += v;
  return t;
}
