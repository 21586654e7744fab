// @vitest-environment happy-dom
/**
 * The script tag's Chatwoot attributes: data-chatwoot (an http(s) URL) with data-chatwoot-inbox reach the element;
 * one without the other, or another kind of URL, is reported in the console and left out. And Helpline.ticket.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../widget/helpline-chat.js';

/** Runs a fresh copy of the loader as if from `<script src="helpline.js" data-…>`; returns its element. */
async function load(data: Record<string, string>): Promise<HTMLElement & { ticket(id: string): Promise<unknown> }> {
  const script = document.createElement('script');
  for (const [k, v] of Object.entries(data)) script.dataset[k] = v;
  Object.defineProperty(document, 'currentScript', { value: script, configurable: true });
  vi.resetModules();
  await import('../../widget/script-tag.js');
  return (window as any).Helpline.element;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('script tag: data-chatwoot', () => {
  it('passes an http(s) Chatwoot and its inbox to the element', async () => {
    const el = await load({ chatwoot: 'https://chat.example', chatwootInbox: 'f8d1Xq3m' });
    expect(el.getAttribute('chatwoot')).toBe('https://chat.example');
    expect(el.getAttribute('chatwoot-inbox')).toBe('f8d1Xq3m');
  });

  for (const data of <Record<string, string>[]>[
    { chatwoot: 'https://chat.example' },
    { chatwootInbox: 'f8d1Xq3m' },
    { chatwoot: 'javascript:alert(1)', chatwootInbox: 'x' },
    { chatwoot: '//chat.example', chatwootInbox: 'x' },
  ]) {
    it(`leaves out and reports ${JSON.stringify(data)}`, async () => {
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      const el = await load(data);
      expect(el.hasAttribute('chatwoot')).toBe(false);
      expect(el.hasAttribute('chatwoot-inbox')).toBe(false);
      expect(error.mock.calls.map((c) => String(c[0]))).toContainEqual(expect.stringContaining('data-chatwoot needs an http(s) URL'));
    });
  }

  it('Helpline.ticket answers for an id this browser never sent', async () => {
    await load({});
    expect(await (window as any).Helpline.ticket('nope')).toEqual({ id: 'nope', delivery: 'unknown', checked: false });
  });
});
