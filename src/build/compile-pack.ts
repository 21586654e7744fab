import { analyze, Glossary, trainLanguageModel, type GlossaryData } from '../text/index.js';
import type { Article, IntentsData, SourceArticle } from '../knowledge/article.js';
import type { PackData } from '../knowledge/pack.js';
import { SearchIndex } from '../search/search-index.js';
import { extractFeatures } from '../intent/features.js';
import { trainClassifier, type Example, type TrainOptions } from '../intent/train.js';
import { ARTICLE_LABEL } from '../intent/classifier.js';
import { DEFAULT_SETTINGS } from '../bot/settings.js';
import { DEFAULT_MESSAGES } from './default-messages.js';
import { BIP39_LISTS } from '../safety/bip39-data.js';

/** A knowledge folder's content, parsed and validated. */
export interface KnowledgeSource {
  articles: SourceArticle[];
  glossary: GlossaryData;
  intents: IntentsData;
}

export interface CompileOptions {
  /** The language to answer in when a question's language has no article; default `en` if present. */
  defaultLang?: string;
  train?: TrainOptions;
  /** Overrides of the answer policy's thresholds. */
  settings?: Partial<typeof DEFAULT_SETTINGS>;
  /** Above this many articles search ranks them, not the classifier (see MAX_CLASSIFIED_ARTICLES). */
  maxClassifiedArticles?: number;
  onProgress?: (step: string) => void;
}

/**
 * Training costs examples × labels, so one label per article grows with the square of the knowledge base
 * (167 articles × 6 languages train in 10 s, 500 × 6 in 2 min: bench/RESULTS.md, scale). Above this many
 * articles the classifier learns the conversational intents and ARTICLE_LABEL, and search ranks the articles.
 */
export const MAX_CLASSIFIED_ARTICLES = 500;
/** Article questions the classifier keeps when it learns ARTICLE_LABEL: as many as a mid-sized knowledge base has. */
const ARTICLE_LABEL_EXAMPLES = 5000;

/** Compiles validated articles into pack data: search indexes, language profiles and the classifier. */
export function compilePack(source: KnowledgeSource, options: CompileOptions = {}): PackData {
  const progress = options.onProgress ?? (() => {});
  const articles = [...source.articles].sort((a, b) => (a.lang === b.lang ? (a.id < b.id ? -1 : 1) : a.lang < b.lang ? -1 : 1));
  const languages = [...new Set(articles.map((a) => a.lang))].sort();
  const defaultLang = options.defaultLang ?? (languages.includes('en') ? 'en' : languages[0] ?? 'en');
  const glossary = new Glossary(source.glossary);

  progress(`indexing ${articles.length} articles in ${languages.length} language(s)`);
  const indexes: Record<string, string> = {};
  for (const lang of languages) indexes[lang] = JSON.stringify(SearchIndex.build(lang, articles.filter((a) => a.lang === lang), glossary).toJSON());

  progress('learning language profiles');
  const samples: Record<string, string[]> = {};
  for (const a of articles) (samples[a.lang] ??= []).push(a.title, ...a.questions, a.body);

  const examples: Example[] = [];
  const example = (text: string, lang: string, label: string) => examples.push({ features: extractFeatures(analyze(text, lang, glossary)), label });
  const ids = new Set(articles.map((a) => a.id)).size;
  const perArticle = ids <= (options.maxClassifiedArticles ?? MAX_CLASSIFIED_ARTICLES);
  if (!perArticle) progress(`${ids} articles: search ranks them; the classifier learns intents and article questions`);
  const asked = articles.flatMap((a) => [a.title, ...a.questions].map((text) => ({ text, lang: a.lang, id: a.id })));
  // An even sample across languages and articles (they are sorted) keeps training time flat.
  const step = perArticle ? 1 : Math.ceil(asked.length / ARTICLE_LABEL_EXAMPLES);
  for (let i = 0; i < asked.length; i += step) example(asked[i].text, asked[i].lang, perArticle ? asked[i].id : ARTICLE_LABEL);
  const replies: Record<string, Record<string, string>> = {};
  for (const [name, intent] of Object.entries(source.intents).sort(([a], [b]) => (a < b ? -1 : 1))) {
    for (const lang of languages) {
      for (const text of intent.examples?.[lang] ?? []) {
        example(text, lang, '@' + name);
        samples[lang].push(text);
      }
    }
    const r = Object.fromEntries(Object.entries(intent.replies ?? {}).filter(([l]) => languages.includes(l)).sort());
    if (Object.keys(r).length) replies[name] = r;
  }
  progress(`training the intent classifier on ${examples.length} examples`);
  const classifier = trainClassifier(examples, options.train);
  // One question on its own: does the user ask for a person? In the main model a request that also names
  // a problem splits its probability with that problem's article; here nothing competes with it.
  const asksForHuman = examples.some((e) => e.label === '@human')
    ? trainClassifier(examples.map((e) => ({ features: e.features, label: e.label === '@human' ? 'yes' : 'no' })), options.train)
    : undefined;

  const served: Article[] = articles.map(({ id, lang, title, category, tags, priority, body }) => ({
    id, lang, title, category, tags, ...(priority ? { priority } : {}), body,
  }));
  return {
    languages,
    defaultLang,
    articles: served,
    glossary: Glossary.compile(source.glossary),
    replies,
    messages: Object.fromEntries(languages.filter((l) => Object.hasOwn(DEFAULT_MESSAGES, l)).map((l) => [l, DEFAULT_MESSAGES[l]])),
    wordLists: BIP39_LISTS,
    languageModel: trainLanguageModel(samples, glossary),
    classifier,
    ...(asksForHuman ? { asksForHuman } : {}),
    indexes,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
}
