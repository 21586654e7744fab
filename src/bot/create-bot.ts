import { analyze, detectLanguage, Glossary } from '../text/index.js';
import { loadPack, type Pack } from '../knowledge/pack.js';
import { LANG_PATTERN, type Article, type Priority } from '../knowledge/article.js';
import { SearchIndex, type SearchHit } from '../search/search-index.js';
import { snippet, type Snippet } from '../search/snippet.js';
import { ARTICLE_LABEL, Classifier, type ClassifierData } from '../intent/classifier.js';
import { extractFeatures } from '../intent/features.js';
import { redactHead } from '../safety/redact.js';
import { useWordLists } from '../safety/mnemonic.js';
import { Emitter } from './events.js';
import { fill, languageName, messages as sentences } from './messages.js';
import { DEFAULT_SETTINGS, type Settings } from './settings.js';
import { emptyState, restoreState, MAX_TURNS, type ConversationState, type Turn } from './state.js';
import { isOpen, type BusinessHours } from './hours.js';
import { detectFrustration } from './frustration.js';
import type { ArticleRef, Handoff, HandoffReason, Reply, UserContext } from './reply.js';

/** Longest message the bot reads; the rest is cut so no input can make it slow. */
export const MAX_MESSAGE = 4000;

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

export interface BotEvents {
  [event: string]: unknown;
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
  on<K extends keyof BotEvents>(event: K, handler: (payload: BotEvents[K]) => void): () => void;
  /** The conversation so far, as plain JSON. */
  readonly state: ConversationState;
  /** Forgets the conversation. */
  reset(): void;
}

/**
 * Creates a bot over a pack (the object from `loadPack`, or its JSON text). Works in browsers and Node;
 * needs no DOM.
 */
