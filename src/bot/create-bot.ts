import { analyze, detectLanguage, Glossary, type Analysis } from '../text/index.js';
import { searchConfidence } from '../search/confidence.js';
import { searchTerms } from '../search/search-index.js';
import { decide, type Candidate } from './decide.js';
import { bestSection } from './best-section.js';
import { loadPack, type Pack } from '../pack/pack.js';
import { LANG_PATTERN, type Article, type Priority } from '../knowledge/article.js';
import { SearchIndex, type SearchHit, type SearchMode } from '../search/search-index.js';
import { confirm } from './confirm.js';
import { snippet, type Snippet } from '../search/snippet.js';
import { ARTICLE_LABEL, Classifier, type StoredClassifier } from '../intent/classifier.js';
import { extractFeatures, type Features } from '../intent/features.js';
import { createRedactor, redactHead, type ConversationRedaction } from '../safety/redact.js';
import { Emitter } from './events.js';
import { runInTasks } from '../util/tasks.js';
import { fill, languageName, messages as sentences } from '../pack/messages.js';
import { settingsOf, type Settings } from '../pack/settings.js';
import { emptyState, restoreState, MAX_TURNS, type ConversationState, type Turn } from './state.js';
import { checkHours, isOpen, type BusinessHours } from './hours.js';
import { detectFrustration } from './frustration.js';
import { asksToShareSecret, preparingCues, scamArticle } from '../safety/phishing.js';
import { adoptingOfficialLists } from '../safety/word-lists.js';
import type { ArticleRef, Handoff, HandoffReason, Reply, UserContext } from './reply.js';

/** Longest message the bot reads; the rest is cut so no input can make it slow. */
export const MAX_MESSAGE = 4000;
/**
 * How much of a message the bot reads to answer it (all of it up to MAX_MESSAGE is redacted and recorded).
 * A question is short; what follows 500 characters is a pasted log or a wall of text, and reading it
 * all costs 30–40× a question (bench/RESULTS.md, slow inputs).
 */
const MAX_READ = 500;
/** The classifier's best articles that compete with search's hits: more than the policy ever looks at. */
const CLASSIFIED_CANDIDATES = 20;

export interface BotOptions {
  /** The page's or user's language: decides short or mixed questions. */
  lang?: string;
  /** A state saved from `bot.state`, to continue a conversation. */
  state?: unknown;
  /** The signed-in user, as the host page knows them. */
  user?: UserContext;
  /** When humans answer; outside these hours handoffs become tickets. */
  hours?: BusinessHours;
  /** VIP level at which a handoff's priority goes up one step. */
  vipLevel?: number;
  /** Overrides of the pack's answer thresholds, e.g. to calibrate them with `helpline eval --answer`. */
  settings?: Partial<Settings>;
  /** Clock, for tests. */
  now?: () => Date;
}

/** The bot's events and what each carries: no index signature, so `bot.on('answr', …)` does not compile. */
export interface BotEvents {
  message: Turn;
  answer: { question: string; reply: Reply };
  clarify: { question: string; reply: Reply };
  unanswered: { question: string; lang: string; reply: Reply };
  handoff: Handoff;
  feedback: { article: string; helpful: boolean; lang: string; comment?: string; at: string };
}

/** A search result for a help-center search box. */
export interface FoundArticle {
  id: string;
  title: string;
  category: string;
  lang: string;
  score: number;
  snippet: Snippet;
}

/** A conversation with the knowledge base. Create one per user conversation. */
export interface Bot {
  readonly pack: Pack;
  /** Answers one message. Never throws: bad input gets a fallback reply. */
  ask(text: string, options?: { lang?: string }): Promise<Reply>;
  /** Answers with one article, e.g. when the user picks a "did you mean" suggestion. */
  show(id: string): Promise<Reply>;
  /** The user's verdict on an answer (👍/👎). */
  feedback(article: string, helpful: boolean, comment?: string): void;
  /** Hands the conversation to a human now (e.g. the widget's "Talk to a human" button). */
  handoff(reason?: HandoffReason): Handoff;
  /** Tells the bot who the user is; handoffs carry it. */
  identify(user: UserContext): void;
  /** Articles matching a query, with snippets. */
  search(query: string, options?: { lang?: string; limit?: number; category?: string }): FoundArticle[];
  /** Articles for a search-as-you-type box: the last word counts as a prefix. */
  suggest(partial: string, options?: { lang?: string; limit?: number }): { id: string; title: string }[];
  /**
   * Readies answering in `lang` (default: the conversation's): a pack folder's part for it downloaded, its
   * search index loaded. Otherwise the first question pays for both; call it while the page is idle.
   */
  prepare(lang?: string): Promise<void>;
  on<K extends keyof BotEvents>(event: K, handler: (payload: BotEvents[K]) => void): () => void;
  /** The conversation so far, as plain JSON. */
  readonly state: ConversationState;
  /** Forgets the conversation. */
  reset(): void;
}

