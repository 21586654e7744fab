/**
 * A stand-in for a Chatwoot server (Chatwoot itself, Rails + Redis + Sidekiq, cannot run here), following
 * chatwoot/chatwoot's source as read at these commits:
 *
 * - config/routes.rb (`namespace :public … resources :inboxes … contacts … conversations … messages`,
 *   members `toggle_status`, `toggle_typing`): the routes below, JSON, answered 200 as Rails renders them;
 * - app/controllers/public/api/v1/inboxes_controller.rb and inboxes/contacts_controller.rb (dfb72957): an unknown
 *   inbox or contact is 404 (`find_by!`); `create` takes `source_id` (else a UUID) and returns the existing
 *   contact for a known one (app/builders/contact_inbox_with_contact_builder.rb, bdbfe354);
 * - app/views/public/api/v1/inboxes/contacts/create.json.jbuilder: `{source_id, pubsub_token, id, name, email}`;
 *   models/_conversation.json.jbuilder: `{id: display_id, uuid, inbox_id, status, messages, contact}`;
 *   models/_message.json.jbuilder: `{id, content, message_type, content_type, created_at, conversation_id, sender}`;
 * - inboxes/messages_controller.rb: `{content, echo_id}`, created `incoming` (message_type 0);
 * - app/channels/room_channel.rb (04f12feb): subscribe with `{channel: "RoomChannel", pubsub_token}`;
 * - app/listeners/action_cable_listener.rb (da8add17) and app/jobs/action_cable_broadcast_job.rb: broadcasts
 *   `{event, data}` to the contact's pubsub_token: `message.created` (not private, not activity),
 *   `conversation.status_changed`, `conversation.typing_on|off` with `{conversation, user, is_private}`;
 * - app/models/message.rb (9efbdc4f) push_event_data: the message's columns, `message_type` as a number,
 *   `conversation_id` (display id), `sender` = app/models/user.rb push_event_data `{id, name, available_name,
 *   avatar_url, type: "user", thumbnail}`;
 * - config/initializers/cors.rb: `/public/api/*` open to any origin; ActionCable's forgery protection off;
 * - ActionCable's wire protocol (actioncable-v1-json): `{"type":"welcome"}`, `{"type":"ping","message":t}` every 3 s,
 *   `{"identifier","type":"confirm_subscription"|"reject_subscription"}`, `{"identifier","message"}`.
 *
 * The WebSocket side is written here (handshake and text frames, RFC 6455) rather than taken from a package.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createHash, randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';

export interface CwMessage {
  id: number;
  content: string;
  message_type: number;
  content_type: 'text';
  private: boolean;
  created_at: number;
  conversation_id: number;
  sender?: Record<string, unknown>;
}
export interface CwConversation {
  id: number;
  uuid: string;
  inbox_id: number;
  status: 'open' | 'resolved' | 'pending';
  messages: CwMessage[];
  source: string;
  typing: string[];
}
export interface CwContact {
  source_id: string;
  pubsub_token: string;
  id: number;
  name: string;
  email: string | null;
  custom_attributes: Record<string, unknown>;
}
export interface Request {
  method: string;
  path: string;
  body: any;
}

export interface ChatwootStandIn {
  url: string;
  inbox: string;
  contacts: Map<string, CwContact>;
  conversations: CwConversation[];
  requests: Request[];
  /** how many WebSocket clients are subscribed, by pubsub token */
  subscribers: (token: string) => number;
  /** the next `n` API requests answer `status` (a helpdesk having a bad minute) */
  failNext(n: number, status: number): void;
  /** an agent writes in the conversation (message_type 1), or a private note */
  agentSays(conversation: number, text: string, opts?: { private?: boolean; name?: string; avatar?: string }): void;
  agentTyping(conversation: number, on: boolean, opts?: { private?: boolean }): void;
  /** the agent resolves the conversation */
  resolve(conversation: number): void;
  /** drops every WebSocket connection (a restart, a proxy timeout) */
  dropSockets(): void;
  close(): Promise<void>;
}

const AGENT = {
  id: 7,
  name: 'Maria Lopez',
  available_name: 'Maria',
  avatar_url: 'https://cdn.example/maria.png',
  type: 'user',
  availability_status: 'online',
  thumbnail: 'https://cdn.example/maria.png',
};
const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

