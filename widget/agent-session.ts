import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { redactSecrets } from 'helpline';
import { safeUrl } from './markdown.js';
import { HandoffOutbox, type DeliveryResult } from './handoff-outbox.js';
import { conversationFetch, inboxUrl, listenChatwoot, type ChatwootInbox, type ChatwootLink } from './chatwoot-link.js';
import type { LiveEvent } from './chatwoot-cable.js';
import type { UiKey } from './i18n.js';
import type { Messages } from 'helpline';

/** A UI label (widget/locales.ts) or one of the bot's sentences (from the pack: the bundle carries English only). */
export type TextKey = UiKey | keyof Messages;

/** The person answering, as the helpdesk or the host page names them. */
export interface Agent {
  name: string;
  /** http(s) or same-site image; anything else is dropped */
  avatar?: string;
}

/** Where a live conversation stands: waiting for an agent, talking to one, or over. */
export type LiveState = 'queued' | 'connected' | 'closed';

/** The relay conversation a handoff became (`POST /v1/handoffs` answered 201). */
export interface RelayLink {
  url: string;
  conversation: string;
  token: string;
  lastEventId?: string;
}

/** What survives a reload. */
export interface AgentSaved {
  agent?: Agent;
  handoff?: string;
  relay?: RelayLink;
  relayUrl?: string;
  chatwoot?: ChatwootLink;
  chatwootInbox?: ChatwootInbox;
  waiting?: { id: string; text: string }[];
  topic?: string;
}

/** Where a new handoff goes, when it is one that answers with a conversation to follow. */
export interface LiveDestination {
  relay?: string;
  chatwoot?: ChatwootInbox;
}

/** The agent's side of an entry in the log. */
export interface AgentLine {
  role: 'agent' | 'system';
  text: string;
  /** a system line in the UI language: shown from this key, so it follows a language change */
  key?: TextKey;
  values?: Record<string, string>;
  name?: string;
  avatar?: string;
}

/** What the session needs from the chat element. */
export interface AgentHost extends ReactiveControllerHost, EventTarget {
  handoffState?: string;
  setHandoffStatus(state: LiveState): void;
  addLine(line: AgentLine): void;
  /** the conversation is over (the agent or the user ended it): time for the survey */
  conversationEnded(by: 'agent' | 'user'): void;
  uiText(key: TextKey, values?: Record<string, string>): string;
}

/** How long "is typing…" shows after the last typing signal. */
const TYPING_MS = 6000;
/** Longest agent name and message shown: a helpdesk bug must not flood the chat. */
const MAX_NAME = 80;
const MAX_TEXT = 4000;

