/**
 * Chatwoot's public client API (`/public/api/v1/inboxes/{inbox_identifier}/…`, config/routes.rb), called from
 * the browser: Chatwoot lets any origin call it (config/initializers/cors.rb). Every call is safe to repeat,
 * because the outbox retries until it succeeds: the contact's `source_id` is the handoff's id (Chatwoot returns
 * the existing contact for a known one), a conversation already there is reused, a message already there is
 * not posted again.
 */
import { redactSecrets, type Handoff } from 'helpline';
import { inboxUrl, type ChatwootInbox, type ChatwootLink } from './chatwoot-link.js';

/** A message as Chatwoot's public API shows it (models/_message.json.jbuilder). */
export interface CwMessage {
  id: number;
  content?: string | null;
  /** 0 incoming (the contact), 1 outgoing (an agent), 2 activity, 3 template */
  message_type: number;
  created_at?: number;
  private?: boolean;
  conversation_id?: number;
  sender?: { name?: string; available_name?: string; avatar_url?: string; thumbnail?: string; type?: string };
}
interface CwConversation {
  id: number;
  status?: string;
  messages?: CwMessage[];
}

/** Chatwoot keeps up to 150,000 characters a message; the transcript keeps its most recent part below that. */
const MAX_CONTENT = 100_000;

/** A refusal or failure with Chatwoot's HTTP status, answered to the outbox as that status. */
class Refused extends Error {
  constructor(readonly status: number) {
    super(`Chatwoot answered ${status}`);
  }
}

async function call<T>(url: string, method: 'GET' | 'POST', body?: unknown, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, { method, signal, ...(body ? { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Refused(res.status);
  return (await res.json()) as T;
}

/**
 * Runs a delivery and answers as the outbox expects: 201 done, Chatwoot's status when refused; network errors
 * throw. Tabs share the outbox, so two may deliver one item at once: a Web Lock per item makes the second wait
 * and then find the first one's conversation and messages (without Web Locks, the checks alone).
 */
async function answer(id: string, signal: AbortSignal | undefined, run: () => Promise<unknown>): Promise<Response> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  try {
    const out = locks ? await locks.request(`helpline:chatwoot:${id}`, signal ? { signal } : {}, run) : await run();
    return new Response(JSON.stringify(out ?? {}), { status: 201, headers: { 'Content-Type': 'application/json' } });
  } catch (e) {
    if (e instanceof Refused) return new Response(null, { status: e.status });
    throw e;
  }
}

const clean = (text: string) => redactSecrets(text).text;
const conversationsUrl = (i: ChatwootInbox, contact: string) => `${inboxUrl(i)}/contacts/${encodeURIComponent(contact)}/conversations`;

/** The conversation's messages and status, as the contact sees them. */
export async function conversationOf(link: ChatwootLink, signal?: AbortSignal): Promise<CwConversation | undefined> {
  const list = await call<CwConversation[]>(conversationsUrl(link, link.contact), 'GET', undefined, signal);
  return list.find((c) => c.id === link.conversation);
}

/** What the agent reads first: why, how urgent, about what; the ticket; then the conversation with the bot. */
export function handoffMessages(h: Handoff & { ticket?: { email?: string; description?: string } }): string[] {
  const facts = [
    `reason: ${h.reason}`,
    `priority: ${h.priority}`,
    h.topic && `topic: ${h.topic}`,
    h.team && `team: ${h.team}`,
    `language: ${h.lang}`,
    h.user?.id && `user: ${h.user.id}`,
    h.user?.vipLevel !== undefined && `VIP level: ${h.user.vipLevel}`,
  ].filter(Boolean);
  const out = [clean(`Helpline handoff (${facts.join(', ')})`)];
  if (h.ticket) out.push(clean(`Ticket from ${h.ticket.email ?? '?'} (agents were offline):\n${h.ticket.description ?? ''}`));
  const transcript = (h.transcript ?? []).map((t) => `${t.role === 'user' ? 'User' : 'Bot'}: ${t.text}`).join('\n\n');
  if (transcript) out.push(clean(transcript).slice(-MAX_CONTENT));
  return out;
}

/**
 * One handoff (or ticket) into the inbox: the contact (named after the handoff), its conversation (with the
 * handoff's facts as custom attributes, for the agents' filters), then the facts and the transcript as the
 * contact's messages. Answers `{chatwoot: {contact, token, conversation}}`.
 */
export function deliverHandoff(inbox: ChatwootInbox, item: Record<string, unknown>, signal?: AbortSignal): Promise<Response> {
  const h = item as unknown as Handoff & { ticket?: { email?: string; description?: string } };
  return answer(h.id, signal, async () => {
    const name = typeof h.user?.name === 'string' ? clean(h.user.name) : undefined;
    const email = h.ticket?.email ?? (typeof h.user?.email === 'string' ? h.user.email : undefined);
    const contact = await call<{ source_id: string; pubsub_token: string }>(
      `${inboxUrl(inbox)}/contacts`,
      'POST',
      {
        source_id: h.id,
        ...(name ? { name } : {}),
        ...(email ? { email } : {}),
        custom_attributes: { helpline_user: h.user?.id, vip_level: h.user?.vipLevel },
      },
      signal,
    );
    const url = conversationsUrl(inbox, contact.source_id);
    const existing = await call<CwConversation[]>(url, 'GET', undefined, signal);
    const conversation =
      existing[0] ??
      (await call<CwConversation>(
        url,
        'POST',
        { custom_attributes: { helpline_handoff: h.id, reason: h.reason, priority: h.priority, topic: h.topic, team: h.team, lang: h.lang } },
        signal,
      ));
    const there = new Set((conversation.messages ?? []).filter((m) => m.message_type === 0).map((m) => m.content));
    for (const content of handoffMessages(h)) if (!there.has(content)) await call(`${url}/${conversation.id}/messages`, 'POST', { content }, signal);
    return { chatwoot: { contact: contact.source_id, token: contact.pubsub_token, conversation: conversation.id } };
  });
}

/** When each message was first tried on this page, to find a message a lost answer had already delivered. */
const tried = new Map<string, number>();

/** The visitor's side of the conversation: a message (`messages`) or the end (`close`: resolved). */
export function send(link: ChatwootLink, item: { id: string; kind?: unknown; text?: unknown }, signal?: AbortSignal): Promise<Response> {
  const url = `${conversationsUrl(link, link.contact)}/${link.conversation}`;
  return answer(item.id, signal, async () => {
    if (item.kind === 'close') return call(`${url}/toggle_status`, 'POST', {}, signal);
    if (item.kind !== 'messages') return undefined; // nothing else goes to Chatwoot (the survey stays an event)
    const content = clean(String(item.text ?? ''));
    const first = tried.get(item.id);
    if (first === undefined) tried.set(item.id, Math.floor(Date.now() / 1000));
    else {
      // tried before: a timeout may have hidden a success, and Chatwoot keeps no idempotency key
      const conv = await conversationOf(link, signal);
      if (conv?.messages?.some((m) => m.message_type === 0 && m.content === content && (m.created_at ?? 0) >= first - 1)) return undefined;
    }
    return call(`${url}/messages`, 'POST', { content, echo_id: item.id }, signal);
  });
}
