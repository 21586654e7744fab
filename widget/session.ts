import type { Reply } from 'helpline';
import type { AgentSaved, TextKey } from './agent-session.js';

/** One line of the visible conversation. */
export type Entry =
  | { id: number; role: 'user'; text: string }
  | {
      id: number;
      role: 'bot';
      reply: Reply;
      /** 👍, 👎 (its follow-up open), or 👎 with a comment sent */
      feedback?: 'up' | 'down' | 'commented';
      /** after a 👎: other articles for the same question */
      others?: { id: string; title: string }[];
      /** the whole article shown, not only its matching section */
      expanded?: boolean;
    }
  | { id: number; role: 'system'; text: string; key?: TextKey; values?: Record<string, string> }
  | { id: number; role: 'agent'; text: string; name?: string; avatar?: string };

/** What survives a page reload: the visible conversation and the bot's state. */
export interface Saved {
  entries: Entry[];
  state?: unknown;
  open?: boolean;
  handoff?: string;
  /** how far each handoff got (by id): sending, retrying, delivered, failed, or none (nowhere to send) */
  deliveries?: Record<string, string>;
  agent?: AgentSaved;
  /** the survey is waiting for an answer */
  survey?: boolean;
  /** the survey was shown in this conversation (answered or skipped): it is asked once */
  surveyed?: boolean;
  /** what the survey is about when no agent took part: the article the user marked solved */
  surveyTopic?: string;
}

/** sessionStorage can be missing, full or forbidden (privacy modes): then the conversation just isn't kept. */
export function loadSession(key: string): Saved | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    const saved = raw ? (JSON.parse(raw) as Saved) : undefined;
    return saved && Array.isArray(saved.entries) ? saved : undefined;
  } catch {
    return undefined;
  }
}

export function saveSession(key: string, saved: Saved): void {
  try {
    sessionStorage.setItem(key, JSON.stringify(saved));
  } catch {
    /* storage full or denied: keep chatting without persistence */
  }
}

export function removeSession(key: string): void {
  try {
    sessionStorage.removeItem(key);
  } catch {
    /* storage denied: nothing was kept */
  }
}
