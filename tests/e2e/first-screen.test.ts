/**
 * The first screen and "New conversation" in Chromium: the demo exchange (examples/serve.mjs) with the
 * script-tag build and the sample knowledge base, whose featured articles are the topics.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium, screenshot } from './browser.js';
import { demoSuite } from './demo-suite.js';
import { openPage, openWidget, q, titleOf, waitForEvent } from './widget-page.js';
import { root } from '../helpers.js';

/** The sample's featured article ids, read from the knowledge folder (English decides: featured in one language is featured in all). */
function featuredIds(): string[] {
  const dir = join(root, 'knowledge', 'en');
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.md'))
    .map((d) => join(d.parentPath, d.name))
    .sort()
    .filter((f) => /^featured:\s*true\s*$/m.test(readFileSync(f, 'utf8').split(/^---$/m)[1]))
    .map((f) => /^id:\s*(\S+)/m.exec(readFileSync(f, 'utf8'))![1]);
}

describe.skipIf(!hasChromium)('the first screen in Chromium', () => {
  const demo = demoSuite();

  it('greets, offers the featured topics and the languages; a topic asks its article; New conversation starts over', async () => {
    const { page, context, errors } = await openPage(demo.browser, demo.server.url, { viewport: { width: 390, height: 844 } });
    await openWidget(page);
    await expect.poll(() => page.locator('helpline-chat .first .greeting').innerText()).toBe('Hi! How can we help? Ask a question or pick a topic.');
    const ids = featuredIds();
    expect(ids.length).toBeGreaterThan(0);
    const chips = page.locator('helpline-chat .first .topics button');
    // the sample features six: all of them, in the pack's order
    expect(ids).toHaveLength(6);
    await expect.poll(async () => (await chips.allInnerTexts()).sort()).toEqual(ids.map((id) => titleOf(id, 'en')).sort());
    const languages = await page.locator('helpline-chat .first .languages').innerText();
    for (const name of ['English', '中文', '日本語', '한국어', 'Español', 'Русский']) expect(languages).toContain(name);
    await screenshot(page, 'first-screen-phone.png');

    const picked = (await chips.nth(0).getAttribute('data-article'))!;
    expect(ids).toContain(picked);
    await chips.nth(0).click();
    const answer = await waitForEvent(page, 'answer');
    expect(answer.reply.article.id).toBe(picked);
    await expect.poll(() => page.locator(q.botMessages).last().locator('h3').first().innerText()).toBe(titleOf(picked, 'en'));
    expect(await page.locator('helpline-chat .first').count()).toBe(0);

    await page.getByRole('button', { name: 'New conversation' }).click();
    await expect.poll(() => page.locator('helpline-chat .msg').count()).toBe(0);
    expect(await page.locator('helpline-chat .first .greeting').count()).toBe(1);
    // the saved conversation is gone too: a reload reopens the panel (it was open) on the first screen
    await page.reload();
    await page.locator('helpline-chat .first .greeting').waitFor();
    expect(await page.locator('helpline-chat .msg').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('greets a Chinese page in Chinese with the Chinese titles', async () => {
    const { page, context, errors } = await openPage(demo.browser, demo.server.url, { locale: 'zh-CN' });
    await page.evaluate(() => (document.documentElement.lang = 'zh-CN'));
    await openWidget(page);
    await expect.poll(() => page.locator('helpline-chat .first .greeting').innerText()).toBe('您好！请问有什么可以帮您？请输入问题或选择一个主题。');
    const chips = page.locator('helpline-chat .first .topics button');
    await expect
      .poll(async () => (await chips.allInnerTexts()).sort())
      .toEqual(
        featuredIds()
          .map((id) => titleOf(id, 'zh'))
          .sort(),
      );
    expect(errors).toEqual([]);
    await context.close();
  });
});
