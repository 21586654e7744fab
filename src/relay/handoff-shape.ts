/**
 * The relay's checks on what a widget POSTs: only the fields of a Handoff, each checked and bounded, and
 * every text a person wrote redacted again on arrival, before it is cut (a secret split by the cut would
 * escape the redaction): an outdated or modified client may have sent it as it was typed.
 */
import { redactSecrets } from '../safety/redact.js';

const REASONS = new Set(['requested', 'repeated-failure', 'frustration', 'urgent-topic']);
const PRIORITIES = new Set(['urgent', 'high', 'normal']);
export const MAX_TURNS = 200;
export const MAX_TEXT = 8000;

export interface CleanHandoff {
  id: string;
  reason: string;
  priority: string;
  team: string;
  lang: string;
  topic?: string;
  transcript: { role: 'user' | 'bot'; text: string; at?: string; kind?: string; article?: string; lang?: string }[];
  user?: { id?: string; email?: string; name?: string; vipLevel?: number };
  live: boolean;
  createdAt?: string;
  ticket?: { email: string; description: string };
}

/** NUL characters dropped: PostgreSQL's text and jsonb cannot hold them, so a write with one would be refused. */
const noNul = (s: string) => s.replace(/\u0000/g, '');

/** A person's text, redacted, then bounded. */
export function cleanText(v: unknown, max = MAX_TEXT): string | undefined {
  return typeof v === 'string' ? redactSecrets(noNul(v)).text.slice(0, max) : undefined;
}

/** A field the software wrote (ids, codes, dates): bounded only. */
const field = (v: unknown, max: number) => (typeof v === 'string' ? noNul(v).slice(0, max) : undefined);

/** The handoff, or a sentence saying which field is wrong. */
export function cleanHandoff(raw: unknown): CleanHandoff | string {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return 'the body must be a handoff object';
  const r = raw as Record<string, any>;
  if (typeof r.id !== 'string' || !/^[\w-]{1,100}$/.test(r.id)) return "'id' must be a string of letters, digits, '-' or '_'";
  if (!REASONS.has(r.reason)) return `'reason' must be one of ${[...REASONS].join(', ')}`;
  if (!PRIORITIES.has(r.priority)) return `'priority' must be one of ${[...PRIORITIES].join(', ')}`;
  if (!Array.isArray(r.transcript)) return "'transcript' must be a list of turns";
  const transcript = r.transcript
    .slice(-MAX_TURNS)
    .flatMap((t: any) =>
      t && (t.role === 'user' || t.role === 'bot') && typeof t.text === 'string'
        ? [{ role: t.role, text: cleanText(t.text)!, at: field(t.at, 40), kind: field(t.kind, 20), article: field(t.article, 100), lang: field(t.lang, 20) }]
        : [],
    );
  const u = r.user && typeof r.user === 'object' ? r.user : undefined;
  // userHash is never stored: whoever reads the store could replay it.
  const user = u && {
    id: field(u.id, 200),
    email: field(u.email, 320),
    name: cleanText(u.name, 200),
    vipLevel: Number.isFinite(u.vipLevel) ? u.vipLevel : undefined,
  };
  const t = r.ticket && typeof r.ticket === 'object' ? r.ticket : undefined;
  if (t && (typeof t.email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(t.email))) return "'ticket.email' must be an email address";
  return {
    id: r.id,
    reason: r.reason,
    priority: r.priority,
    team: field(r.team, 60) ?? 'general',
    lang: field(r.lang, 20) ?? 'en',
    topic: field(r.topic, 100),
    transcript,
    ...(user ? { user } : {}),
    live: r.live !== false,
    createdAt: field(r.createdAt, 40),
    ...(t ? { ticket: { email: t.email.slice(0, 320), description: cleanText(t.description) ?? '' } } : {}),
  };
}
