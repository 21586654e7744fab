// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import type { Pack } from '../../src/index.js';
import { fixture, packOf } from '../helpers.js';
import { compileKnowledge } from '../../src/node/index.js';

const mini = packOf(fixture('kb-mini'));

async function mount(pack: Pack, attrs: Record<string, string> = {}): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-first-screen';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
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

/** A knowledge folder of `n` English articles in two categories, the first `featured` of them featured. */
function packWith(n: number, featured: number, popular?: string[]): Pack {
  const dir = mkdtempSync(join(tmpdir(), 'helpline-first-'));
  for (let i = 0; i < n; i++) {
    const category = i % 2 ? 'deposits' : 'withdrawals';
    mkdirSync(join(dir, 'en', category), { recursive: true });
    writeFileSync(
      join(dir, 'en', category, `topic-${i}.md`),
      `---\nid: topic-${i}\ntitle: Topic number ${i}\n${i < featured ? 'featured: true\n' : ''}---\nThe answer about topic ${i}.\n`,
    );
  }
  return popular ? compileKnowledge(dir, { popular }).pack : packOf(dir);
}

describe('the first screen', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => document.body.replaceChildren());

  it('greets in the UI language, offers the first article of each category, and names the languages the bot answers in', async () => {
    const el = await mount(mini);
    expect($(el, '.first .greeting')!.textContent).toBe('Hi! How can we help? Ask a question or pick a topic.');
    const chips = $$(el, '.first .topics button');
    // kb-mini has no featured article: the first of each category, in the pack's order
    const firstOfEach = new Map<string, string>();
    for (const a of mini.data.articles) if (a.lang === 'en' && !firstOfEach.has(a.category)) firstOfEach.set(a.category, a.title);
    expect(firstOfEach.size).toBe(3);
    expect(chips.map((c) => c.textContent)).toEqual([...firstOfEach.values()]);
    expect($(el, '.first .languages')!.textContent!.replace(/\s+/g, ' ').trim()).toBe('Ask in any of these languages: English · Español · 中文');
  });

  it('asks the topic a chip names, and the first screen gives way to the conversation', async () => {
    const el = await mount(mini);
    const chip = $$(el, '.first .topics button')[0];
    const answers: { reply: { article: { id: string } } }[] = [];
    el.addEventListener('helpline:answer', (e) => answers.push((e as CustomEvent).detail));
    chip.click();
    await new Promise((r) => setTimeout(r, 20));
    await settle(el);
    expect(answers.map((a) => a.reply.article.id)).toEqual([chip.dataset.article]);
    expect($(el, '.first')).toBeNull();
    expect($$(el, '.msg.user')[0].textContent).toContain(chip.textContent!);
    expect($$(el, '.msg.bot')[0].querySelector('h3')!.textContent).toBe(chip.textContent);
  });

  it("offers the featured articles, at most six, in the visitor's language", async () => {
    const el = await mount(packWith(9, 8));
    expect($$(el, '.first .topics button').map((c) => c.dataset.article)).toEqual(['topic-0', 'topic-1', 'topic-2', 'topic-3', 'topic-4', 'topic-5']);
    // one language only: nothing to say about languages
    expect($(el, '.first .languages')).toBeNull();
  });

  it('offers the most-asked articles of the report the pack was built with, most asked first, unless some are featured', async () => {
    const asked = ['topic-3', 'topic-1', 'topic-4'];
    const el = await mount(packWith(5, 0, asked));
    expect($$(el, '.first .topics button').map((c) => c.dataset.article)).toEqual(asked);
    document.body.replaceChildren();
    const featured = await mount(packWith(5, 2, asked));
    expect($$(featured, '.first .topics button').map((c) => c.dataset.article)).toEqual(['topic-0', 'topic-1']);
  });

  it('greets in Japanese and offers the Chinese titles to a Chinese page', async () => {
    const ja = await mount(mini, { lang: 'ja' });
    expect($(ja, '.first .greeting')!.textContent).toBe('こんにちは！ご用件をお聞かせください。質問を入力するか、トピックを選んでください。');
    document.body.replaceChildren();
    const zh = await mount(mini, { lang: 'zh' });
    expect($(zh, '.first .greeting')!.textContent).toBe('您好！请问有什么可以帮您？请输入问题或选择一个主题。');
    expect($$(zh, '.first .topics button').map((c) => c.textContent)).toEqual(
      mini.data.articles
        .filter((a) => a.lang === 'zh')
        .slice(0, 1)
        .map((a) => a.title),
    );
  });

  it('"New conversation" in the header clears the log and the saved session, and shows the first screen again', async () => {
    const el = await mount(mini);
    expect($(el, 'header .new')).toBeNull(); // nothing to clear yet
    await el.ask('what is the withdrawal fee for usdt');
    await settle(el);
    const button = $(el, 'header .new')!;
    expect(button.getAttribute('aria-label')).toBe('New conversation');
    button.click();
    await settle(el);
    expect($$(el, '.msg')).toHaveLength(0);
    expect($(el, '.first .greeting')).not.toBeNull();
    const saved = JSON.parse(sessionStorage.getItem('helpline:inline-first-screen')!);
    expect(saved.entries).toEqual([]);
    expect(saved.state.turns).toEqual([]);
    expect(el.shadowRoot!.activeElement).toBe($(el, '#helpline-input'));
  });
});
