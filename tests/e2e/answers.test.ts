/**
 * Answers a phone can read, in Chromium: the section that matched first with the whole article one tap away,
 * and nested lists rendered nested (the demo exchange and the sample knowledge base).
 */
import { describe, expect, it } from 'vitest';
import { hasChromium } from './browser.js';
import { demoSuite } from './demo-suite.js';
import { ask, openPage, openWidget, q, titleOf, waitForEvent } from './widget-page.js';

describe.skipIf(!hasChromium)('answers in Chromium', () => {
  const demo = demoSuite();

  it('shows the matching section on a phone, the whole article on request, and nested lists nested', async () => {
    const { page, context, errors } = await openPage(demo.browser, demo.server.url, { viewport: { width: 390, height: 727 } });
    await openWidget(page);
    await ask(page, 'can I cancel my withdrawal?');
    const answer = await waitForEvent(page, 'answer');
    expect(answer.reply.article.id).toBe('withdrawal-pending');
    expect(answer.reply.section.heading).toBe('Can I cancel it?');
    const bot = page.locator(q.botMessages).last();
    await expect.poll(() => bot.locator('h4.section').innerText()).toBe('Can I cancel it?');
    expect(await bot.locator('h3.title').innerText()).toBe(titleOf('withdrawal-pending', 'en'));
    // one line: the title does not wrap
    const title = await bot
      .locator('h3.title')
      .evaluate((h) => ({ height: h.getBoundingClientRect().height, line: parseFloat(getComputedStyle(h).lineHeight) || 20 }));
    expect(title.height).toBeLessThan(title.line * 1.5);
    // the answer fits the phone's log with room to spare
    const [answerHeight, logHeight] = await Promise.all([
      bot.evaluate((b) => b.getBoundingClientRect().height),
      page.locator('helpline-chat .log').evaluate((l) => l.clientHeight),
    ]);
    expect(answerHeight).toBeLessThan(logHeight);
    await bot.getByRole('button', { name: 'Show the whole article' }).click();
    await expect.poll(() => bot.locator('h3:not(.title)').count()).toBeGreaterThanOrEqual(4);

    await ask(page, 'I forgot the memo when depositing XRP, how do I get it credited?');
    const memo = await waitForEvent(page, 'answer', (d) => d.reply.article.id === 'deposit-missing-memo');
    const last = page.locator(q.botMessages).last();
    if (memo.reply.section) await last.getByRole('button', { name: 'Show the whole article' }).click();
    await expect.poll(() => last.locator('ol > li > ul > li').count()).toBe(4);
    expect(errors).toEqual([]);
    await context.close();
  });
});
