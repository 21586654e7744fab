import { BIP39_FINGERPRINTS, BIP39_LISTS } from './bip39-data.js';
import { decodeWordSet, fingerprint, type WordList, type WordSet } from './word-set.js';
import { runAtOnce } from '../util/tasks.js';

/**
 * The ten official BIP39 lists, known to every `redactSecrets` without any bot or pack. In Node and in
 * bundlers they are bundled (bip39-data.ts, 17 KB gzip). The script-tag file has no room for them (widget
 * budget 60 KB gzip): there bip39-deferred.ts stands in (rollup.config.js) and the lists arrive with the pack,
 * recognised by their fingerprints. Nothing is ever removed: a pack only adds, and only the official content
 * is shared between bots, so the outcome does not depend on which bot came first.
 */
const official = new Map<string, WordList>();
for (const set of BIP39_LISTS) official.set(set.lang, decodeWordSet(set));

const decoded = new WeakMap<WordSet, WordList | null>();

/** A set, decoded once; a damaged set is skipped with a console message (the official lists still apply). */
function decode(set: WordSet): WordList | undefined {
  let list = decoded.get(set);
  if (list === undefined) {
    try {
      list = decodeWordSet(set);
    } catch (e) {
      console.error(`helpline: a word list in the pack is damaged and is ignored (${(e as Error).message})`);
      list = null;
    }
    decoded.set(set, list);
  }
  return list ?? undefined;
}

function isOfficial(set: WordSet): boolean {
  return typeof set?.lang === 'string' && BIP39_FINGERPRINTS[set.lang] === fingerprint(set);
}

/** Takes the official lists a pack carries, where this bundle has none of its own. */
export const adoptOfficialLists = (sets: readonly WordSet[] | undefined): void => runAtOnce(adoptingOfficialLists(sets));

/** adoptOfficialLists a list per step: decoding all ten at once is a long task on a slow phone. */
export function* adoptingOfficialLists(sets: readonly WordSet[] | undefined): Generator<void, void> {
  if (!Array.isArray(sets)) return;
  for (const set of sets) {
    if (official.has(set?.lang) || !isOfficial(set)) continue;
    const list = decode(set);
    if (list) official.set(set.lang, list);
    yield;
  }
}

/** True once every official list is known (always, outside the script-tag file). */
export function hasAllOfficialLists(): boolean {
  return official.size === Object.keys(BIP39_FINGERPRINTS).length;
}

const combined = new WeakMap<readonly WordSet[], WordList[]>();

/**
 * The lists to search: the official ones known so far plus a pack's own (they only add). Empty only in the
 * script-tag file before any pack arrived: the finder then falls back to the shape of a phrase.
 */
export function listsFor(extra?: readonly WordSet[]): WordList[] {
  adoptOfficialLists(extra);
  const base = [...official.values()];
  if (!extra?.length) return base;
  let lists = combined.get(extra);
  if (!lists || lists.length < base.length) {
    const own = extra
      .filter((s) => !isOfficial(s))
      .map(decode)
      .filter((l): l is WordList => !!l);
    lists = [...base, ...own];
    combined.set(extra, lists);
  }
  return lists;
}
