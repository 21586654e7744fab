import { ByteWriter } from './codec.js';
import { toBase64 } from '../util/base64.js';
import type { ClassifierData } from './classifier.js';
import type { Features } from './features.js';

/** One training example: its features and its label. */
export interface Example {
  features: Features;
  label: string;
}

export interface TrainOptions {
  epochs?: number;
  /** L2 penalty per update */
  l2?: number;
  learningRate?: number;
  /** weights below this share of the largest are dropped from the pack */
  prune?: number;
  /** per feature, keep at most this many weights (the largest): a feature speaks for a few labels */
  keep?: number;
  /** features seen in fewer examples are ignored: one-off n-grams memorize, they do not generalize */
  minCount?: number;
  seed?: number;
  /**
   * Train each example against its own label, every `@` label and this many others (its label's nearest
   * and a few at random) instead of every label. Default: CANDIDATES, when there are more than DENSE_LABELS.
   */
  candidates?: number;
}

/**
 * Up to this many labels every example meets every label (a full softmax): cheaper there than sampling, and
 * its weights (features × labels floats) still fit. Sampled training answers as well: see bench/RESULTS.md's
 * peers table, BANKING77 trained on a sample of its labels.
 */
export const DENSE_LABELS = 200;
/** Other labels per example above DENSE_LABELS. */
const CANDIDATES = 64;
/**
 * Passes over the examples: 15, until they add up to this many example updates, then fewer (at least 4):
 * more examples need fewer passes, and the build stays linear in the knowledge base.
 */
const EXAMPLE_UPDATES = 300_000;
const epochsFor = (examples: number) => Math.min(15, Math.max(4, Math.ceil(EXAMPLE_UPDATES / Math.max(1, examples))));
/** Of the candidates, how many are drawn at random each epoch: the rest are the label's nearest labels. */
const RANDOM_CANDIDATES = 8;
/** A feature in more labels than this says little about which labels are near each other. */
const NEIGHBOUR_FEATURE_LABELS = 24;

/**
 * Trains a multinomial logistic regression with Adagrad on sparse features (at build time). Deterministic:
 * the same examples in the same order give the same weights. Above DENSE_LABELS each example is trained
 * against a sample of the labels, so the cost grows with the examples, not with examples × labels: a help
 * center of 5,000 articles with example questions trains the way one of 50 does.
 */
export function trainClassifier(examples: Example[], options: TrainOptions = {}): ClassifierData {
  // Defaults chosen on a validation split of BANKING77 train and the crypto dev set (never a test split):
  // within half a point of denser settings at an 8–10× smaller model. (0.06 would make the sample's English part
  // 15 KB gzip lighter at the same BANKING77 figures, but answers 3 of the 72 multi-turn cases fewer.)
  const { epochs = epochsFor(examples.length), l2 = 3e-4, learningRate = 0.5, prune = 0.04, keep = 16, minCount = 2, seed = 1, candidates } = options;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const C = labels.length;

  const counts = new Map<number, number>();
  for (const e of examples) for (const id of e.features.ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  const rowOf = new Map<number, number>();
  for (const e of examples) for (const id of e.features.ids) if (counts.get(id)! >= minCount && !rowOf.has(id)) rowOf.set(id, rowOf.size);
  // -1 marks an ignored feature; training skips it.
  const rows = examples.map((e) => Int32Array.from(e.features.ids, (id) => rowOf.get(id) ?? -1));
  const y = Int32Array.from(examples, (e) => labelIndex.get(e.label)!);
  if (C > (candidates ?? DENSE_LABELS))
    return trainSampled(examples, rows, y, labels, rowOf, { epochs, l2, learningRate, prune, keep, seed, candidates: candidates ?? CANDIDATES });
  const W = new Float32Array(rowOf.size * C);
  const G = new Float32Array(rowOf.size * C);
  const b = new Float64Array(C);
  const gb = new Float64Array(C);
  const logits = new Float64Array(C);

  const order = examples.map((_, i) => i);
  const random = mulberry32(seed);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const { values } = examples[n].features;
      const r = rows[n];
      const yn = y[n];
      logits.set(b);
      for (let k = 0; k < r.length; k++) {
        if (r[k] < 0) continue;
        const base = r[k] * C;
        const x = values[k];
        for (let c = 0; c < C; c++) logits[c] += x * W[base + c];
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, logits[c]);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += logits[c] = Math.exp(logits[c] - max);
      for (let c = 0; c < C; c++) {
        const g = logits[c] / sum - (c === yn ? 1 : 0);
        logits[c] = g;
        gb[c] += g * g;
        b[c] -= (learningRate * g) / Math.sqrt(gb[c] + 1e-8);
      }
      for (let k = 0; k < r.length; k++) {
        if (r[k] < 0) continue;
        const base = r[k] * C;
        const x = values[k];
        for (let c = 0; c < C; c++) {
          const g = logits[c] * x + l2 * W[base + c];
          G[base + c] += g * g;
          W[base + c] -= (learningRate * g) / Math.sqrt(G[base + c] + 1e-8);
        }
      }
    }
  }
  return encode(
    labels,
    b,
    rowOf,
    prune,
    keep,
    (r, emit) => {
      for (let c = 0; c < C; c++) emit(c, W[r * C + c]);
    },
    (r) => median(W.subarray(r * C, r * C + C)),
  );
}

