import { runAtOnce } from '../util/tasks.js';
import MiniSearch, { type Options, type SearchResult } from 'minisearch';
import { analyze, isStopword, type Analysis, type Glossary } from '../text/index.js';
import type { Article } from '../knowledge/article.js';

/** What is indexed of an article: what it says, and how users ask for it. */
export interface IndexedArticle extends Article {
  questions?: string[];
}

/** One search hit. */
export interface SearchHit {
  id: string;
  score: number;
  /** index terms of the article that the query matched */
  terms: string[];
  /** Share of the question's information (idf-weighted terms) that this article matches, 0–1. */
  coverage: number;
  /** The score per unit of the question's information: comparable across questions and knowledge bases. */
  strength: number;
}

/** How a question is searched: in its own language, or in another language's index (terms that cannot match are dropped). */
export type SearchMode = 'same' | 'cross';

/**
 * Field weights. Chosen on the development sets (Binance dev, the sample's crypto.jsonl with questions
 * stripped): a real help center's body carries most of the signal, so the title outweighs it only a little.
 */
const BOOST = { title: 1.5, questions: 1, tags: 0.5, body: 1 };
/** MiniSearch's BM25 parameters (its defaults), named here because addScores computes the same formula. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
/**
 * A term in more of a language's articles than this is common: it scores the candidates that the other
 * terms pick, but picks none itself. Every matching article costs search a result object, so a question of
 * common terms (CJK bigrams, "withdraw", "~usdt") costs as many as the language has articles (bench/RESULTS.md,
 * scale). Small knowledge bases have no common terms and search as before.
 */
const commonAbove = (articles: number) => Math.max(100, articles * 0.05);
/** How many of the articles the rare terms find are scored with every term. */
const CANDIDATES = 100;
/** When every term is common, the rarest pick the candidates, up to this many articles between them. */
const PICK_ARTICLES = 1000;

/**
 * The most terms of one message that search weighs. A normal question has under 20; a pasted log or
 * "验证码" × 2,000 has thousands, each a pass over the index (bench/RESULTS.md, slow inputs).
 */
export const MAX_QUERY_TERMS = 40;

/** Search terms of a text: the analyzer's terms less stopwords. */
export function searchTerms(a: Analysis, lang: string): string[] {
  const stop = new Set(a.stems.filter((_, i) => isStopword(a.words[i], lang)));
  return stop.size ? a.terms.filter((t) => !stop.has(t)) : a.terms;
}

/** Edit distance means nothing on a CJK bigram or a concept tag; only long spaced words get it. */
const fuzzy = (term: string) => (term.length > 4 && /^[\p{Script=Latin}\p{Script=Cyrillic}]+$/u.test(term) ? 0.2 : false);
/**
 * Languages whose index is mostly CJK bigrams: a Latin word in their questions is a ticker or a product name,
 * typed as such, and its near spellings would be sought through every one of the index's thousands of first
 * characters (a sixth of a Chinese search's time at 10,000 files).
 */
const CJK_INDEX = new Set(['zh', 'ja', 'ko']);
const fuzzyIn = (lang: string) => (CJK_INDEX.has(lang.split('-')[0]) ? () => false : fuzzy);

function options(lang: string, glossary?: Glossary): Options<IndexedArticle> {
  const tokenize = (text: string) => searchTerms(analyze(text, lang, glossary), lang);
  return {
    fields: ['title', 'questions', 'tags', 'body'],
    idField: 'id',
    extractField: (doc, field) => {
      if (field === 'tags') return [...doc.tags, doc.category].join('\n');
      const v = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(v) ? v.join('\n') : (v as string);
    },
    tokenize,
    processTerm: (t) => t,
    searchOptions: {
      tokenize,
      boost: BOOST,
      bm25: BM25,
      fuzzy: fuzzyIn(lang),
    },
  };
}

/** A paragraph of an article, the unit that rewards a question's terms found together. */
interface Passage {
  id: string;
  body: string;
}

/**
 * Share of its best paragraph's score an article gains. A long article matches many terms somewhere; the
 * one that answers has them in one paragraph (Binance dev, English: top-1 64% → 70%; the sample unchanged).
 */
const PASSAGE_WEIGHT = 0.5;
/** Paragraphs of an article, split at blank lines; `#` joins the article id and the paragraph's number. */
const passagesOf = (a: IndexedArticle): Passage[] =>
  a.body
    .split(/\n[ \t]*\n/)
    .filter((p) => p.trim())
    .map((body, i) => ({ id: `${a.id}#${i}`, body }));
