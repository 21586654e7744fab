import { analyze, countScripts, Glossary, trainLanguageModel, type GlossaryData, type LanguageModel } from '../text/index.js';
import type { Article, IntentsData, SourceArticle } from '../knowledge/article.js';
import type { PackData } from './pack.js';
import { SearchIndex } from '../search/search-index.js';
import { extractFeatures } from '../intent/features.js';
import { trainClassifier, type Example, type TrainOptions } from '../intent/train.js';
import { ARTICLE_LABEL, type ClassifierData } from '../intent/classifier.js';
import { sections } from '../knowledge/sections.js';
import { fnv1a } from '../util/hash.js';
import { settingsOf, type Settings } from './settings.js';
import { DEFAULT_MESSAGES } from './default-messages.js';
import { BIP39_LISTS } from '../safety/bip39-data.js';
import { BUILTIN_INTENTS } from '../lexicon/intents.js';
import { ANY_LANGUAGE, BUILTIN_GLOSSARY, BUILTIN_LEXICON } from '../lexicon/glossary.js';
import { FRAME_SCRIPTS, QUESTION_FRAMES } from '../lexicon/question-frames.js';
import type { Script } from '../text/script.js';

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
  settings?: Partial<Settings>;
  /** Article ids, the most asked first (a report's `perTopic`: `helpline build --topics report.json`): the first screen's topics when none is featured. */
  popular?: string[];
  onProgress?: (step: string) => void;
}

/** Glossary concepts that name people, not topics: see the intent classifier's lexicon examples. */
const PEOPLE = new Set(['agent', 'support']);
/** Example questions an article needs (in some language) for the classifier to learn it from them rather than from its text. */
const MIN_QUESTIONS = 3;
/** Examples an article without example questions is learned from: its headings, then its first sentences. */
const TEXT_EXAMPLES = 10;
/** Examples of ARTICLE_LABEL the intent classifier learns from each of titles + questions, body sentences and lexicon terms: a sample, so its cost is flat at any size. */
const ARTICLE_LABEL_EXAMPLES = 5000;
/**
 * The conversational models prune harder than the article classifier: they tell a few labels apart, most of
 * their rows are article text pushing towards ARTICLE_LABEL, and every visitor downloads them. Chosen on the
 * development sets (the sample's held-out cases, Binance dev): the same answers, handoffs and declines but one
 * of the sample's 60 out-of-scope cases, at 44 KB gzip less to the sample folder's English first answer.
 * A feature must also occur in a few examples (minCount): rarer ones are mostly one article's words, which
 * the article classifier weighs anyway. 4 and 3 take 14 KB brotli off the sample folder's English first answer
 * (zh and ja 7) with the same answers on the sample's dev and multi-turn cases, more out-of-scope questions declined on the
 * sample's dev (81.7 → 83.3%) and CLINC150 (29.6 → 33.7%); on Binance dev one of its 10 Chinese questions gets
 * suggestions instead of its article (right 60.0 → 59.5%) and one of 20 out-of-scope questions suggestions
 * instead of the decline (80 → 75%: it flips at 3 too). 5 and 6 lose a Portuguese request for a human
 * (tests/unit/builtin-intents.test.ts).
 */
const INTENT_TRAIN: TrainOptions = { prune: 0.1, keep: 3, minCount: 4 };
const ASKS_FOR_HUMAN_TRAIN: TrainOptions = { prune: 0.12, minCount: 3 };
/** In-scope questions per language made from the question frames and lexicon terms (src/lexicon/question-frames.ts). */
const FRAMED_EXAMPLES = 120;

/** Lexicon terms in each language's question frames: an even sample by hash, so one new term leaves the rest alone. */
function framedQuestions(terms: string[]): { text: string; lang: string }[] {
  const out: { text: string; lang: string }[] = [];
  for (const [lang, frames] of Object.entries(QUESTION_FRAMES)) {
    const scripts = FRAME_SCRIPTS[lang] ?? ['latin'];
    const fits = terms.filter((t) => Object.keys(countScripts(t)).every((s) => scripts.includes(s as Script)));
    const step = Math.max(1, Math.ceil(fits.length / FRAMED_EXAMPLES));
    for (const term of fits) {
      const h = fnv1a(lang + term);
      if (h % step === 0) out.push({ text: frames[(h >>> 8) % frames.length].replace('{}', term), lang });
    }
  }
  return out;
}

/**
 * The built-in intents with a knowledge folder's own: its examples add to the built-in ones, its replies
 * replace them language by language, and its own intents (with replies) are answered like smalltalk.
 */
