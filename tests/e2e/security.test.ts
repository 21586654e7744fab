/**
 * Hostile input in a real browser: script in an article and in a user message runs nothing, the widget
 * works under the demo's strict Content-Security-Policy, and handoffs reach the webhook exactly once even
 * when it fails or the page reloads while it is down.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Route } from 'playwright-core';
import { compilePack } from '../../src/pack/compile-pack.js';
import { readKnowledge } from '../../src/node/read-knowledge.js';
import { serializePack } from '../../src/pack/pack.js';
import type { SourceArticle } from '../../src/knowledge/article.js';
import { fixture } from '../helpers.js';
import { hasChromium, launchBrowser, startDemoServer, type DemoServer } from './browser.js';
import { ask, openPage, openWidget, q, recorded, waitForEvent } from './widget-page.js';

/** Each payload sets window.__xss (or opens a dialog) if it ever runs. */
const PAYLOADS = [
  `<img src=x onerror="window.__xss='img'">`,
  `<script>window.__xss='script'</script>`,
  `<svg onload="window.__xss='svg'"></svg>`,
  `<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>`,
  `<a href="javascript:window.__xss='raw-a'">raw link</a>`,
  `<form action="javascript:window.__xss='form'"><button>go</button></form>`,
  `<details open ontoggle="window.__xss='details'"></details>`,
  `<style>*{display:none}</style>`,
];
const MD_PAYLOADS = [
  `[click me](javascript:window.__xss='link')`,
  `[mixed case](JaVaScRiPt:window.__xss='link2')`,
  `[data](data:text/html,<script>alert(1)</script>)`,
  `[vb](vbscript:msgbox(1))`,
  `[entity](&#106;avascript:window.__xss='entity')`,
  `[protocol-relative](//evil.example/x)`,
  `[backslash](/\\evil.example/x)`,
  `[snake](/help#a_b) and my_snake_case_id and a__b__c stay text`,
  `![image](x" onerror="window.__xss='mdimg')`,
  `**<b onmouseover="window.__xss='bold'">bold</b>**`,
  '`<img src=x onerror="window.__xss=\'code\'">`',
  `[quote](https://example.com/"onmouseover="window.__xss='attr')`,
];

const hostileArticle: SourceArticle = {
  id: 'hostile-limits',
  lang: 'en',
  title: `<img src=x onerror="window.__xss='title'">Daily <script>window.__xss='t'</script>limits`,
  category: 'withdrawals',
  tags: ['limits'],
  questions: ['what are the daily hostile limits', 'hostile limits', 'tell me the hostile limits'],
  body: [
    'Your daily hostile limits depend on your level.',
    '',
    ...PAYLOADS,
    '',
    ...MD_PAYLOADS.map((p) => `- ${p}`),
    '',
    `## <img src=x onerror="alert('h2')">heading`,
  ].join('\n'),
  file: 'hostile.md',
};

/** kb-mini plus the hostile article, compiled the way a pack from anywhere could be. */
function hostilePack(): string {
  const read = readKnowledge(fixture('kb-mini'));
  return serializePack(compilePack({ ...read, articles: [...read.articles, hostileArticle] }));
}

