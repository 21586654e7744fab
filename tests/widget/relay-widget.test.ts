// @vitest-environment happy-dom
/**
 * The widget with data-relay against the real relay (src/relay) on a free port: the handoff goes to the
 * relay, an agent's reply through the relay's agent API appears in the chat, the user's reply reaches the
 * agent, the agent ends it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { SqlStore } from '../../src/relay/sql-store.js';
import { startRelay, type Relay } from '../../src/relay/server.js';
import { fixture, packOf } from '../helpers.js';
import { until } from './webhook-stand-in.js';
import { FetchEventSource } from './event-source.js';

const pack = packOf(fixture('kb-mini'));
const KEY = 'agent-key';
let relay: Relay;
let store: SqlStore;

beforeAll(async () => {
  (globalThis as any).EventSource = FetchEventSource;
  store = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-relay-widget-')));
  relay = await startRelay({ store, port: 0, agentKey: KEY, ratePerMinute: 0, log: () => {} });
});
afterAll(async () => {
  document.body.replaceChildren();
  await relay.close();
  await store.close();
});
beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});

const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const agentApi = (conversation: string, what: string, body: unknown) =>
  fetch(`${relay.url}/v1/agent/conversations/${conversation}/${what}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
  });
const conversationOf = async (conversation: string) =>
  (await (await fetch(`${relay.url}/v1/agent/conversations/${conversation}`, { headers: { Authorization: `Bearer ${KEY}` } })).json()) as any;

describe('widget ⇄ relay', () => {
  it("hands off to the relay, shows the agent live, sends the user's reply, ends", async () => {
    const el = document.createElement('helpline-chat');
    el.packData = pack;
    el.pack = 'inline-relay';
    el.relay = relay.url;
    document.body.appendChild(el);
    el.show();
    await el.load();
    await el.ask('I want to talk to a real person');
    await until(() => Boolean(el.agent.relay), 'the relay to accept the handoff');
    const conversation = el.agent.relay!.conversation;
    expect(store.get(conversation)!.handoff.transcript[0].text).toContain('real person');

    await agentApi(conversation, 'status', { state: 'connected', name: 'Maria' });
    await agentApi(conversation, 'typing', { name: 'Maria' });
    await until(() => el.agent.isTyping, 'typing');
    await agentApi(conversation, 'messages', { name: 'Maria', text: 'Hello, <b>I can help</b>' });
    await until(() => $$(el, '.msg.agent').length === 1, 'the agent message');
    expect($$(el, '.msg.agent')[0].textContent).toContain('Hello, <b>I can help</b>');
    expect($(el, '.handoff')!.textContent).toContain('Maria');

    await el.ask('thanks, my tx id is 0xabc');
    await until(() => (store.get(conversation)?.events ?? []).some((e) => e.from === 'user'), 'the user message at the relay');
    expect((await conversationOf(conversation)).events.find((e: any) => e.from === 'user').text).toBe('thanks, my tx id is 0xabc');

    await agentApi(conversation, 'status', { state: 'closed' });
    await until(() => el.handoffState === 'closed', 'the end');
    expect($$(el, '.system').at(-1)!.textContent).toBe('This conversation has ended.');
  });
});