export function mergeIntents(builtin: IntentsData, own: IntentsData): IntentsData {
  const out: IntentsData = {};
  for (const name of new Set([...Object.keys(builtin), ...Object.keys(own)])) {
    const a = builtin[name] ?? {};
    const b = own[name] ?? {};
    const examples: Record<string, string[]> = { ...a.examples };
    for (const [lang, texts] of Object.entries(b.examples ?? {})) examples[lang] = [...new Set([...(examples[lang] ?? []), ...texts])];
    out[name] = { examples, replies: { ...a.replies, ...b.replies } };
  }
  return out;
}

/** A knowledge folder's glossary first (its terms win where both name one), then the built-in concepts' other terms. */
export function mergeGlossary(own: GlossaryData, builtin: GlossaryData): GlossaryData {
  const out: GlossaryData = {};
  for (const [concept, terms] of Object.entries(own)) out[concept] = [...terms];
  for (const [concept, terms] of Object.entries(builtin)) out[concept] = [...new Set([...(out[concept] ?? []), ...terms])];
  return out;
}

/**
 * The languages of each spaced glossary key that only lexicon terms of known languages produce: a pack folder
 * ships such a key with those languages' files. A key of the knowledge base's own glossary, or of a term listed
 * under `any`, has no entry: its language is unknown, so every visitor gets it.
 */
function glossaryKeyLanguages(own: GlossaryData): Map<string, Set<string>> {
  const langs = new Map<string, Set<string>>();
  const unknown = new Set<string>();
  for (const terms of Object.values(own)) for (const term of terms) for (const key of Glossary.keysOf(String(term))) unknown.add(key);
  for (const entry of Object.values(BUILTIN_LEXICON)) {
    for (const [codes, terms] of Object.entries(entry)) {
      for (const key of terms.flatMap((t) => Glossary.keysOf(t))) {
        if (codes === ANY_LANGUAGE) unknown.add(key);
        else {
          let set = langs.get(key);
          if (!set) langs.set(key, (set = new Set()));
          for (const l of codes.split(' ')) set.add(l);
        }
      }
    }
  }
  for (const key of unknown) langs.delete(key);
  return langs;
}