describe.skipIf(!hasChromium)('hostile input and delivery in Chromium', () => {
  let browser: Browser;
  let server: DemoServer;
  let packText: string;

  beforeAll(async () => {
    packText = hostilePack();
    [browser, server] = await Promise.all([launchBrowser(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** A context where the demo's pack is the hostile pack and /plain.html is the demo page without any CSP. */
  async function hostileContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    // The demo pages name the pack folder; a single-file pack served at its manifest's address is read as one.
    await context.route('**/pack/manifest.json', (route) => route.fulfill({ contentType: 'application/json', body: packText }));
    await context.route('**/plain.html', async (route) => {
      const res = await route.fetch({ url: server.url });
      const headers = { ...res.headers() };
      delete headers['content-security-policy'];
      await route.fulfill({ response: res, headers });
    });
    return context;
  }

  it('runs nothing from an article or a user message, even on a page without CSP', async () => {
    const { page, context, dialogs } = await openPage(browser, server.url + 'plain.html', {}, await hostileContext());
    // Control: on this page an injected handler would run, so only the widget's escaping stands in the way.
    expect(
      await page.evaluate(
        () =>
          new Promise((ok) => {
            const img = document.createElement('img');
            img.setAttribute('onerror', 'window.__control = 1');
            img.addEventListener('error', () => setTimeout(() => ok((window as any).__control), 0));
            img.src = 'data:,x';
            document.body.append(img);
          }),
      ),
    ).toBe(1);

    await openWidget(page);
    await ask(page, 'what are the daily hostile limits');
    expect((await waitForEvent(page, 'answer')).reply.article.id).toBe('hostile-limits');
    await ask(page, [...PAYLOADS, ...MD_PAYLOADS].join(' '));

    const article = page.locator(q.botMessages).first();
    const html = await article.evaluate((el) => el.innerHTML);
    const report = await page.locator('helpline-chat .log').evaluate((log) => {
      const all = [...log.querySelectorAll('*')];
      return {
        onAttributes: all.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
        dangerousTags: all
          .filter(
            (e) => /^(script|img|iframe|style|form|details|object|embed)$/i.test(e.tagName) || (e.tagName.toLowerCase() === 'svg' && !e.closest('.feedback')),
          )
          .map((e) => e.tagName),
        // every link goes to the web or mail, and a relative one stays on this site
        links: [...log.querySelectorAll('a')].map((a) => {
          const url = new URL(a.getAttribute('href')!, location.href);
          const ok = /^(https?|mailto):/i.test(a.getAttribute('href')!) || url.origin === location.origin;
          return `${ok ? 'ok' : 'BAD'} ${a.getAttribute('href')}`;
        }),
      };
    });
    expect(report.onAttributes).toEqual([]);
    expect(report.dangerousTags).toEqual([]);
    expect(report.links.filter((l) => l.startsWith('BAD'))).toEqual([]);
    expect(report.links).toContain('ok /help#a_b');
    // The markup is shown as text, not dropped without a trace.
    expect(await article.locator('h3.title').innerText()).toContain('<img src=x onerror=');
    expect(await article.innerText()).toContain(`<script>window.__xss='script'</script>`);
    expect(await article.innerText()).toContain('my_snake_case_id and a__b__c stay text');
    expect(await page.locator(q.userMessages).last().innerText()).toContain(`<img src=x onerror="window.__xss='img'">`);

    // Poke everything that could carry a handler.
    await page.locator('helpline-chat .log').evaluate((log) => {
      for (const e of log.querySelectorAll('*')) for (const type of ['mouseover', 'focus', 'toggle', 'load', 'error']) e.dispatchEvent(new Event(type));
      for (const a of log.querySelectorAll('a')) if (!/^https?:/i.test(a.getAttribute('href')!)) (a as HTMLElement).click();
    });
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => (window as any).__xss)).toBeUndefined();
    expect(dialogs()).toBe(0);
    expect(html).not.toMatch(/<(script|img|iframe)\b/i);
    await context.close();
  });

  it("works under the demo server's strict Content-Security-Policy without a single violation", async () => {
    const res = await fetch(server.url);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);

    const { page, context, errors } = await openPage(browser, server.url);
    await openWidget(page);
    await ask(page, 'what is the withdrawal fee?');
    expect((await waitForEvent(page, 'answer')).reply.article.id).toBe('withdrawal-fees');
    await page.locator(q.botMessages).last().locator('h3.title').waitFor();
    expect(await page.locator(q.botMessages).last().locator('strong').count()).toBeGreaterThan(0); // markdown rendered
    expect((await recorded(page)).csp).toEqual([]);
    expect(errors).toEqual([]);

    // Control: the recorder does see violations on this page.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
    });
    await expect.poll(async () => (await recorded(page)).csp.length).toBe(1);
    expect(await page.evaluate(() => (window as any).__inline)).toBeUndefined();
    await context.close();
  });

  it('keeps the demo server up on malformed URLs and inside its folder on path tricks', async () => {
    const { port, hostname } = new URL(server.url);
    const status = (path: string) =>
      new Promise<number>((ok, fail) =>
        request({ host: hostname, port, path }, (res) => (res.resume(), ok(res.statusCode!)))
          .on('error', fail)
          .end(),
      );
    expect(await status('/%E0%A4%A')).toBe(400);
    for (const trick of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/..\\package.json'])
      expect(await status(trick), trick).toBeGreaterThanOrEqual(400);
    expect(await status('/')).toBe(200);
  });

  /** The demo page with data-handoff-url="/handoff", and a webhook at /handoff answered by `respond`. */
  async function webhookContext(respond: (route: Route) => Promise<void>): Promise<BrowserContext> {
    const context = await browser.newContext();
    await context.route('**/with-webhook.html', async (route) => {
      const res = await route.fetch({ url: server.url });
      await route.fulfill({
        response: res,
        body: (await res.text()).replace('<script src="/helpline.js"', '<script src="/helpline.js" data-handoff-url="/handoff"'),
      });
    });
    await context.route('**/handoff', respond);
    return context;
  }

  it('POSTs the handoff as JSON with an Idempotency-Key and retries after the webhook fails', async () => {
    const posts: { key: string | null; body: any; status: number }[] = [];
    const context = await webhookContext(async (route) => {
      const status = posts.length === 0 ? 503 : 200;
      posts.push({ key: await route.request().headerValue('idempotency-key'), body: route.request().postDataJSON(), status });
      await route.fulfill({ status, contentType: 'application/json', body: '{}' });
    });
    const { page, errors } = await openPage(browser, server.url + 'with-webhook.html', {}, context);
    await openWidget(page);
    await ask(page, 'my password is Hunter2!secret and I cannot log in');
    await page.locator(q.human).click();
    const handoff = await waitForEvent(page, 'handoff');
    await expect.poll(() => posts.length, { timeout: 15_000 }).toBe(2);
    expect(posts.map((p) => p.status)).toEqual([503, 200]);
    expect(posts.map((p) => p.key)).toEqual([handoff.id, handoff.id]);
    expect(posts[1].body).toMatchObject({ id: handoff.id, reason: 'requested', live: true });
    expect(JSON.stringify(posts)).not.toContain('Hunter2!secret');
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('helpline:outbox:')))).toEqual([]);
    await page.waitForTimeout(1500); // a delivered handoff is not sent again
    expect(posts).toHaveLength(2);
    expect(errors.filter((e) => !/503/.test(e))).toEqual([]);
    await context.close();
  });

  it('checks every script-tag attribute at start: bad hours and an unsafe contact are reported and left out, the human button still works', async () => {
    const posts: unknown[] = [];
    const context = await browser.newContext();
    await context.route('**/bad-attributes.html', async (route) => {
      const res = await route.fetch({ url: server.url });
      const attrs = `data-handoff-url="/handoff" data-hours='{"timeZone":"Mars/Olympus","weekly":{"mon":["25:00-99:00"]}}' data-contact="javascript:window.__xss='contact'"`;
      await route.fulfill({ response: res, body: (await res.text()).replace('<script src="/helpline.js"', `<script src="/helpline.js" ${attrs}`) });
    });
    await context.route('**/handoff', async (route) => {
      posts.push(route.request().postDataJSON());
      await route.fulfill({ status: 200, contentType: 'application/json', body: '{}' });
    });
    const { page, errors } = await openPage(browser, server.url + 'bad-attributes.html', {}, context);
    expect(errors.join('\n')).toMatch(/data-hours timeZone 'Mars\/Olympus' is not an IANA time zone like Asia\/Singapore; business hours are off/);
    expect(errors.join('\n')).toMatch(/data-contact must be an http\(s\) or mailto: link/);
    await openWidget(page);
    await ask(page, 'my account was hacked');
    await page.locator(q.human).click();
    await waitForEvent(page, 'handoff');
    await expect.poll(() => posts.length, { timeout: 15_000 }).toBe(1);
    expect(await page.evaluate(() => document.querySelector('helpline-chat')!.getAttribute('contact'))).toBeNull();
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    await context.close();
  });

  it('keeps a handoff made while the webhook is down across a reload and delivers it after', async () => {
    let up = false;
    let reloading = false;
    const posts: { key: string | null; status: number }[] = [];
    const context = await webhookContext(async (route) => {
      const status = up ? 200 : 503;
      posts.push({ key: await route.request().headerValue('idempotency-key'), status });
      await route.fulfill({ status, body: '{}' });
    });
    // The webhook comes back once the reloaded page asks for the script: the old page is gone by then, so
    // only the new page can deliver.
    await context.route('**/helpline.js', (route) => {
      if (reloading) up = true;
      return route.fallback();
    });
    const { page } = await openPage(browser, server.url + 'with-webhook.html', {}, context);
    await openWidget(page);
    await page.locator(q.human).click();
    const handoff = await waitForEvent(page, 'handoff');
    await expect.poll(() => posts.length).toBeGreaterThan(0);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage)
        .filter((k) => k.startsWith('helpline:outbox:'))
        .map((k) => JSON.parse(localStorage.getItem(k)!).id),
    );
    expect(stored).toEqual([handoff.id]);

    reloading = true;
    await page.reload();
    await expect.poll(() => posts.some((p) => p.status === 200), { timeout: 15_000 }).toBe(true);
    expect(posts.filter((p) => p.status === 200)).toEqual([{ key: handoff.id, status: 200 }]);
    expect(new Set(posts.map((p) => p.key))).toEqual(new Set([handoff.id]));
    await expect.poll(() => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('helpline:outbox:')))).toEqual([]);
    // The reloaded panel still shows the handoff's state.
    expect(await page.locator(q.handoff).getAttribute('data-state')).toBe('queued');
    await context.close();
  });
});
