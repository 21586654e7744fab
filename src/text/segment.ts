import { scriptOf, UNSPACED, type Script } from './script.js';

/** A run of letters and digits in one script. */
export interface Run {
  text: string;
  script: Script;
}

const RUN = /[\p{L}\p{N}\p{M}ー]+/gu;

/**
 * Splits normalized text into runs of one script each, so "usdt提现多久到账" yields a Latin run and a Han
 * run. Han and kana stay one run: Japanese mixes them inside words.
 */
export function segment(text: string): Run[] {
  const runs: Run[] = [];
  for (const [chunk] of text.matchAll(RUN)) {
    let start = 0;
    let i = 0;
    let current: Script | undefined;
    for (const ch of chunk) {
      let s = scriptOf(ch);
      if (s === 'kana') s = 'han';
      if (s === 'other') s = current ?? s; // digits and marks stay with their word
      // Leading digits join the word they start (2段階認証, 2차인증); other script changes split.
      if (current === 'other' && s !== 'other') current = s;
      if (current && s !== current && (UNSPACED.has(s) || UNSPACED.has(current))) {
        runs.push({ text: chunk.slice(start, i), script: current });
        start = i;
      }
      current = s;
      i += ch.length;
    }
    runs.push({ text: chunk.slice(start), script: current ?? 'other' });
  }
  return runs;
}

/** Character bigrams of an unspaced run; a lone character stands for itself. */
export function bigrams(text: string): string[] {
  const chars = [...text];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
  return out;
}
