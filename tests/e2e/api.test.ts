/**
 * The global API in Chromium, as an integrator uses it: the README's queue stub before the script tag, calls
 * made before and after the script loads, setLocale, the unread count, and reset on logout.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasChromium } from './browser.js';
import { demoSuite } from './demo-suite.js';
import { openPage, q, waitForEvent } from './widget-page.js';
import { root } from '../helpers.js';

/** The stub exactly as the README gives it (its first ```js block after "queue stub"). */
const STUB = /<!-- stub -->\s*```html\n<script>\n([\s\S]*?)\n<\/script>/.exec(readFileSync(join(root, 'README.md'), 'utf8'))![1];

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>API</title>
<script>${STUB}
  window.__seen = [];
  for (const name of ['ready', 'open', 'close', 'unread']) Helpline('on', name, (d) => window.__seen.push(name + ':' + JSON.stringify(d ?? null)));
  Helpline('identify', { id: 'user-42', email: 'ana@example.com' });
  Helpline('setLocale', 'es');
  Helpline('open');
</script>
<script src="/helpline.js" data-pack="/pack/" async></script></head><body><h1>Exchange</h1></body></html>`;

describe.skipIf(!hasChromium)('the Helpline global in Chromium', () => {
  const demo = demoSuite();

  it('runs calls queued by the stub, then the same calls after load; setLocale, unread and reset on logout', async () => {
    const context = await demo.browser.newContext({ viewport: { width: 1280, height: 800 } });
    // Its own page (no CSP: the stub is an inline script, as on most sites), the demo server's files beside it.
    await context.route('**/api.html', (route) => route.fulfill({ contentType: 'text/html', body: PAGE }));
    const { page, errors } = await openPage(demo.browser, demo.server.url + 'api.html', {}, context);
    const seen = () => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);

    // queued before load: the listener, identify, setLocale('es') and open
    await page.locator(q.input).waitFor();
    // ready comes with the UI language's strings (their own small file, which the demo server may serve after
    // it has compressed the pack's first files)
    await expect.poll(seen, { timeout: 20_000 }).toContain('ready:null');
    expect(await page.locator(q.input).getAttribute('placeholder')).toBe('Escribe tu pregunta…');
    const es = await page.evaluate(() => window.Helpline('ask', 'usdt trc20?'));
    // tickers only: the language is the hint's (the sample has no clear answer to them: any reply will do)
    expect(es).toMatchObject({ lang: 'es' });

    // after load: setLocale changes the UI and the bot's hint
    await page.evaluate(() => window.Helpline.setLocale('zh'));
    await expect.poll(() => page.locator(q.input).getAttribute('placeholder')).toBe('请输入您的问题…');
    const zh = await page.evaluate(() => window.Helpline('ask', 'usdt trc20?'));
    expect(zh).toMatchObject({ lang: 'zh' });
    const zhReply = await page.evaluate(() => window.Helpline.ask('提币手续费是多少'));
    expect(zhReply).toMatchObject({ lang: 'zh', article: { id: 'withdrawal-fees', lang: 'zh' } });

    // the old queue keeps working after load
    await page.evaluate(() => window.Helpline.q.push(['close']));
    await page.locator(q.launcher).waitFor();
    expect(await seen()).toEqual(expect.arrayContaining(['open:null', 'close:null']));

    // unread: agent lines while closed are counted, on the launcher too; opening clears the count
    await page.evaluate(() => {
      window.Helpline.agent.join({ name: 'Ana' });
      window.Helpline.agent.say('Hola, soy Ana');
    });
    await expect.poll(seen).toContain('unread:{"count":2}');
    await expect.poll(() => page.locator('helpline-chat .launcher .badge').innerText()).toMatch(/^2/);
    await page.evaluate(() => window.Helpline('toggle'));
    await expect.poll(seen).toContain('unread:{"count":0}');
    await page.evaluate(() => window.Helpline.agent.end());

    // the user identified before load rides on a handoff; after reset (logout) neither the user nor the conversation does
    await page.locator(q.human).click();
    expect((await waitForEvent(page, 'handoff')).user).toMatchObject({ id: 'user-42' });
    const key = 'helpline:/pack/';
    expect(await page.evaluate((k) => sessionStorage.getItem(k), key)).not.toBeNull();
    await page.evaluate(() => window.Helpline('reset'));
    expect(await page.evaluate((k) => sessionStorage.getItem(k), key)).toBeNull();
    await expect.poll(() => page.locator('helpline-chat .msg').count()).toBe(0);
    await page.locator(q.human).click();
    const handoff = await waitForEvent(page, 'handoff', (h) => !h.user);
    expect(handoff.user).toBeUndefined();
    expect(handoff.transcript.map((t: { text: string }) => t.text)).not.toContain('usdt trc20?');

    // the launcher can be hidden (the page opens the chat with its own button) and shown again
    await page.evaluate(() => window.Helpline('close'));
    await page.evaluate(() => window.Helpline('hide'));
    await expect.poll(() => page.locator(q.launcher).isVisible()).toBe(false);
    await page.evaluate(() => window.Helpline.show());
    await expect.poll(() => page.locator(q.launcher).isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await context.close();
  });
});
