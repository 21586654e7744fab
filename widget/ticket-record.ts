/**
 * Tickets from the offline form, remembered so `Helpline.ticket(id)` (ticket-status.ts, loaded when asked) can say
 * where one stands later. Each ticket has a localStorage key of its own (`helpline:ticket:<id>`), like the outbox,
 * so tabs do not overwrite each other and the answer outlives the tab.
 */
import type { Delivery } from './handoff-outbox.js';
import type { ChatwootLink } from './chatwoot-link.js';

export interface TicketRecord {
  id: string;
  sentAt: string;
  delivery: Delivery;
  relay?: { url: string; conversation: string; token: string };
  chatwoot?: ChatwootLink;
}

const key = (id: string) => `helpline:ticket:${id}`;

export function readTicket(id: string): TicketRecord | undefined {
  try {
    const r = JSON.parse(localStorage.getItem(key(id)) ?? 'null');
    return r && r.id === id ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Records a ticket when it is sent, and each step of its delivery. */
export function rememberTicket(id: string, patch: Partial<TicketRecord>): void {
  const r = { id, sentAt: new Date().toISOString(), delivery: 'sending' as Delivery, ...readTicket(id), ...patch };
  try {
    localStorage.setItem(key(id), JSON.stringify(r));
  } catch {
    /* storage denied: ticket() will say unknown */
  }
}

/** Whether a ticket with this id was sent from this browser. */
export const isTicket = (id: string): boolean => Boolean(readTicket(id));
