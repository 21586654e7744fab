import { ByteReader, fromBase64 } from './codec.js';
import type { Features } from './features.js';

/** The classifier as stored in a pack: int8 weights of the features that matter, per label. */
export interface ClassifierData {
  labels: string[];
  /** bias per label */
  bias: number[];
  /** int8 → float */
  scale: number;
  /** base64 of: per feature (ascending id) varint(id delta), varint(count), count × (varint label, int8 weight) */
  weights: string;
}

/** A label and its probability. */
export interface Prediction {
  label: string;
  p: number;
}

/** Runs a trained softmax classifier over a feature vector. */
export class Classifier {
  readonly labels: string[];
  private readonly rows = new Map<number, number>();
  private readonly starts: number[] = [];
  private readonly classes: Uint16Array;
  private readonly weights: Int8Array;
  private readonly bias: Float64Array;
  private readonly scale: number;

  constructor(data: ClassifierData) {
    this.labels = data.labels;
    this.bias = Float64Array.from(data.bias);
    this.scale = data.scale;
    const bytes = fromBase64(data.weights);
    const r = new ByteReader(bytes);
    const classes: number[] = [];
    const weights: number[] = [];
    let id = 0;
    while (!r.done) {
      id += r.varint();
      const count = r.varint();
      this.rows.set(id, this.starts.length);
      this.starts.push(classes.length);
      for (let i = 0; i < count; i++) {
        classes.push(r.varint());
        const b = r.byte();
        weights.push(b > 127 ? b - 256 : b);
      }
    }
    this.starts.push(classes.length);
    this.classes = Uint16Array.from(classes);
    this.weights = Int8Array.from(weights);
  }

  /** Probabilities of every label, highest first. */
  predict(f: Features): Prediction[] {
    const logits = Float64Array.from(this.bias);
    for (let k = 0; k < f.ids.length; k++) {
      const row = this.rows.get(f.ids[k]);
      if (row === undefined) continue;
      const x = f.values[k] * this.scale;
      for (let j = this.starts[row]; j < this.starts[row + 1]; j++) logits[this.classes[j]] += x * this.weights[j];
    }
    return softmax(logits).map((p, i) => ({ label: this.labels[i], p })).sort((a, b) => b.p - a.p);
  }

  /** Share (0–1) of a feature vector's weight that the model has seen in training. */
  coverage(f: Features): number {
    let known = 0;
    for (let k = 0; k < f.ids.length; k++) if (this.rows.has(f.ids[k])) known += f.values[k] * f.values[k];
    return known;
  }
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exp = Array.from(logits, (l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
