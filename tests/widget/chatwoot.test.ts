// @vitest-environment happy-dom
/**
 * The widget with data-chatwoot against a Chatwoot stand-in (tests/chatwoot-stand-in.ts, which follows
 * Chatwoot's routes, payloads and ActionCable frames): the handoff becomes a contact and a conversation holding
 * the redacted transcript; agents' messages, typing and the resolution arrive live over the WebSocket; the
 * user's messages reach Chatwoot redacted; a reload or a dropped socket resumes without showing anything twice;
 * a Chatwoot that fails or refuses is told to the user as it is.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { handoffMessages } from '../../widget/chatwoot-api.js';
import { fixture, packOf } from '../helpers.js';
import { until } from './webhook-stand-in.js';
import { chatwootStandIn, type ChatwootStandIn } from '../chatwoot-stand-in.js';

const pack = packOf(fixture('kb-mini'));
const CARD = '4111 1111 1111 1111';
let cw: ChatwootStandIn;

beforeEach(async () => {
  sessionStorage.clear();
  localStorage.clear();
  cw = await chatwootStandIn();
});
afterEach(async () => {
  document.body.replaceChildren();
  await cw.close();
});

async function mount(inbox = cw.inbox): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-chatwoot';
  el.setAttribute('chatwoot', cw.url);
  el.setAttribute('chatwoot-inbox', inbox);
  el.setAttribute('contact', 'mailto:support@exchange.example');
  document.body.appendChild(el);
  el.show();
  await el.load();
  await settle(el);
  return el;
}
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};
const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const incoming = (conv = 1) =>
  cw.conversations
    .find((c) => c.id === conv)
    ?.messages.filter((m) => m.message_type === 0)
    .map((m) => m.content) ?? [];
const panel = async (el: HelplineChat) => (await settle(el), $(el, '.handoff'));

/** Asks for a human after a message with a card number; resolves once the conversation holds the transcript. */
async function handoff(el: HelplineChat): Promise<void> {
  await el.ask(`my card ${CARD} was charged twice`);
  await el.ask('I want to talk to a real person');
  await until(() => Boolean(el.agent.chatwoot), 'the Chatwoot conversation', 10_000);
}

