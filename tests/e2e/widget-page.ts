/**
 * Driving the script-tag widget in a real page: what a user does (open, ask, read) and what the page sees
 * (helpline:* events, Content-Security-Policy violations, errors). Shared by the widget and security suites.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { demoPack } from './browser.js';

/** Records, from before any page script runs, every helpline:* event and every CSP violation. */
const RECORDER = `
  window.__rec = { events: [], csp: [], dialogs: 0 };
  for (const name of ['answer', 'clarify', 'unanswered', 'handoff', 'feedback', 'message', 'ticket']) {
    document.addEventListener('helpline:' + name, (e) => window.__rec.events.push({ name, detail: JSON.parse(JSON.stringify(e.detail)) }));
  }
  document.addEventListener('securitypolicyviolation', (e) => window.__rec.csp.push(e.violatedDirective + ' ' + e.blockedURI));
`;

export interface WidgetPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions and console errors in the page. */
  errors: string[];
  /** How many alert/confirm/prompt dialogs opened. */
  dialogs: () => number;
}

/** A fresh context (own storage) with one page on `url`, recording events, violations and errors. */
export async function openPage(browser: Browser, url: string, options: BrowserContextOptions = {}, context?: BrowserContext): Promise<WidgetPage> {
  context ??= await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
  await context.addInitScript(RECORDER);
  const page = await context.newPage();
  const errors: string[] = [];
  let dialogs = 0;
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && !/favicon/.test(m.location().url)) errors.push(m.text());
  });
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  await page.goto(url);
  await page.waitForFunction(() => 'Helpline' in window && document.querySelector('helpline-chat')?.shadowRoot?.querySelector('.launcher, .panel'));
  return { page, context, errors, dialogs: () => dialogs };
}

export const q = {
  launcher: 'helpline-chat .launcher',
  panel: 'helpline-chat .panel',
  input: 'helpline-chat #helpline-input',
  send: 'helpline-chat .composer button[type="submit"]',
  botMessages: 'helpline-chat .msg.bot',
  userMessages: 'helpline-chat .msg.user',
  human: 'helpline-chat header .human',
  handoff: 'helpline-chat .handoff',
} as const;

/** Opens the panel with the launcher and waits until the bot can answer (or has said it cannot). */
export async function openWidget(page: Page): Promise<void> {
  await page.locator(q.launcher).click();
  await page.locator(q.input).waitFor();
  // The composer is there while the pack still loads; a test that then cuts the network must not cut the pack.
  await page.waitForFunction(
    () => ['ready', 'error'].includes((document.querySelector('helpline-chat') as unknown as { status?: string })?.status ?? ''),
    undefined,
    { timeout: 30_000 },
  );
}

/** Types a question, sends it and waits for the bot's reply bubble; returns the reply's text. */
export async function ask(page: Page, text: string): Promise<string> {
  const before = await page.locator(q.botMessages).count();
  await page.locator(q.input).fill(text);
  await page.locator(q.input).press('Enter');
  const reply = page.locator(q.botMessages).nth(before);
  await reply.waitFor();
  return reply.innerText();
}

export interface Recorded {
  events: { name: string; detail: any }[];
  csp: string[];
}

export const recorded = (page: Page): Promise<Recorded> => page.evaluate(() => (window as unknown as { __rec: Recorded }).__rec);

/** Waits until the page has seen a helpline:<name> event matching `test`, and returns its detail. */
export async function waitForEvent(page: Page, name: string, test: (detail: any) => boolean = () => true, timeout = 15_000): Promise<any> {
  const end = Date.now() + timeout;
  for (;;) {
    const found = (await recorded(page)).events.find((e) => e.name === name && test(e.detail));
    if (found) return found.detail;
    if (Date.now() > end)
      throw new Error(`no helpline:${name} event within ${timeout} ms; saw ${JSON.stringify((await recorded(page)).events.map((e) => e.name))}`);
    await page.waitForTimeout(50);
  }
}

let packTitles: Map<string, string> | undefined;

/** An article's title in a language, read from the demo pack the server serves. */
export function titleOf(id: string, lang: string): string {
  packTitles ??= new Map(
    JSON.parse(readFileSync(demoPack, 'utf8')).data.articles.map((a: { id: string; lang: string; title: string }) => [`${a.lang}/${a.id}`, a.title]),
  );
  const title = packTitles.get(`${lang}/${id}`);
  if (!title) throw new Error(`the demo pack has no ${lang} article ${id}`);
  return title;
}

/**
 * WCAG contrast ratio of an element's text against what is behind it: its own background or the nearest
 * ancestor's (shadow hosts included), translucent layers composited over what lies beneath.
 */
export function contrastOf(page: Page, selector: string): Promise<{ ratio: number; fg: string; bg: string }> {
  return page
    .locator(selector)
    .first()
    .evaluate((el: Element) => {
      const parse = (c: string): number[] => {
        const m = /rgba?\(([^)]+)\)/.exec(c);
        if (!m) throw new Error(`unsupported colour ${c}`);
        const [r, g, b, a = 1] = m[1]
          .split(/[\s,/]+/)
          .filter(Boolean)
          .map(Number);
        return [r, g, b, a];
      };
      const over = (top: number[], below: number[]) => [0, 1, 2].map((i) => top[i] * top[3] + below[i] * (1 - top[3])).concat(1);
      const layers: number[][] = [];
      for (let n: Element | null = el; n; n = n.parentElement ?? (n.getRootNode() as ShadowRoot).host ?? null) {
        const bg = parse(getComputedStyle(n).backgroundColor);
        if (bg[3] > 0) layers.push(bg);
        if (bg[3] >= 1) break;
      }
      let bg = [255, 255, 255, 1];
      for (const layer of layers.reverse()) bg = over(layer, bg);
      const fg = over(parse(getComputedStyle(el).color), bg);
      const lum = (c: number[]) => {
        const [r, g, b] = c.slice(0, 3).map((v) => {
          const s = v / 255;
          return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        });
        return 0.2126 * r + 0.7152 * g + 0.0722 * b;
      };
      const [hi, lo] = [lum(fg), lum(bg)].sort((a, b) => b - a);
      return { ratio: (hi + 0.05) / (lo + 0.05), fg: `rgb(${fg.slice(0, 3).map(Math.round)})`, bg: `rgb(${bg.slice(0, 3).map(Math.round)})` };
    });
}
