/**
 * The agents' side of a Chatwoot conversation, live: Chatwoot's ActionCable WebSocket (`/cable`, channel
 * `RoomChannel` with the contact's `pubsub_token`, app/channels/room_channel.rb), read with the browser's own
 * WebSocket. What Chatwoot broadcasts to a contact (app/listeners/action_cable_listener.rb) becomes the same
 * events the relay streams, so the chat shows both alike.
 */
import { conversationOf, type CwMessage } from './chatwoot-api.js';
import type { ChatwootLink } from './chatwoot-link.js';

/** A relay-shaped event (DESIGN.md, Relay), plus `on: false` for "stopped typing". */
export interface LiveEvent {
  type: 'message' | 'typing' | 'status';
  from?: 'agent';
  text?: string;
  name?: string;
  avatar?: string;
  state?: 'connected' | 'closed';
  on?: boolean;
}

/** ActionCable pings every 3 s; a connection silent for this long is dead (a sleeping laptop, a proxy). */
const STALE_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;

type Person = { name?: string; available_name?: string; display_name?: string; avatar_url?: string; thumbnail?: string; type?: string } | undefined;
const nameOf = (p: Person) => p?.available_name || p?.display_name || p?.name || undefined;
const avatarOf = (p: Person) => p?.avatar_url || p?.thumbnail || undefined;

/**
 * Subscribes to the conversation; reconnects with backoff, and after each (re)connection fetches what was
 * missed (agent messages after the last one shown, a resolution). Returns how to stop.
 */
export function subscribe(link: ChatwootLink, onEvent: (ev: LiveEvent, messageId?: number) => void): () => void {
  const identifier = JSON.stringify({ channel: 'RoomChannel', pubsub_token: link.token });
  let last = link.lastMessageId ?? 0;
  let ws: WebSocket | undefined;
  let stopped = false;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let stale: ReturnType<typeof setTimeout> | undefined;

  const message = (m: CwMessage) => {
    // only an agent's public reply in this conversation, each once (ids grow)
    if (m.message_type !== 1 || m.private || !m.content || m.id <= last || (m.conversation_id !== undefined && m.conversation_id !== link.conversation)) return;
    last = m.id;
    onEvent({ type: 'message', from: 'agent', text: m.content, name: nameOf(m.sender), avatar: avatarOf(m.sender) }, m.id);
  };
  const status = (s: unknown, assignee?: Person) => {
    if (s === 'resolved') {
      stop();
      onEvent({ type: 'status', state: 'closed' });
    } else if (s === 'open' && nameOf(assignee)) onEvent({ type: 'status', state: 'connected', name: nameOf(assignee), avatar: avatarOf(assignee) });
  };
  const catchUp = async () => {
    try {
      const conv = await conversationOf(link);
      for (const m of conv?.messages ?? []) message(m);
      if (conv?.status === 'resolved') status('resolved');
    } catch {
      /* offline again: the next connection catches up */
    }
  };
  const received = ({ event, data }: { event?: string; data?: any }) => {
    if (!data) return;
    if (event === 'message.created') message(data);
    else if (event === 'conversation.status_changed' && data.id === link.conversation) status(data.status, data.meta?.assignee);
    else if (
      (event === 'conversation.typing_on' || event === 'conversation.typing_off') &&
      data.conversation?.id === link.conversation &&
      !data.is_private &&
      data.user?.type !== 'contact'
    ) {
      onEvent({ type: 'typing', on: event === 'conversation.typing_on', name: nameOf(data.user), avatar: avatarOf(data.user) });
    }
  };
  const alive = () => {
    clearTimeout(stale);
    stale = setTimeout(() => ws?.close(), STALE_MS);
  };
  const open = () => {
    const socket = (ws = new WebSocket(`${link.url.replace(/^http/, 'ws').replace(/\/+$/, '')}/cable`, ['actioncable-v1-json', 'actioncable-unsupported']));
    alive();
    socket.onmessage = (e) => {
      let frame: { type?: string; identifier?: string; message?: any; reconnect?: boolean };
      try {
        frame = JSON.parse(String(e.data));
      } catch {
        return;
      }
      alive();
      if (frame.type === 'welcome') socket.send(JSON.stringify({ command: 'subscribe', identifier }));
      else if (frame.type === 'confirm_subscription') {
        attempt = 0;
        void catchUp();
      }
      // an unknown token (the contact is gone), or a server that says not to come back
      else if (frame.type === 'reject_subscription' || (frame.type === 'disconnect' && frame.reconnect === false)) stop();
      else if (frame.identifier === identifier && frame.message) received(frame.message);
    };
    socket.onclose = () => {
      clearTimeout(stale);
      if (!stopped && ws === socket) retry = setTimeout(open, Math.min(MAX_BACKOFF_MS, 1000 * 2 ** attempt++));
    };
  };
  const stop = () => {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(stale);
    ws?.close();
  };
  open();
  return stop;
}
