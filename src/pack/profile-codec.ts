import type { LanguageModel, LanguageProfile } from '../text/index.js';
import { runAtOnce } from '../util/tasks.js';
import { unzigzag, vlq, VlqReader, zigzag } from '../util/vlq.js';

/**
 * Language profiles as a pack folder's shared part stores them (every visitor loads them). A profile's counts
 * are `{"word": count, …}`, most frequent first: here its keys become one text (words joined by spaces,
 * trigrams end to end) and its counts one run of base64 VLQ numbers, each the change from the count before
 * (zigzag: the order is kept as it is). The sample knowledge base: 48 → 33 KB gzip. A table whose keys could
 * not be read back (a space in a word, a trigram of another length) is kept as it is.
 */
interface PackedCounts {
  keys: string;
  counts: string;
}

const SEPARATED = { words: ' ', grams: '' } as const;
type Table = keyof typeof SEPARATED;

function packCounts(table: Record<string, number>, kind: Table): PackedCounts | Record<string, number> {
  const entries = Object.entries(table);
  const readable = kind === 'words' ? entries.every(([k]) => k.length > 0 && !k.includes(' ')) : entries.every(([k]) => k.length === 3);
  if (!readable || !entries.every(([, n]) => Number.isSafeInteger(n))) return table;
  return {
    keys: entries.map(([k]) => k).join(SEPARATED[kind]),
    counts: vlq(entries.map(([, n], i) => zigzag(n - (i ? entries[i - 1][1] : 0)))),
  };
}

function unpackCounts(stored: PackedCounts | Record<string, number>, kind: Table): Record<string, number> {
  if (typeof stored.keys !== 'string' || typeof stored.counts !== 'string') return stored as Record<string, number>;
  const { keys, counts } = stored as PackedCounts;
  const r = new VlqReader(counts);
  // Keys put in one by one: twice as fast as building the table's JSON text and parsing it. No prototype,
  // so a word "__proto__" is a key as it is in JSON.
  const out: Record<string, number> = Object.create(null);
  let n = 0;
  if (kind === 'words') for (const name of keys ? keys.split(' ') : []) out[name] = n += unzigzag(r.next());
  else for (let i = 0; i < keys.length; i += 3) out[keys.slice(i, i + 3)] = n += unzigzag(r.next());
  if (!r.done) throw new RangeError('language profile: more counts than keys');
  return out;
}

export function packLanguageModel(model: LanguageModel): unknown {
  return Object.fromEntries(
    Object.entries(model).map(([lang, p]) => {
      const out: Record<string, unknown> = { ...p };
      for (const kind of ['words', 'grams'] as const) if (p[kind]) out[kind] = packCounts(p[kind]!, kind);
      return [lang, out];
    }),
  );
}

/** Unpacks the profiles one by one: a step per language (runInTasks lets a page run between them). */
export function* unpackingLanguageModel(stored: unknown): Generator<void, LanguageModel> {
  const model: LanguageModel = {};
  for (const [lang, p] of Object.entries(stored as Record<string, Record<string, unknown>>)) {
    const out = { ...p } as unknown as LanguageProfile;
    for (const kind of ['words', 'grams'] as const) if (p[kind]) out[kind] = unpackCounts(p[kind] as PackedCounts, kind);
    model[lang] = out;
    yield;
  }
  return model;
}

export const unpackLanguageModel = (stored: unknown): LanguageModel => runAtOnce(unpackingLanguageModel(stored));