/** The sentences of a Markdown body that read like a question or statement of a user (4–40 words). */
function sentencesOf(body: string): string[] {
  const plain = body.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`#>|]+/g, ' ');
  return (plain.match(/[^.!?。！？\n]+[.!?。！？]?/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => {
      const n = s.split(/\s+/).length;
      return s.length >= 12 && n <= 40;
    });
}

/** Compiles validated articles into pack data: search indexes, language profiles and the classifier. */
export function compilePack(source: KnowledgeSource, options: CompileOptions = {}): PackData {
  return compile(source, options, undefined);
}

/** Where parts of pack data came from: a pack folder splits them by language with it (src/pack/pack-folder.ts). */
export interface PackOrigins {
  /** for every classifier feature, the languages of the examples it was learned from */
  featureLanguages: Map<number, Set<string>>;
  /** for glossary keys of known languages only, those languages */
  glossaryLanguages: Map<string, Set<string>>;
}

/** Pack data and its origins: a pack folder gives each language the classifier rows and glossary terms its own questions can use. */
export function compilePackWithOrigins(source: KnowledgeSource, options: CompileOptions = {}): { data: PackData } & PackOrigins {
  const featureLanguages = new Map<number, Set<string>>();
  return { data: compile(source, options, featureLanguages), featureLanguages, glossaryLanguages: glossaryKeyLanguages(source.glossary) };
}

/** Compiles; when `featureLanguages` is given, records there which languages' examples each feature came from. */
function compile(source: KnowledgeSource, options: CompileOptions, featureLanguages: Map<number, Set<string>> | undefined): PackData {
  const progress = options.onProgress ?? (() => {});
  const articles = [...source.articles].sort((a, b) => (a.lang === b.lang ? (a.id < b.id ? -1 : 1) : a.lang < b.lang ? -1 : 1));
  const languages = [...new Set(articles.map((a) => a.lang))].sort();
  const defaultLang = options.defaultLang ?? (languages.includes('en') ? 'en' : (languages[0] ?? 'en'));
  const glossaryData = mergeGlossary(source.glossary, BUILTIN_GLOSSARY);
  const glossary = new Glossary(glossaryData);

  progress(`indexing ${articles.length} articles in ${languages.length} language(s)`);
  const indexes: Record<string, string> = {};
  for (const lang of languages)
    indexes[lang] = JSON.stringify(
      SearchIndex.build(
        lang,
        articles.filter((a) => a.lang === lang),
        glossary,
      ).toJSON(),
    );

  progress('learning language profiles');
  const samples: Record<string, string[]> = {};
  for (const a of articles) (samples[a.lang] ??= []).push(a.title, ...a.questions, a.body);

  // A lexicon term is analyzed as the default language (as its examples are trained) but comes from the
  // languages written in its script: its features are recorded once the language profiles say which those are.
  const lexiconFeatures: { ids: number[]; text: string }[] = [];
  const record = (ids: number[], langs: Iterable<string>) => {
    if (!featureLanguages) return;
    for (const id of ids) {
      let set = featureLanguages.get(id);
      if (!set) featureLanguages.set(id, (set = new Set()));
      for (const l of langs) set.add(l);
    }
  };
  const featuresOf = (text: string, lang: string, lexiconTerm = false) => {
    const f = extractFeatures(analyze(text, lang, glossary));
    if (lexiconTerm) lexiconFeatures.push({ ids: f.ids, text });
    else record(f.ids, [lang]);
    return f;
  };
  const asked = articles.flatMap((a) => [a.title, ...a.questions].map((text) => ({ text, lang: a.lang, id: a.id })));

  // The article classifier: one label per article, at any size (training samples the labels each example
  // meets, so its cost grows with the examples: src/intent/train.ts). An article with example questions is
  // learned from them and its title; one without, from its title, headings and first sentences. From text
  // alone a softmax is sure of anything (three title-only articles give an unrelated question 80% for one
  // of them), so search ranks and calibrates those; the classifier reorders search's hits and confirms its
  // best (src/bot/confirm.ts).
  const taught = new Set(articles.filter((a) => a.questions.length >= MIN_QUESTIONS).map((a) => a.id));
  const articleExamples: Example[] = asked.map((q) => ({ features: featuresOf(q.text, q.lang), label: q.id }));
  for (const a of articles) {
    if (taught.has(a.id)) continue;
    const headings = sections(a.body)
      .map((s) => s.heading)
      .filter(Boolean);
    // the first sentences, not a sample of all: an article's opening says what it is about (Binance dev: 53% right vs 50%)
    for (const text of [...headings, ...sentencesOf(a.body)].slice(0, TEXT_EXAMPLES)) articleExamples.push({ features: featuresOf(text, a.lang), label: a.id });
  }

  // The intent classifier: the conversational intents against ARTICLE_LABEL, an even sample of what
  // articles are asked and say (titles, questions, body sentences). Without the bodies a title-only help
  // center teaches "asks for a human" from hundreds of requests against a few titles. Its cost is flat.
  const intentExamples: Example[] = [];
  const ownIntentExamples: Example[] = [];
  const said = articles.flatMap((a) => sentencesOf(a.body).map((text) => ({ text, lang: a.lang })));
  // The lexicon's terms in every language are what exchange questions are made of: without them a Japanese
  // question on an English help center meets only Japanese greetings and requests for a human, and hands off.
  // People ("agent", "support") are left out: naming them is how users ask for a human.
  const lexicon = Object.entries(glossaryData)
    .filter(([concept]) => !PEOPLE.has(concept))
    .flatMap(([, terms]) => terms.map((text) => ({ text, lang: defaultLang, lexiconTerm: true })));
  for (const list of [asked, said, lexicon]) {
    // Sampled by each text's hash, not by its place: a term or an article added elsewhere leaves the rest of
    // the sample as it was (by place, one new lexicon term shifted every later one in or out of it, and that
    // alone moved requests for a human across their threshold).
    const step = Math.ceil(list.length / ARTICLE_LABEL_EXAMPLES);
    for (const q of list as { text: string; lang: string; lexiconTerm?: boolean }[])
      if (fnv1a(q.text) % step === 0) intentExamples.push({ features: featuresOf(q.text, q.lang, q.lexiconTerm), label: ARTICLE_LABEL });
  }
  for (const { text, lang } of framedQuestions(lexicon.map((t) => t.text))) intentExamples.push({ features: featuresOf(text, lang), label: ARTICLE_LABEL });
  const intents = mergeIntents(BUILTIN_INTENTS, source.intents);
  const replies: Record<string, Record<string, string>> = {};
  for (const [name, intent] of Object.entries(intents).sort(([a], [b]) => (a < b ? -1 : 1))) {
    // Every language's examples, not only the pack's: "转人工" hands off on an English-only help center.
    for (const [lang, texts] of Object.entries(intent.examples ?? {}).sort()) {
      for (const text of texts) {
        const e = { features: featuresOf(text, lang), label: '@' + name };
        intentExamples.push(e);
        // The article classifier meets the intents of the pack's own languages only: all twelve would take
        // probability from the articles of a one-language help center (all twelve cost BANKING77 10-shot another point).
        if (languages.includes(lang)) ownIntentExamples.push(e);
        // Languages without articles get a profile too, from these examples: a Spanish question on an
        // English help center is then read as Spanish (answered in English, with a note), not as English.
        // Traditional Chinese is told apart by its own articles only: a profile from chat phrases would
        // take Simplified questions from zh.
        if (languages.includes(lang) || lang !== 'zh-TW') (samples[lang] ??= []).push(text);
      }
    }
    const r = Object.fromEntries(Object.entries(intent.replies ?? {}).sort());
    if (Object.keys(r).length) replies[name] = r;
  }
  // The articles compete with everything else a message can be, the conversational intents: alone they
  // share all the probability, and answer "best pizza near me".
  if (articleExamples.length) articleExamples.push(...ownIntentExamples);
  progress(`training the classifiers on ${articleExamples.length} article and ${intentExamples.length} intent examples`);
  const trained = trainClassifier(articleExamples, options.train);
  const fromText = trained.labels.flatMap((label, i) => (label.startsWith('@') || taught.has(label) ? [] : [i]));
  const classifier: ClassifierData = fromText.length ? { ...trained, fromText } : trained;
  const intentClassifier = trainClassifier(intentExamples, { ...INTENT_TRAIN, ...options.train });
  // One question on its own: does the user ask for a person? In the intent model a request that also names
  // a problem splits its probability with ARTICLE_LABEL; here nothing competes with it.
  const asksForHuman = intentExamples.some((e) => e.label === '@human')
    ? trainClassifier(
        intentExamples.map((e) => ({ features: e.features, label: e.label === '@human' ? 'yes' : 'no' })),
        { ...ASKS_FOR_HUMAN_TRAIN, ...options.train },
      )
    : undefined;

  // Featured in one language is featured in all: each visitor loads only their language's articles.
  const featured = new Set(articles.filter((a) => a.featured).map((a) => a.id));
  // ranked among the articles that exist: a report may name some since deleted
  const ids = new Set(articles.map((a) => a.id));
  const rank = new Map((options.popular ?? []).filter((id) => ids.has(id)).map((id, i) => [id, i + 1]));
  const served: Article[] = articles.map(({ id, lang, title, category, tags, priority, url, body }) => ({
    id,
    lang,
    title,
    category,
    tags,
    ...(priority ? { priority } : {}),
    ...(url ? { url } : {}),
    ...(featured.has(id) ? { featured: true } : {}),
    ...(rank.has(id) ? { popular: rank.get(id) } : {}),
    body,
  }));
  const languageModel = trainLanguageModel(samples, glossary, languages);
  for (const { ids, text } of lexiconFeatures) record(ids, languagesWritingLike(text, languageModel, defaultLang));
  const data: PackData = {
    languages,
    defaultLang,
    articles: served,
    glossary: Glossary.compile(glossaryData),
    replies,
    // Every language the built-in intents speak: a Korean question on an English help center gets Korean sentences.
    messages: DEFAULT_MESSAGES,
    wordLists: BIP39_LISTS,
    languageModel,
    classifier,
    intents: intentClassifier,
    ...(asksForHuman ? { asksForHuman } : {}),
    indexes,
    settings: settingsOf(undefined, options.settings),
  };
  return data;
}

/**
 * The languages a lexicon term's features come from: the default language when the term is in its script
 * (the lexicon's Latin terms are untagged: en, es, pt, fr … alike), else the languages of the language
 * profiles written in the term's scripts (Han: Chinese and Japanese). A text of no script: the default language.
 */
function languagesWritingLike(text: string, model: LanguageModel, defaultLang: string): string[] {
  const family = (s: string | undefined) => (s === 'kana' ? 'han' : s);
  const scripts = Object.keys(countScripts(text)).map(family);
  if (!scripts.length || scripts.includes(family(model[defaultLang]?.script))) return [defaultLang];
  const langs = Object.keys(model).filter((l) => scripts.includes(family(model[l].script)));
  return langs.length ? langs : [defaultLang];
}
