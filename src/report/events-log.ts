/**
 * The analytics log (docs/analytics.md): JSON Lines of the bot's events, written by the host page or the
 * handoff server, read by `helpline report`.
 */

import { BOT_EVENTS } from '../bot/events.js';

/** The bot's events, and the survey's score that the widget adds. */
export const LOG_EVENT_TYPES = [...BOT_EVENTS, 'csat'] as const;
export type LogEventType = (typeof LOG_EVENT_TYPES)[number];

/** One line of the log: which event, when, in which conversation, and the bot's event payload. */
export interface LogEvent {
  type: LogEventType;
  /** ISO time */
  at: string;
  /** the conversation: one id per browser session (or per handoff when nothing better is known) */
  session: string;
  /** the payload of the bot event of this type, possibly slimmed (see docs/analytics.md) */
  data: Record<string, unknown>;
}

/** Parses a log; a line that is not a valid event is skipped and named, so one bad writer cannot hide the rest. */
export function parseEventLog(text: string): { events: LogEvent[]; skipped: { line: number; reason: string }[] } {
  const events: LogEvent[] = [];
  const skipped: { line: number; reason: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    if (!raw.trim()) return;
    const reason = check(raw, (e) => events.push(e));
    if (reason) skipped.push({ line: i + 1, reason });
  });
  return { events, skipped };
}

function check(raw: string, accept: (e: LogEvent) => void): string | undefined {
  let e: Partial<LogEvent>;
  try {
    e = JSON.parse(raw);
  } catch {
    return 'not valid JSON';
  }
  if (!e || typeof e !== 'object') return 'not an object';
  if (!LOG_EVENT_TYPES.includes(e.type as LogEventType)) return `unknown type ${JSON.stringify(e.type)}`;
  if (typeof e.at !== 'string' || Number.isNaN(Date.parse(e.at))) return '"at" is not an ISO time';
  if ((typeof e.session !== 'string' && typeof e.session !== 'number') || e.session === '') return '"session" is missing';
  if (!e.data || typeof e.data !== 'object') return '"data" is missing';
  accept({ type: e.type as LogEventType, at: new Date(e.at).toISOString(), session: String(e.session), data: e.data as Record<string, unknown> });
  return undefined;
}
