import { LANG_PATTERN } from '../knowledge/article.js';

/** One message of the conversation, secrets already redacted. */
export interface Turn {
  role: 'user' | 'bot';
  text: string;
  /** ISO time */
  at: string;
  kind?: string;
  article?: string;
  lang?: string;
}

/** Everything a conversation remembers; plain JSON, so a page reload or another server can restore it. */
export interface ConversationState {
  v: 1;
  lang?: string;
  /** consecutive turns the bot could not answer */
  failures: number;
  turns: Turn[];
  handedOff?: boolean;
}

/** Turns kept: enough for an agent's context, bounded for sessionStorage. */
export const MAX_TURNS = 100;

export function emptyState(): ConversationState {
  return { v: 1, failures: 0, turns: [] };
}

/** Accepts a stored state only if it has the expected shape; anything else starts afresh. */
export function restoreState(value: unknown): ConversationState {
  const s = value as ConversationState;
  if (!s || s.v !== 1 || !Array.isArray(s.turns) || typeof s.failures !== 'number') return emptyState();
  const turns = s.turns.filter((t) => t && (t.role === 'user' || t.role === 'bot') && typeof t.text === 'string').slice(-MAX_TURNS);
  return { v: 1, lang: typeof s.lang === 'string' && LANG_PATTERN.test(s.lang) ? s.lang : undefined, failures: s.failures, turns, handedOff: !!s.handedOff };
}
