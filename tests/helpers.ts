import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { compileKnowledge } from '../src/node/index.js';
import type { Pack } from '../src/pack/pack.js';

const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..');
export const fixture = (name: string) => join(here, 'fixtures', name);

const packs = new Map<string, Pack>();

/** A pack compiled from a knowledge folder, once per test run. */
export function packOf(dir: string): Pack {
  let pack = packs.get(dir);
  if (!pack) packs.set(dir, (pack = compileKnowledge(dir).pack));
  return pack;
}

/** `helpline eval --json`'s keys, in order: DESIGN.md's evaluation contract, then ours (answeredWrong, oosDeclined, confusions). */
export const EVAL_JSON_KEYS = ['cases', 'accuracy', 'top3', 'answered', 'oosRecall', 'handoffRecall', 'perLang', 'answeredWrong', 'oosDeclined', 'confusions'];