/** One ActionCable client: an upgraded socket, reading masked text frames and writing unmasked ones. */
class CableClient {
  streams = new Map<string, string>(); // pubsub token → identifier
  private buffer = Buffer.alloc(0);
  constructor(
    readonly socket: Duplex,
    private readonly onText: (c: CableClient, text: string) => void,
  ) {
    socket.on('data', (chunk: Buffer) => this.read(chunk));
    socket.on('error', () => {});
  }
  send(obj: unknown): void {
    const data = Buffer.from(JSON.stringify(obj));
    const head =
      data.length < 126
        ? Buffer.from([0x81, data.length])
        : data.length < 65536
          ? Buffer.from([0x81, 126, data.length >> 8, data.length & 255])
          : Buffer.concat([
              Buffer.from([0x81, 127, 0, 0, 0, 0]),
              Buffer.from([(data.length >>> 24) & 255, (data.length >> 16) & 255, (data.length >> 8) & 255, data.length & 255]),
            ]);
    if (!this.socket.destroyed) this.socket.write(Buffer.concat([head, data]));
  }
  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const b = this.buffer;
      if (b.length < 2) return;
      const opcode = b[0] & 15;
      let len = b[1] & 127;
      let at = 2;
      if (len === 126) [len, at] = [b.readUInt16BE(2), 4];
      else if (len === 127) [len, at] = [Number(b.readBigUInt64BE(2)), 10];
      const masked = (b[1] & 128) !== 0;
      if (b.length < at + (masked ? 4 : 0) + len) return;
      const mask = masked ? b.subarray(at, at + 4) : undefined;
      at += masked ? 4 : 0;
      const payload = Buffer.from(b.subarray(at, at + len));
      if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      this.buffer = b.subarray(at + len);
      if (opcode === 1) this.onText(this, payload.toString('utf8'));
      else if (opcode === 8) {
        if (!this.socket.destroyed) this.socket.end(Buffer.from([0x88, 0]));
        return;
      } else if (opcode === 9 && !this.socket.destroyed) this.socket.write(Buffer.concat([Buffer.from([0x8a, payload.length]), payload]));
    }
  }
}

