// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { fixture, packOf } from '../helpers.js';
import { webhookStandIn, until } from './webhook-stand-in.js';

const pack = packOf(fixture('kb-mini'));
const SEED = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

async function mount(attrs: Record<string, string> = {}, hours?: HelplineChat['hours']): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.hours = hours;
  el.packData = pack;
  el.pack = 'inline-delivery-test';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  await el.updateComplete;
  el.show();
  await el.load();
  await settle(el);
  return el;
}
const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};
const text = (el: HelplineChat) => el.shadowRoot!.textContent ?? '';

describe('never claims a human was alerted unless delivered or safely queued', () => {
  beforeEach(() => {
    sessionStorage.clear();
    localStorage.clear();
  });
  afterEach(() => {
    document.body.replaceChildren();
    vi.restoreAllMocks();
  });

  it('without data-handoff-url or data-relay: the contact fallback, no "alerted", one console warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const el = await mount({ contact: 'mailto:support@example.com' });
    await el.ask('I want to talk to a real person');
    await settle(el);
    expect($(el, '.handoff')!.dataset.state).toBe('undelivered');
    expect($(el, '.handoff a')!.getAttribute('href')).toBe('mailto:support@example.com');
    expect(text(el)).toContain('could not be sent to our support team');
    expect(text(el)).not.toMatch(/An agent will|passing this conversation|in the queue/);

    el.reset();
    const reply = await el.ask('my account was hacked, someone stole my coins');
    await settle(el);
    expect(reply?.handoff).toBeDefined();
    expect(reply?.notices.join(' ')).toContain('alerted'); // the bot said it; the widget must not show it
    expect(text(el)).not.toContain('alerted');
    expect($(el, '.handoff')!.dataset.state).toBe('undelivered');
    expect(warn.mock.calls.filter((c) => String(c[0]).includes('data-handoff-url')).length).toBeLessThanOrEqual(1);
  });

  it('outside business hours without a destination: no ticket form that goes nowhere', async () => {
    const el = await mount({}, { timeZone: 'UTC', weekly: {} });
    await el.ask('I want to talk to a real person');
    await settle(el);
    expect($(el, '.handoff form')).toBeNull();
    expect(text(el)).not.toContain('We created a ticket');
  });

  it('an endpoint answering 503: stays queued, says so honestly, retried until it is delivered', async () => {
    const hook = await webhookStandIn((_r, n) => (n <= 1 ? 503 : 200));
    const el = await mount({ 'handoff-url': hook.url });
    $(el, 'header .human')!.click();
    await until(() => hook.received.length >= 1, 'the first POST');
    await until(() => $(el, '.handoff')?.dataset.delivery === 'retrying', 'the retrying notice');
    await settle(el);
    expect($(el, '.handoff')!.textContent).toContain('Your request is saved and will be sent automatically');
    expect(Object.keys(localStorage).filter((k) => k.startsWith('helpline:outbox:'))).toHaveLength(1);
    await until(() => hook.received.length >= 2, 'the retry', 8000);
    await until(() => $(el, '.handoff')?.dataset.delivery === 'delivered', 'delivery');
    expect($(el, '.handoff')!.textContent).toContain("You're in the queue");
    expect(new Set(hook.received.map((r) => r.key)).size).toBe(1);
    expect(Object.keys(localStorage).filter((k) => k.startsWith('helpline:outbox:'))).toHaveLength(0);
    await hook.close();
  });

  for (const status of [401, 403, 404]) {
    it(`an endpoint answering ${status}: the user is told it could not be delivered, with the contact link`, async () => {
      const hook = await webhookStandIn(() => status);
      const el = await mount({ 'handoff-url': hook.url, contact: '/contact' });
      await el.ask('I want to talk to a real person');
      await until(() => $(el, '.handoff')?.dataset.state === 'undelivered', 'the failure notice');
      await settle(el);
      expect($(el, '.handoff')!.textContent).toContain('could not be sent to our support team');
      expect($(el, '.handoff a')!.getAttribute('href')).toBe('/contact');
      expect(text(el)).not.toMatch(/An agent will|in the queue/);
      await hook.close();
    });
  }

  it('redacts the ticket description in the POST body, localStorage and the helpline:ticket event', async () => {
    const hook = await webhookStandIn(() => 503); // kept in the outbox, so what it stores can be read
    const el = await mount({ 'handoff-url': hook.url }, { timeZone: 'UTC', weekly: {} });
    const tickets: any[] = [];
    el.addEventListener('helpline:ticket', (e) => tickets.push((e as CustomEvent).detail));
    await el.ask('I want to talk to a real person');
    await settle(el);
    const form = $(el, '.handoff form') as HTMLFormElement;
    (form.querySelector('input[name="email"]') as HTMLInputElement).value = 'user@example.com';
    const secret = `my seed is ${SEED}, card 4111 1111 1111 1111, password: Hunter2!secret`;
    (form.querySelector('textarea') as HTMLTextAreaElement).value = `withdrawal stuck. ${secret}`;
    form.dispatchEvent(new Event('submit', { cancelable: true }));
    await until(() => hook.received.length >= 1, 'the ticket POST');
    const stored = Object.keys(localStorage)
      .filter((k) => k.startsWith('helpline:outbox:'))
      .map((k) => localStorage.getItem(k)!)
      .join('\n');
    for (const [where, value] of [
      ['event', JSON.stringify(tickets)],
      ['POST body', JSON.stringify(hook.received[0].body)],
      ['localStorage', stored],
    ] as const) {
      expect(value, where).toContain('withdrawal stuck');
      for (const leak of ['Hunter2!secret', '4111 1111 1111 1111', 'abandon ability able']) expect(value, `${where}: ${leak}`).not.toContain(leak);
    }
    await hook.close();
  });
});
