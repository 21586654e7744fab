// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import type { Pack } from '../../src/index.js';
import { leadOf, LEAD_WORDS } from '../../widget/answer-lead.js';
import { fixture, packOf } from '../helpers.js';
import { messages } from '../../src/internal.js';
import { webhookStandIn } from './webhook-stand-in.js';

const sentence = (i: number) => `Step ${i} of the withdrawal review checks one more thing about your account.`; // 12 words
const LONG = Array.from({ length: 20 }, (_, i) => sentence(i + 1)).join(' ');

function knowledge(): Pack {
  const dir = mkdtempSync(join(tmpdir(), 'helpline-answers-'));
  mkdirSync(join(dir, 'en', 'withdrawals'), { recursive: true });
  writeFileSync(
    join(dir, 'en', 'withdrawals', 'withdrawal-review.md'),
    `---\nid: withdrawal-review\ntitle: Why is my withdrawal under review?\nurl: https://help.example.com/articles/withdrawal-review\n---\n${LONG}\n`,
  );
  writeFileSync(
    join(dir, 'en', 'withdrawals', 'withdrawal-fees.md'),
    `---\nid: withdrawal-fees\ntitle: How much is the withdrawal fee?\n---\nEach network charges its own withdrawal fee, shown before you confirm.\n`,
  );
  return packOf(dir);
}

async function mount(pack: Pack): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-answers';
  document.body.appendChild(el);
  await el.updateComplete;
  return el;
}
const lastBot = (el: HelplineChat) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.msg.bot')].at(-1)!;
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};

describe('readable answers', () => {
  beforeEach(() => sessionStorage.clear());
  afterEach(() => document.body.replaceChildren());

  it('shows the first lines of a long article with no sections, the whole one tap away, and its help-center page', async () => {
    const el = await mount(knowledge());
    const reply = await el.ask('why is my withdrawal under review');
    await settle(el);
    expect(reply).toMatchObject({ kind: 'answer', article: { id: 'withdrawal-review', url: 'https://help.example.com/articles/withdrawal-review' } });
    expect(reply!.section).toBeUndefined();
    const bot = lastBot(el);
    expect(bot.querySelector('h3.title')!.getAttribute('title')).toBe('Why is my withdrawal under review?');
    expect(bot.textContent).toContain(sentence(1));
    expect(bot.textContent).not.toContain(sentence(20));
    const link = bot.querySelector<HTMLAnchorElement>('a.source')!;
    expect(link.textContent).toBe('Open in the help center');
    expect(link.getAttribute('href')).toBe('https://help.example.com/articles/withdrawal-review');
    expect(link.getAttribute('rel')).toBe('noopener noreferrer');
    bot.querySelector<HTMLElement>('button.more')!.click();
    await settle(el);
    expect(lastBot(el).textContent).toContain(sentence(20));
    expect(lastBot(el).querySelector('button.more')).toBeNull();
  });

  it('shows a short article whole, with no button and no link when it has no url', async () => {
    const el = await mount(knowledge());
    await el.ask('how much is the withdrawal fee');
    await settle(el);
    const bot = lastBot(el);
    expect(bot.textContent).toContain('Each network charges its own withdrawal fee');
    expect(bot.querySelector('button.more, a.source')).toBeNull();
  });

  it('links only to a web page, whatever an edited pack says', async () => {
    const pack = knowledge();
    const edited = { ...pack, data: { ...pack.data, articles: pack.data.articles.map((a) => ({ ...a, url: 'javascript:alert(1)' })) } };
    const el = await mount(edited);
    await el.ask('why is my withdrawal under review');
    await settle(el);
    expect(lastBot(el).querySelector('a.source')).toBeNull();
  });

  it('says "the steps below" in Chinese, Japanese and Korean: the urgent notice sits above the steps', async () => {
    const el = document.createElement('helpline-chat');
    const pack = packOf(fixture('kb-mini'));
    el.packData = pack;
    el.pack = 'inline-urgent';
    el.setAttribute('lang', 'zh');
    const hook = await webhookStandIn(); // the notice says the team was alerted: only shown when it was
    el.setAttribute('handoff-url', hook.url);
    document.body.appendChild(el);
    const reply = await el.showArticle('account-hacked');
    await settle(el);
    expect(reply).toMatchObject({ kind: 'answer', lang: 'zh', article: { id: 'account-hacked' } });
    const bot = lastBot(el);
    const notice = [...bot.querySelectorAll('.notice')].find((n) => n.textContent!.includes('步骤'))!;
    expect(notice.textContent).toContain('以下步骤');
    expect(notice.compareDocumentPosition(bot.querySelector('h3.title')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(messages('ja', pack.data.messages).handoffUrgent).toContain('以下の手順');
    expect(messages('ko', pack.data.messages).handoffUrgent).toContain('아래 단계');
    expect(messages('zh-TW', pack.data.messages).handoffUrgent).toContain('以下步驟');
    await hook.close();
  });

  it('cuts the lead at about 80 words, at a sentence, and counts Chinese by characters', () => {
    const lead = leadOf(LONG)!;
    const words = lead.split(/\s+/).length;
    expect(words).toBeGreaterThan(LEAD_WORDS / 2);
    expect(words).toBeLessThanOrEqual(LEAD_WORDS);
    expect(lead).toMatch(/account\.$/);
    expect(leadOf(sentence(1))).toBeUndefined();
    const zh = '提币审核需要检查您的账户安全。'.repeat(30);
    expect(leadOf(zh)!.length).toBeLessThanOrEqual(2 * LEAD_WORDS);
    // a cut inside a code block still closes it
    expect(leadOf('```\n' + Array.from({ length: 200 }, (_, i) => `line ${i}`).join('\n') + '\n```')!.endsWith('```')).toBe(true);
  });
});
