import type { SearchHit } from './search-index.js';

/**
 * Logistic calibration of a search hit: how likely it is the article that answers the question. Fitted on
 * the development sets only (the Binance dev cases and the sample's crypto.jsonl with its questions
 * stripped), never on a held-out set. `coverage` is the share of the question the hit matches; `margin` how
 * far it leads the next one (1 = alone, 0 = tied, below 0 behind); `strength` its score per unit of the
 * question's information.
 */
const WEIGHTS = { bias: -6.14, coverage: -2.09, margin: 4.66, strength: 2.5 };

/** Confidence 0–1 of each hit, in the hits' order. */
export function searchConfidence(hits: SearchHit[]): number[] {
  return hits.map((h, i) => {
    const rival = hits.reduce((m, o, j) => (j === i ? m : Math.max(m, o.score)), 0);
    const margin = 1 - rival / h.score;
    const z = WEIGHTS.bias + WEIGHTS.coverage * h.coverage + WEIGHTS.margin * Math.max(-1, margin) + WEIGHTS.strength * Math.log1p(h.strength);
    return 1 / (1 + Math.exp(-z));
  });
}
