import { analyze, Glossary, trainLanguageModel, type GlossaryData } from '../text/index.js';
import type { Article, IntentsData, SourceArticle } from '../knowledge/article.js';
import type { PackData } from '../knowledge/pack.js';
import { SearchIndex } from '../search/search-index.js';
import { extractFeatures } from '../intent/features.js';
import { trainClassifier, type Example, type TrainOptions } from '../intent/train.js';
import { DEFAULT_SETTINGS } from '../bot/settings.js';
import { DEFAULT_MESSAGES } from './default-messages.js';

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
  onProgress?: (step: string) => void;
}

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
  for (const a of articles) for (const text of [a.title, ...a.questions]) example(text, a.lang, a.id);
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
    languageModel: trainLanguageModel(samples, glossary),
    classifier,
    ...(asksForHuman ? { asksForHuman } : {}),
    indexes,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
  };
}
