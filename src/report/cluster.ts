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
 * the similarity (Jaccard over meaning terms) reaches `threshold`, else start a group. Deterministic: the
 * same log always gives the same groups. Text matching `ignore` (e.g. redaction markers) is left out of the terms.
 */
export function groupQuestions(
  items: { text: string; lang: string }[],
  options: { glossary?: Glossary; threshold?: number; ignore?: RegExp } = {},
): QuestionGroup[] {
  const threshold = options.threshold ?? 0.3;
  const unique = new Map<string, { text: string; lang: string; count: number; terms: Set<string> }>();
  for (const { text, lang } of items) {
    const key = normalize(text)
      .replace(/[\s\p{P}]+/gu, ' ')
      .trim();
    const u = unique.get(key);
    if (u) u.count++;
    else unique.set(key, { text, lang, count: 1, terms: meaningTerms(options.ignore ? text.replace(options.ignore, ' ') : text, lang, options.glossary) });
  }
  const similarity = (a: Set<string>, b: Set<string>) => {
    let both = 0;
    for (const t of a) if (b.has(t)) both++;
    const either = a.size + b.size - both;
    return either ? both / either : 0;
  };

  const ordered = [...unique.values()].sort((a, b) => b.count - a.count);
  const groups: (typeof ordered)[] = [];
  // term → groups with a member that has it: only those can reach the threshold, so big logs stay fast.
  const byTerm = new Map<string, Set<number>>();
  for (const q of ordered) {
    const near = new Set([...q.terms].flatMap((t) => [...(byTerm.get(t) ?? [])]));
    let best = -1;
    let bestSim = threshold;
    for (const g of [...near].sort((a, b) => a - b)) {
      const sim = Math.max(...groups[g].map((m) => similarity(q.terms, m.terms)));
      if (sim > bestSim || (best < 0 && sim === bestSim)) [best, bestSim] = [g, sim];
    }
    if (best < 0) groups.push([q]);
    else groups[best].push(q);
    const at = best < 0 ? groups.length - 1 : best;
    for (const t of q.terms) byTerm.set(t, (byTerm.get(t) ?? new Set()).add(at));
  }
  return groups
    .map((g) => ({
      size: g.reduce((s, m) => s + m.count, 0),
      members: g.map(({ text, lang, count }) => ({ text, lang, count })),
      langs: [...new Set(g.map((m) => m.lang))].sort(),
    }))
    .sort((a, b) => b.size - a.size || b.members.length - a.members.length);
}
