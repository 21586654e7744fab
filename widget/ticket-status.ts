/**
 * `Helpline.ticket(id)`: where a ticket from the offline form stands — still waiting in the outbox, refused, or
 * delivered, and then (with a relay or Chatwoot) whether an agent took it, answered or closed it. A chunk of its
 * own: only a page that asks downloads it.
 */
import type { LiveState } from './agent-session.js';
import type { Delivery } from './handoff-outbox.js';
import { readTicket } from './ticket-record.js';
import { connector } from './chatwoot-link.js';

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

/** Where a ticket stands: what this browser knows, then what the relay or Chatwoot says. */
export async function ticketStatus(id: string): Promise<TicketStatus> {
  const r = readTicket(id);
  if (!r) return { id, delivery: 'unknown', checked: false };
  const known: TicketStatus = { id, delivery: r.delivery, sentAt: r.sentAt, checked: false };
  try {
    if (r.relay) {
      const res = await fetch(`${r.relay.url}/v1/conversations/${encodeURIComponent(r.relay.conversation)}`, {
        headers: { Authorization: `Bearer ${r.relay.token}` },
      });
      if (!res.ok) return known;
      const body = (await res.json()) as { state?: LiveState; events?: { type?: string; from?: string; name?: string; text?: string; at?: string }[] };
      const replies = (body.events ?? [])
        .filter((e) => e.type === 'message' && e.from === 'agent' && typeof e.text === 'string')
        .map((e) => ({ ...(e.name ? { name: e.name } : {}), text: e.text!, at: e.at }));
      return { ...known, state: body.state, replies, checked: true };
    }
    if (r.chatwoot) {
      const { conversationOf } = await connector();
      const conv = await conversationOf(r.chatwoot);
      if (!conv) return known;
      const replies = (conv.messages ?? [])
        .filter((m) => m.message_type === 1 && !m.private && m.content)
        .map((m) => ({
          ...(m.sender?.available_name || m.sender?.name ? { name: m.sender.available_name || m.sender.name } : {}),
          text: m.content!,
          ...(m.created_at ? { at: new Date(m.created_at * 1000).toISOString() } : {}),
        }));
      return { ...known, state: conv.status === 'resolved' ? 'closed' : replies.length ? 'connected' : 'queued', replies, checked: true };
    }
  } catch {
    /* offline, or the service is down: what is known */
  }
  return known;
}
