/**
 * What the widget's main code knows of Chatwoot (data-chatwoot, data-chatwoot-inbox): the inbox, the
 * conversation a handoff became, and how to reach the connector. The connector itself (widget/chatwoot-api.ts,
 * widget/chatwoot-cable.ts) is a chunk of its own, downloaded only by pages that use Chatwoot.
 */
import type { LiveEvent } from './chatwoot-cable.js';

/** A Chatwoot API inbox the widget hands off to. */
export interface ChatwootInbox {
  /** the Chatwoot installation, e.g. https://chat.example */
  url: string;
  /** the API inbox's `inbox_identifier` */
  inbox: string;
}

/** The Chatwoot conversation a handoff became: kept with the conversation, so a reload resumes it. */
export interface ChatwootLink extends ChatwootInbox {
  /** the contact's `source_id` */
  contact: string;
  /** the contact's `pubsub_token`: the ActionCable stream of its conversation */
  token: string;
  /** the conversation's display id */
  conversation: number;
  /** the newest agent message shown, so a reload or a reconnect shows nothing twice */
  lastMessageId?: number;
}

type Connector = typeof import('./chatwoot-connector.js');
let loaded: Promise<Connector> | undefined;
/** The connector chunk, once per page (it keeps state); a failed download is tried again at the next call. */
export const connector = (): Promise<Connector> =>
  (loaded ??= import('./chatwoot-connector.js').catch((e) => {
    loaded = undefined;
    throw e;
  }));

/** The public client API's base for an inbox. */
export const inboxUrl = (i: ChatwootInbox): string => `${i.url.replace(/\/+$/, '')}/public/api/v1/inboxes/${encodeURIComponent(i.inbox)}`;

/**
 * A `fetch` for the outbox: an item queued for Chatwoot is not one POST but a few calls, done by the
 * connector, which answers as one response (2xx done, 4xx refused for good, 5xx or a throw: try again).
 */
export function chatwootFetch(
  run: (c: Awaited<ReturnType<typeof connector>>, item: { id: string } & Record<string, unknown>, signal?: AbortSignal) => Promise<Response>,
): typeof fetch {
  return (async (_url: unknown, init?: RequestInit) => run(await connector(), JSON.parse(String(init?.body)), init?.signal ?? undefined)) as typeof fetch;
}

/** The handoff's delivery to a Chatwoot inbox: contact, conversation, then the redacted transcript. */
export const handoffFetch = (inbox: ChatwootInbox) => chatwootFetch((c, item, signal) => c.deliverHandoff(inbox, item, signal));

/** The visitor's messages and the end of the conversation, to its Chatwoot conversation. */
export const conversationFetch = (link: ChatwootLink) => chatwootFetch((c, item, signal) => c.send(link, item, signal));

/** Follows the conversation live (ActionCable); returns how to stop. The connector is loaded first. */
export function listenChatwoot(link: ChatwootLink, onEvent: (ev: LiveEvent, messageId?: number) => void): () => void {
  let stop: (() => void) | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const start = () =>
    connector().then(
      (c) => void (stopped || (stop = c.subscribe(link, onEvent))),
      () => void (stopped || (timer = setTimeout(start, 5000))), // offline at a reload: the chunk comes later
    );
  void start();
  return () => {
    stopped = true;
    clearTimeout(timer);
    stop?.();
  };
}