type Sampled = Required<Pick<TrainOptions, 'epochs' | 'l2' | 'learningRate' | 'prune' | 'keep' | 'seed' | 'candidates'>>;

/**
 * The softmax over a sample of labels per example, with weights only where a feature occurs in a label's
 * own examples (the rest stay zero, as most do after pruning anyway). The sample is the example's label,
 * the labels nearest to it (sharing its rarer features: the ones it must be told apart from), every `@`
 * label (the conversational intents every question competes with) and a few random ones, redrawn each epoch.
 */
function trainSampled(examples: Example[], rows: Int32Array[], y: Int32Array, labels: string[], rowOf: Map<number, number>, o: Sampled): ClassifierData {
  const C = labels.length;
  const R = rowOf.size;
  // Support: the (feature, label) pairs seen in training, as rows of ascending labels (CSR).
  const perRow: number[][] = Array.from({ length: R }, () => []);
  const mass: Map<number, number>[] = Array.from({ length: R }, () => new Map());
  examples.forEach((e, n) => {
    const r = rows[n];
    for (let k = 0; k < r.length; k++) if (r[k] >= 0) mass[r[k]].set(y[n], (mass[r[k]].get(y[n]) ?? 0) + e.features.values[k]);
  });
  const start = new Int32Array(R + 1);
  for (let r = 0; r < R; r++) {
    perRow[r] = [...mass[r].keys()].sort((a, b) => a - b);
    start[r + 1] = start[r] + perRow[r].length;
  }
  const label = new Int32Array(start[R]);
  const weightOfPair = new Float32Array(start[R]);
  for (let r = 0; r < R; r++) perRow[r].forEach((c, i) => ((label[start[r] + i] = c), (weightOfPair[start[r] + i] = mass[r].get(c)!)));
  mass.length = 0;
  perRow.length = 0;

  const drawn = Math.min(RANDOM_CANDIDATES, o.candidates);
  const near = nearestLabels(C, start, label, weightOfPair, o.candidates - drawn);
  const always = labels.flatMap((l, c) => (l.startsWith('@') ? [c] : []));
  const W = new Float32Array(start[R]);
  const G = new Float32Array(start[R]);
  const b = new Float64Array(C);
  const gb = new Float64Array(C);
  const seen = new Int32Array(C).fill(-1);
  const at = new Int32Array(C);
  const cand: number[] = [];
  const logits = new Float64Array(C);
  // The (feature, candidate, weight slot) triples of one example, found once and used twice.
  let pairs = new Int32Array(3 * 4096);
  const random = mulberry32(o.seed);
  const order = examples.map((_, i) => i);
  let stamp = 0;
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      stamp++;
      cand.length = 0;
      const add = (c: number) => {
        if (seen[c] !== stamp) {
          seen[c] = stamp;
          at[c] = cand.length;
          cand.push(c);
        }
      };
      add(y[n]);
      for (const c of always) add(c);
      for (const c of near[y[n]]) add(c);
      for (let i = 0; i < drawn; i++) add(Math.floor(random() * C));
      const r = rows[n];
      const { values } = examples[n].features;
      const K = cand.length;
      let m = 0;
      const push = (k: number, j: number, s: number) => {
        if (m + 3 > pairs.length) pairs = Int32Array.from({ length: pairs.length * 2 }, (_, i) => pairs[i] ?? 0);
        pairs[m++] = k;
        pairs[m++] = j;
        pairs[m++] = s;
      };
      for (let k = 0; k < r.length; k++) {
        if (r[k] < 0) continue;
        const lo = start[r[k]];
        const hi = start[r[k] + 1];
        // A feature of a few labels is scanned for the candidates (one read each); one of many labels is
        // searched for each candidate (K binary searches cost about as much as 8K reads).
        if (hi - lo <= 8 * K) {
          for (let s = lo; s < hi; s++) if (seen[label[s]] === stamp) push(k, at[label[s]], s);
        } else {
          for (let j = 0; j < K; j++) {
            const s = find(label, lo, hi, cand[j]);
            if (s >= 0) push(k, j, s);
          }
        }
      }
      for (let j = 0; j < K; j++) logits[j] = b[cand[j]];
      for (let i = 0; i < m; i += 3) logits[pairs[i + 1]] += values[pairs[i]] * W[pairs[i + 2]];
      let max = -Infinity;
      for (let j = 0; j < K; j++) max = Math.max(max, logits[j]);
      let sum = 0;
      for (let j = 0; j < K; j++) sum += logits[j] = Math.exp(logits[j] - max);
      for (let j = 0; j < K; j++) {
        const c = cand[j];
        const g = logits[j] / sum - (c === y[n] ? 1 : 0);
        logits[j] = g;
        gb[c] += g * g;
        b[c] -= (o.learningRate * g) / Math.sqrt(gb[c] + 1e-8);
      }
      for (let i = 0; i < m; i += 3) {
        const s = pairs[i + 2];
        const g = logits[pairs[i + 1]] * values[pairs[i]] + o.l2 * W[s];
        G[s] += g * g;
        W[s] -= (o.learningRate * g) / Math.sqrt(G[s] + 1e-8);
      }
    }
  }
  return encode(
    labels,
    b,
    rowOf,
    o.prune,
    o.keep,
    (r, emit) => {
      for (let s = start[r]; s < start[r + 1]; s++) emit(label[s], W[s]);
    },
    (r) => {
      // Labels without the feature weigh zero: the median is zero unless most labels have it.
      const n = start[r + 1] - start[r];
      if (2 * n <= C) return 0;
      const row = new Float32Array(C);
      for (let s = start[r]; s < start[r + 1]; s++) row[label[s]] = W[s];
      return median(row);
    },
  );
}