export async function chatwootStandIn(inbox = 'inbox-' + randomUUID().slice(0, 8)): Promise<ChatwootStandIn> {
  const contacts = new Map<string, CwContact>();
  const conversations: CwConversation[] = [];
  const requests: Request[] = [];
  const clients = new Set<CableClient>();
  let failing = { n: 0, status: 500 };
  let nextId = 1;

  const broadcast = (token: string, event: string, data: unknown) => {
    for (const c of clients) {
      const identifier = c.streams.get(token);
      if (identifier) c.send({ identifier, message: { event, data: { ...(data as object), account_id: 1 } } });
    }
  };
  const tokenOf = (conv: CwConversation) => contacts.get(conv.source)!.pubsub_token;
  const conversationData = (conv: CwConversation) => ({
    id: conv.id,
    uuid: conv.uuid,
    inbox_id: conv.inbox_id,
    status: conv.status,
    messages: conv.messages.filter((m) => !m.private),
    contact: publicContact(contacts.get(conv.source)!),
  });
  const publicContact = (c: CwContact) => ({ id: c.id, name: c.name, email: c.email });
  const push = (conv: CwConversation, m: Omit<CwMessage, 'id' | 'created_at' | 'conversation_id' | 'content_type'>) => {
    const message: CwMessage = { id: nextId++, content_type: 'text', created_at: Math.floor(Date.now() / 1000), conversation_id: conv.id, ...m };
    conv.messages.push(message);
    // a resolved conversation is reopened by the contact's message (message.rb, reopen_conversation)
    if (m.message_type === 0 && conv.status === 'resolved') setStatus(conv, 'open');
    if (!message.private) broadcast(tokenOf(conv), 'message.created', { ...message, conversation: { assignee_id: AGENT.id } });
    return message;
  };
  const setStatus = (conv: CwConversation, status: CwConversation['status']) => {
    conv.status = status;
    broadcast(tokenOf(conv), 'conversation.status_changed', {
      id: conv.id,
      status,
      meta: { assignee: { id: AGENT.id, name: AGENT.name, display_name: AGENT.available_name } },
      messages: [],
    });
  };

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Access-Control-Allow-Origin': '*' });
    res.end(JSON.stringify(body));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => resolve(raw));
    });

  const server: Server = createServer(async (req, res) => {
    if (req.method === 'OPTIONS') {
      // rack-cors with `headers: :any, methods: :any`
      res.writeHead(200, {
        'Access-Control-Allow-Origin': '*',
        'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? '',
        'Access-Control-Max-Age': '7200',
      });
      return res.end();
    }
    const raw = await readBody(req);
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let body: any = {};
    try {
      body = raw ? JSON.parse(raw) : {};
    } catch {
      return json(res, 400, { error: 'bad json' });
    }
    requests.push({ method: req.method ?? '', path, body });
    if (failing.n > 0) {
      failing.n--;
      return json(res, failing.status, { error: 'stand-in failure' });
    }
    const m = /^\/public\/api\/v1\/inboxes\/([^/]+)\/contacts(?:\/([^/]+)(?:\/conversations(?:\/(\d+)(?:\/(messages|toggle_status|toggle_typing))?)?)?)?$/.exec(
      path,
    );
    if (!m || m[1] !== inbox) return json(res, 404, { error: 'Resource could not be found' });
    const [, , source, convId, action] = m;
    if (!source) {
      if (req.method !== 'POST') return json(res, 404, {});
      const id = typeof body.source_id === 'string' && body.source_id ? body.source_id : randomUUID();
      let c = contacts.get(id);
      if (!c) {
        c = {
          source_id: id,
          pubsub_token: randomUUID().replace(/-/g, '').slice(0, 24),
          id: nextId++,
          name: body.name ?? 'quiet-sky-123',
          email: body.email ?? null,
          custom_attributes: body.custom_attributes ?? {},
        };
        contacts.set(id, c);
      }
      return json(res, 200, { source_id: c.source_id, pubsub_token: c.pubsub_token, ...publicContact(c) });
    }
    const contact = contacts.get(source);
    if (!contact) return json(res, 404, { error: 'Resource could not be found' });
    if (!convId) {
      if (req.method === 'GET') return json(res, 200, conversations.filter((c) => c.source === source).map(conversationData));
      if (req.method !== 'POST') return json(res, 404, {});
      const conv: CwConversation = { id: conversations.length + 1, uuid: randomUUID(), inbox_id: 1, status: 'open', messages: [], source, typing: [] };
      conversations.push(conv);
      return json(res, 200, conversationData(conv));
    }
    const conv = conversations.find((c) => c.id === Number(convId) && c.source === source);
    if (!conv) return json(res, 404, { error: 'Resource could not be found' });
    if (action === 'messages' && req.method === 'POST') {
      const message = push(conv, {
        content: String(body.content ?? ''),
        message_type: 0,
        private: false,
        sender: { id: contact.id, name: contact.name, type: 'contact' },
      });
      return json(res, 200, message);
    }
    if (action === 'messages')
      return json(
        res,
        200,
        conv.messages.filter((x) => !x.private),
      );
    if (action === 'toggle_status' && req.method === 'POST') {
      if (conv.status !== 'resolved') setStatus(conv, 'resolved');
      return json(res, 200, conversationData(conv));
    }
    if (action === 'toggle_typing' && req.method === 'POST') {
      conv.typing.push(String(body.typing_status));
      return json(res, 200, {});
    }
    return json(res, 404, {});
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/cable' || !req.headers['sec-websocket-key']) return socket.destroy();
    const accept = createHash('sha1')
      .update(req.headers['sec-websocket-key'] + WS_GUID)
      .digest('base64');
    const protocols = String(req.headers['sec-websocket-protocol'] ?? '')
      .split(',')
      .map((p) => p.trim());
    const protocol = protocols.includes('actioncable-v1-json') ? 'Sec-WebSocket-Protocol: actioncable-v1-json\r\n' : '';
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n${protocol}\r\n`);
    const client = new CableClient(socket, (c, text) => {
      let cmd: { command?: string; identifier?: string };
      try {
        cmd = JSON.parse(text);
      } catch {
        return;
      }
      if (cmd.command !== 'subscribe' || typeof cmd.identifier !== 'string') return;
      const id = JSON.parse(cmd.identifier) as { channel?: string; pubsub_token?: string };
      // RoomChannel#current_user: ContactInbox.find_by!(pubsub_token: …)
      const known = [...contacts.values()].some((x) => x.pubsub_token === id.pubsub_token);
      if (id.channel !== 'RoomChannel' || !known) return c.send({ identifier: cmd.identifier, type: 'reject_subscription' });
      c.streams.set(id.pubsub_token!, cmd.identifier);
      c.send({ identifier: cmd.identifier, type: 'confirm_subscription' });
    });
    clients.add(client);
    socket.on('close', () => clients.delete(client));
    client.send({ type: 'welcome' });
  });
  const pings = setInterval(() => {
    for (const c of clients) c.send({ type: 'ping', message: Math.floor(Date.now() / 1000) });
  }, 3000);

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const conversation = (id: number) => {
    const c = conversations.find((x) => x.id === id);
    if (!c) throw new Error(`stand-in: no conversation ${id}`);
    return c;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    inbox,
    contacts,
    conversations,
    requests,
    subscribers: (token) => [...clients].filter((c) => c.streams.has(token)).length,
    failNext: (n, status) => (failing = { n, status }),
    agentSays(id, text, opts = {}) {
      const sender = {
        ...AGENT,
        ...(opts.name ? { name: opts.name, available_name: opts.name } : {}),
        ...(opts.avatar !== undefined ? { avatar_url: opts.avatar, thumbnail: opts.avatar } : {}),
      };
      push(conversation(id), { content: text, message_type: 1, private: Boolean(opts.private), sender });
    },
    agentTyping(id, on, opts = {}) {
      const conv = conversation(id);
      const contact = contacts.get(conv.source)!;
      broadcast(contact.pubsub_token, on ? 'conversation.typing_on' : 'conversation.typing_off', {
        conversation: { id: conv.id, status: conv.status },
        user: AGENT,
        is_private: Boolean(opts.private),
      });
    },
    resolve: (id) => setStatus(conversation(id), 'resolved'),
    dropSockets() {
      for (const c of clients) c.socket.destroy();
      clients.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(pings);
        for (const c of clients) c.socket.destroy();
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
