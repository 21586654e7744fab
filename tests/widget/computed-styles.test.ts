// @vitest-environment happy-dom
/** The colours are read (getComputedStyle, for the text on the accent) when they may change, not as the user types. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { fixture, packOf } from '../helpers.js';

const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};

describe('computed styles', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    document.body.replaceChildren();
    sessionStorage.clear();
  });

  it('are read once per theme or accent change, never per keystroke', async () => {
    const el = document.createElement('helpline-chat');
    el.packData = packOf(fixture('kb-mini'));
    el.pack = 'inline-styles';
    document.body.appendChild(el);
    el.show();
    await el.load();
    await settle(el);
    const reads = vi.spyOn(window, 'getComputedStyle');
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('#helpline-input')!;
    for (const text of ['w', 'wi', 'wit', 'with', 'withd', 'withdr', 'withdraw']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await settle(el);
    }
    // the keystrokes did render (the suggestions), without reading a style
    expect(el.shadowRoot!.querySelectorAll('.suggest li').length).toBeGreaterThan(0);
    expect(reads).not.toHaveBeenCalled();

    el.theme = 'dark';
    await settle(el);
    expect(reads).toHaveBeenCalledTimes(1);
    el.accent = '#c99400';
    await settle(el);
    expect(reads).toHaveBeenCalledTimes(2);
  });
});
