/**
 * How the widget reaches a visitor, in Debian's Chromium on the demo exchange (examples/serve.mjs, pack folder
 * /pack/): the loader, then the widget code and one language of the pack; other languages only when asked in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Request } from 'playwright-core';
import { hasChromium, launchBrowser, startDemoServer, type DemoServer } from './browser.js';
import { ask, contrastOf, openPage, openWidget, q, waitForEvent } from './widget-page.js';

/** Same-origin requests a context's pages make, as paths, minus the pages themselves and their own assets. */
function recordRequests(context: BrowserContext, origin: string): string[] {
  const seen: string[] = [];
  context.on('request', (r: Request) => {
    const u = new URL(r.url());
    if (u.origin === origin && !/\.(html|css|svg|ico)$|\/$/.test(u.pathname)) seen.push(u.pathname);
  });
  return seen;
}

describe.skipIf(!hasChromium)('delivery: loader, widget code, one language of a pack folder', () => {
  let browser: Browser;
  let server: DemoServer;
  let origin: string;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startDemoServer()]);
    origin = new URL(server.url).origin;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("an English visitor's first answer downloads only the loader, the widget code, the manifest and the English files", async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const requests = recordRequests(context, origin);
    const { page, errors } = await openPage(browser, server.url, {}, context);
    await openWidget(page);
    await ask(page, 'what is the withdrawal fee?');
    expect((await waitForEvent(page, 'answer')).reply.article.id).toBe('withdrawal-fees');
    expect(errors).toEqual([]);
    const kinds = [...new Set(requests)].map((p) => p.replace(/\.[\w-]{8,}\.(js|json)$/, '.<hash>.$1')).sort();
    expect(kinds).toEqual(['/helpline-widget.<hash>.js', '/helpline.js', '/pack/en.<hash>.json', '/pack/manifest.json', '/pack/shared.<hash>.json']);
    // Each once: the loader's preload and the widget share the downloads.
    expect(requests.length).toBe(new Set(requests).size);
    await context.close();
  });

  it("a Spanish visitor downloads the Spanish UI strings once, beside the widget code, and no other language's", async () => {
    const context = await browser.newContext({ locale: 'es-ES' });
    // the demo page in Spanish: its lang is what the UI language follows
    await context.route(server.url, async (route) => {
      const page = await route.fetch();
      await route.fulfill({ response: page, body: (await page.text()).replace('<html lang="en">', '<html lang="es">') });
    });
    const requests = recordRequests(context, origin);
    const { page, errors } = await openPage(browser, server.url, {}, context);
    await openWidget(page);
    await expect.poll(() => page.locator(q.input).getAttribute('placeholder')).toBe('Escribe tu pregunta…');
    const locales = requests.filter((p) => p.startsWith('/helpline-locale-'));
    expect(locales.map((p) => p.replace(/\.[\w-]{8,}\.js$/, ''))).toEqual(['/helpline-locale-es']);
    // then switched at run time: the Chinese strings arrive, the Spanish ones are not fetched again
    await page.evaluate(() => window.Helpline.setLocale('zh'));
    await expect.poll(() => page.locator(q.input).getAttribute('placeholder')).toBe('请输入您的问题…');
    expect(requests.filter((p) => p.startsWith('/helpline-locale-')).map((p) => p.replace(/\.[\w-]{8,}\.js$/, ''))).toEqual([
      '/helpline-locale-es',
      '/helpline-locale-zh',
    ]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it("the loader's launcher, before the widget code arrives, is labelled and has AA contrast on the page's accent", async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    await context.route(
      (u) => /\/helpline-widget\.[\w-]+\.js$/.test(u.pathname),
      (route) => route.abort(),
    );
    const { page } = await openPage(browser, server.url, {}, context);
    expect(await page.locator(q.launcher).innerText()).toBe('Help');
    expect(await page.evaluate(() => customElements.get('helpline-chat'))).toBeUndefined();
    const { ratio } = await contrastOf(page, q.launcher);
    expect(ratio).toBeGreaterThanOrEqual(4.5);
    await context.close();
  });

  it('a Chinese question in an English conversation fetches the Chinese files once', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const requests = recordRequests(context, origin);
    const { page, errors } = await openPage(browser, server.url, {}, context);
    await openWidget(page);
    await ask(page, 'what is the withdrawal fee?');
    await ask(page, '提币手续费是多少');
    const zh = await waitForEvent(page, 'answer', (d) => d.reply.lang === 'zh');
    expect(zh.reply.article.id).toBe('withdrawal-fees');
    await ask(page, '提现多久到账');
    const chinese = requests.filter((p) => p.startsWith('/pack/zh.'));
    expect(chinese.length).toBe(1);
    expect(requests.filter((p) => /^\/pack\/(es|ja|ko|ru)\./.test(p))).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('a question typed while the pack loads stays in the log, with progress, and is answered', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    // The English part arrives only when the test lets it: the visitor types meanwhile.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await context.route('**/pack/en.*.json', async (route) => {
      await gate;
      await route.continue();
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator(q.launcher).click();
    await page.locator(q.input).fill('what is the withdrawal fee?');
    await page.locator(q.input).press('Enter');
    await expect.poll(() => page.locator(q.userMessages).last().innerText()).toMatch(/what is the withdrawal fee\?$/);
    await expect.poll(() => page.locator('helpline-chat .system.loading').innerText()).toMatch(/Loading answers… \d+%/);
    expect(await page.locator(q.botMessages).count()).toBe(0);
    release();
    await page.locator(q.botMessages).first().waitFor();
    expect(await page.locator(q.botMessages).first().locator('h3').innerText()).toMatch(/withdraw/i);
    await context.close();
  });

  it('when the widget code cannot download, the next click downloads it (Chromium keeps a failed import failed)', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    let broken = true;
    await context.route(
      (u) => /\/helpline-widget\.[\w-]+\.js$/.test(u.pathname),
      (route) => (broken ? route.abort('internetdisconnected') : route.continue()),
    );
    const page = await context.newPage();
    await page.goto(server.url);
    const failed = page.waitForEvent('console', (m) => m.text().includes('could not load the widget'));
    await page.locator(q.launcher).click();
    await failed;
    broken = false;
    await page.locator(q.launcher).click();
    await page.locator(q.input).waitFor();
    await ask(page, 'what is the withdrawal fee?');
    expect(await page.locator(q.botMessages).first().locator('h3').innerText()).toMatch(/withdraw/i);
    await context.close();
  });

  it('when the pack cannot load: the question stays above the retry, and the retry answers it', async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    // The download fails after the visitor has asked.
    let broken = true;
    let fail!: () => void;
    const asked = new Promise<void>((r) => (fail = r));
    await context.route('**/pack/en.*.json', async (route) => {
      if (!broken) return route.continue();
      await asked;
      await route.abort('connectionrefused');
    });
    const page = await context.newPage();
    await page.goto(server.url);
    await page.locator(q.launcher).click();
    await page.locator(q.input).fill('how do I reset my password?');
    await page.locator(q.input).press('Enter');
    await page.locator(q.userMessages).first().waitFor();
    fail();
    const retry = page.locator('helpline-chat .state.error button');
    await retry.waitFor();
    expect(await page.locator(q.userMessages).last().innerText()).toMatch(/how do I reset my password\?$/);
    broken = false;
    await retry.click();
    await page.locator(q.botMessages).first().waitFor();
    expect(await page.locator(q.userMessages).count()).toBe(1);
    await context.close();
  });
});
