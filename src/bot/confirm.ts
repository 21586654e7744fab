import type { Prediction } from '../intent/classifier.js';
import type { SearchHit } from '../search/search-index.js';

/** Search's hits as the article classifier reads them. */
export interface Confirmed {
  /** the hits, reordered */
  hits: SearchHit[];
  /** the article the classifier puts first, when it has one */
  best?: string;
}

/**
 * Search's hits reread by the article classifier, which learned every article without example questions
 * from its own headings and sentences: a hit gains up to `weight` of the best hit's score, in proportion to
 * the classifier's probability for it against its best article. Search finds the articles that share the
 * question's words; the classifier tells which of those siblings the question is about ("move usdt from
 * spot to futures": the transfer article, not spot trading's).
 */
export function confirm(hits: SearchHit[], predictions: Prediction[], weight: number): Confirmed {
  const articles = predictions.filter((c) => !c.label.startsWith('@'));
  const best = articles[0];
  if (!best || !hits.length || !weight) return { hits, best: best?.label };
  const p = new Map(articles.map((c) => [c.label, c.p]));
  const gain = weight * hits[0].score;
  const reread = hits.map((h) => ({ ...h, score: h.score + (gain * (p.get(h.id) ?? 0)) / best.p }));
  return { hits: reread.sort((a, b) => b.score - a.score), best: best.label };
}