describe('widget ⇄ Chatwoot (stand-in)', () => {
  it('hands off as a contact and a conversation with the redacted transcript, then talks live', async () => {
    const el = await mount();
    const handoffs: any[] = [];
    el.addEventListener('helpline:handoff', (e) => handoffs.push((e as CustomEvent).detail));
    await handoff(el);
    const h = handoffs[0];
    expect([...cw.contacts.keys()]).toEqual([h.id]); // source_id: the handoff's id, so a retry finds the same contact
    expect(cw.conversations).toHaveLength(1);
    const [facts, transcript] = incoming();
    expect(facts).toContain('reason: requested');
    expect(transcript).toContain('User: I want to talk to a real person');
    expect(transcript).toContain('[card removed]');
    expect(JSON.stringify(cw.requests)).not.toContain(CARD);
    expect(cw.requests.find((r) => r.method === 'POST' && r.path.endsWith('/conversations'))!.body.custom_attributes).toMatchObject({
      helpline_handoff: h.id,
      reason: 'requested',
    });
    expect((await panel(el))!.dataset.delivery).toBe('delivered');
    expect($(el, '.handoff')!.textContent).toContain("You're in the queue");
    await until(() => cw.subscribers(el.agent.chatwoot!.token) === 1, 'the ActionCable subscription');

    cw.agentTyping(1, true, { private: true }); // typing a private note: not for the visitor
    cw.agentSays(1, 'internal: VIP, be quick', { private: true });
    cw.agentTyping(1, true);
    await until(() => el.agent.isTyping, 'typing');
    expect((await panel(el))!.textContent).toContain('Maria is typing…');
    cw.agentTyping(1, false);
    await until(() => !el.agent.isTyping, 'typing off');
    cw.agentSays(1, 'Hello, <b>I can help</b>');
    await until(() => $$(el, '.msg.agent').length === 1, 'the agent message');
    await settle(el);
    expect($$(el, '.msg.agent')[0].textContent).toContain('Hello, <b>I can help</b>');
    expect($$(el, '.msg.agent')[0].querySelector('b')).toBeNull();
    expect($(el, '.handoff')!.dataset.state).toBe('connected');
    expect($(el, '.handoff img.avatar')!.getAttribute('src')).toBe('https://cdn.example/maria.png');
    expect(el.shadowRoot!.textContent).not.toContain('internal: VIP');

    await el.ask('ok, my 2FA code is 492817 if you need it');
    await until(() => incoming().length === 3, 'the user message at Chatwoot');
    expect(incoming()[2]).toBe('ok, my 2FA code is [code removed] if you need it');

    cw.resolve(1);
    await until(() => el.handoffState === 'closed', 'the resolution');
    await settle(el);
    expect($$(el, '.system').at(-1)!.textContent).toBe('This conversation has ended.');
    expect($(el, '.survey')).not.toBeNull();
    await until(() => cw.subscribers(el.agent.chatwoot!.token) === 0, 'the socket closed');
  });

  it('resumes after a reload and after a dropped socket, showing each agent message once', async () => {
    const first = await mount();
    await handoff(first);
    const token = first.agent.chatwoot!.token;
    await until(() => cw.subscribers(token) === 1, 'the subscription');
    cw.agentSays(1, 'one');
    await until(() => $$(first, '.msg.agent').length === 1, 'the first message');
    first.remove();
    await until(() => cw.subscribers(token) === 0, 'the first page gone');
    cw.agentSays(1, 'two, while you were away');

    const second = await mount();
    await until(() => $$(second, '.msg.agent').length === 2, 'the message sent while away');
    expect($$(second, '.msg.agent').map((m) => m.textContent!.includes('two'))).toEqual([false, true]);
    expect(cw.contacts.size).toBe(1);
    await until(() => cw.subscribers(token) === 1, 'subscribed again');

    cw.dropSockets();
    cw.agentSays(1, 'three, while the socket was down');
    await until(() => $$(second, '.msg.agent').length === 3, 'the message missed while disconnected', 10_000);
    await until(() => cw.subscribers(token) === 1, 'reconnected', 10_000);
    cw.agentSays(1, 'four');
    await until(() => $$(second, '.msg.agent').length === 4, 'the live message after reconnecting');
    await new Promise((r) => setTimeout(r, 200));
    expect($$(second, '.msg.agent')).toHaveLength(4);
  });

  it('says the request is waiting while Chatwoot fails, delivers it once when it is back', async () => {
    cw.failNext(2, 503);
    const el = await mount();
    await el.ask('I want to talk to a real person');
    await until(() => $(el, '.handoff')?.dataset.delivery === 'retrying', 'retrying');
    expect((await panel(el))!.textContent).toContain('will be sent automatically');
    await until(() => Boolean(el.agent.chatwoot), 'delivered after the failures', 15_000);
    expect((await panel(el))!.dataset.delivery).toBe('delivered');
    expect(cw.contacts.size).toBe(1);
    expect(cw.conversations).toHaveLength(1);
    expect(incoming()).toHaveLength(2);
  });

  it('a conversation already made by a try whose answer was lost is reused, its transcript not posted twice', async () => {
    const el = await mount();
    const handoffs: any[] = [];
    el.addEventListener('helpline:handoff', (e) => handoffs.push((e as CustomEvent).detail));
    // the first try made everything and its answer was lost: the outbox tries the same handoff again
    await el.ask('I want to talk to a real person');
    await until(() => Boolean(el.agent.chatwoot), 'delivered');
    const { deliverHandoff } = await import('../../widget/chatwoot-api.js');
    const again = await deliverHandoff({ url: cw.url, inbox: cw.inbox }, handoffs[0]);
    expect(again.status).toBe(201);
    expect(cw.contacts.size).toBe(1);
    expect(cw.conversations).toHaveLength(1);
    expect(incoming()).toHaveLength(2);
  });

  it('an inbox Chatwoot does not know (404) is told to the user with the contact link, never "in the queue"', async () => {
    const el = await mount('no-such-inbox');
    await el.ask('I want to talk to a real person');
    await until(() => $(el, '.handoff')?.dataset.state === 'undelivered', 'the refusal');
    const box = (await panel(el))!;
    expect(box.textContent).toContain('could not be sent');
    expect(box.querySelector('a')!.getAttribute('href')).toBe('mailto:support@exchange.example');
    expect(box.textContent).not.toContain("You're in the queue");
  });

  it('the user ending the chat resolves the Chatwoot conversation; messages before it existed are sent after', async () => {
    const el = await mount();
    await el.ask('I want to talk to a real person');
    await el.ask('still there?'); // before the conversation exists: waits, then goes
    await until(() => incoming().includes('still there?'), 'the early message', 10_000);
    await until(() => cw.subscribers(el.agent.chatwoot!.token) === 1, 'the subscription');
    $(el, 'header .human')!.click(); // "End chat"
    await until(() => cw.conversations[0].status === 'resolved', 'resolved at Chatwoot');
    expect(el.handoffState).toBe('closed');
  });

  it('what the agent reads first: the facts, the ticket, the transcript, all redacted', () => {
    const texts = handoffMessages({
      id: 'h1',
      reason: 'frustration',
      priority: 'high',
      team: 'cards',
      lang: 'en',
      topic: 'card-charge',
      live: false,
      createdAt: '2026-12-02T00:00:00Z',
      user: { id: 'u42', vipLevel: 2 },
      transcript: [
        { role: 'user', text: `card ${CARD}`, at: '' },
        { role: 'bot', text: 'Sorry to hear that.', at: '' },
      ],
      ticket: { email: 'a@b.example', description: `my card is ${CARD}` },
    } as any);
    expect(texts[0]).toBe('Helpline handoff (reason: frustration, priority: high, topic: card-charge, team: cards, language: en, user: u42, VIP level: 2)');
    expect(texts[1]).toBe('Ticket from a@b.example (agents were offline):\nmy card is [card removed]');
    expect(texts[2]).toBe('User: card [card removed]\n\nBot: Sorry to hear that.');
  });
});
