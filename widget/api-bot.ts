/**
 * A bot answered by `helpline api` (data-api): the same `Bot` interface the widget uses with a pack, over
 * `POST /v1/ask` (DESIGN.md "Answer API"). Text is redacted here, in the browser, before it leaves it; the
 * conversation state travels with each request and comes back with each reply, so the server keeps none.
 * No pack is downloaded: search-as-you-type has nothing to search and offers no suggestions.
 */
import { redactSecrets, type Bot, type BotEvents, type BotOptions, type Handoff, type HandoffReason, type Pack, type Reply, type UserContext } from 'helpline';
import type { ConversationState } from 'helpline';
import { Emitter, emptyState, messages, restoreState } from '../src/internal.js';
import { PACK_TIMEOUT_MS } from './fetch-text.js';

export function createApiBot(api: string, options: Pick<BotOptions, 'lang' | 'state' | 'user'> = {}): Bot {
  const url = new URL('v1/ask', api.endsWith('/') ? api : api + '/').href;
  const events = new Emitter<BotEvents>();
  let state: ConversationState = restoreState(options.state ?? emptyState());
  let user: UserContext | undefined = options.user;
  const lang = () => state.lang ?? options.lang ?? 'en';

  function finish(question: string, reply: Reply): Reply {
    for (const t of state.turns.slice(-2)) events.emit('message', t);
    if (reply.kind === 'answer') events.emit('answer', { question, reply });
    if (reply.kind === 'clarify') events.emit('clarify', { question, reply });
    if (reply.kind === 'fallback') events.emit('unanswered', { question, lang: reply.lang, reply });
    if (reply.handoff) events.emit('handoff', reply.handoff);
    return reply;
  }

  const bot: Bot = {
    // No pack in the browser: the server has it.
    pack: undefined as unknown as Pack,
    async ask(text, opts) {
      const { text: safe, found } = redactSecrets(String(text ?? ''));
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: safe, state, lang: opts?.lang ?? options.lang }),
          signal: AbortSignal.timeout(PACK_TIMEOUT_MS),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const body = (await res.json()) as { reply: Reply; state: unknown };
        state = restoreState(body.state);
        const reply = body.reply;
        // The server saw the text already redacted: the warning about what was removed is given here.
        if (found.length) reply.notices = [messages(reply.lang).secretWarning, ...reply.notices];
        reply.redacted = found;
        return finish(safe, reply);
      } catch (e) {
        console.error('helpline: the answer API did not answer', (e as Error).message);
        const m = messages(lang());
        return {
          kind: 'fallback',
          text: m.fallback + ' ' + m.offerHuman,
          lang: lang(),
          confidence: 0,
          offerHuman: true,
          notices: [],
          redacted: found,
          debug: { rule: 'error', candidates: [], detected: { lang: lang(), confident: false } },
        };
      }
    },
    // The API answers questions, not ids: a picked suggestion is asked by its id (its words find the article).
    show: async (id) => bot.ask(String(id)),
    feedback(article, helpful, comment) {
      events.emit('feedback', { article, helpful, lang: lang(), ...(comment ? { comment: redactSecrets(comment).text } : {}), at: new Date().toISOString() });
    },
    handoff(reason: HandoffReason = 'requested') {
      state.handedOff = true;
      const h: Handoff = {
        id: crypto.randomUUID(),
        reason,
        priority: 'normal',
        team: 'general',
        lang: lang(),
        topic: [...state.turns].reverse().find((t) => t.article)?.article,
        transcript: state.turns.map((t) => ({ ...t })),
        ...(user ? { user: { ...user } } : {}),
        live: true,
        createdAt: new Date().toISOString(),
      };
      events.emit('handoff', h);
      return h;
    },
    identify(u) {
      user = { ...u };
    },
    search: () => [],
    suggest: () => [],
    prepare: async () => {},
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
