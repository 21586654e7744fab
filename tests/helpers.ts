import { fileURLToPath } from 'node:url';
import { compileKnowledge } from '../src/node/index.js';
import type { Pack } from '../src/knowledge/pack.js';

export const root = fileURLToPath(new URL('..', import.meta.url));
export const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

const packs = new Map<string, Pack>();

/** A pack compiled from a knowledge folder, once per test run. */
export function packOf(dir: string): Pack {
  let pack = packs.get(dir);
  if (!pack) packs.set(dir, (pack = compileKnowledge(dir).pack));
  return pack;
}