/**
 * Creates a bot over a pack (the object from `loadPack`, or its JSON text). Works in browsers and Node;
 * needs no DOM. One bot is one conversation: create one per user.
 *
 * @example
 * ```ts
 * import { createBot, loadPack } from 'helpline';
 * const bot = createBot(loadPack(await (await fetch('/help/pack.json')).text()));
 * bot.on('handoff', (h) => sendToHelpdesk(h)); // redacted transcript, topic, priority
 * const reply = await bot.ask('提币手续费是多少？');
 * reply.kind; // 'answer' | 'clarify' | 'fallback' | 'handoff' | 'smalltalk'
 * reply.text; // in the question's language
 * ```
 */
export function createBot(source: Pack | string, options: BotOptions = {}): Bot {
  options = { ...options, lang: languageTag(options.lang) };
  const badHours = options.hours === undefined ? undefined : checkHours(options.hours);
  if (badHours) throw new TypeError(`createBot: hours ${badHours}`);
  const pack = typeof source === 'string' ? loadPack(source) : source;
  const engine = engineOf(pack);
  const { data, glossary, classifier, intentClassifier, asksForHuman, index, byKey, answerable } = engine;
  // The articles the classifier learned from example questions speak with its probability; those it learned
  // from their text, with search's (src/bot/confirm.ts).
  const taught = new Set(classifier.labels.filter((l) => !l.startsWith('@') && !classifier.fromText.has(l)));
  const readsText = classifier.fromText.size > 0;
  const settings: Settings = settingsOf(engine.settings, options.settings);
  const events = new Emitter<BotEvents>();
  const now = options.now ?? (() => new Date());
  let user: UserContext | undefined = options.user;
  let state = restoreState(options.state ?? emptyState());
  // One per conversation: a seed phrase split over two messages is caught, and the earlier part re-masked.
  const redactor = createRedactor({ wordLists: data.wordLists });
  /** While an answer may still need another language's files, its turns are held back, not emitted. */
  let held: Turn[] | undefined;

  const articleIn = (id: string, lang: string) =>
    byKey.get(`${lang}/${id}`) ?? byKey.get(`${data.defaultLang}/${id}`) ?? data.articles.find((a) => a.id === id);
  const ref = (a: Article): ArticleRef => ({ id: a.id, title: a.title, body: a.body, lang: a.lang, category: a.category, ...(a.url ? { url: a.url } : {}) });
  const messages = (lang: string) => sentences(lang, data.messages);
  const servedLang = (lang: string) => (data.languages.includes(lang) ? lang : data.defaultLang);

  function record(turn: Omit<Turn, 'at'>): Turn {
    const t: Turn = { ...turn, at: now().toISOString() };
    state.turns.push(t);
    if (state.turns.length > MAX_TURNS) state.turns.splice(0, state.turns.length - MAX_TURNS);
    if (held) held.push(t);
    else events.emit('message', t);
    return t;
  }

  /** The user's message before this one, masked again: it held the first part of a seed phrase. */
  function forgetPrevious(text: string): void {
    const turn = state.turns.findLast((t) => t.role === 'user');
    if (turn) turn.text = text;
  }

  function makeHandoff(reason: HandoffReason, topic?: Article, basePriority: Priority = 'normal'): Handoff {
    let priority = basePriority;
    if (reason === 'frustration' && priority === 'normal') priority = 'high';
    if (user?.vipLevel !== undefined && user.vipLevel >= (options.vipLevel ?? 1)) priority = priority === 'normal' ? 'high' : 'urgent';
    state.handedOff = true;
    return {
      id: randomId(),
      reason,
      priority,
      team: topic?.category ?? lastTopic()?.category ?? 'general',
      lang: state.lang ?? data.defaultLang,
      topic: topic?.id ?? lastTopic()?.id,
      transcript: state.turns.map((t) => ({ ...t })),
      ...(user ? { user: { ...user } } : {}),
      live: options.hours ? isOpen(options.hours, now()) : true,
      createdAt: now().toISOString(),
    };
  }

  function lastTopic(): Article | undefined {
    for (let i = state.turns.length - 1; i >= 0; i--) {
      const t = state.turns[i];
      if (t.article) return articleIn(t.article, t.lang ?? data.defaultLang);
    }
    return undefined;
  }

  function respond(redaction: ConversationRedaction, hint?: string): Reply {
    const { text, found, previous: earlier } = redaction;
    if (earlier !== undefined) forgetPrevious(earlier);
    const read = headOf(text, MAX_READ);
    let detected = detectLanguage(read, data.languageModel, {
      prior: hint ?? state.lang ?? options.lang,
      fallback: hint ?? options.lang ?? data.defaultLang,
      glossary,
    });
    // The page said which language its visitor reads: a message that says nothing else ("usdt trc20?") is
    // answered in it, whatever the script; a message clearly in another language still gets that language.
    if (!detected.confident && hint && data.languages.includes(hint)) detected = { ...detected, lang: hint };
    const lang = detected.lang;
    engine.need(lang);
    if (detected.confident || !state.lang) state.lang = lang;
    const m = messages(lang);
    const notices = found.length ? [m.secretWarning] : [];
    record({ role: 'user', text, lang });
    const base = { lang, notices, redacted: found };

    if (!/[\p{L}\p{N}]/u.test(text)) {
      return { ...base, kind: 'fallback', text: m.empty, confidence: 0, debug: { rule: 'empty', candidates: [], detected } };
    }

    const analysis = analyze(read, lang, glossary);
    const features = extractFeatures(analysis);
    const intents = intentClassifier.predict(features).map((c) => ({ name: c.label.slice(1), p: c.p }));
    const wantsHuman = asksForHuman?.predict(features).find((p) => p.label === 'yes')?.p ?? 0;
    const frustrated = detectFrustration(read, lang);
    const phishing = asksToShareSecret(analysis);
    if (phishing) notices.push(m.phishingWarning);

    let ranking = rank(read, lang, analysis, features);
    // A short message after an answer ("how long does it take?", "а сроки?") is read with the question
    // that led to it, when that reading is confident: a short question alone matches some article's
    // wording ("how long…") without being about it. A longer, clear new question is read alone.
    const previous = lastQuestion();
    let followUp = false;
    if (previous && searchTerms(analysis, lang).length <= settings.followUpTerms) {
      const together = `${read}\n${read}\n${headOf(previous, MAX_READ)}`;
      const both = analyze(together, lang, glossary);
      const combined = rank(together, lang, both, extractFeatures(both));
      if ((combined.articles[0]?.p ?? 0) >= settings.answer) {
        ranking = combined;
        followUp = true;
      }
    }
    const { articles, searchLang } = ranking;
    const guard = phishing ? (engine.guardArticle(servedLang(lang)) ?? engine.guardArticle(data.defaultLang)) : undefined;
    const decision = decide(
      { articles, intents, wantsHuman, frustrated, failures: state.failures, followUp, answerable, phishing, guardArticle: guard?.id },
      settings,
    );
    const debug: Reply['debug'] = {
      rule: decision.rule,
      thresholds: decision.thresholds,
      candidates: [
        ...articles.slice(0, 5).map((a) => ({ label: a.id, p: a.p })),
        ...intents
          .filter((i) => '@' + i.name !== ARTICLE_LABEL)
          .slice(0, 3)
          .map((i) => ({ label: '@' + i.name, p: i.p })),
      ].sort((a, b) => b.p - a.p),
      searchTop: ranking.searchTop,
      detected,
      asksForHuman: wantsHuman,
    };

    switch (decision.action) {
      case 'handoff': {
        const topic = decision.article ? articleIn(decision.article, searchLang) : undefined;
        const handoff = makeHandoff(frustrated ? 'frustration' : 'requested', topic);
        return { ...base, kind: 'handoff', text: data.replies.human?.[lang] ?? m.handoff, confidence: decision.confidence, handoff, debug };
      }
      case 'smalltalk': {
        const name = decision.intent!;
        const text =
          data.replies[name]?.[lang] ??
          data.replies[name]?.[data.defaultLang] ??
          m[name as 'greeting'] ??
          Object.values(data.replies[name] ?? {})[0] ??
          m.fallback;
        return { ...base, kind: 'smalltalk', text, confidence: decision.confidence, intent: name, debug };
      }
      case 'answer':
        return answerWith(
          decision.rule === 'phishing-guard' ? guard! : articleIn(decision.article!, searchLang)!,
          lang,
          decision.confidence,
          base,
          debug,
          frustrated,
          ranking.terms,
        );
    }
    state.failures++;
    const offer = decision.offerHuman ? ' ' + m.offerHuman : '';
    if (decision.action === 'clarify') {
      const suggestions = decision.suggestions!.map((id) => {
        const a = articleIn(id, searchLang)!;
        return { id: a.id, title: a.title };
      });
      return { ...base, kind: 'clarify', text: m.clarify + offer, confidence: decision.confidence, suggestions, offerHuman: decision.offerHuman, debug };
    }
    return { ...base, kind: 'fallback', text: m.fallback + offer, confidence: decision.confidence, offerHuman: decision.offerHuman, debug };
  }

  /**
   * Article candidates for a text: search in the question's language, and where that language lacks
   * articles (or has none at all), in the default language through the terms both share (glossary
   * concepts, tickers, product names). Articles the classifier learned keep its probability; search's
   * calibrated confidence speaks for the others.
   */
  function rank(text: string, lang: string, analysis: Analysis, features: Features) {
    const predictions = classifier.predict(features, CLASSIFIED_CANDIDATES);
    const own = servedLang(lang) === lang;
    const searchIn = (l: string, mode: SearchMode) => {
      const found = confirm(index(l)?.search(text, { limit: 5, mode, lang, analysis }) ?? [], predictions, readsText ? settings.reread : 0);
      return { ...found, p: searchConfidence(found.hits), lang: l, mode };
    };
    let found = searchIn(own ? lang : data.defaultLang, own ? 'same' : 'cross');
    if (own && lang !== data.defaultLang && (found.p[0] ?? 0) < settings.answer) {
      // A partly translated help center: the default language may have the article this one lacks
      // (looked for only when this language has no confident answer: every search costs).
      const other = searchIn(data.defaultLang, 'cross');
      if ((other.p[0] ?? 0) > (found.p[0] ?? 0) && !byKey.has(`${lang}/${other.hits[0].id}`)) found = other;
    }
    const { hits, p } = found;
    // An article the classifier learned from example questions gets its probability, with search
    // agreement; search's calibrated confidence speaks for the articles learned from their text, and the
    // classifier says whether it reads the question as about the same one.
    // Search is the weaker judge where questions exist (BANKING77: 89% → 83% if it may outvote them).
    const articles = new Map<string, Candidate>();
    const coverage = new Map(hits.map((h) => [h.id, h.coverage]));
    hits.forEach(
      (h, i) =>
        taught.has(h.id) ||
        articles.set(h.id, {
          id: h.id,
          p: p[i],
          coverage: h.coverage,
          ...(readsText ? { agreed: h.id === found.best, ...(found.mode === 'cross' ? { crossLanguage: true } : {}) } : {}),
        }),
    );
    for (const c of blend(predictions, hits, settings.search, taught)) articles.set(c.label, { id: c.label, p: c.p, coverage: coverage.get(c.label) ?? 0 });
    const ranked = [...articles.values()].sort((a, b) => b.p - a.p);
    return { articles: ranked, searchLang: found.lang, searchTop: hits[0]?.id, terms: hits[0]?.terms ?? [] };
  }

  /**
   * Goes through the steps of answering once on an article title of the language, in steps: the first
   * question would otherwise compile and fill the caches of all of them in one go, a long task on a slow phone
   * (bench/RESULTS.md, the widget). Nothing is recorded.
   */
  function* warmingUp(lang: string): Generator<void, void> {
    const article = data.articles.find((a) => a.lang === lang);
    if (!article) return;
    const text = article.title;
    try {
      yield* adoptingOfficialLists(data.wordLists);
      redactHead(text, MAX_MESSAGE, { wordLists: data.wordLists });
      yield;
      detectLanguage(text, data.languageModel, { prior: lang, fallback: lang, glossary });
      yield;
      const analysis = analyze(text, lang, glossary);
      const features = extractFeatures(analysis);
      yield;
      intentClassifier.predict(features);
      asksForHuman?.predict(features);
      yield;
      detectFrustration(text, lang);
      yield* preparingCues();
      yield;
      const { terms } = rank(text, lang, analysis, features);
      yield;
      bestSection(article, terms, glossary);
    } catch {
      // the question itself will say what went wrong
    }
  }

  /** The user's message that the last answer answered, for follow-up questions. */
  function lastQuestion(): string | undefined {
    // The current message is already recorded: look before it.
    for (let i = state.turns.length - 2; i > 0; i--) {
      const t = state.turns[i];
      if (t.role === 'bot') return t.kind === 'answer' && state.turns[i - 1].role === 'user' ? state.turns[i - 1].text : undefined;
    }
    return undefined;
  }

  /** An answer with a known article: the policy's answer branch, shared by `ask` and `show`. */
  function answerWith(
    article: Article,
    lang: string,
    confidence: number,
    base: Pick<Reply, 'lang' | 'notices' | 'redacted'>,
    debug: Reply['debug'],
    frustrated = false,
    terms: string[] = [],
  ): Reply {
    state.failures = 0;
    const m = messages(lang);
    if (article.lang !== lang) base.notices.push(fill(m.notInLanguage, { lang: languageName(article.lang, lang) }));
    const section = bestSection(article, terms, glossary);
    const reply: Reply = { ...base, kind: 'answer', text: article.body, confidence, article: ref(article), ...(section ? { section } : {}), debug };
    if (article.priority === 'urgent') {
      base.notices.push(m.handoffUrgent);
      reply.handoff = makeHandoff('urgent-topic', article, 'urgent');
    } else if (frustrated) {
      reply.offerHuman = true;
    }
    return reply;
  }

  function finish(reply: Reply): Reply {
    record({ role: 'bot', text: reply.kind === 'answer' ? reply.article!.title : reply.text, kind: reply.kind, article: reply.article?.id, lang: reply.lang });
    const question = state.turns[state.turns.length - 2]?.text ?? '';
    if (reply.kind === 'answer') events.emit('answer', { question, reply });
    if (reply.kind === 'clarify') events.emit('clarify', { question, reply });
    if (reply.kind === 'fallback') events.emit('unanswered', { question, lang: reply.lang, reply });
    if (reply.handoff) events.emit('handoff', reply.handoff);
    return reply;
  }

  /** For the synchronous search box: a language or index not ready yet starts loading and finds nothing this time. */
  function loadedIndex(lang: string): SearchIndex | undefined {
    try {
      return index(lang);
    } catch (e) {
      if (!(e instanceof LanguageNeeded)) throw e;
      (e.index ? engine.buildIndex(e.lang) : pack.folder?.load(e.lang))?.catch(() => {});
      return undefined;
    }
  }

  const bot: Bot = {
    pack,
    async show(id) {
      const lang = state.lang ?? options.lang ?? data.defaultLang;
      await pack.folder?.load(servedLang(lang));
      const article = articleIn(String(id), servedLang(lang));
      if (!article) return bot.ask(String(id));
      record({ role: 'user', text: article.title, lang });
      return finish(answerWith(article, lang, 1, { lang, notices: [], redacted: [] }, { rule: 'shown', candidates: [], detected: { lang, confident: true } }));
    },
    async ask(text, opts) {
      let reply: Reply;
      try {
        // A pack folder loads a language, and a page builds a language's index, when a question first needs it:
        // the attempt is undone (state, held turns), the files load or the index builds, and the question is
        // answered again, as a single-file pack in Node would.
        // Redacted once, outside the attempts: the redactor remembers each message (a phrase sent in two).
        const redaction = redactor.redact(String(text ?? ''), MAX_MESSAGE);
        for (;;) {
          const before = JSON.stringify(state);
          held = [];
          try {
            reply = respond(redaction, languageTag(opts?.lang));
            break;
          } catch (e) {
            if (!(e instanceof LanguageNeeded) || !(e.index || pack.folder)) throw e;
            state = restoreState(JSON.parse(before));
            held = undefined;
            await (e.index ? engine.buildIndex(e.lang) : pack.folder!.load(e.lang));
          }
        }
        const turns = held;
        held = undefined;
        for (const t of turns) events.emit('message', t);
      } catch (e) {
        held = undefined;
        // A bug must not end the user's conversation: answer with the way to a human instead.
        console.error('helpline: ask failed', e);
        const lang = state.lang ?? options.lang ?? data.defaultLang;
        reply = {
          kind: 'fallback',
          text: messages(lang).fallback + ' ' + messages(lang).offerHuman,
          lang,
          confidence: 0,
          offerHuman: true,
          notices: [],
          redacted: [],
          debug: { rule: 'error', candidates: [], detected: { lang, confident: false } },
        };
      }
      return finish(reply);
    },
    feedback(article, helpful, comment) {
      const redacted = comment === undefined ? undefined : redactHead(comment, MAX_MESSAGE, { wordLists: data.wordLists }).text;
      events.emit('feedback', { article, helpful, lang: state.lang ?? data.defaultLang, ...(redacted ? { comment: redacted } : {}), at: now().toISOString() });
    },
    handoff(reason = 'requested') {
      const h = makeHandoff(reason);
      events.emit('handoff', h);
      return h;
    },
    identify(u) {
      user = { ...u };
    },
    search(query, opts = {}) {
      const q = redactHead(String(query ?? ''), MAX_MESSAGE, { wordLists: data.wordLists }).text;
      const lang = servedLang(
        opts.lang ?? detectLanguage(q, data.languageModel, { prior: state.lang ?? options.lang, fallback: data.defaultLang, glossary }).lang,
      );
      const filter = opts.category ? (id: string) => articleIn(id, lang)?.category === opts.category : undefined;
      return (loadedIndex(lang)?.search(q, { limit: opts.limit ?? 5, filter }) ?? []).map((h) => {
        const a = articleIn(h.id, lang)!;
        return { id: a.id, title: a.title, category: a.category, lang: a.lang, score: h.score, snippet: snippet(a.body, h.terms, lang, glossary) };
      });
    },
    async prepare(lang) {
      const served = servedLang(lang ?? state.lang ?? options.lang ?? data.defaultLang);
      await pack.folder?.load(served);
      await engine.buildIndex(served);
      await runInTasks(warmingUp(served));
    },
    suggest(partial, opts = {}) {
      const q = String(partial ?? '').slice(0, 200);
      const lang = servedLang(opts.lang ?? state.lang ?? options.lang ?? data.defaultLang);
      return (loadedIndex(lang)?.search(q, { limit: opts.limit ?? 5, prefix: true }) ?? []).map((h) => {
        const a = articleIn(h.id, lang)!;
        return { id: a.id, title: a.title };
      });
    },
    on: (event, handler) => events.on(event, handler),
    get state() {
      return JSON.parse(JSON.stringify(state)) as ConversationState;
    },
    reset() {
      state = emptyState();
      redactor.reset();
    },
  };
  return bot;
}

