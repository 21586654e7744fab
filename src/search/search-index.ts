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
}

const BOOST = { title: 3, questions: 2, tags: 2, body: 1 };

/** Search terms of a text: the analyzer's terms less stopwords. */
export function searchTerms(a: Analysis, lang: string): string[] {
  const stop = new Set(a.stems.filter((_, i) => isStopword(a.words[i], lang)));
  return stop.size ? a.terms.filter((t) => !stop.has(t)) : a.terms;
}

function options(lang: string, glossary?: Glossary): Options<IndexedArticle> {
  const tokenize = (text: string) => searchTerms(analyze(text, lang, glossary), lang);
  return {
    fields: ['title', 'questions', 'tags', 'body'],
    idField: 'id',
    extractField: (doc, field) => {
      const v = (doc as unknown as Record<string, unknown>)[field];
      return Array.isArray(v) ? v.join('\n') : (v as string);
    },
    tokenize,
    processTerm: (t) => t,
    searchOptions: {
      tokenize,
      boost: BOOST,
      // Edit distance means nothing on a CJK bigram or a concept tag; only long spaced words get it.
      fuzzy: (term) => (term.length > 4 && /^[\p{Script=Latin}\p{Script=Cyrillic}]+$/u.test(term) ? 0.2 : false),
    },
  };
}

/** The search index of one language's articles (MiniSearch with the Helpline analyzer). */
export class SearchIndex {
  private constructor(
    readonly lang: string,
    private readonly index: MiniSearch<IndexedArticle>,
  ) {}

  /** Indexes articles of one language (at build time). */
  static build(lang: string, articles: IndexedArticle[], glossary?: Glossary): SearchIndex {
    const index = new MiniSearch<IndexedArticle>(options(lang, glossary));
    index.addAll(articles);
    return new SearchIndex(lang, index);
  }

  /** Loads an index serialized with `toJSON` (at ask time). */
  static load(lang: string, json: unknown, glossary?: Glossary): SearchIndex {
    return new SearchIndex(lang, MiniSearch.loadJS(json as never, options(lang, glossary)));
  }

  toJSON(): unknown {
    return this.index.toJSON();
  }

  /** Articles matching a query, best first; `filter` restricts by id (e.g. a category). */
  search(query: string, opts: { limit?: number; prefix?: boolean; filter?: (id: string) => boolean } = {}): SearchHit[] {
    const results: SearchResult[] = this.index.search(query, {
      prefix: opts.prefix ? (_term, i, terms) => i === terms.length - 1 : false,
      filter: opts.filter ? (r) => opts.filter!(r.id as string) : undefined,
    });
    return results.slice(0, opts.limit ?? 10).map((r) => ({ id: r.id as string, score: r.score, terms: r.terms }));
  }
}
