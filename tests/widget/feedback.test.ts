// @vitest-environment happy-dom
/**
 * 👎 leads somewhere (rephrase, the other articles, a human, a comment) and 👍 marks the question solved, which
 * asks the satisfaction survey once per conversation.
 */
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

async function mount(): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-feedback';
  document.body.appendChild(el);
  el.show();
  await el.load();
  await settle(el);
  return el;
}

beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => document.body.replaceChildren());

describe('after an answer', () => {
  it('👎 offers to rephrase, the other articles, a human, and takes a comment, redacted', async () => {
    const el = await mount();
    const feedback: any[] = [];
    el.addEventListener('helpline:feedback', (e) => feedback.push((e as CustomEvent).detail));
    await el.ask('what is the withdrawal fee for usdt');
    await settle(el);
    ($$(el, '.msg.bot').at(-1)!.querySelector('button[aria-label="No"]') as HTMLElement).click();
    await settle(el);
    expect(feedback).toMatchObject([{ article: 'withdrawal-fees', helpful: false }]);
    const box = $(el, '.not-helped')!;
    expect(box.textContent).toContain("Sorry that didn't help");
    const chips = [...box.querySelectorAll<HTMLElement>('.chip')].map((c) => c.textContent!.trim());
    expect(chips[0]).toBe('Rephrase my question');
    expect(chips.at(-1)).toBe('Talk to a human');
    // The other articles search finds for the same question, not the one that did not help.
    expect(chips).not.toContain('How much does a withdrawal cost?');
    expect(chips.length).toBeGreaterThanOrEqual(3);

    (box.querySelector('.rephrase') as HTMLElement).click();
    await settle(el);
    expect(($(el, '#helpline-input') as HTMLInputElement).value).toBe('what is the withdrawal fee for usdt');

    const input = box.querySelector<HTMLInputElement>('input[name="comment"]')!;
    input.value = 'I wanted the TRC20 fee, my password is Hunter2Secret';
    box.querySelector('form')!.dispatchEvent(new Event('submit', { cancelable: true }));
    await settle(el);
    expect(feedback).toHaveLength(2);
    expect(feedback[1]).toMatchObject({ article: 'withdrawal-fees', helpful: false });
    expect(feedback[1].comment).toContain('I wanted the TRC20 fee');
    expect(JSON.stringify(feedback)).not.toContain('Hunter2Secret');
    expect($(el, '.not-helped')).toBeNull();
    expect($$(el, '.msg.bot').at(-1)!.textContent).toContain('Thanks for your feedback');
  });

  it('an other article from the 👎 box is answered', async () => {
    const el = await mount();
    await el.ask('what is the withdrawal fee for usdt');
    await settle(el);
    ($$(el, '.msg.bot').at(-1)!.querySelector('button[aria-label="No"]') as HTMLElement).click();
    await settle(el);
    const other = [...$(el, '.not-helped')!.querySelectorAll<HTMLElement>('.chip')][1];
    const title = other.textContent!.trim();
    other.click();
    await settle(el);
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    expect($$(el, '.msg.bot').at(-1)!.querySelector('h3')!.textContent).toBe(title);
  });

  it('👍 marks it solved: the survey follows, once per conversation, about that article', async () => {
    const el = await mount();
    const csat: any[] = [];
    el.addEventListener('helpline:csat', (e) => csat.push((e as CustomEvent).detail));
    await el.ask('what is the withdrawal fee for usdt');
    await settle(el);
    ($$(el, '.msg.bot').at(-1)!.querySelector('button[aria-label="Yes"]') as HTMLElement).click();
    await settle(el);
    expect($(el, '.survey')).not.toBeNull();
    ($(el, '.survey [data-score="4"]') as HTMLElement).click();
    await settle(el);
    expect(csat).toMatchObject([{ score: 4, topic: 'withdrawal-fees', lang: 'en' }]);
    expect($(el, '.survey')).toBeNull();

    // A second solved answer in the same conversation does not ask again.
    await el.ask('my withdrawal is pending');
    await settle(el);
    ($$(el, '.msg.bot').at(-1)!.querySelector('button[aria-label="Yes"]') as HTMLElement)?.click();
    await settle(el);
    expect($(el, '.survey')).toBeNull();

    // A new conversation may ask again.
    el.newConversation();
    await settle(el);
    await el.ask('what is the withdrawal fee for usdt');
    await settle(el);
    ($$(el, '.msg.bot').at(-1)!.querySelector('button[aria-label="Yes"]') as HTMLElement).click();
    await settle(el);
    expect($(el, '.survey')).not.toBeNull();
  });
});
