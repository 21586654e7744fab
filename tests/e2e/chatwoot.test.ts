/**
 * In Chromium, the demo page with `data-chatwoot` and `data-chatwoot-inbox` against the Chatwoot stand-in
 * (tests/chatwoot-stand-in.ts: Chatwoot's public client API and ActionCable, as its source has them): the
 * handoff creates the contact and the conversation holding the redacted transcript, an agent's reply arrives
 * live over the WebSocket, the user's reply reaches Chatwoot, a reload in the middle keeps everything (and shows
 * nothing twice), the agent resolves it and the survey is answered; offline and back in two tabs. The page keeps
 * its strict CSP, with the Chatwoot origin (http and ws) added to connect-src.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, startDemoServer, type DemoServer } from './browser.js';
import { openPage, openWidget, q } from './widget-page.js';
import { chatwootStandIn, type ChatwootStandIn } from '../chatwoot-stand-in.js';

let browser: Browser;
let server: DemoServer;
let cw: ChatwootStandIn;
/** the stand-in as the page names it: the page's own host name, so Chromium sees no jump between address spaces */
let chatwootUrl: string;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startDemoServer();
  cw = await chatwootStandIn();
  chatwootUrl = cw.url.replace('127.0.0.1', new URL(server.url).hostname);
  // Page and Chatwoot are both on this machine here, which Chromium's Local Network Access checks would stop
  // (a real page and Chatwoot are both public); the checks are off for this test only.
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'], headless: true });
});
afterAll(async () => {
  await browser?.close();
  await cw?.close();
  await server?.close();
});

/** The demo page with data-chatwoot, its CSP letting the page reach Chatwoot's API and WebSocket. */
async function chatwootContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route('**/with-chatwoot.html', async (route) => {
    const res = await route.fetch({ url: server.url });
    const headers = { ...res.headers() };
    headers['content-security-policy'] = headers['content-security-policy'].replace(
      "connect-src 'self'",
      `connect-src 'self' ${chatwootUrl} ${chatwootUrl.replace(/^http/, 'ws')}`,
    );
    const tag = `<script src="/helpline.js" data-chatwoot="${chatwootUrl}" data-chatwoot-inbox="${cw.inbox}"`;
    await route.fulfill({ response: res, headers, body: (await res.text()).replace('<script src="/helpline.js"', tag) });
  });
  return context;
}

const CARD = '4111 1111 1111 1111';
const incoming = () => cw.conversations[0]?.messages.filter((m) => m.message_type === 0).map((m) => m.content) ?? [];

describe.skipIf(!hasChromium)('live agent through Chatwoot (Chromium, stand-in)', () => {
  it('hands off to Chatwoot, shows the agent live, sends the reply, survives a reload, ends with the survey', async () => {
    const context = await chatwootContext();
    const { page, errors } = await openPage(browser, server.url + 'with-chatwoot.html', {}, context);
    await openWidget(page);
    await page.locator(q.input).fill(`my card ${CARD} was charged twice`);
    await page.locator(q.input).press('Enter');
    await page.locator(q.botMessages).first().waitFor();
    await page.locator(q.human).click();
    await expect.poll(() => incoming().length, { timeout: 15_000 }).toBe(2);
    expect(cw.contacts.size).toBe(1);
    expect(incoming()[1]).toContain('[card removed]');
    expect(JSON.stringify(cw.requests)).not.toContain(CARD);
    await expect.poll(() => page.locator(q.handoff).getAttribute('data-delivery'), { timeout: 15_000 }).toBe('delivered');
    expect(await page.locator(q.handoff).innerText()).toContain("You're in the queue");
    const token = [...cw.contacts.values()][0].pubsub_token;
    await expect.poll(() => cw.subscribers(token), { timeout: 15_000 }).toBe(1);

    cw.agentSays(1, 'Hi, I am Maria. <img src=x onerror="window.__xss=1">How can I help?', { avatar: '' });
    const agentLines = page.locator('helpline-chat .msg.agent');
    await agentLines.first().waitFor({ timeout: 15_000 });
    expect(await agentLines.first().innerText()).toContain('How can I help?');
    expect(await page.locator(q.handoff).innerText()).toContain('Maria');

    await page.locator(q.input).fill('it was charged at 10:02, my password is Hunter2!secret');
    await page.locator(q.input).press('Enter');
    await expect.poll(() => incoming()[2], { timeout: 15_000 }).toBe('it was charged at 10:02, my password is [password removed]');

    await page.reload();
    await page.waitForFunction(() => document.querySelector('helpline-chat')?.shadowRoot?.querySelector('.panel'));
    await expect.poll(() => cw.subscribers(token), { timeout: 15_000 }).toBe(1);
    cw.agentSays(1, 'I see it: the second charge is refunded.', { avatar: '' });
    await expect.poll(() => agentLines.count(), { timeout: 15_000 }).toBe(2); // the first one once, not replayed again
    expect(await agentLines.last().innerText()).toContain('refunded');

    cw.resolve(1);
    await page.locator('helpline-chat .survey').waitFor({ timeout: 15_000 });
    await page.locator('helpline-chat .survey [data-score="5"]').click();
    await expect.poll(() => page.locator('helpline-chat .survey').count()).toBe(0);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(cw.contacts.size).toBe(1);
    expect(cw.conversations).toHaveLength(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offline and back, in two tabs: each handoff is said to be waiting, then delivered once', async () => {
    const context = await chatwootContext();
    const tabs = await Promise.all(
      [0, 1].map(async () => {
        const page = await context.newPage();
        await page.goto(server.url + 'with-chatwoot.html');
        await page.waitForFunction(() => document.querySelector('helpline-chat')?.shadowRoot?.querySelector('.launcher'));
        return page;
      }),
    );
    for (const page of tabs) await openWidget(page);
    const before = cw.contacts.size;
    await context.setOffline(true);
    await Promise.all(
      tabs.map(async (page) => {
        await page.locator(q.human).click();
        await expect.poll(() => page.locator(q.handoff).getAttribute('data-delivery'), { timeout: 15_000 }).toBe('retrying');
        expect(await page.locator(q.handoff).innerText()).toContain('will be sent automatically');
      }),
    );
    // the connector's own code was never needed before: it arrives with the network
    await context.setOffline(false);
    await expect.poll(() => cw.contacts.size, { timeout: 60_000 }).toBe(before + 2);
    for (const page of tabs) await expect.poll(() => page.locator(q.handoff).getAttribute('data-delivery'), { timeout: 30_000 }).toBe('delivered');
    await new Promise((r) => setTimeout(r, 1500)); // both tabs may try both: Chatwoot keeps one contact and one conversation each
    expect(cw.contacts.size).toBe(before + 2);
    const fresh = [...cw.contacts.keys()].slice(before);
    for (const source of fresh) {
      const convs = cw.conversations.filter((c) => c.source === source);
      expect(convs).toHaveLength(1);
      const texts = convs[0].messages.filter((m) => m.message_type === 0).map((m) => m.content);
      expect(texts[0]).toContain('Helpline handoff');
      expect(new Set(texts).size).toBe(texts.length); // nothing posted twice
    }
    await context.close();
  }, 150_000);
});