/** Position of label `c` in the sorted slice label[lo..hi), or -1. */
function find(label: Int32Array, lo: number, hi: number, c: number): number {
  hi--;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = label[mid];
    if (v === c) return mid;
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Per label, the labels whose examples share most of its rarer features (weighted by their mass in both). */
function nearestLabels(C: number, start: Int32Array, label: Int32Array, mass: Float32Array, count: number): number[][] {
  const R = start.length - 1;
  const rowsOf: number[][] = Array.from({ length: C }, () => []);
  for (let r = 0; r < R; r++) {
    const n = start[r + 1] - start[r];
    if (n < 2 || n > NEIGHBOUR_FEATURE_LABELS) continue;
    for (let s = start[r]; s < start[r + 1]; s++) rowsOf[label[s]].push(s);
  }
  const score = new Float64Array(C);
  const touched: number[] = [];
  return rowsOf.map((slots, c) => {
    touched.length = 0;
    for (const s of slots) {
      const r = rowAt(start, s);
      for (let t = start[r]; t < start[r + 1]; t++) {
        const d = label[t];
        if (d === c) continue;
        if (score[d] === 0) touched.push(d);
        score[d] += mass[s] * mass[t];
      }
    }
    const best = touched.sort((a, b) => score[b] - score[a] || a - b).slice(0, count);
    for (const d of touched) score[d] = 0;
    return best;
  });
}

/** The row that slot `s` belongs to. */
function rowAt(start: Int32Array, s: number): number {
  let lo = 0;
  let hi = start.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (start[mid] <= s) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function median(row: Float32Array): number {
  return Float32Array.from(row).sort()[row.length >> 1];
}

/**
 * A stored weight is an integer of at most this magnitude (in an int8): 63 steps answer the evaluation sets
 * as 127 did and take a bit less per weight after gzip (the sample pack folder's first answer: 19 KB);
 * 31 cost a point and a half on the follow-up questions.
 */
const WEIGHT_LEVELS = 63;

/**
 * Packs the weights small. Adding one constant to all of a feature's label weights changes no prediction
 * (softmax is shift-invariant), so each feature is centred on its median first: most of its weights fall
 * to about zero and are dropped; the few that single out labels are kept as int8.
 */
function encode(
  labels: string[],
  b: Float64Array,
  rowOf: Map<number, number>,
  prune: number,
  keep: number,
  each: (row: number, emit: (label: number, w: number) => void) => void,
  medianOf: (row: number) => number,
): ClassifierData {
  const centre = new Float32Array(rowOf.size);
  let maxAbs = 0;
  for (const r of rowOf.values()) {
    const m = (centre[r] = medianOf(r));
    each(r, (_, w) => (maxAbs = Math.max(maxAbs, Math.abs(w - m))));
  }
  const scale = maxAbs / WEIGHT_LEVELS || 1;
  const cut = prune * maxAbs;
  const out = new ByteWriter();
  let last = 0;
  for (const id of [...rowOf.keys()].sort((x, y) => x - y)) {
    const r = rowOf.get(id)!;
    let kept: [number, number][] = [];
    each(r, (c, w) => {
      const v = Math.fround(w - centre[r]);
      const q = Math.round(v / scale);
      if (Math.abs(v) >= cut && q !== 0) kept.push([c, q]);
    });
    if (kept.length > keep)
      kept = kept
        .sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]))
        .slice(0, keep)
        .sort((x, y) => x[0] - y[0]);
    if (!kept.length) continue;
    out.varint(id - last);
    last = id;
    out.varint(kept.length);
    for (const [c, q] of kept) {
      out.varint(c);
      out.byte(q & 0xff);
    }
  }
  return { labels, bias: Array.from(b, (v) => Math.round(v * 1e4) / 1e4), scale, weights: toBase64(out.bytes()) };
}

/** A small seeded PRNG, so training is reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
