/**
 * In Chromium, the demo page with `data-relay` and the real relay (src/relay) on a free port: a handoff
 * through the relay, an agent's reply through the agent API appearing live, the user's reply reaching the
 * agent, a reload in the middle keeping everything (and showing nothing twice), the agent ending it and the
 * survey answered. The page keeps its strict CSP, with the relay's origin added to connect-src.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { SqlStore } from '../../src/relay/sql-store.js';
import { startRelay, type Relay } from '../../src/relay/server.js';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium, startDemoServer, type DemoServer } from './browser.js';
import { openPage, openWidget, q } from './widget-page.js';

const KEY = 'e2e-agent-key';
let browser: Browser;
let server: DemoServer;
let relay: Relay;
let store: SqlStore;
/** the relay as the page names it: the page's own host name, so Chromium sees no jump between address spaces */
let relayUrl: string;

beforeAll(async () => {
  if (!hasChromium) return;
  server = await startDemoServer();
  store = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-e2e-relay-')));
  relay = await startRelay({ store, port: 0, agentKey: KEY, ratePerMinute: 0, log: () => {} });
  relayUrl = relay.url.replace('127.0.0.1', new URL(server.url).hostname);
  // Page and relay are both on this machine here, which Chromium's Local Network Access checks would stop
  // (a real page and relay are both public); the checks are off for this test only.
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS, '--disable-features=LocalNetworkAccessChecks'], headless: true });
});
afterAll(async () => {
  await browser?.close();
  await relay?.close();
  await store?.close();
  await server?.close();
});

/** The demo page with data-relay, its CSP letting the page reach the relay. */
async function relayContext(): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.route('**/with-relay.html', async (route) => {
    const res = await route.fetch({ url: server.url });
    const headers = { ...res.headers() };
    headers['content-security-policy'] = headers['content-security-policy'].replace("connect-src 'self'", `connect-src 'self' ${relayUrl}`);
    await route.fulfill({
      response: res,
      headers,
      body: (await res.text()).replace('<script src="/helpline.js"', `<script src="/helpline.js" data-relay="${relayUrl}"`),
    });
  });
  return context;
}

const agent = (conversation: string, what: string, body: unknown) =>
  fetch(`${relay.url}/v1/agent/conversations/${conversation}/${what}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
  });

describe.skipIf(!hasChromium)('live agent through the relay (Chromium)', () => {
  it('hands off, shows the agent live, sends the reply, survives a reload, ends with the survey', async () => {
    const context = await relayContext();
    const { page, errors } = await openPage(browser, server.url + 'with-relay.html', {}, context);
    await openWidget(page);
    await page.locator(q.human).click();
    await expect.poll(() => store.list().length, { timeout: 15_000 }).toBe(1);
    const conversation = store.list()[0].id;

    await agent(conversation, 'status', { state: 'connected', name: 'Maria' });
    await agent(conversation, 'messages', { name: 'Maria', text: 'Hi, I am Maria. <img src=x onerror="window.__xss=1">How can I help?' });
    const agentLines = page.locator('helpline-chat .msg.agent');
    await agentLines.first().waitFor({ timeout: 15_000 });
    expect(await agentLines.first().innerText()).toContain('How can I help?');
    expect(await page.locator('helpline-chat .handoff').innerText()).toContain('Maria');

    await page.locator(q.input).fill('my withdrawal of 0.5 BTC has been pending for 3 hours');
    await page.locator(q.input).press('Enter');
    await expect
      .poll(
        () =>
          store
            .get(conversation)!
            .events.filter((e) => e.from === 'user')
            .map((e) => e.text),
        { timeout: 15_000 },
      )
      .toEqual(['my withdrawal of 0.5 BTC has been pending for 3 hours']);

    await page.reload();
    await page.waitForFunction(() => document.querySelector('helpline-chat')?.shadowRoot?.querySelector('.panel'));
    await agent(conversation, 'messages', { name: 'Maria', text: 'I see it: it is confirming now.' });
    await expect.poll(() => agentLines.count(), { timeout: 15_000 }).toBe(2); // the first one once, not replayed again
    expect(await agentLines.last().innerText()).toContain('confirming now');

    await agent(conversation, 'status', { state: 'closed' });
    await page.locator('helpline-chat .survey').waitFor({ timeout: 15_000 });
    await page.locator('helpline-chat .survey [data-score="5"]').click();
    await expect.poll(() => store.get(conversation)!.csat?.score, { timeout: 15_000 }).toBe(5);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('offline and back: the handoff is saved, said to be waiting, and delivered once the network returns', async () => {
    const context = await relayContext();
    const { page } = await openPage(browser, server.url + 'with-relay.html', {}, context);
    await openWidget(page);
    const before = store.list().length;
    await context.setOffline(true);
    await page.locator(q.human).click();
    await expect.poll(() => page.locator(q.handoff).getAttribute('data-delivery'), { timeout: 15_000 }).toBe('retrying');
    expect(await page.locator(q.handoff).innerText()).toContain('will be sent automatically');
    await context.setOffline(false);
    await expect.poll(() => store.list().length, { timeout: 30_000 }).toBe(before + 1);
    await expect.poll(() => page.locator(q.handoff).getAttribute('data-delivery'), { timeout: 15_000 }).toBe('delivered');
    expect(await page.locator(q.handoff).innerText()).toContain("You're in the queue");
    await context.close();
    // Its own waits add up to a minute (the outbox's next try after the network returns, a busy machine's store).
  }, 120_000);

  it('two tabs each asking for a human while the relay is unreachable: both handoffs arrive, once each', async () => {
    const context = await relayContext();
    const tabs = await Promise.all(
      [0, 1].map(async () => {
        const page = await context.newPage();
        await page.goto(server.url + 'with-relay.html');
        await page.waitForFunction(() => document.querySelector('helpline-chat')?.shadowRoot?.querySelector('.launcher'));
        return page;
      }),
    );
    // Tabs of one browser share localStorage (the outbox) but not sessionStorage (the conversation).
    const before = store.list().length;
    for (const page of tabs) await openWidget(page);
    await context.setOffline(true);
    await Promise.all(
      tabs.map(async (page) => {
        await page.locator(q.human).click();
        await expect.poll(() => page.locator(q.handoff).getAttribute('data-delivery'), { timeout: 15_000 }).toBe('retrying');
      }),
    );
    expect(await tabs[0].evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('helpline:outbox:')).length)).toBe(2);
    await context.setOffline(false);
    await expect.poll(() => store.list().length, { timeout: 30_000 }).toBe(before + 2);
    await new Promise((r) => setTimeout(r, 1500)); // both tabs may send both: the relay keeps one of each
    expect(store.list().length).toBe(before + 2);
    await context.close();
  });
});
