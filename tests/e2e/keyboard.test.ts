/**
 * Keyboard-only use of the suggestions (the ARIA combobox pattern) and the panel's landmarks in Chromium,
 * on the demo exchange, whose page has its own header (its banner).
 */
import { describe, expect, it } from 'vitest';
import { hasChromium } from './browser.js';
import { demoSuite } from './demo-suite.js';
import { openPage, openWidget, q, waitForEvent } from './widget-page.js';

describe.skipIf(!hasChromium)('the keyboard in Chromium', () => {
  const demo = demoSuite();

  it('types, walks the suggestions with the arrows, picks one with Enter, and Escape closes the list before the panel', async () => {
    const { page, context, errors } = await openPage(demo.browser, demo.server.url);
    const banners = await page.getByRole('banner').count();
    expect(banners).toBe(1); // the exchange's own header
    await openWidget(page);
    expect(await page.getByRole('banner').count()).toBe(1); // the panel adds none
    expect(await page.getByRole('button', { name: 'Close chat' }).count()).toBe(1);

    const box = page.getByRole('combobox', { name: 'Ask a question…' });
    await box.focus();
    await page.keyboard.type('withdraw');
    const options = page.getByRole('option');
    await expect.poll(() => options.count()).toBeGreaterThan(1);
    expect(await box.getAttribute('aria-expanded')).toBe('true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    const second = options.nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await box.getAttribute('aria-activedescendant')).toBe(await second.getAttribute('id'));
    const title = await second.innerText();
    await page.keyboard.press('Enter');
    const answer = await waitForEvent(page, 'answer');
    expect(answer.reply.article.title).toBe(title);
    expect(await page.locator('helpline-chat .msg.user').last().innerText()).toContain(title);

    await page.keyboard.type('deposit');
    await expect.poll(() => options.count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => options.count()).toBe(0);
    expect(await page.locator(q.panel).count()).toBe(1);
    await page.keyboard.press('Escape');
    await page.locator(q.launcher).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });
});