const passageOptions = (lang: string, glossary?: Glossary): Options<Passage> => {
  const { extractField: _, ...o } = options(lang, glossary);
  return {
    ...(o as unknown as Options<Passage>),
    fields: ['body'],
    searchOptions: { ...o.searchOptions, boost: { body: 1 } } as Options<Passage>['searchOptions'],
  };
};

/**
 * A MiniSearch index's terms as a loaded index keeps them: per term, field id → document id → frequency. A
 * pack folder decodes its indexes into these (src/pack/index-codec.ts); MiniSearch's own JSON has objects there.
 */
export type DecodedPostings = [string, Map<number, Map<number, number>>][];

/** What this file reads and fills of a MiniSearch index, which has no public lookup of one term in one document. */
interface MiniSearchInternals {
  _index: { get(term: string): Map<number, Map<number, number>> | undefined; set(term: string, postings: Map<number, Map<number, number>>): void };
  _documentIds: Map<number, string>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _documentCount: number;
}
const internals = <T>(ms: MiniSearch<T>) => ms as unknown as MiniSearchInternals;

/**
 * MiniSearch from its JSON, whose `index` is MiniSearch's own list or DecodedPostings. Decoded terms go into
 * its term map as they are, a few thousand a step: MiniSearch's loadJS would turn every object into a Map
 * in one go (at 1,000 files, a tenth of a pack folder's load).
 */
function* loadingMiniSearch<T>(json: unknown, o: Options<T>): Generator<void, MiniSearch<T>> {
  const { index } = json as { index: unknown[] };
  const decoded = index.length > 0 && (index[0] as unknown[])[1] instanceof Map;
  if (!decoded) return MiniSearch.loadJS<T>(json as never, o);
  const ms = MiniSearch.loadJS<T>({ ...(json as object), index: [] } as never, o);
  const terms = internals(ms)._index;
  for (let i = 0; i < index.length; i++) {
    const [term, postings] = index[i] as DecodedPostings[number];
    terms.set(term, postings);
    if (i % 4000 === 3999) yield;
  }
  return ms;
}

/** The search index of one language's articles (MiniSearch with the Helpline analyzer). */
export class SearchIndex {
  private constructor(
    readonly lang: string,
    private readonly index: MiniSearch<IndexedArticle>,
    private readonly passages: MiniSearch<Passage> | undefined,
    private readonly glossary: Glossary | undefined,
    /** common term → how many articles have it */
    private readonly common = new Map<string, number>(),
    private readonly fuzzy = fuzzyIn(lang),
    /** article id → MiniSearch's number for it */
    private readonly shortIds = new Map([...internals(index)._documentIds].map(([n, id]) => [id, n])),
  ) {}

  /** Indexes articles of one language, and their paragraphs (at build time). */
  static build(lang: string, articles: IndexedArticle[], glossary?: Glossary): SearchIndex {
    const o = options(lang, glossary);
    const index = new MiniSearch<IndexedArticle>(o);
    index.addAll(articles);
    const passages = new MiniSearch<Passage>(passageOptions(lang, glossary));
    passages.addAll(articles.flatMap(passagesOf));
    return new SearchIndex(lang, index, passages, glossary);
  }

  /** Loads an index serialized with `toJSON`, or its JSON text (at ask time). */
  static load(lang: string, json: unknown, glossary?: Glossary): SearchIndex {
    return runAtOnce(SearchIndex.loading(lang, json, glossary));
  }

  /** `load` in steps, its text parsed and each of its two indexes loaded in one or more (runInTasks lets a page run between them). */
  static *loading(lang: string, source: unknown, glossary?: Glossary): Generator<void, SearchIndex> {
    const json = (typeof source === 'string' ? JSON.parse(source) : source) as { common?: Record<string, number>; passages?: unknown };
    yield;
    const passages = json.passages ? yield* loadingMiniSearch<Passage>(json.passages, passageOptions(lang, glossary)) : undefined;
    yield;
    const index = yield* loadingMiniSearch<IndexedArticle>(json, options(lang, glossary));
    return new SearchIndex(lang, index, passages, glossary, new Map(Object.entries(json.common ?? {})));
  }