export function createBot(source: Pack | string, options: BotOptions = {}): Bot {
  options = { ...options, lang: languageTag(options.lang) };
  const pack = typeof source === 'string' ? loadPack(source) : source;
  const engine = engineOf(pack);
  const { data, glossary, classifier, asksForHuman, index, byKey } = engine;
  const settings: Settings = { ...engine.settings, ...options.settings };
  const events = new Emitter<BotEvents>();
  const now = options.now ?? (() => new Date());
  let user: UserContext | undefined = options.user;
  let state = restoreState(options.state ?? emptyState());

  const articleIn = (id: string, lang: string) => byKey.get(`${lang}/${id}`) ?? byKey.get(`${data.defaultLang}/${id}`) ?? data.articles.find((a) => a.id === id);
  const ref = (a: Article): ArticleRef => ({ id: a.id, title: a.title, body: a.body, lang: a.lang, category: a.category });
  const messages = (lang: string) => sentences(lang, data.messages);
  const servedLang = (lang: string) => (data.languages.includes(lang) ? lang : data.defaultLang);

  function record(turn: Omit<Turn, 'at'>): Turn {
    const t: Turn = { ...turn, at: now().toISOString() };
    state.turns.push(t);
    if (state.turns.length > MAX_TURNS) state.turns.splice(0, state.turns.length - MAX_TURNS);
    events.emit('message', t);
    return t;
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

  function respond(raw: string, hint?: string): Reply {
    const { text, found } = redactHead(String(raw ?? ''), MAX_MESSAGE);
    const detected = detectLanguage(text, data.languageModel, { prior: hint ?? state.lang ?? options.lang, fallback: options.lang ?? data.defaultLang, glossary });
    const lang = detected.lang;
    if (detected.confident || !state.lang) state.lang = lang;
    const m = messages(lang);
    const notices = found.length ? [m.secretWarning] : [];
    record({ role: 'user', text, lang });
    const base = { lang, notices, redacted: found };

    if (!/[\p{L}\p{N}]/u.test(text)) {
      return { ...base, kind: 'fallback', text: m.empty, confidence: 0, debug: { candidates: [], detected } };
    }

    const analysis = analyze(text, lang, glossary);
    const features = extractFeatures(analysis);
    const predictions = classifier.predict(features);
    const wantsHuman = asksForHuman?.predict(features).find((p) => p.label === 'yes')?.p ?? 0;
    const searchLang = servedLang(lang);
    const hits: SearchHit[] = index(searchLang)?.search(text, { limit: 5 }) ?? [];
    const candidates = blend(predictions, hits, settings.search);
    const debug = { candidates: candidates.slice(0, 5), searchTop: hits[0]?.id, detected, asksForHuman: wantsHuman };
    const top = candidates[0];
    const frustrated = detectFrustration(raw, lang);

    // Asking for a person wins even when the message also names a problem ("withdrawal stuck, get me a
    // human"): the article it names routes the handoff instead of answering it.
    const human = candidates.find((c) => c.label === '@human');
    const articles = candidates.filter((c) => !c.label.startsWith('@'));
    if (wantsHuman >= settings.asksForHuman || (human && human.p >= settings.human && human.p >= top.p * 0.4)) {
      const topic = articles[0] && articles[0].p >= settings.clarify ? articleIn(articles[0].label, searchLang) : undefined;
      const handoff = makeHandoff(frustrated ? 'frustration' : 'requested', topic);
      return { ...base, kind: 'handoff', text: data.replies.human?.[lang] ?? m.handoff, confidence: Math.max(wantsHuman, human?.p ?? 0), handoff, debug };
    }
    if (top.label.startsWith('@') && top.p >= settings.intent) {
      const intent = top.label.slice(1);
      if (intent === 'greeting' || intent === 'thanks' || intent === 'goodbye') {
        return { ...base, kind: 'smalltalk', text: data.replies[intent]?.[lang] ?? m[intent], confidence: top.p, debug };
      }
    }

    const best = articles[0];
    const declined = top.label === '@out-of-scope' && top.p >= settings.intent;
    if (!declined && best && best.p >= settings.answer) return answerWith(articleIn(best.label, searchLang)!, lang, best.p, base, debug, frustrated);

    state.failures++;
    const offerHuman = frustrated || state.failures >= settings.failuresBeforeHuman;
    const suggestions = declined ? [] : articles.filter((c) => c.p >= settings.clarify).slice(0, 3);
    if (suggestions.length) {
      return {
        ...base,
        kind: 'clarify',
        text: m.clarify + (offerHuman ? ' ' + m.offerHuman : ''),
        confidence: best.p,
        suggestions: suggestions.map((s) => {
          const a = articleIn(s.label, searchLang)!;
          return { id: a.id, title: a.title };
        }),
        offerHuman,
        debug,
      };
    }
    return { ...base, kind: 'fallback', text: m.fallback + (offerHuman ? ' ' + m.offerHuman : ''), confidence: best?.p ?? 0, offerHuman, debug };
  }

  /** An answer with a known article: the policy's answer branch, shared by `ask` and `show`. */
  function answerWith(article: Article, lang: string, confidence: number, base: Pick<Reply, 'lang' | 'notices' | 'redacted'>, debug: Reply['debug'], frustrated = false): Reply {
    state.failures = 0;
    const m = messages(lang);
    if (article.lang !== lang) base.notices.push(fill(m.notInLanguage, { lang: languageName(article.lang, lang) }));
    const reply: Reply = { ...base, kind: 'answer', text: article.body, confidence, article: ref(article), debug };
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

  const bot: Bot = {
    pack,
    async show(id) {
      const lang = state.lang ?? options.lang ?? data.defaultLang;
      const article = articleIn(String(id), servedLang(lang));
      if (!article) return bot.ask(String(id));
      record({ role: 'user', text: article.title, lang });
      return finish(answerWith(article, lang, 1, { lang, notices: [], redacted: [] }, { candidates: [], detected: { lang, confident: true } }));
    },
    async ask(text, opts) {
      let reply: Reply;
      try {
        reply = respond(text, languageTag(opts?.lang));
      } catch (e) {
        // A bug must not end the user's conversation: answer with the way to a human instead.
        console.error('helpline: ask failed', e);
        const lang = state.lang ?? options.lang ?? data.defaultLang;
        reply = { kind: 'fallback', text: messages(lang).fallback + ' ' + messages(lang).offerHuman, lang, confidence: 0, offerHuman: true, notices: [], redacted: [], debug: { candidates: [], detected: { lang, confident: false } } };
      }
      return finish(reply);
    },
    feedback(article, helpful, comment) {
      const redacted = comment === undefined ? undefined : redactHead(comment, MAX_MESSAGE).text;
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
      const q = redactHead(String(query ?? ''), MAX_MESSAGE).text;
      const lang = servedLang(opts.lang ?? detectLanguage(q, data.languageModel, { prior: state.lang ?? options.lang, fallback: data.defaultLang, glossary }).lang);
      const filter = opts.category ? (id: string) => articleIn(id, lang)?.category === opts.category : undefined;
      return (index(lang)?.search(q, { limit: opts.limit ?? 5, filter }) ?? []).map((h) => {
        const a = articleIn(h.id, lang)!;
        return { id: a.id, title: a.title, category: a.category, lang: a.lang, score: h.score, snippet: snippet(a.body, h.terms, lang, glossary) };
      });
    },
    suggest(partial, opts = {}) {
      const q = String(partial ?? '').slice(0, 200);
      const lang = servedLang(opts.lang ?? state.lang ?? options.lang ?? data.defaultLang);
      return (index(lang)?.search(q, { limit: opts.limit ?? 5, prefix: true }) ?? []).map((h) => {
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
  asksForHuman?: Classifier;
  index(lang: string): SearchIndex | undefined;
  byKey: Map<string, Article>;
}

const engines = new WeakMap<Pack, Engine>();

function engineOf(pack: Pack): Engine {
  const data = pack.data;
  // Registered on every bot, not once per engine: pages and servers may hold bots of several packs.
  if (data.wordLists) useWordLists(data.wordLists);
  let engine = engines.get(pack);
  if (engine) return engine;
  const glossary = new Glossary(data.glossary);
  const indexes = new Map<string, SearchIndex>();
  engine = {
    data,
    settings: { ...DEFAULT_SETTINGS, ...data.settings },
    glossary,
    classifier: new Classifier(data.classifier as ClassifierData),
    asksForHuman: data.asksForHuman ? new Classifier(data.asksForHuman as ClassifierData) : undefined,
    // Indexes load on first use: a conversation in one language never pays for the others.
    index(lang) {
      let i = indexes.get(lang);
      if (!i && data.indexes[lang]) indexes.set(lang, (i = SearchIndex.load(lang, JSON.parse(data.indexes[lang]), glossary)));
      return i;
    },
    byKey: new Map(data.articles.map((a) => [`${a.lang}/${a.id}`, a])),
  };
  engines.set(pack, engine);
  return engine;
}

/**
 * One ranking from the classifier's probabilities and the search hits: an article that search also ranks
 * high gains up to `weight` of the probability mass, so the two must agree for high confidence.
 */
function blend(predictions: { label: string; p: number }[], hits: SearchHit[], weight: number): { label: string; p: number }[] {
  const about = predictions.find((c) => c.label === ARTICLE_LABEL);
  if (about && hits.length) {
    // A pack too large for a label per article: the classifier says "a question about an article", and
    // search shares that probability among its hits by score, so close hits clarify and a clear one answers.
    const total = hits.reduce((sum, h) => sum + h.score, 0);
    const ranked = hits.map((h) => ({ label: h.id, p: (about.p * h.score) / total }));
    return [...predictions.filter((c) => c !== about), ...ranked].sort((a, b) => b.p - a.p);
  }
  if (!weight || !hits.length) return predictions;
  const top = hits[0].score;
  const support = new Map(hits.map((h) => [h.id, h.score / top]));
  return predictions
    .map(({ label, p }) => ({ label, p: (1 - weight) * p + weight * (support.get(label) ?? 0) * (label.startsWith('@') ? 0 : 1) }))
    .sort((a, b) => b.p - a.p);
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
