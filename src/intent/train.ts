import { ByteWriter, toBase64 } from './codec.js';
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
  seed?: number;
}

/**
 * Trains a multinomial logistic regression with Adagrad on sparse features (at build time). Deterministic:
 * the same examples in the same order give the same weights.
 */
export function trainClassifier(examples: Example[], options: TrainOptions = {}): ClassifierData {
  const { epochs = 30, l2 = 1e-5, learningRate = 0.5, prune = 0.02, seed = 1 } = options;
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const C = labels.length;

  const rowOf = new Map<number, number>();
  for (const e of examples) for (const id of e.features.ids) if (!rowOf.has(id)) rowOf.set(id, rowOf.size);
  const rows = examples.map((e) => Int32Array.from(e.features.ids, (id) => rowOf.get(id)!));
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
      const y = labelIndex.get(examples[n].label)!;
      logits.set(b);
      for (let k = 0; k < r.length; k++) {
        const base = r[k] * C;
        const x = values[k];
        for (let c = 0; c < C; c++) logits[c] += x * W[base + c];
      }
      let max = -Infinity;
      for (let c = 0; c < C; c++) max = Math.max(max, logits[c]);
      let sum = 0;
      for (let c = 0; c < C; c++) sum += (logits[c] = Math.exp(logits[c] - max));
      for (let c = 0; c < C; c++) {
        const g = logits[c] / sum - (c === y ? 1 : 0);
        logits[c] = g;
        gb[c] += g * g;
        b[c] -= (learningRate * g) / Math.sqrt(gb[c] + 1e-8);
      }
      for (let k = 0; k < r.length; k++) {
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
  return encode(labels, b, W, rowOf, C, prune);
}

function encode(labels: string[], b: Float64Array, W: Float32Array, rowOf: Map<number, number>, C: number, prune: number): ClassifierData {
  let maxAbs = 0;
  for (const w of W) maxAbs = Math.max(maxAbs, Math.abs(w));
  const scale = maxAbs / 127 || 1;
  const cut = prune * maxAbs;
  const out = new ByteWriter();
  let last = 0;
  for (const id of [...rowOf.keys()].sort((x, y) => x - y)) {
    const base = rowOf.get(id)! * C;
    const kept: [number, number][] = [];
    for (let c = 0; c < C; c++) {
      const q = Math.round(W[base + c] / scale);
      if (Math.abs(W[base + c]) >= cut && q !== 0) kept.push([c, q]);
    }
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
