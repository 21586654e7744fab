/**
 * Groups questions that ask the same thing, so an editor sees which missing article would answer the
 * most of them. Uses the bot's own text pipeline (stems, CJK bigrams, glossary concepts), so it works
 * in every language the bot does, without a model.
 */
import { analyze, isStopword, normalize, type Glossary } from '../text/index.js';

/** A group of similar questions; `members` are distinct texts, most frequent first. */
export interface QuestionGroup {
  /** how many questions (with repeats) */
  size: number;
  members: { text: string; lang: string; count: number }[];
  langs: string[];
}

/** The terms that carry a question's meaning: stems without stopwords, CJK bigrams, glossary concepts. */
export function meaningTerms(text: string, lang: string, glossary?: Glossary): Set<string> {
  const a = analyze(text, lang, glossary);
  const kept = new Set(a.stems.filter((_, i) => !isStopword(a.words[i], lang)));
  const spaced = new Set(a.stems);
  return new Set(a.terms.filter((t) => !spaced.has(t) || kept.has(t)));
}

/**
 * Leader clustering: questions in order of frequency join the group with the most similar member if
 * the similarity reaches `threshold`, else start a group. Similarity is Jaccard over terms weighted by
 * rarity (idf), so filler words that every question shares count little.
 */
export function groupQuestions(items: { text: string; lang: string }[], options: { glossary?: Glossary; threshold?: number } = {}): QuestionGroup[] {
  const threshold = options.threshold ?? 0.3;
  const unique = new Map<string, { text: string; lang: string; count: number; terms: Set<string> }>();
  for (const { text, lang } of items) {
    const key = normalize(text).replace(/[\s\p{P}]+/gu, ' ').trim();
    const u = unique.get(key);
    if (u) u.count++;
    else unique.set(key, { text, lang, count: 1, terms: meaningTerms(text, lang, options.glossary) });
  }
  const df = new Map<string, number>();
  for (const u of unique.values()) for (const t of u.terms) df.set(t, (df.get(t) ?? 0) + 1);
  const weight = (t: string) => 1;
  const similarity = (a: Set<string>, b: Set<string>) => {
    let both = 0;
    let either = 0;
    for (const t of new Set([...a, ...b])) {
      const w = weight(t);
      either += w;
      if (a.has(t) && b.has(t)) both += w;
    }
    return either ? both / either : 0;
  };

  const ordered = [...unique.values()].sort((a, b) => b.count - a.count);
  const groups: (typeof ordered)[] = [];
  for (const q of ordered) {
    let best: (typeof ordered) | undefined;
    let bestSim = threshold;
    for (const g of groups) {
      const sim = Math.max(...g.map((m) => similarity(q.terms, m.terms)));
      if (sim >= bestSim) [best, bestSim] = [g, sim];
    }
    if (best) best.push(q);
    else groups.push([q]);
  }
  return groups
    .map((g) => ({
      size: g.reduce((s, m) => s + m.count, 0),
      members: g.map(({ text, lang, count }) => ({ text, lang, count })),
      langs: [...new Set(g.map((m) => m.lang))].sort(),
    }))
    .sort((a, b) => b.size - a.size || b.members.length - a.members.length);
}