/** What a pack compiles to in memory; shared by every conversation on that pack. */
interface Engine {
  data: Pack['data'];
  settings: Settings;
  glossary: Glossary;
  classifier: Classifier;
  intentClassifier: Classifier;
  asksForHuman?: Classifier;
  /** In a page, throws LanguageNeeded (`index`) for an index not built yet: `buildIndex` builds it in tasks. */
  index(lang: string): SearchIndex | undefined;
  buildIndex(lang: string): Promise<void>;
  /** Throws LanguageNeeded when the pack is a folder and the part serving `lang` is not loaded yet. */
  need(lang: string): void;
  byKey: Map<string, Article>;
  /** intents the bot answers with a reply of their own */
  answerable: Set<string>;
  /** the article on scams and fake support in a language (looked up once per language) */
  guardArticle(lang: string): Article | undefined;
}

const engines = new WeakMap<Pack, Engine>();

/**
 * Thrown inside an answer when a pack folder's language must load first, or in a page when its index is not
 * built yet (`index`); `ask` loads or builds it and answers again.
 */
class LanguageNeeded extends Error {
  constructor(
    readonly lang: string,
    readonly index = false,
  ) {
    super(index ? `the search index of '${lang}' is not built yet` : `language '${lang}' is not loaded`);
  }
}

