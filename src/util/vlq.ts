/**
 * Non-negative integers as base64 VLQ, the way source maps write them: 5 bits a character, low bits first,
 * 32 added while more follow. One character holds one small number, so gzip and brotli code the characters
 * as the numbers they are (base64 of packed bytes hides them), and the text is safe in JSON as it is.
 */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** char code → digit value + 1 (0: not a digit): a table lookup per character, no Map, no strings */
const VALUE = new Uint8Array(128);
for (let i = 0; i < DIGITS.length; i++) VALUE[DIGITS.charCodeAt(i)] = i + 1;

export function vlq(values: Iterable<number>): string {
  let s = '';
  for (let v of values) {
    while (v >= 32) {
      s += DIGITS[(v % 32) | 32];
      v = Math.floor(v / 32);
    }
    s += DIGITS[v];
  }
  return s;
}

/** Reads the numbers of a `vlq` text in order; `next()` throws a RangeError at its end or on a foreign character. */
export class VlqReader {
  at = 0;
  constructor(private readonly text: string) {}
  get done(): boolean {
    return this.at >= this.text.length;
  }
  next(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      const c = this.text.charCodeAt(this.at++);
      const d = c < 128 ? VALUE[c] - 1 : -1;
      if (d < 0) throw new RangeError('not base64 VLQ, or cut short');
      v += (d & 31) * mul;
      if (d < 32) return v;
      mul *= 32;
    }
  }
}

/** Signed integers for `vlq`: 0, -1, 1, -2 … → 0, 1, 2, 3 … */
export const zigzag = (n: number): number => (n < 0 ? -2 * n - 1 : 2 * n);
export const unzigzag = (z: number): number => (z % 2 ? -(z + 1) / 2 : z / 2);