/** An image URL for the avatar: http(s) or same-site only (no javascript:, data:, mailto:). */
export function safeImage(url: unknown): string | undefined {
  const u = typeof url === 'string' ? safeUrl(url) : undefined;
  return u && !/^(mailto:|#)/i.test(u) ? u : undefined;
}

/**
 * The human half of a conversation after a handoff: who the agent is, their messages and typing, and the
 * user's messages going to them (as `helpline:user-message` events, and to the relay when there is one)
 * instead of to the bot. Driven by the host page (`join`, `say`, `typing`, `end`) or by the relay's stream.
 * Agent text is untrusted: it only ever reaches lit text bindings.
 */
export class AgentSession implements ReactiveController {
  agent?: Agent;
  isTyping = false;
  handoff?: string;
  relay?: RelayLink;
  /** the relay the current handoff went to, before it answered with a conversation */
  relayUrl?: string;
  /** the Chatwoot conversation the handoff became, or the inbox it is on its way to */
  chatwoot?: ChatwootLink;
  chatwootInbox?: ChatwootInbox;
  /** the article the handoff was about, for the survey's per-topic figures */
  topic?: string;
  /** what the user wrote before the relay answered: sent once it has */
  private waiting: { id: string; text: string }[] = [];
  private typingTimer?: ReturnType<typeof setTimeout>;
  private stream?: EventSource;
  private cable?: () => void;
  private outbox?: HandoffOutbox;

  constructor(private readonly host: AgentHost) {
    host.addController(this);
  }

  /** Messages go to the human side while waiting for or talking to an agent. */
  get live(): boolean {
    return this.host.handoffState === 'queued' || this.host.handoffState === 'connected';
  }

  hostConnected(): void {
    if ((this.relay || this.chatwoot) && this.live) this.listen();
  }

  hostDisconnected(): void {
    this.unlisten();
    this.outbox?.stop();
    clearTimeout(this.typingTimer);
  }

  /** An agent took the conversation. */
  join(agent: Partial<Agent> = {}): void {
    const name =
      String(agent.name ?? '')
        .trim()
        .slice(0, MAX_NAME) || this.host.uiText('agent');
    const avatar = safeImage(agent.avatar);
    this.agent = { name, ...(avatar ? { avatar } : {}) };
    this.host.setHandoffStatus('connected');
    this.host.addLine({ role: 'system', text: '', key: 'agentJoined', values: { name } });
  }

  /** A message from the agent. */
  say(text: string, name?: string, avatar?: string): void {
    if (!this.agent || (name && name !== this.agent.name)) this.join({ ...this.agent, name: name ?? this.agent?.name, ...(avatar ? { avatar } : {}) });
    this.stopTyping();
    this.host.addLine({ role: 'agent', text: String(text ?? '').slice(0, MAX_TEXT), name: this.agent!.name, avatar: this.agent!.avatar });
  }

  /** The agent is typing: shown for a few seconds, or until their message arrives. */
  typing(): void {
    this.isTyping = true;
    clearTimeout(this.typingTimer);
    this.typingTimer = setTimeout(() => this.stopTyping(), TYPING_MS);
    this.host.requestUpdate();
  }

  /** The conversation is over, ended by the agent (default) or the user. */
  end(by: 'agent' | 'user' = 'agent'): void {
    if (this.host.handoffState === 'closed') return;
    this.stopTyping();
    if (by === 'user' && (this.relay || this.chatwoot)) void this.post('close', { id: `close-${this.relay?.conversation ?? this.chatwoot!.conversation}` });
    this.host.setHandoffStatus('closed');
    this.host.addLine({ role: 'system', text: '', key: 'conversationEnded' });
    this.unlisten();
    this.host.conversationEnded(by);
  }

  /** The user wrote while the conversation is with a human: to the page (and relay), never to the bot. */
  userMessage(raw: string, id: string): string {
    const text = redactSecrets(raw).text;
    const detail = { handoff: this.handoff, ...(this.relay ? { conversation: this.relay.conversation } : {}), text, at: new Date().toISOString() };
    this.host.dispatchEvent(new CustomEvent('helpline:user-message', { detail, bubbles: true, composed: true }));
    if (this.relay || this.chatwoot) void this.post('messages', { id, text });
    else if (this.relayUrl || this.chatwootInbox) this.waiting.push({ id, text });
    return text;
  }

  /** The survey's answer: a `helpline:csat` event (comment redacted) and the relay's copy. */
  rate(answer: { score: number; comment: string }, lang: string, topic?: string): void {
    const comment = redactSecrets(answer.comment).text;
    const c = comment ? { comment } : {};
    const detail = {
      score: answer.score,
      ...c,
      ...(this.handoff ? { handoff: this.handoff } : {}),
      ...(this.relay ? { conversation: this.relay.conversation } : {}),
      ...((topic ?? this.topic) ? { topic: topic ?? this.topic } : {}),
      ...(this.agent ? { agent: this.agent.name } : {}),
      lang,
      at: new Date().toISOString(),
    };
    this.host.dispatchEvent(new CustomEvent('helpline:csat', { detail, bubbles: true, composed: true }));
    if (this.relay) void this.post('csat', { id: `csat-${this.relay.conversation}`, score: answer.score, ...c });
  }

  /** The relay answered this session's handoff (201 `{conversation, token}`): follow that conversation. */
  accepted(r: DeliveryResult): void {
    const body = r.body as { conversation?: unknown; token?: unknown; chatwoot?: { contact?: unknown; token?: unknown; conversation?: unknown } } | undefined;
    if (r.id !== this.handoff || r.delivery !== 'delivered') return;
    const cw = body?.chatwoot;
    if (this.chatwootInbox && typeof cw?.contact === 'string' && typeof cw.token === 'string' && typeof cw.conversation === 'number') {
      this.chatwoot = { ...this.chatwootInbox, contact: cw.contact, token: cw.token, conversation: cw.conversation };
      this.sendWaiting();
    } else if (this.relayUrl && typeof body?.conversation === 'string' && typeof body.token === 'string') {
      this.follow(r.id, { url: this.relayUrl.replace(/\/+$/, ''), conversation: body.conversation, token: body.token });
    }
  }

  /** Follows a relay conversation. */
  follow(handoff: string, link: RelayLink): void {
    this.handoff = handoff;
    this.relay = link;
    this.sendWaiting();
  }

  /** What the user wrote before the conversation existed goes now, and its events are followed. */
  private sendWaiting(): void {
    for (const m of this.waiting.splice(0)) void this.post('messages', m);
    this.listen();
  }

  /** A new handoff: forget the previous agent. */
  reset(handoff?: string, to: LiveDestination = {}, topic?: string): void {
    this.hostDisconnected();
    this.agent = undefined;
    this.relay = undefined;
    this.chatwoot = undefined;
    this.outbox = undefined;
    this.waiting = [];
    this.handoff = handoff;
    this.relayUrl = to.relay || undefined;
    this.chatwootInbox = to.relay ? undefined : to.chatwoot;
    this.topic = topic;
  }

  saved(): AgentSaved {
    return {
      agent: this.agent,
      handoff: this.handoff,
      relay: this.relay,
      relayUrl: this.relayUrl,
      chatwoot: this.chatwoot,
      chatwootInbox: this.chatwootInbox,
      waiting: this.waiting,
      topic: this.topic,
    };
  }

  restore(saved: AgentSaved | undefined): void {
    if (!saved) return;
    this.agent = saved.agent;
    this.handoff = saved.handoff;
    this.relay = saved.relay;
    this.relayUrl = saved.relayUrl;
    this.chatwoot = saved.chatwoot;
    this.chatwootInbox = saved.chatwootInbox;
    this.topic = saved.topic;
    this.waiting = Array.isArray(saved.waiting) ? saved.waiting : [];
  }

  private stopTyping(): void {
    clearTimeout(this.typingTimer);
    if (!this.isTyping) return;
    this.isTyping = false;
    this.host.requestUpdate();
  }

  /**
   * The relay's event stream. EventSource reconnects by itself and sends Last-Event-ID then; after a reload
   * the last id seen goes in the query, so nothing is shown twice.
   */
  private listen(): void {
    const c = this.chatwoot;
    if (c) {
      this.cable ??= listenChatwoot(c, (ev, id) => {
        if (id) c.lastMessageId = id;
        this.onEvent(ev);
      });
      return;
    }
    const r = this.relay;
    if (!r || this.stream || typeof EventSource === 'undefined') return;
    const url = new URL(`${r.url}/v1/conversations/${encodeURIComponent(r.conversation)}/events`, location.href);
    url.searchParams.set('token', r.token);
    if (r.lastEventId) url.searchParams.set('lastEventId', r.lastEventId);
    this.stream = new EventSource(url.href);
    this.stream.onmessage = (e) => this.onRelayEvent(e.data, e.lastEventId);
  }

  private unlisten(): void {
    this.stream?.close();
    this.stream = undefined;
    this.cable?.();
    this.cable = undefined;
  }

  /** One relay event: `{"type":"message"|"status"|"typing", …}` (DESIGN.md, Relay). */
  onRelayEvent(data: string, eventId?: string): void {
    let ev: Record<string, unknown>;
    try {
      ev = JSON.parse(data);
    } catch {
      return;
    }
    if (eventId && this.relay) this.relay.lastEventId = eventId;
    this.onEvent(ev);
  }

  /** An event from the agents' side (the relay's stream, or Chatwoot's translated by chatwoot-cable.ts). */
  private onEvent(e: Partial<Record<keyof LiveEvent, unknown>>): void {
    const ev = e as { type?: string; from?: string; text?: string; state?: string; on?: boolean };
    const name = typeof e.name === 'string' ? e.name : undefined;
    const avatar = typeof e.avatar === 'string' ? e.avatar : undefined;
    if (ev.type === 'message' && ev.from === 'agent' && typeof ev.text === 'string') this.say(ev.text, name, avatar);
    else if (ev.type === 'message' && ev.from === 'system' && typeof ev.text === 'string')
      this.host.addLine({ role: 'system', text: ev.text.slice(0, MAX_TEXT) });
    else if (ev.type === 'typing' && ev.on === false) this.stopTyping();
    else if (ev.type === 'typing') {
      // someone typing has taken the conversation, even before a word of theirs arrived
      if (name && !this.agent) this.join({ name, avatar });
      this.typing();
    } else if (ev.type === 'status' && ev.state === 'connected') {
      if (name && name.slice(0, MAX_NAME) !== this.agent?.name) this.join({ name, avatar });
      else this.host.setHandoffStatus('connected');
    } else if (ev.type === 'status' && ev.state === 'closed') this.end('agent');
    else if (ev.type === 'status' && ev.state === 'queued') this.host.setHandoffStatus('queued');
    this.host.requestUpdate();
  }

  /** Visitor → relay, through an outbox of its own: ordered, retried, kept across reloads. */
  private post(path: 'messages' | 'csat' | 'close', body: { id: string } & Record<string, unknown>): Promise<void> {
    const r = this.relay;
    const c = this.chatwoot;
    if (r) {
      const base = `${r.url}/v1/conversations/${encodeURIComponent(r.conversation)}`;
      this.outbox ??= new HandoffOutbox(base, `helpline:relay:${r.conversation}`, {
        headers: { Authorization: `Bearer ${r.token}` },
        path: (item) => `${base}/${(item as { kind?: string }).kind}`,
      });
    } else if (c) this.outbox ??= new HandoffOutbox(inboxUrl(c), `helpline:chatwoot:${c.contact}`, { fetch: conversationFetch(c) });
    return this.outbox!.send({ ...body, kind: path } as { id: string });
  }
}
