import type { Priority } from '../knowledge/article.js';
import type { SecretKind } from '../safety/redact.js';
import type { Turn } from './state.js';
import type { Section } from '../knowledge/sections.js';
import type { Rule } from './decide.js';
import type { Settings } from '../pack/settings.js';

export type ReplyKind = 'answer' | 'clarify' | 'fallback' | 'handoff' | 'smalltalk';

/** An article as a reply carries it. */
export interface ArticleRef {
  id: string;
  title: string;
  body: string;
  lang: string;
  category: string;
  /** the article's page on the help center (`url` front matter), when it has one */
  url?: string;
}

/** What the host page told the bot about the signed-in user (`identify()`). */
export interface UserContext {
  id?: string;
  email?: string;
  name?: string;
  vipLevel?: number;
  /** HMAC-SHA256 of `id` with the exchange's secret, computed by its server, so agents can trust `id`. */
  userHash?: string;
  [key: string]: unknown;
}

export type HandoffReason = 'requested' | 'repeated-failure' | 'frustration' | 'urgent-topic';

/** What a human agent receives. */
export interface Handoff {
  /** unique; also the idempotency key of the webhook delivery */
  id: string;
  reason: HandoffReason;
  priority: Priority;
  /** team hint from the topic's category (security, deposits, kyc …) */
  team: string;
  lang: string;
  /** the article the conversation is about, if any */
  topic?: string;
  /** secrets redacted */
  transcript: Turn[];
  user?: UserContext;
  /** false outside business hours: the handoff becomes a ticket */
  live: boolean;
  createdAt: string;
}

/** The bot's answer to one message. */
export interface Reply {
  kind: ReplyKind;
  /** what to show: the article's Markdown for answers, else a sentence */
  text: string;
  /** the language of the question and of the reply */
  lang: string;
  /** 0–1: how sure the bot is of its choice */
  confidence: number;
  article?: ArticleRef;
  /** the part of the article that answers the question, when the article has sections and one matches */
  section?: Section;
  /** the conversational intent answered (kind `smalltalk`): greeting, thanks, goodbye or a custom one */
  intent?: string;
  suggestions?: { id: string; title: string }[];
  /** set when this turn handed off (a request, an urgent topic, frustration) */
  handoff?: Handoff;
  /** true when the bot suggests talking to a person */
  offerHuman?: boolean;
  /** a note to show above the answer (language fallback, secrets removed) */
  notices: string[];
  /** kinds of secret removed from the user's message */
  redacted: SecretKind[];
  /** why the bot decided as it did, for previews and debugging */
  debug: {
    /** the policy rule that decided (src/bot/decide.ts) and the thresholds it compared against */
    rule?: Rule | 'shown' | 'empty' | 'error';
    thresholds?: Partial<Settings>;
    candidates: { label: string; p: number }[];
    searchTop?: string;
    detected: { lang: string; confident: boolean };
    asksForHuman?: number;
  };
}
