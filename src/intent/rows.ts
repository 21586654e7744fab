import { ByteReader, ByteWriter } from './codec.js';
import { fromBase64, toBase64 } from '../util/base64.js';

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

/** Joins parts from `splitWeights` back into one `weights` string; a row found in several parts is kept once. */
export function mergeWeights(parts: string[]): string {
  if (parts.length === 1) return parts[0];
  const byId = new Map<number, Row>();
  for (const part of parts) for (const row of readRows(part)) byId.set(row.id, row);
  return writeRows([...byId.values()].sort((a, b) => a.id - b.id));
}
