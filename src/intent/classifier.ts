import { ByteReader } from './codec.js';
import { fromBase64 } from '../util/base64.js';
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
  /** Labels (indexes) of the articles learned from their text, without example questions: search speaks for them. */
  fromText?: number[];
}

/**
 * The one label of every article question in a pack too large for a label per article: the classifier then
 * tells questions about articles from the conversational intents, and search says which article.
 */
export const ARTICLE_LABEL = '@article';

/**
 * A classifier's weights decoded: feature ids ascending, row k's entries from starts[k] to starts[k+1], each a
 * label (index) and an int8 weight. A pack folder decodes its parts straight into these.
 */
export interface ClassifierRows {
  ids: Uint32Array;
  starts: Uint32Array;
  classes: Uint16Array;
  weights: Int8Array;
}

/** A classifier with its weights already decoded (ClassifierData.weights as ClassifierRows). */
export type DecodedClassifier = Omit<ClassifierData, 'weights'> & { rows: ClassifierRows };

/** What a pack's data holds for a classifier: a single-file pack's base64 weights, a folder's decoded rows. */
export type StoredClassifier = ClassifierData | DecodedClassifier;

/** Decodes ClassifierData.weights in two passes over the bytes (count, then fill): no per-feature objects. */
export function decodeRows(weights: string): ClassifierRows {
  const bytes = fromBase64(weights);
  let rows = 0;
  let entries = 0;
  for (const r = new ByteReader(bytes); !r.done; rows++) {
    r.varint();
    const count = r.varint();
    entries += count;
    for (let i = 0; i < count; i++) {
      r.varint();
      r.byte();
    }
  }
  const out: ClassifierRows = {
    ids: new Uint32Array(rows),
    starts: new Uint32Array(rows + 1),
    classes: new Uint16Array(entries),
    weights: new Int8Array(entries),
  };
  let id = 0;
  let e = 0;
  const r = new ByteReader(bytes);
  for (let k = 0; k < rows; k++) {
    id += r.varint();
    out.ids[k] = id;
    out.starts[k] = e;
    const count = r.varint();
    for (let i = 0; i < count; i++, e++) {
      out.classes[e] = r.varint();
      const b = r.byte();
      out.weights[e] = b > 127 ? b - 256 : b;
    }
  }
  out.starts[rows] = e;
  return out;
}

/** A label and its probability. */
export interface Prediction {
  label: string;
  p: number;
}

/** Runs a trained softmax classifier over a feature vector. */
export class Classifier {
  labels!: string[];
  /** the labels learned from an article's text alone (ClassifierData.fromText) */
  fromText!: ReadonlySet<string>;
  /** feature ids, ascending; row k's weights are entries starts[k] .. starts[k+1] */
  private ids!: Uint32Array;
  private starts!: Uint32Array;
  private classes!: Uint16Array;
  private weights!: Int8Array;
  private bias!: Float64Array;
  private scale!: number;

  constructor(data: StoredClassifier) {
    this.load(data);
  }

  /** Replaces the model, e.g. when a pack folder's next language adds its rows: bots holding this classifier see them. */
  load(data: StoredClassifier): void {
    this.labels = data.labels;
    this.fromText = new Set((data.fromText ?? []).map((i) => data.labels[i]));
    this.bias = Float64Array.from(data.bias);
    this.scale = data.scale;
    ({ ids: this.ids, starts: this.starts, classes: this.classes, weights: this.weights } = 'rows' in data ? data.rows : decodeRows(data.weights));
  }

  private row(id: number): number {
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid];
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Probabilities of the `limit` most likely labels (default all), highest first. */
  predict(f: Features, limit = Infinity): Prediction[] {
    const logits = Float64Array.from(this.bias);
    for (let k = 0; k < f.ids.length; k++) {
      const row = this.row(f.ids[k]);
      if (row < 0) continue;
      const x = f.values[k] * this.scale;
      for (let j = this.starts[row]; j < this.starts[row + 1]; j++) logits[this.classes[j]] += x * this.weights[j];
    }
    const p = softmax(logits);
    if (limit >= p.length) return p.map((q, i) => ({ label: this.labels[i], p: q })).sort((a, b) => b.p - a.p);
    // A pack of thousands of articles: keep the best few in one pass instead of sorting every label.
    const top: number[] = [];
    for (let i = 0; i < p.length; i++) {
      if (top.length >= limit && p[i] <= p[top[top.length - 1]]) continue;
      let at = top.length;
      while (at > 0 && p[top[at - 1]] < p[i]) at--;
      top.splice(at, 0, i);
      if (top.length > limit) top.pop();
    }
    return top.map((i) => ({ label: this.labels[i], p: p[i] }));
  }
}

export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]);
  const exp = Array.from(logits, (l) => Math.exp(l - max));
  const sum = exp.reduce((a, b) => a + b, 0);
  return exp.map((e) => e / sum);
}
