/**
 * The widget in Debian's Chromium, as an exchange's users get it: the demo exchange served by
 * examples/serve.mjs with its strict Content-Security-Policy and the script-tag build dist/helpline.js.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser, screenshot, startDemoServer, type DemoServer } from './browser.js';
import { ask, contrastOf, openPage, openWidget, q, recorded, titleOf, waitForEvent } from './widget-page.js';

const here = fileURLToPath(new URL('.', import.meta.url));

describe.skipIf(!hasChromium)('the widget in Chromium', () => {
  let browser: Browser;
  let server: DemoServer;

  beforeAll(async () => {
    [browser, server] = await Promise.all([launchBrowser(), startDemoServer()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('answers an English and a Chinese question with the right article, and the page sees feedback and handoff', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    const fromApi: string[] = [];
    await page.exposeFunction('__fromApi', (name: string) => fromApi.push(name));
    await page.evaluate(() => {
      const api = (window as any).Helpline;
      for (const name of ['answer', 'feedback', 'handoff']) api.on(name, () => (window as any).__fromApi(name));
    });
    await openWidget(page);

    await ask(page, 'what is the withdrawal fee?');
    const en = await waitForEvent(page, 'answer');
    expect(en.reply.article.id).toBe('withdrawal-fees');
    await expect.poll(() => page.locator(q.botMessages).last().locator('h3').first().innerText()).toBe(titleOf('withdrawal-fees', 'en'));

    await ask(page, '提币手续费是多少');
    const zh = await waitForEvent(page, 'answer', (d) => d.reply.lang === 'zh');
    expect(zh.reply.article.id).toBe('withdrawal-fees');
    expect(await page.locator(q.botMessages).last().locator('h3').first().innerText()).toBe(titleOf('withdrawal-fees', 'zh'));

    const yes = page.locator(q.botMessages).last().getByRole('button', { name: 'Yes' });
    await yes.scrollIntoViewIfNeeded();
    const logScroll = () => page.locator('helpline-chat .log').evaluate((l) => l.scrollTop);
    const scrolled = await logScroll();
    await yes.click();
    expect(await waitForEvent(page, 'feedback')).toMatchObject({ article: 'withdrawal-fees', helpful: true });
    // A 👍 does not make the log jump back to the question (a few pixels: the thanks is shorter than the buttons).
    expect(Math.abs((await logScroll()) - scrolled)).toBeLessThan(24);

    await page.locator(q.human).click();
    const handoff = await waitForEvent(page, 'handoff');
    expect(handoff).toMatchObject({ reason: 'requested', live: true });
    expect(handoff.transcript.map((t: { text: string }) => t.text)).toContain('提币手续费是多少');
    // the demo page sets no data-handoff-url or data-relay: nobody was alerted, and the widget says so
    await expect.poll(() => page.locator(q.handoff).getAttribute('data-state')).toBe('undelivered');
    expect(await page.locator('helpline-chat .log').innerText()).not.toMatch(/An agent will|alerted/);
    await expect.poll(() => fromApi).toEqual(expect.arrayContaining(['answer', 'feedback', 'handoff']));

    expect((await recorded(page)).csp).toEqual([]);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('works with the keyboard alone: launcher, question, focus trap, Escape back to the launcher', async () => {
    const { page, context, errors } = await openPage(browser, server.url);
    const focused = () =>
      page.evaluate(() => {
        const host = document.activeElement;
        const inner = host?.shadowRoot?.activeElement;
        return inner
          ? `${inner.tagName.toLowerCase()}.${inner.className || inner.id}|${inner.getAttribute('aria-label') ?? inner.textContent!.trim()}|${!!inner.closest('.panel')}`
          : `page:${host?.tagName.toLowerCase()}`;
      });

    for (let i = 0; i < 12 && !(await focused()).startsWith('button.launcher'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/^button\.launcher/);
    await page.keyboard.press('Enter');
    await expect.poll(focused).toMatch(/^input\.?helpline-input/);
    await page.keyboard.type('how do I reset my 2FA');
    await page.keyboard.press('Enter');
    await page.locator(q.botMessages).first().waitFor();
    await waitForEvent(page, 'answer');

    // Tab goes round the panel's controls and never leaves it, forwards and backwards.
    const cycle = await page.locator(q.panel).evaluate((p) => p.querySelectorAll('button:not([disabled]), input, textarea, a[href]').length);
    expect(cycle).toBeGreaterThan(4);
    const forward: string[] = [];
    for (let i = 0; i <= cycle; i++) {
      await page.keyboard.press('Tab');
      forward.push(await focused());
    }
    expect(
      forward.every((f) => f.endsWith('|true')),
      forward.join('\n'),
    ).toBe(true);
    expect(new Set(forward).size).toBe(cycle);
    expect(forward[cycle]).toBe(forward[0]); // it wrapped around
    const backward: string[] = [];
    for (let i = 0; i < cycle; i++) {
      await page.keyboard.press('Shift+Tab');
      backward.push(await focused());
    }
    expect(backward.every((f) => f.endsWith('|true'))).toBe(true);
    expect(new Set(backward)).toEqual(new Set(forward.slice(0, cycle)));

    // 👍 by keyboard: the feedback is sent and the focus stays inside the panel.
    for (let i = 0; i < cycle && !(await focused()).includes('|Yes|'); i++) await page.keyboard.press('Tab');
    expect(await focused()).toContain('|Yes|');
    await page.keyboard.press('Enter');
    await waitForEvent(page, 'feedback');
    await page.keyboard.press('Tab');
    expect(await focused()).toMatch(/\|true$/);

    await page.keyboard.press('Escape');
    await page.locator(q.launcher).waitFor();
    expect(await page.locator(q.panel).count()).toBe(0);
    expect(await focused()).toMatch(/^button\.launcher/);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is not changed by a host page whose CSS styles *, div and button aggressively', async () => {
    const hostile = readFileSync(join(here, 'hostile.html'), 'utf8');
    const hostileCss = readFileSync(join(here, 'hostile.css'), 'utf8');
    const look = async (path: string) => {
      const served = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      // hostile.html comes with the demo server's own headers, its strict CSP included.
      await served.route('**/hostile.html', async (route) => route.fulfill({ response: await route.fetch({ url: server.url }), body: hostile }));
      await served.route('**/hostile.css', (route) => route.fulfill({ contentType: 'text/css', body: hostileCss }));
      const { page, context, errors } = await openPage(browser, server.url + path, {}, served);
      await page.waitForFunction(() => !!customElements.get('helpline-chat')); // the widget code, not only the loader's launcher
      const launcher = await styleOf(page, q.launcher);
      if (path === 'hostile.html') {
        // Control: the hostile stylesheet did load and does restyle the page's own elements.
        expect(await page.evaluate(() => getComputedStyle(document.querySelector('button')!).fontSize)).toBe('60px');
      }
      await openWidget(page);
      await ask(page, 'what is the withdrawal fee?');
      await page.locator(q.botMessages).last().locator('h3').first().waitFor();
      const parts: Record<string, unknown> = { launcher };
      for (const sel of [
        q.panel,
        'helpline-chat header h2',
        q.human,
        q.input,
        q.send,
        q.userMessages,
        q.botMessages,
        'helpline-chat .msg.bot h3',
        'helpline-chat .msg.bot p',
        'helpline-chat .feedback button',
      ]) {
        parts[sel] = await styleOf(page, sel);
      }
      expect(errors).toEqual([]);
      await context.close();
      return parts;
    };
    const plain = await look('index.html');
    const attacked = await look('hostile.html');
    expect(attacked).toEqual(plain);
  });

  it('answers Helpline.ask() made while the pack is still loading', async () => {
    // The English part arrives only when the test lets it, so the call is made while it loads, however fast the machine.
    const gated = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    await gated.route('**/pack/en.*.json', async (route) => {
      await gate;
      await route.continue();
    });
    const { page, context, errors } = await openPage(browser, server.url, {}, gated);
    const status = await page.evaluate(async () => {
      const api = (window as any).Helpline;
      api.open();
      await customElements.whenDefined('helpline-chat'); // the loader has brought the widget code
      await new Promise((ok) => setTimeout(ok, 0)); // the panel has opened and started loading the pack
      (window as any).__reply = api.ask('what is the withdrawal fee?');
      return api.element.status;
    });
    expect(status).toBe('loading');
    release();
    const kind = await page.evaluate(async () => {
      const reply = await (window as any).__reply;
      return reply?.article?.id ?? `no answer: ${reply?.kind}`;
    });
    expect(kind).toBe('withdrawal-fees');
    expect(await page.locator(q.userMessages).count()).toBe(1);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('keeps the conversation across a reload', async () => {
    const { page, context } = await openPage(browser, server.url);
    await openWidget(page);
    await ask(page, 'my deposit has not arrived');
    const before = await page.locator('helpline-chat .log').innerText();
    await page.reload();
    await page.locator(q.panel).waitFor();
    await page.locator(q.botMessages).first().waitFor();
    // The restored log shows the pack's progress under it until the bot is back.
    await page.locator('helpline-chat .log .loading').waitFor({ state: 'detached' });
    expect(await page.locator('helpline-chat .log').innerText()).toBe(before);
    expect(await page.locator(q.userMessages).first().innerText()).toContain('my deposit has not arrived');
    // and the conversation goes on where it was
    await ask(page, 'what is the withdrawal fee?');
    expect(await page.locator(q.botMessages).count()).toBe(2);
    await context.close();
  });

  it('fetches the pack only when the launcher is first opened', async () => {
    const context = await browser.newContext();
    const packRequests: string[] = [];
    context.on('request', (r) => {
      if (/^\/pack(\.json|\/)/.test(new URL(r.url()).pathname)) packRequests.push(r.url());
    });
    const { page } = await openPage(browser, server.url, {}, context);
    await page.waitForLoadState('networkidle');
    expect(packRequests).toEqual([]);
    await openWidget(page);
    await ask(page, 'what is the withdrawal fee?');
    // The demo's pack folder: the manifest, the shared part and the English part, once each.
    expect(packRequests).toHaveLength(3);
    await page.keyboard.press('Escape');
    await openWidget(page);
    expect(packRequests).toHaveLength(3);
    await context.close();
  });

  const views = [
    { size: 'desktop', viewport: { width: 1280, height: 800 } },
    { size: 'phone', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 },
  ] as const;
  for (const { size, ...device } of views) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`${size}, ${colorScheme}: ${size === 'phone' ? 'full screen' : 'a panel'}, text contrast at least WCAG AA, screenshot`, async () => {
        const { page, context, errors } = await openPage(browser, server.url, { ...device, colorScheme });
        await page.waitForFunction(() => !!customElements.get('helpline-chat')); // the widget code, not only the loader's launcher
        const launcher = await contrastOf(page, q.launcher);
        expect(launcher.ratio, `launcher ${launcher.fg} on ${launcher.bg}`).toBeGreaterThanOrEqual(4.5);
        await openWidget(page);
        await ask(page, 'what is the withdrawal fee?');
        await page.locator(q.botMessages).last().locator('h3').first().waitFor();

        const panel = (await page.locator(q.panel).boundingBox())!;
        const vw = device.viewport.width;
        const vh = device.viewport.height;
        if (size === 'phone') {
          expect(panel).toEqual({ x: 0, y: 0, width: vw, height: vh });
        } else {
          expect(panel.width).toBeLessThanOrEqual(420);
          expect(panel.height).toBeLessThan(vh);
          expect(panel.x + panel.width).toBeLessThanOrEqual(vw);
          expect(panel.y).toBeGreaterThanOrEqual(0);
        }
        // Nothing inside overflows sideways.
        const overflow = await page
          .locator(q.panel)
          .evaluate((p) =>
            [...p.querySelectorAll('*')]
              .filter((e) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'hidden' && e.clientWidth > 0)
              .map((e) => e.className || e.tagName),
          );
        expect(overflow).toEqual([]);
        // The question and the start of the answer are in view, not the end of a long article.
        expect(await page.locator(q.botMessages).last().locator('h3').first().isVisible()).toBe(true);
        expect(await inView(page, 'helpline-chat .msg.bot h3.title')).toBe(true);

        for (const sel of [
          'helpline-chat header h2',
          q.human,
          'helpline-chat .msg.bot p',
          'helpline-chat .msg.bot h3',
          q.userMessages,
          q.send,
          'helpline-chat .feedback span',
          q.input,
        ]) {
          const c = await contrastOf(page, sel);
          expect(c.ratio, `${sel}: ${c.fg} on ${c.bg}`).toBeGreaterThanOrEqual(4.5);
        }
        const placeholder = await page.locator(q.input).evaluate((i) => getComputedStyle(i, '::placeholder').color);
        const inputBg = await page.locator(q.input).evaluate((i) => getComputedStyle(i).backgroundColor);
        expect(ratio(placeholder, inputBg), `placeholder ${placeholder} on ${inputBg}`).toBeGreaterThanOrEqual(4.5);

        await page.locator(q.input).blur();
        await screenshot(page, `widget-${size}-${colorScheme}.png`);
        expect(errors).toEqual([]);
        await context.close();
      });
    }
  }
});

/** The computed styles and box of a widget element that host-page CSS could try to change. */
function styleOf(page: Page, selector: string): Promise<Record<string, string>> {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      const props = [
        'font-family',
        'font-size',
        'font-weight',
        'line-height',
        'letter-spacing',
        'text-transform',
        'text-align',
        'direction',
        'color',
        'background-color',
        'padding',
        'margin',
        'border',
        'border-radius',
        'box-sizing',
        'display',
        'position',
        'opacity',
        'cursor',
        'visibility',
        'z-index',
      ];
      return { ...Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])), box: [r.x, r.y, r.width, r.height].map(Math.round).join(' ') };
    });
}

/** Whether an element's top is inside its scrolling log's visible area. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .last()
    .evaluate((el) => {
      const log = el.closest('.log')!.getBoundingClientRect();
      const r = el.getBoundingClientRect();
      return r.top >= log.top - 1 && r.top < log.bottom;
    });
}

/** WCAG contrast of two opaque computed colours. */
function ratio(a: string, b: string): number {
  const lum = (c: string) => {
    const [r, g, bl] = /rgba?\(([^)]+)\)/
      .exec(c)![1]
      .split(/[\s,]+/)
      .map(Number)
      .map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
