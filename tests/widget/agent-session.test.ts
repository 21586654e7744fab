// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { safeImage } from '../../widget/agent-session.js';
import { fixture, packOf } from '../helpers.js';
import { webhookStandIn, until } from './webhook-stand-in.js';

const pack = packOf(fixture('kb-mini'));

async function mount(attrs: Record<string, string> = {}): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-agent-test';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  await el.updateComplete;
  el.show();
  await el.load();
  await settle(el);
  return el;
}

const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};
const events = (el: HelplineChat, name: string) => {
  const list: any[] = [];
  el.addEventListener(`helpline:${name}`, (e) => list.push((e as CustomEvent).detail));
  return list;
};

describe('live agent conversation', () => {
  let hook: Awaited<ReturnType<typeof webhookStandIn>>;
  beforeEach(async () => {
    sessionStorage.clear();
    localStorage.clear();
    hook = await webhookStandIn();
  });
  afterEach(async () => {
    document.body.replaceChildren();
    await hook.close();
  });

  it("shows the agent, their messages as text, typing, and sends the user's messages to the agent, not the bot", async () => {
    const el = await mount({ 'handoff-url': hook.url + '/handoff' });
    const handoffs = events(el, 'handoff');
    const userMessages = events(el, 'user-message');
    const answers = events(el, 'answer');
    $(el, 'header .human')!.click();
    await settle(el);
    expect(handoffs).toHaveLength(1);
    await until(() => hook.received.length === 1, 'the handoff POST');

    el.agent.join({ name: 'Maria', avatar: 'https://cdn.example/maria.png' });
    await settle(el);
    expect($(el, '.handoff')!.dataset.state).toBe('connected');
    expect($(el, '.handoff')!.textContent).toContain('Maria');
    expect($(el, '.handoff img.avatar')!.getAttribute('src')).toBe('https://cdn.example/maria.png');
    expect($$(el, '.system').at(-1)!.textContent).toBe('Maria joined the chat.');

    el.agent.typing();
    await settle(el);
    expect($(el, '.handoff')!.textContent).toContain('Maria is typing…');

    el.agent.say('<img src=x onerror="window.__pwned=1">Hi, I can see your withdrawal.');
    await settle(el);
    const line = $$(el, '.msg.agent').at(-1)!;
    expect(line.querySelector('[onerror]')).toBeNull();
    expect(line.querySelectorAll('img')).toHaveLength(1); // the avatar only
    expect(line.textContent).toContain('<img src=x onerror=');
    expect(line.querySelector('.who')!.textContent).toBe('Maria');
    expect($(el, '.handoff')!.textContent).not.toContain('typing');

    const botBefore = $$(el, '.msg.bot').length;
    await el.ask('what is the withdrawal fee? my password is Hunter2!secret');
    await settle(el);
    expect($$(el, '.msg.bot')).toHaveLength(botBefore); // the bot did not answer
    expect(answers).toHaveLength(0);
    expect(userMessages).toHaveLength(1);
    expect(userMessages[0]).toMatchObject({ handoff: handoffs[0].id });
    expect(userMessages[0].text).toContain('withdrawal fee');
    expect(userMessages[0].text).not.toContain('Hunter2!secret');
    expect($$(el, '.msg.user').at(-1)!.textContent).not.toContain('Hunter2!secret');
  });

  it('never makes a second handoff while queued or connected, by button or by asking', async () => {
    const el = await mount({ 'handoff-url': hook.url + '/handoff' });
    const handoffs = events(el, 'handoff');
    $(el, 'header .human')!.click();
    await settle(el);
    expect($(el, 'header .human')!.textContent).toBe('End chat'); // the button now ends the chat
    await el.ask('are you a real person? I want to talk to a human agent');
    el.agent.join({ name: 'Sam' });
    await settle(el);
    await el.ask('I want to talk to a real person');
    await settle(el);
    expect(handoffs).toHaveLength(1);
    await until(() => hook.received.length >= 1, 'the handoff POST');
    expect(new Set(hook.received.map((r) => r.key))).toEqual(new Set([handoffs[0].id]));
    expect($(el, '.handoff')!.dataset.state).toBe('connected');
  });

  it('ends by the agent or the user; then the bot answers again', async () => {
    const el = await mount({ 'handoff-url': hook.url + '/handoff' });
    $(el, 'header .human')!.click();
    el.agent.join({ name: 'Sam' });
    await settle(el);
    el.agent.end();
    await settle(el);
    expect($$(el, '.system').at(-1)!.textContent).toBe('This conversation has ended.');
    expect($(el, 'header .human')!.textContent).toBe('Talk to a human');
    const reply = await el.ask('what is the withdrawal fee for usdt');
    expect(reply?.kind).toBe('answer');

    $(el, 'header .human')!.click();
    await settle(el);
    el.agent.join({ name: 'Lee' });
    await settle(el);
    $(el, 'header .human')!.click(); // "End chat"
    await settle(el);
    expect(el.handoffState).toBe('closed');
  });

  it('keeps the agent and the live state across a reload', async () => {
    const first = await mount({ 'handoff-url': hook.url + '/handoff' });
    $(first, 'header .human')!.click();
    first.agent.join({ name: 'Maria' });
    first.agent.say('Still there?');
    await settle(first);
    first.remove();
    const second = await mount({ 'handoff-url': hook.url + '/handoff' });
    expect($$(second, '.msg.agent').at(-1)!.textContent).toContain('Still there?');
    expect($(second, '.handoff')!.textContent).toContain('Maria');
    const messages = events(second, 'user-message');
    await second.ask('yes');
    expect(messages).toHaveLength(1);
  });

  it('lets only http(s) and same-site avatars through', () => {
    expect(safeImage('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(safeImage('/avatars/a.png')).toBe('/avatars/a.png');
    for (const bad of ['javascript:alert(1)', 'data:image/svg+xml,<svg onload=alert(1)>', '//evil.example/a.png', 'mailto:a@b.c', 42, undefined])
      expect(safeImage(bad)).toBeUndefined();
  });

  it('drops an unsafe avatar and a missing name becomes "Agent"', async () => {
    const el = await mount({ 'handoff-url': hook.url + '/handoff' });
    el.agent.join({ name: '', avatar: 'javascript:alert(1)' });
    el.agent.say('hello');
    await settle(el);
    expect($$(el, '.msg.agent img')).toHaveLength(0);
    expect($$(el, '.msg.agent .who').at(-1)!.textContent).toBe('Agent');
  });
});

describe('the Helpline global drives the agent', () => {
  it('Helpline.agent.join/say/typing/end', async () => {
    sessionStorage.clear();
    await import('../../widget/script-tag.js');
    const api = (window as any).Helpline;
    const el: HelplineChat = api.element;
    el.packData = pack;
    el.show();
    await el.load();
    const messages: any[] = [];
    api.on('user-message', (d: unknown) => messages.push(d));
    api.agent.join({ name: 'Ana' });
    api.agent.typing();
    await api.open(); // the loader's calls wait for the widget, in order
    await settle(el);
    expect($(el, '.handoff')!.textContent).toContain('Ana is typing…');
    api.agent.say('How can I help?');
    await api.open();
    await settle(el);
    expect($$(el, '.msg.agent').at(-1)!.textContent).toContain('How can I help?');
    await api.ask('my deposit is missing');
    expect(messages).toMatchObject([{ text: 'my deposit is missing' }]);
    api.agent.end();
    await api.open();
    await settle(el);
    expect(el.handoffState).toBe('closed');
  });
});