  /** MiniSearch's JSON, plus the common terms and their article counts and the paragraphs' index (MiniSearch ignores the extra keys). */
  toJSON(): unknown {
    const json = this.index.toJSON() as unknown as { documentCount: number; index: [string, Record<string, Record<string, number>>][] };
    const above = commonAbove(json.documentCount);
    const common: Record<string, number> = {};
    for (const [term, fields] of json.index) {
      const n = new Set(Object.values(fields).flatMap((docs) => Object.keys(docs))).size;
      if (n > above) common[term] = n;
    }
    return { ...json, common, ...(this.passages ? { passages: this.passages.toJSON() } : {}) };
  }

  /** In how many articles a term occurs (0 when the index has never seen it). */
  documentFrequency(term: string): number {
    const common = this.common.get(term);
    if (common !== undefined) return common;
    // MiniSearch keeps per term a map field → (document → frequency) and exposes no count of its own.
    const fields = internals(this.index)._index.get(term);
    if (!fields) return 0;
    if (fields.size === 1) return fields.values().next().value!.size;
    const docs = new Set<number>();
    for (const d of fields.values()) for (const k of d.keys()) docs.add(k);
    return docs.size;
  }

  /** A long message's MAX_QUERY_TERMS most telling terms: each once, those the index knows first, rarest first. */
  private mostTelling(terms: string[]): string[] {
    const unique = [...new Set(terms)];
    if (unique.length <= MAX_QUERY_TERMS) return unique;
    const df = new Map(unique.map((t) => [t, this.documentFrequency(t)]));
    const rank = (t: string) => (df.get(t)! > 0 ? df.get(t)! : Infinity);
    return unique
      .map((t, i) => [t, i] as const)
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[1] - b[1])
      .slice(0, MAX_QUERY_TERMS)
      .map(([t]) => t);
  }

  /** Inverse document frequency of a term; unseen terms weigh the most. */
  private idf(term: string): number {
    return Math.log(1 + this.index.documentCount / Math.max(1, this.documentFrequency(term)));
  }

  /**
   * MiniSearch's scores of `results` with `terms` (exact, no fuzzy or prefix) added, as one search over both
   * would give them: the same BM25 with the same field boosts, and a result's score × the number of query
   * terms it matched. It reads MiniSearch's index, which has no public lookup of one term in one document.
   */
  private addScores(results: SearchResult[], terms: string[]): SearchResult[] {
    if (!terms.length) return results;
    const ms = internals(this.index);
    const { k, b, d } = BM25;
    // Each term's postings and weight per field once, not once per result: a result then costs lookups only.
    const lookups: { term: string; field: string; id: number; docs: Map<number, number>; weight: number }[] = [];
    for (const term of terms) {
      const byField = ms._index.get(term);
      if (!byField) continue;
      for (const [field, boost] of Object.entries(BOOST)) {
        const id = ms._fieldIds[field];
        const docs = byField.get(id);
        if (docs) lookups.push({ term, field, id, docs, weight: boost * Math.log(1 + (ms._documentCount - docs.size + 0.5) / (docs.size + 0.5)) });
      }
    }
    return results
      .map((r) => {
        const doc = this.shortIds.get(r.id as string)!;
        const lengths = ms._fieldLength.get(doc)!;
        let raw = r.score / (r.queryTerms.length || 1);
        let queryTerms: Set<string> | undefined;
        let match: SearchResult['match'] | undefined;
        for (const l of lookups) {
          const tf = l.docs.get(doc);
          if (tf === undefined) continue;
          raw += l.weight * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * lengths[l.id]) / ms._avgFieldLength[l.id])));
          (queryTerms ??= new Set(r.queryTerms)).add(l.term);
          match ??= { ...r.match };
          (match[l.term] = match[l.term] ? [...match[l.term]] : []).push(l.field);
        }
        // none of the terms in this result: its score and terms stay as they are
        return match ? { ...r, score: raw * queryTerms!.size, terms: Object.keys(match), queryTerms: [...queryTerms!], match } : r;
      })
      .sort((x, y) => y.score - x.score);
  }

  /**
   * Articles matching a query, best first; `filter` restricts by id (e.g. a category). In `cross` mode the
   * question is in another language than the index (`lang`, read with that language's stemmer and glossary
   * terms): only its terms that the index knows (glossary concepts, tickers, product names) are searched and
   * weighed, so a Korean question about "P2P" and "~appeal" is judged by those. `analysis` is the query as
   * `analyze(query, lang, glossary)` read it, when the caller has it.
   */
  search(
    query: string,
    opts: { limit?: number; prefix?: boolean; filter?: (id: string) => boolean; mode?: SearchMode; lang?: string; analysis?: Analysis } = {},
  ): SearchHit[] {
    const cross = opts.mode === 'cross';
    const lang = cross && opts.lang ? opts.lang : this.lang;
    // The bot has analyzed the question already (in its language, with the same glossary): search reuses that.
    let all = searchTerms(opts.analysis ?? analyze(query, lang, this.glossary), lang);
    if (cross) all = all.filter((t) => this.documentFrequency(t) > 0);
    if (!all.length) return [];
    if (all.length > MAX_QUERY_TERMS) all = this.mostTelling(all);
    // A term in more than half the articles says almost nothing (BM25 idf < 0.7) and costs the most: a stopword.
    const stop = this.index.documentCount / 2;
    const kept = this.common.size ? all.filter((t) => !(this.common.get(t)! > stop)) : all;
    const terms = kept.length ? kept : all;
    // The terms that pick candidates: the rare ones, or when there are none, the rarest common ones.
    let picking = this.common.size ? terms.filter((t) => !this.common.has(t)) : terms;
    if (!picking.length && terms.length > 1) {
      let articles = 0;
      picking = [...new Set(terms)]
        .sort((a, b) => this.common.get(a)! - this.common.get(b)!)
        .filter((t, i) => (articles += this.common.get(t)!) <= PICK_ARTICLES || i === 0);
    }
    const base = {
      tokenize: () => terms,
      // A common term is in the index as typed; its near spellings would only add more common postings.
      ...(this.common.size ? { fuzzy: (term: string) => (this.common.has(term) ? false : this.fuzzy(term)) } : {}),
      prefix: opts.prefix ? (_term: string, i: number, all: string[]) => i === all.length - 1 : false,
      filter: opts.filter ? (r: SearchResult) => opts.filter!(r.id as string) : undefined,
    };
    let results: SearchResult[];
    if (picking.length && picking.length < terms.length) {
      const picked = this.index.search(query, { ...base, tokenize: () => picking }).slice(0, CANDIDATES);
      if (opts.prefix) {
        // The last word completes as a prefix, so it cannot be looked up as typed: every term scores the
        // candidates in one more search, other articles costing a lookup, not a result.
        const ids = new Set(picked.map((r) => r.id as string));
        results = this.index.search(query, { ...base, boostDocument: (id: string) => (ids.has(id) ? 1 : 0) });
      } else {
        // The other terms score only the candidates, each a lookup per candidate rather than a pass over the
        // term's postings (a common term is in a tenth or more of the articles).
        const chosen = new Set(picking);
        results = this.addScores(
          picked,
          terms.filter((t) => !chosen.has(t)),
        );
      }
    } else {
      results = this.index.search(query, base);
    }
    if (this.passages && !opts.prefix && results.length) {
      // The candidates' best paragraphs; other articles' paragraphs cost a lookup, not a result.
      const candidates = new Set(results.slice(0, CANDIDATES).map((r) => r.id as string));
      const best = new Map<string, number>();
      // The terms as the candidates matched them, so the paragraphs need no fuzzy lookup of their own (a fifth
      // of search's time at 10,000 files); common terms only score, their postings over every paragraph are
      // the cost (bench/RESULTS.md, scale).
      const matched = new Set<string>();
      for (const r of results.slice(0, CANDIDATES)) for (const t in r.match) if (!(picking.length && this.common.has(t))) matched.add(t);
      const passageTerms = [...matched];
      for (const r of this.passages.search(query, {
        ...base,
        fuzzy: false,
        tokenize: () => passageTerms,
        filter: undefined,
        boostDocument: (id: string) => (candidates.has(id.slice(0, id.lastIndexOf('#'))) ? 1 : 0),
      })) {
        const id = (r.id as string).slice(0, (r.id as string).lastIndexOf('#'));
        if (!best.has(id)) best.set(id, r.score);
      }
      results = results.map((r) => ({ ...r, score: r.score + PASSAGE_WEIGHT * (best.get(r.id as string) ?? 0) })).sort((a, b) => b.score - a.score);
    }
    const weights = new Map([...new Set(all)].map((t) => [t, this.idf(t)]));
    const total = [...weights.values()].reduce((a, b) => a + b, 0) || 1;
    return results.slice(0, opts.limit ?? 10).map((r) => ({
      id: r.id as string,
      score: r.score,
      terms: r.terms,
      coverage: r.queryTerms.reduce((sum, t) => sum + (weights.get(t) ?? 0), 0) / total,
      strength: r.score / total,
    }));
  }
}
