// @vitest-environment happy-dom
import { beforeAll, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import type { HelplineGlobal } from '../../widget/helpline-api.js';
import { fixture, packOf } from '../helpers.js';

const pack = packOf(fixture('kb-mini'));
const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 4; i++) await el.updateComplete;
  await new Promise((r) => setTimeout(r, 0));
};

describe('the Helpline global, before and after the script loads', () => {
  let api: HelplineGlobal;
  let el: HelplineChat;
  const seen: { name: string; detail: unknown }[] = [];

  beforeAll(async () => {
    sessionStorage.clear();
    // The README's stub, as a page pastes it before the script tag, and calls made with it.
    const w = window as any; // eslint-disable-line @typescript-eslint/no-explicit-any
    w.Helpline =
      w.Helpline ||
      function () {
        (w.Helpline.q = w.Helpline.q || []).push(arguments);
      }; // eslint-disable-line prefer-rest-params
    for (const name of ['ready', 'open', 'close', 'unread', 'answer'] as const) w.Helpline('on', name, (detail: unknown) => seen.push({ name, detail }));
    w.Helpline('identify', { id: 'u-1', email: 'ana@example.com' });
    w.Helpline('hide');
    await import('../../widget/script-tag.js');
    api = window.Helpline;
    el = api.element;
    el.packData = pack;
    await settle(el);
  });

  it('ran the calls queued before load, in order, and fired ready', async () => {
    expect(typeof api).toBe('function');
    expect(seen.map((e) => e.name)).toContain('ready');
    expect(el.hasAttribute('launcher-hidden')).toBe(true);
    expect($(el, '.launcher')).toBeNull();
    api('show');
    await settle(el);
    expect($(el, '.launcher')).not.toBeNull();
    // a ready listener added now is called at once
    const late = await new Promise((ok) => api.on('ready', () => ok('called')));
    expect(late).toBe('called');
  });

  it('takes commands and methods alike after load, and the queue keeps working', async () => {
    await api('open');
    await settle(el);
    expect(el.open).toBe(true);
    api.q.push(['close']);
    await settle(el);
    expect(el.open).toBe(false);
    await api.toggle();
    await settle(el);
    expect(el.open).toBe(true);
    await api('toggle');
    await settle(el);
    expect(el.open).toBe(false);
    expect(seen.filter((e) => e.name === 'open' || e.name === 'close').map((e) => e.name)).toEqual(['open', 'close', 'open', 'close']);
  });

  it('shows an article by id, and prefills without sending', async () => {
    const reply = await api.showArticle('withdrawal-fees');
    await settle(el);
    expect(reply).toMatchObject({ kind: 'answer', article: { id: 'withdrawal-fees' } });
    expect($$(el, '.msg.bot').at(-1)!.querySelector('h3')!.textContent).toBe('How much does a withdrawal cost?');
    const before = $$(el, '.msg').length;
    api('prefill', 'my usdt withdrawal is');
    await settle(el);
    expect(($(el, '#helpline-input') as HTMLInputElement).value).toBe('my usdt withdrawal is');
    expect($$(el, '.msg')).toHaveLength(before);
  });

  it('counts what arrives while the panel is closed, and clears the count when it opens', async () => {
    api.close();
    await settle(el);
    const unread = () => seen.filter((e) => e.name === 'unread').map((e) => (e.detail as { count: number }).count);
    const start = unread().length;
    el.addLine({ role: 'agent', text: 'Hi, Ana here', name: 'Ana' });
    el.addLine({ role: 'agent', text: 'Are you still there?', name: 'Ana' });
    await settle(el);
    expect(unread().slice(start)).toEqual([1, 2]);
    expect($(el, '.launcher .badge')!.textContent).toContain('2');
    await api.open();
    await settle(el);
    expect(unread().slice(start)).toEqual([1, 2, 0]);
    expect($(el, '.launcher')).toBeNull();
  });

  it('off stops a listener; a misspelled command says so', async () => {
    const got: unknown[] = [];
    const fn = (d: unknown) => got.push(d);
    api.on('answer', fn);
    api.off('answer', fn);
    await api.ask('what is the withdrawal fee for usdt');
    expect(got).toEqual([]);
    expect(seen.some((e) => e.name === 'answer')).toBe(true);
    const errors: string[] = [];
    const original = console.error;
    console.error = (m: string) => errors.push(m);
    try {
      (api as unknown as (c: string) => void)('opne');
    } finally {
      console.error = original;
    }
    expect(errors[0]).toMatch(/unknown command "opne" \(commands: open, close, toggle/);
  });

  it('reset (logout) forgets the user and the conversation, and clears the saved session', async () => {
    const handoffs: { user?: unknown; transcript: unknown[] }[] = [];
    api.on('handoff', (h) => handoffs.push(h));
    await api.ask('what is the withdrawal fee for usdt');
    $(el, 'header .human')!.click();
    await settle(el);
    expect(handoffs.at(-1)!.user).toMatchObject({ id: 'u-1' }); // identified by the call queued before load
    expect(sessionStorage.getItem('helpline:inline')).not.toBeNull();
    api.reset();
    expect(sessionStorage.getItem('helpline:inline')).toBeNull(); // at once, before the widget acts
    await settle(el);
    expect($$(el, '.msg')).toHaveLength(0);
    $(el, 'header .human')!.click();
    await settle(el);
    expect(handoffs.at(-1)!.user).toBeUndefined();
    expect(handoffs).toHaveLength(2);
    expect(handoffs[1].transcript).toEqual([]); // the conversation before the logout went with it
  });
});
