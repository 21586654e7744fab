import { runAtOnce } from '../util/tasks.js';
import type { DecodedPostings } from '../search/search-index.js';
import { unzigzag, vlq, VlqReader, zigzag } from '../util/vlq.js';

/**
 * A search index as a pack folder stores it. A MiniSearch index's JSON (the articles' and the paragraphs'
 * inside one SearchIndex) lists every term as `[term, {fieldId: {docId: frequency}}]`: in CJK a term is a
 * character bigram, and those nested objects are most of the bytes. Here each MiniSearch `index` becomes its
 * terms and one run of base64 VLQ numbers (per term its fields; per field its id and documents; per document
 * the gap to the previous id and the frequency): about 40% smaller after gzip, and unpackIndex gives back
 * an index that loads into the same MiniSearch. Anything of another shape is kept as it is.
 *
 * The paragraphs' index has nearly the same terms as the articles' index: they are written as places in the
 * articles' list (`termsAt`, each the change from the place before, nearly all small steps forward), and
 * places past its end are the few terms it lacks (`more`). The sample knowledge base: Chinese 21 KB gzip
 * smaller, Japanese 15, Korean 10, English 4.
 */
export type PackedTerms = ({ terms: string[] } | { termsAt: string; more?: string[] }) & { postings: string };

type Postings = Record<string, Record<string, number>>;
type Entry = [string, Postings];

const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;
const isIdKey = (k: string) => /^(0|[1-9]\d{0,8})$/.test(k);

/** True when `index` is a MiniSearch index list this codec can write and read back exactly. */
function packable(index: unknown): index is Entry[] {
  if (!Array.isArray(index)) return false;
  for (const e of index) {
    if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'string' || !e[1] || typeof e[1] !== 'object') return false;
    for (const [field, docs] of Object.entries(e[1] as object)) {
      if (!isIdKey(field) || !docs || typeof docs !== 'object') return false;
      for (const [doc, n] of Object.entries(docs as object)) if (!isIdKey(doc) || !isCount(n)) return false;
    }
  }
  return true;
}

/** `first`: the terms of the first index packed in the same value, which this one's may point into. */
function packTerms(index: Entry[], first?: Map<string, number>): PackedTerms {
  const numbers: number[] = [];
  for (const [, fields] of index) {
    // Integer-like keys iterate in ascending order: ids are written as gaps.
    const ids = Object.keys(fields);
    numbers.push(ids.length);
    let lastField = 0;
    for (const f of ids) {
      const docs = Object.entries(fields[f]);
      numbers.push(Number(f) - lastField, docs.length);
      lastField = Number(f);
      let lastDoc = 0;
      for (const [d, n] of docs) {
        numbers.push(Number(d) - lastDoc, n);
        lastDoc = Number(d);
      }
    }
  }
  const terms = index.map((e) => e[0]);
  if (!first) return { terms, postings: vlq(numbers) };
  const more = terms.filter((t) => !first.has(t));
  const extra = new Map(more.map((t, i) => [t, first.size + i]));
  const place = (t: string) => first.get(t) ?? extra.get(t)!;
  const termsAt = vlq(terms.map((t, i) => zigzag(place(t) - (i ? place(terms[i - 1]) : 0))));
  return { termsAt, ...(more.length ? { more } : {}), postings: vlq(numbers) };
}

/** The terms of a packed index; `first`: those of the first index packed beside it. */
function termsOf(p: PackedTerms, first: string[] | undefined): string[] {
  if ('terms' in p) return p.terms;
  if (!first) throw new RangeError('search index: terms given by place, with no index before them');
  const r = new VlqReader(p.termsAt);
  const more = p.more ?? [];
  const terms: string[] = [];
  for (let at = 0; !r.done;) {
    at += unzigzag(r.next());
    const term = at < first.length ? first[at] : more[at - first.length];
    if (term === undefined) throw new RangeError('search index: a term place outside the index before it');
    terms.push(term);
  }
  return terms;
}

/**
 * A packed `index` list decoded into the Maps a loaded MiniSearch keeps per term (field id → document id →
 * frequency): SearchIndex takes them as they are, with no JSON text to write and parse and no objects to
 * turn into Maps. A step per 500 terms (runInTasks lets a page run between them): a step of 2,000 was among
 * the long tasks of a Chromium trace with the CPU slowed 4×.
 */
function* decodingTerms(p: PackedTerms, first?: string[]): Generator<void, DecodedPostings> {
  const r = new VlqReader(p.postings);
  const out: DecodedPostings = [];
  for (const term of termsOf(p, first)) {
    const fields = new Map<number, Map<number, number>>();
    for (let i = 0, n = r.next(), field = 0; i < n; i++) {
      field += r.next();
      const docs = new Map<number, number>();
      for (let j = 0, m = r.next(), doc = 0; j < m; j++) docs.set((doc += r.next()), r.next());
      fields.set(field, docs);
    }
    if (out.push([term, fields]) % 500 === 0) yield;
  }
  if (!r.done) throw new RangeError('search index: unexpected data after the postings');
  return out;
}

const isPacked = (v: unknown): v is PackedTerms =>
  !!v &&
  typeof v === 'object' &&
  (Array.isArray((v as { terms?: unknown }).terms) || typeof (v as { termsAt?: unknown }).termsAt === 'string') &&
  typeof (v as PackedTerms).postings === 'string';

/** Walks a JSON value, replacing each MiniSearch `index` (an object with `serializationVersion`) by `f` of it. */
function mapIndexes(value: unknown, f: (index: unknown) => unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const o = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === 'index' && 'serializationVersion' in o ? f(v) : mapIndexes(v, f);
  return out;
}

/** A search index's JSON text (PackData.indexes) as a pack folder stores it. */
export function packIndex(json: string): unknown {
  let first: Map<string, number> | undefined;
  return mapIndexes(JSON.parse(json), (index) => {
    if (!packable(index)) return index;
    const packed = packTerms(index, first);
    first ??= new Map(index.map((e, i) => [e[0], i]));
    return packed;
  });
}

/** An index stored by packIndex, each MiniSearch `index` list decoded (DecodedPostings), for SearchIndex.load. */
export const unpackIndex = (stored: unknown): unknown => runAtOnce(unpackingIndex(stored));

/** unpackIndex in steps (runInTasks lets a page run between them). */
export function* unpackingIndex(stored: unknown): Generator<void, unknown> {
  // Collected in the order packIndex met them: the first one's terms are the list the others point into.
  const packed: PackedTerms[] = [];
  mapIndexes(stored, (index) => void (isPacked(index) && packed.push(index)));
  const decoded = new Map<PackedTerms, DecodedPostings>();
  let first: string[] | undefined;
  for (const p of packed) {
    decoded.set(p, yield* decodingTerms(p, first));
    first ??= termsOf(p, undefined);
  }
  return mapIndexes(stored, (index) => (isPacked(index) ? decoded.get(index) : index));
}
