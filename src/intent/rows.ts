import { runAtOnce } from '../util/tasks.js';
import type { ClassifierRows } from './classifier.js';
import { ByteReader, ByteWriter } from './codec.js';
import { fromBase64, toBase64 } from '../util/base64.js';
import { unzigzag, vlq, VlqReader, zigzag } from '../util/vlq.js';

/** One feature's weights as stored: its id and the encoded (label, weight) pairs, copied byte for byte. */
interface Row {
  id: number;
  bytes: Uint8Array;
}

function readRows(weights: string): Row[] {
  const buf = fromBase64(weights);
  const rows: Row[] = [];
  let id = 0;
  for (const r = new ByteReader(buf); !r.done;) {
    id += r.varint();
    const start = r.pos;
    const count = r.varint();
    for (let i = 0; i < count; i++) {
      r.varint();
      r.byte();
    }
    rows.push({ id, bytes: buf.subarray(start, r.pos) });
  }
  return rows;
}

function writeRows(rows: Row[]): string {
  const w = new ByteWriter();
  let last = 0;
  for (const row of rows) {
    w.varint(row.id - last);
    last = row.id;
    for (const b of row.bytes) w.byte(b);
  }
  return toBase64(w.bytes());
}

/**
 * Splits a classifier's weights (ClassifierData.weights) into parts: `partsOf(featureId)` names the parts a
 * row goes to (a row may go to several). Each part is itself a valid `weights` string.
 */
export function splitWeights(weights: string, partsOf: (id: number) => string[]): Record<string, string> {
  const parts = new Map<string, Row[]>();
  for (const row of readRows(weights)) for (const p of partsOf(row.id)) (parts.get(p) ?? parts.set(p, []).get(p)!).push(row);
  return Object.fromEntries([...parts].map(([p, rows]) => [p, writeRows(rows)]));
}

/**
 * Several classifiers' rows in the columns a pack folder's part stores them in: the feature ids once for all
 * classifiers (the three models of a part share most of their features), then per classifier its count per
 * feature, its labels (as gaps) and its weights, each column a run of base64 VLQ numbers (src/util/vlq.ts):
 * about 40% smaller after gzip than the three models' base64 weights.
 */
export interface PackedRows {
  /** VLQ: the gaps between the ascending ids of every feature any of the classifiers has a row for */
  ids: string;
  /** per classifier, VLQ: per id its count n (0: no row), then every row's label gaps, then every weight (zigzag) */
  rows: Record<string, string>;
}

/** Columns from `weights` strings (ClassifierData.weights) by classifier name; lossless: unpackRows decodes them. */
export function packRows(weights: Record<string, string>): PackedRows {
  const byName = Object.entries(weights).map(([name, w]) => [name, new Map(readRows(w).map((r) => [r.id, r.bytes]))] as const);
  const ids = [...new Set(byName.flatMap(([, rows]) => [...rows.keys()]))].sort((a, b) => a - b);
  const out: PackedRows = { ids: vlq(ids.map((id, i) => id - (i ? ids[i - 1] : 0))), rows: {} };
  for (const [name, rows] of byName) {
    const counts: number[] = [];
    const labels: number[] = [];
    const values: number[] = [];
    for (const id of ids) {
      const bytes = rows.get(id);
      if (!bytes) {
        counts.push(0);
        continue;
      }
      const r = new ByteReader(bytes);
      const n = r.varint();
      counts.push(n);
      for (let i = 0, last = 0; i < n; i++) {
        const label = r.varint();
        labels.push(label - last);
        last = label;
        const b = r.byte();
        values.push(zigzag(b > 127 ? b - 256 : b));
      }
    }
    out.rows[name] = vlq(counts) + vlq(labels) + vlq(values);
  }
  return out;
}

/** The decoded rows of packRows' columns, by classifier name. */
export const unpackRows = (packed: PackedRows): Record<string, ClassifierRows> => runAtOnce(unpackingRows(packed));

/**
 * unpackRows a column per step (runInTasks lets a page run between them). The columns go straight into the
 * typed arrays the classifier reads: this runs in the browser when a language loads.
 */
export function* unpackingRows(packed: PackedRows): Generator<void, Record<string, ClassifierRows>> {
  const gaps = new VlqReader(packed.ids);
  const idList: number[] = [];
  for (let id = 0; !gaps.done;) idList.push((id += gaps.next()));
  const out: Record<string, ClassifierRows> = {};
  for (const [name, text] of Object.entries(packed.rows)) {
    const r = new VlqReader(text);
    const counts = new Uint32Array(idList.length);
    let total = 0;
    let rows = 0;
    for (let k = 0; k < idList.length; k++) {
      total += counts[k] = r.next();
      if (counts[k]) rows++;
    }
    const decoded: ClassifierRows = {
      ids: new Uint32Array(rows),
      starts: new Uint32Array(rows + 1),
      classes: new Uint16Array(total),
      weights: new Int8Array(total),
    };
    for (let k = 0, row = 0, e = 0; k < idList.length; k++) {
      if (!counts[k]) continue;
      decoded.ids[row] = idList[k];
      decoded.starts[row++] = e;
      for (let i = 0, label = 0; i < counts[k]; i++, e++) decoded.classes[e] = label += r.next();
    }
    decoded.starts[rows] = total;
    for (let e = 0; e < total; e++) decoded.weights[e] = unzigzag(r.next());
    if (!r.done) throw new RangeError('classifier rows: unexpected data after the weights');
    out[name] = decoded;
    yield;
  }
  return out;
}

/** Joins decoded parts into one classifier's rows, ids ascending; a row found in several parts is kept once. */
export function mergeRows(parts: ClassifierRows[]): ClassifierRows {
  if (parts.length === 1) return parts[0];
  const ids = [...new Set(parts.flatMap((p) => [...p.ids]))].sort((a, b) => a - b);
  const from = new Map<number, [ClassifierRows, number]>();
  for (const p of parts) p.ids.forEach((id, k) => from.set(id, [p, k]));
  let total = 0;
  for (const id of ids) {
    const [p, k] = from.get(id)!;
    total += p.starts[k + 1] - p.starts[k];
  }
  const out: ClassifierRows = {
    ids: Uint32Array.from(ids),
    starts: new Uint32Array(ids.length + 1),
    classes: new Uint16Array(total),
    weights: new Int8Array(total),
  };
  let e = 0;
  ids.forEach((id, row) => {
    const [p, k] = from.get(id)!;
    out.starts[row] = e;
    out.classes.set(p.classes.subarray(p.starts[k], p.starts[k + 1]), e);
    out.weights.set(p.weights.subarray(p.starts[k], p.starts[k + 1]), e);
    e += p.starts[k + 1] - p.starts[k];
  });
  out.starts[ids.length] = e;
  return out;
}
