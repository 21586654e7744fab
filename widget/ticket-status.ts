/**
 * Tickets from the offline form, remembered so `Helpline.ticket(id)` can say where one stands later: still
 * waiting in the outbox, refused, or delivered, and then (with a relay or Chatwoot) whether an agent took it,
 * answered or closed it. Each ticket has a localStorage key of its own (`helpline:ticket:<id>`), like the outbox,
 * so tabs do not overwrite each other and the answer outlives the tab.
 */
import type { Delivery } from './handoff-outbox.js';
import type { LiveState } from './agent-session.js';
import type { ChatwootLink } from './chatwoot-link.js';

/** What `Helpline.ticket(id)` answers. */
export interface TicketStatus {
  id: string;
  /** how far its delivery got; `unknown`: this browser sent no ticket with that id */
  delivery: Delivery | 'unknown';
  /** where the conversation stands at the relay or in Chatwoot, when it answered */
  state?: LiveState;
  /** the agents' replies so far (untrusted text: show it as text) */
  replies?: { name?: string; text: string; at?: string }[];
  /** false when the relay or Chatwoot could not be asked just now (the rest is what this browser knows) */
  checked: boolean;
  sentAt?: string;
}

interface TicketRecord {
  id: string;
  sentAt: string;
  delivery: Delivery;
  relay?: { url: string; conversation: string; token: string };
  chatwoot?: ChatwootLink;
}

const key = (id: string) => `helpline:ticket:${id}`;

function read(id: string): TicketRecord | undefined {
  try {
    const r = JSON.parse(localStorage.getItem(key(id)) ?? 'null');
    return r && r.id === id ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Records a ticket when it is sent, and each step of its delivery. */
export function rememberTicket(id: string, patch: Partial<TicketRecord>): void {
  const r = { id, sentAt: new Date().toISOString(), delivery: 'sending' as Delivery, ...read(id), ...patch };
  try {
    localStorage.setItem(key(id), JSON.stringify(r));
  } catch {
    /* storage denied: ticket() will say unknown */
  }
}

/** Whether a ticket with this id was sent from this browser. */
export const isTicket = (id: string): boolean => Boolean(read(id));

/** Where a ticket stands: what this browser knows, then what the relay or Chatwoot says. */
export async function ticketStatus(id: string): Promise<TicketStatus> {
  const r = read(id);
  if (!r) return { id, delivery: 'unknown', checked: false };
  const known: TicketStatus = { id, delivery: r.delivery, sentAt: r.sentAt, checked: false };
  try {
    if (r.relay) {
      const res = await fetch(`${r.relay.url}/v1/conversations/${encodeURIComponent(r.relay.conversation)}`, { headers: { Authorization: `Bearer ${r.relay.token}` } });
      if (!res.ok) return known;
      const body = (await res.json()) as { state?: LiveState; events?: { type?: string; from?: string; name?: string; text?: string; at?: string }[] };
      const replies = (body.events ?? []).filter((e) => e.type === 'message' && e.from === 'agent' && typeof e.text === 'string').map((e) => ({ ...(e.name ? { name: e.name } : {}), text: e.text!, at: e.at }));
      return { ...known, state: body.state, replies, checked: true };
    }
    if (r.chatwoot) {
      const { conversationOf } = await import('./chatwoot-connector.js');
      const conv = await conversationOf(r.chatwoot);
      if (!conv) return known;
      const replies = (conv.messages ?? []).filter((m) => m.message_type === 1 && !m.private && m.content).map((m) => ({ ...(m.sender?.available_name || m.sender?.name ? { name: m.sender.available_name || m.sender.name } : {}), text: m.content!, ...(m.created_at ? { at: new Date(m.created_at * 1000).toISOString() } : {}) }));
      return { ...known, state: conv.status === 'resolved' ? 'closed' : replies.length ? 'connected' : 'queued', replies, checked: true };
    }
  } catch {
    /* offline, or the service is down: what is known */
  }
  return known;
}
