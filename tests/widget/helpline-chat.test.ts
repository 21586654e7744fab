// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixture, packOf } from '../helpers.js';
import { webhookStandIn } from './webhook-stand-in.js';

const pack = packOf(fixture('kb-mini'));

async function mount(attrs: Record<string, string> = {}): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-test';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  await el.updateComplete;
  return el;
}

const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};

describe('<helpline-chat>', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => document.body.replaceChildren());

  it('shows only a labelled launcher until opened, then a dialog with a log and an input', async () => {
    const el = await mount();
    expect($(el, '.launcher')!.textContent).toContain('Help');
    expect($(el, '.panel')).toBeNull();
    $(el, '.launcher')!.click();
    await settle(el);
    expect(el.open).toBe(true);
    const panel = $(el, '.panel')!;
    expect(panel.getAttribute('role')).toBe('dialog');
    expect($(el, '.log')!.getAttribute('aria-live')).toBe('polite');
    expect($(el, 'label[for="helpline-input"]')).not.toBeNull();
  });

  it('shows the matching section first, and the whole article one tap away', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'helpline-sections-'));
    mkdirSync(join(dir, 'en', 'help'), { recursive: true });
    writeFileSync(
      join(dir, 'en', 'help', 'withdraw.md'),
      '---\nid: withdraw\ntitle: Withdrawing crypto\n---\nOpen Wallet and choose Withdraw.\n\n## Fees\nEach network charges its own withdrawal fee.\n\n## How long it takes\nMost withdrawals arrive within 30 minutes.\n',
    );
    const el = document.createElement('helpline-chat');
    el.packData = packOf(dir);
    el.pack = 'inline-sections';
    document.body.appendChild(el);
    await el.updateComplete;
    const reply = await el.ask('how long does a withdrawal take to arrive');
    await settle(el);
    expect(reply).toMatchObject({ kind: 'answer', section: { heading: 'How long it takes' } });
    const bot = $$(el, '.msg.bot').at(-1)!;
    expect(bot.querySelector('h4.section')!.textContent).toBe('How long it takes');
    expect(bot.textContent).not.toContain('Open Wallet');
    const more = bot.querySelector<HTMLElement>('button.more')!;
    expect(more.textContent).toBe('Show the whole article');
    more.click();
    await settle(el);
    const whole = $$(el, '.msg.bot').at(-1)!;
    expect(whole.textContent).toContain('Open Wallet');
    expect(whole.querySelector('button.more')).toBeNull();
  });

  it('renders an answer with its article, the notices and 👍/👎 that emit feedback', async () => {
    const el = await mount();
    const feedback: unknown[] = [];
    el.addEventListener('helpline:feedback', (e) => feedback.push((e as CustomEvent).detail));
    const answers: unknown[] = [];
    el.addEventListener('helpline:answer', (e) => answers.push((e as CustomEvent).detail));
    const reply = await el.ask('what is the withdrawal fee for usdt');
    await settle(el);
    expect(reply?.kind).toBe('answer');
    expect(answers).toHaveLength(1);
    const bot = $$(el, '.msg.bot').at(-1)!;
    expect(bot.querySelector('h3')!.textContent).toBe('How much does a withdrawal cost?');
    expect(bot.querySelector('strong')!.textContent).toBe('network fee');
    (bot.querySelector('button[aria-label="Yes"]') as HTMLElement).click();
    await settle(el);
    expect(feedback).toMatchObject([{ article: 'withdrawal-fees', helpful: true }]);
    expect($$(el, '.msg.bot').at(-1)!.textContent).toContain('Thanks for your feedback');
  });

  it('renders fallbacks as text', async () => {
    const el = await mount();
    const reply = await el.ask('tell me a joke');
    await settle(el);
    expect(reply?.kind).toBe('fallback');
    expect($$(el, '.msg.bot').at(-1)!.textContent).toContain("can't help");
  });

  it('renders clarify chips that open the chosen article', async () => {
    // A pack whose answer threshold no reply reaches: every matching question clarifies, so the chips must show.
    const el = document.createElement('helpline-chat');
    el.packData = { ...pack, data: { ...pack.data, settings: { ...pack.data.settings, answer: 1.01, clarify: 0.01 } } };
    el.pack = 'inline-clarify-test';
    document.body.appendChild(el);
    await el.updateComplete;
    const clarified: { question: string }[] = [];
    el.addEventListener('helpline:clarify', (e) => clarified.push((e as CustomEvent).detail));
    const reply = await el.ask('how much is the withdrawal fee');
    await settle(el);
    expect(reply?.kind).toBe('clarify');
    expect(clarified).toMatchObject([{ question: 'how much is the withdrawal fee' }]);
    const chips = [...$$(el, '.msg.bot').at(-1)!.querySelectorAll<HTMLElement>('button[part="chip"]')];
    expect(chips.length).toBe(reply!.suggestions!.length);
    expect(chips.length).toBeGreaterThan(0);
    expect(chips.map((c) => c.textContent!.trim())).toEqual(reply!.suggestions!.map((s) => s.title));
    const first = reply!.suggestions![0];
    chips[0].click();
    await settle(el);
    expect($$(el, '.msg.bot').at(-1)!.querySelector('h3')!.textContent).toBe(first.title);
  });

  it('hands off from the always-visible human button and shows the queued state', async () => {
    const hook = await webhookStandIn();
    const el = await mount({ 'handoff-url': hook.url });
    el.show();
    await settle(el);
    const handoffs: { reason: string; live: boolean }[] = [];
    el.addEventListener('helpline:handoff', (e) => handoffs.push((e as CustomEvent).detail));
    await el.load();
    $(el, 'header .human')!.click();
    await settle(el);
    expect(handoffs).toMatchObject([{ reason: 'requested', live: true }]);
    expect($(el, '.handoff')!.dataset.state).toBe('queued');
    el.setHandoffStatus('connected');
    await settle(el);
    expect($(el, '.handoff')!.textContent).toContain('An agent has joined');
    await hook.close();
  });

  it('collects a ticket outside business hours instead of a live handoff', async () => {
    const hook = await webhookStandIn();
    const el = await mount({ 'handoff-url': hook.url });
    el.hours = { timeZone: 'UTC', weekly: {} }; // never open
    const tickets: { ticket: { email: string } }[] = [];
    el.addEventListener('helpline:ticket', (e) => tickets.push((e as CustomEvent).detail));
    await el.ask('I want to talk to a real person');
    await settle(el);
    expect($(el, '.handoff form')).not.toBeNull();
    const form = $(el, '.handoff form') as HTMLFormElement;
    (form.querySelector('input[name="email"]') as HTMLInputElement).value = 'user@example.com';
    (form.querySelector('textarea') as HTMLTextAreaElement).value = 'withdrawal stuck';
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(el);
    expect(tickets[0].ticket).toEqual({ email: 'user@example.com', description: 'withdrawal stuck' });
    expect($(el, '.handoff')!.textContent).toContain('ticket');
    await hook.close();
  });

  it('says when agents will be back outside business hours', async () => {
    const el = await mount({ 'handoff-url': 'https://support.example/handoff' });
    const today = new Date().toISOString().slice(0, 10);
    const allDay = ['00:00-24:00'];
    // Closed today (a holiday), open all day every day: agents are back at midnight UTC.
    el.hours = { timeZone: 'UTC', weekly: { mon: allDay, tue: allDay, wed: allDay, thu: allDay, fri: allDay, sat: allDay, sun: allDay }, holidays: [today] };
    await el.ask('I want to talk to a real person');
    await settle(el);
    const tomorrow = new Date(`${today}T00:00:00Z`);
    tomorrow.setUTCDate(tomorrow.getUTCDate() + 1);
    const weekday = new Intl.DateTimeFormat('en', { weekday: 'long', timeZone: 'UTC' }).format(tomorrow);
    expect($(el, '.handoff p')!.textContent).toContain(`They will reply ${weekday}`);
  });

  it("switches UI language with the lang attribute and answers in the question's language", async () => {
    const el = await mount({ lang: 'es' });
    expect($(el, '.launcher')!.textContent).toContain('Ayuda');
    el.lang = 'ja';
    await settle(el);
    expect($(el, '.launcher')!.textContent).toContain('ヘルプ');
    el.lang = 'zh-TW';
    await settle(el);
    expect($(el, '.launcher')!.textContent).toContain('幫助');
    const reply = await el.ask('提币手续费是多少');
    expect(reply?.lang).toBe('zh');
  });

  it('restores the conversation after a reload from sessionStorage', async () => {
    const first = await mount();
    await first.ask('my withdrawal is still pending');
    await settle(first);
    first.remove();
    const second = await mount();
    await settle(second);
    expect(second.open).toBe(true);
    expect($$(second, '.msg.user')[0].textContent).toContain('my withdrawal is still pending');
    expect($$(second, '.msg.bot')[0].querySelector('h3')!.textContent).toBe('My withdrawal is pending or has not arrived');
  });

  it('escapes user text and article HTML: nothing becomes markup', async () => {
    const el = await mount();
    await el.ask('<img src=x onerror="window.__pwned=1"> withdrawal fee');
    await settle(el);
    expect($(el, '.msg.user')!.querySelector('img')).toBeNull();
    expect($(el, '.msg.user')!.textContent).toContain('<img src=x');
  });

  it('closes on Escape and returns focus to the launcher', async () => {
    const el = await mount({ open: '' });
    await settle(el);
    $(el, '.panel')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await settle(el);
    expect(el.open).toBe(false);
    expect(el.shadowRoot!.activeElement).toBe($(el, '.launcher'));
  });

  it('says so when "Talk to a human" cannot reach anyone because the pack did not load', async () => {
    const el = document.createElement('helpline-chat');
    el.pack = 'http://127.0.0.1:9/nope.json';
    el.contact = 'mailto:support@example.com';
    el.handoffUrl = 'https://support.example/handoff';
    document.body.appendChild(el);
    el.show();
    await el.load();
    await settle(el);
    const handoffs: unknown[] = [];
    el.addEventListener('helpline:handoff', (e) => handoffs.push(e));
    $(el, 'header .human')!.click();
    await el.load();
    await new Promise((r) => setTimeout(r, 50));
    await settle(el);
    expect($(el, '.log')!.textContent).toContain("Our support team can't be reached from this chat right now");
    expect($(el, '[role="alert"] a')!.getAttribute('href')).toBe('mailto:support@example.com');
    expect(el.shadowRoot!.textContent).not.toMatch(/alerted|An agent will/);
    expect(handoffs).toEqual([]);
  });

  it('shows a clear error with retry and a contact link when the pack cannot load', async () => {
    const el = document.createElement('helpline-chat');
    el.pack = 'http://127.0.0.1:9/nope.json';
    el.contact = 'mailto:support@example.com';
    document.body.appendChild(el);
    el.show();
    await el.load();
    await settle(el);
    expect($(el, '[role="alert"]')!.textContent).toContain("can't be reached");
    expect($(el, '[role="alert"] a')!.getAttribute('href')).toBe('mailto:support@example.com');
  });
});