/** In a page an index builds in tasks (a long task otherwise, bench/RESULTS.md); elsewhere at once, when first used. */
const IN_A_PAGE = typeof document !== 'undefined';

function engineOf(pack: Pack): Engine {
  const data = pack.data;
  let engine = engines.get(pack);
  if (engine) return engine;
  const glossary = new Glossary(data.glossary);
  const indexes = new Map<string, SearchIndex>();
  const building = new Map<string, Promise<void>>();
  const guards = new Map<string, Article | undefined>();
  engine = {
    data,
    settings: settingsOf(data.settings),
    glossary,
    classifier: new Classifier(data.classifier as StoredClassifier),
    intentClassifier: new Classifier(data.intents as StoredClassifier),
    asksForHuman: data.asksForHuman ? new Classifier(data.asksForHuman as StoredClassifier) : undefined,
    // Indexes load on first use: a conversation in one language never pays for the others.
    index(lang) {
      if (pack.folder && data.languages.includes(lang)) engine!.need(lang);
      let i = indexes.get(lang);
      if (!i && data.indexes[lang]) {
        if (IN_A_PAGE) throw new LanguageNeeded(lang, true);
        indexes.set(lang, (i = SearchIndex.load(lang, data.indexes[lang], glossary)));
      }
      return i;
    },
    buildIndex(lang) {
      if (indexes.has(lang) || !data.indexes[lang]) return Promise.resolve();
      let p = building.get(lang);
      if (!p) {
        p = runInTasks(SearchIndex.loading(lang, data.indexes[lang], glossary))
          .then((i) => void indexes.set(lang, i))
          .finally(() => building.delete(lang));
        building.set(lang, p);
      }
      return p;
    },
    need(lang) {
      const part = pack.folder?.partFor(lang);
      if (part !== undefined && !pack.folder!.loaded.has(part)) throw new LanguageNeeded(part);
    },
    byKey: new Map(),
    answerable: new Set(['greeting', 'thanks', 'goodbye']),
    guardArticle(lang) {
      if (!guards.has(lang))
        guards.set(
          lang,
          scamArticle(
            data.articles.filter((a) => a.lang === lang),
            (t) => analyze(t, lang, glossary),
          ),
        );
      return guards.get(lang);
    },
  };
  const e = engine;
  const refresh = () => {
    guards.clear();
    for (const a of data.articles) e.byKey.set(`${a.lang}/${a.id}`, a);
    for (const n of Object.keys(data.replies)) if (n !== 'human' && n !== 'out-of-scope') e.answerable.add(n);
  };
  refresh();
  // A folder's next language adds articles, replies, glossary terms and classifier rows; every bot on this pack sees them.
  pack.folder?.onLoad(() => {
    refresh();
    e.glossary.load(data.glossary);
    e.classifier.load(data.classifier as StoredClassifier);
    e.intentClassifier.load(data.intents as StoredClassifier);
    if (data.asksForHuman) e.asksForHuman?.load(data.asksForHuman as StoredClassifier);
  });
  engines.set(pack, engine);
  return engine;
}

/**
 * The classifier's article probabilities with search agreement: an article that search also ranks high
 * gains up to `weight` of the probability mass, so the two must agree for high confidence.
 */
function blend(predictions: { label: string; p: number }[], hits: SearchHit[], weight: number, taught: ReadonlySet<string>): { label: string; p: number }[] {
  const articles = predictions.filter((c) => taught.has(c.label));
  if (!weight || !hits.length) return articles;
  const top = hits[0].score;
  const support = new Map(hits.map((h) => [h.id, h.score / top]));
  return articles.map(({ label, p }) => ({ label, p: (1 - weight) * p + weight * (support.get(label) ?? 0) }));
}

/** The first `n` UTF-16 units of a text, not splitting a surrogate pair. */
function headOf(text: string, n: number): string {
  if (text.length <= n) return text;
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** A language hint from the host page, or undefined when it is not a language tag ("", "__proto__"). */
function languageTag(lang: unknown): string | undefined {
  return typeof lang === 'string' && LANG_PATTERN.test(lang) ? lang : undefined;
}

function randomId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return 'h-' + Date.now().toString(36) + '-' + Math.random().toString(36).slice(2, 12);
}
