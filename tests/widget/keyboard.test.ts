// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { fixture, packOf } from '../helpers.js';

const pack = packOf(fixture('kb-mini'));
const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};

async function opened(): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-keyboard';
  document.body.appendChild(el);
  el.show();
  await el.load();
  await settle(el);
  return el;
}

async function type(el: HelplineChat, text: string): Promise<HTMLInputElement> {
  const input = $(el, '#helpline-input') as HTMLInputElement;
  input.focus();
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  await settle(el);
  return input;
}
const key = async (el: HelplineChat, input: HTMLElement, k: string) => {
  const e = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true });
  input.dispatchEvent(e);
  await settle(el);
  return e;
};

describe('suggestions as an ARIA combobox', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => document.body.replaceChildren());

  it('opens a listbox as the user types; arrows move the active option, Enter picks it', async () => {
    const el = await opened();
    const input = await type(el, 'withdrawal');
    expect(input.getAttribute('role')).toBe('combobox');
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const list = $(el, `#${input.getAttribute('aria-controls')}`)!;
    expect(list.getAttribute('role')).toBe('listbox');
    const options = $$(el, '[role="option"]');
    expect(options.length).toBeGreaterThan(1);
    expect(input.hasAttribute('aria-activedescendant')).toBe(false);

    await key(el, input, 'ArrowDown');
    await key(el, input, 'ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[1].id);
    expect($$(el, '[role="option"]').map((o) => o.getAttribute('aria-selected'))).toEqual(options.map((_, i) => String(i === 1)));
    await key(el, input, 'ArrowUp');
    await key(el, input, 'ArrowUp'); // wraps to the last
    expect(input.getAttribute('aria-activedescendant')).toBe(options.at(-1)!.id);

    const chosen = options.at(-1)!.textContent!.trim();
    const enter = await key(el, input, 'Enter');
    expect(enter.defaultPrevented).toBe(true); // not sent as typed
    await new Promise((r) => setTimeout(r, 10));
    await settle(el);
    expect($$(el, '.msg.bot').at(-1)!.querySelector('h3')!.textContent).toBe(chosen);
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect(el.shadowRoot!.activeElement).toBe($(el, '#helpline-input'));
  });

  it('Escape closes the list first and the panel only after', async () => {
    const el = await opened();
    const input = await type(el, 'withdrawal');
    expect($(el, '[role="listbox"]')).not.toBeNull();
    await key(el, input, 'Escape');
    expect($(el, '[role="listbox"]')).toBeNull();
    expect(el.open).toBe(true);
    await key(el, input, 'Escape');
    expect(el.open).toBe(false);
  });

  it('Enter with no option chosen sends the text as typed', async () => {
    const el = await opened();
    const input = await type(el, 'withdrawal fee');
    const enter = await key(el, input, 'Enter');
    expect(enter.defaultPrevented).toBe(false); // the form's submit goes ahead
  });

  it('the header is not a second banner, and the close button has a name', async () => {
    const el = await opened();
    expect($(el, 'header')!.getAttribute('role')).toBe('none'); // the page's header is the banner
    expect($(el, '[role="banner"]')).toBeNull();
    expect($(el, 'header .close')!.getAttribute('aria-label')).toBe('Close chat');
  });
});
