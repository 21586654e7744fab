// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { fixture, packOf } from '../helpers.js';
import { webhookStandIn } from './webhook-stand-in.js';

const pack = packOf(fixture('kb-mini'));

async function mount(attrs: Record<string, string> = {}): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-language';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  await el.updateComplete;
  return el;
}
const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};

describe('the bot language and the UI language', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => {
    document.body.replaceChildren();
    document.documentElement.lang = '';
  });

  it("tells the bot the page's language with each question, read when it is asked", async () => {
    document.documentElement.lang = 'es';
    const el = await mount();
    // Tickers only: nothing in the words says Spanish, the page does.
    expect((await el.ask('usdt trc20?'))?.lang).toBe('es');
    expect($(el, '#helpline-input')!.getAttribute('placeholder')).toBe('Escribe tu pregunta…');
    // A single-page app switches its language: the next question and the UI follow.
    document.documentElement.lang = 'zh-CN';
    await settle(el);
    expect($(el, '#helpline-input')!.getAttribute('placeholder')).toBe('请输入您的问题…');
    const zh = await el.ask('usdt trc20?');
    expect(zh).toMatchObject({ lang: 'zh', article: { id: 'withdrawal-fees', lang: 'zh' } });
  });

  it('data-lang beats the page; a question plainly in another language is still answered in it', async () => {
    document.documentElement.lang = 'en';
    const el = await mount({ lang: 'es' });
    expect((await el.ask('usdt trc20?'))?.lang).toBe('es');
    const zh = await el.ask('提币手续费是多少');
    expect(zh).toMatchObject({ lang: 'zh', article: { id: 'withdrawal-fees' } });
    expect((await el.ask('¿cuál es la comisión de retiro?'))?.lang).toBe('es');
  });

  it('setLocale changes the UI strings and the hint at run time, keeping the conversation', async () => {
    const el = await mount({ lang: 'es', open: '' });
    await settle(el);
    expect((await el.ask('¿cuánto cuesta retirar usdt?'))?.lang).toBe('es');
    el.setLocale('zh');
    await settle(el);
    expect($(el, 'header .human')!.textContent).toBe('转人工客服');
    expect(await el.ask('usdt trc20?')).toMatchObject({ lang: 'zh', article: { title: '提币手续费是多少？' } });
    await settle(el);
    expect(el.shadowRoot!.querySelectorAll('.msg.user')).toHaveLength(2);
    el.setLocale('auto');
    await settle(el);
    expect($(el, 'header .human')!.textContent).toBe('Talk to a human');
    expect(() => el.setLocale('<script>')).toThrow(/setLocale\("<script>"\): give a language code/);
  });

  it('business hours set after the bot started apply to the next handoff', async () => {
    const hook = await webhookStandIn();
    const el = await mount({ 'handoff-url': hook.url });
    const handoffs: { live: boolean }[] = [];
    el.addEventListener('helpline:handoff', (e) => handoffs.push((e as CustomEvent).detail));
    await el.ask('how much is the withdrawal fee');
    el.hours = { timeZone: 'UTC', weekly: {} }; // closed from now on
    await settle(el);
    await el.ask('I want to talk to a real person');
    await settle(el);
    expect(handoffs).toMatchObject([{ live: false }]);
    expect($(el, '.handoff form')).not.toBeNull();
    // the conversation went on with the same state: the question before the change is in the handoff
    expect((handoffs[0] as unknown as { transcript: { text: string }[] }).transcript.map((t) => t.text)).toContain('how much is the withdrawal fee');
    await hook.close();
  });
});
