/**
 * The editor's pages in Debian's Chromium: the evaluation report, the analytics report (both single offline
 * files) and the live preview of `helpline serve` with its side panel. Screenshots go to tests/e2e/output/screenshots/
 * (and over the committed copies in tests/e2e/screenshots/ with UPDATE_SCREENSHOTS=1).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hasChromium, launchBrowser, screenshot, widgetScript } from './browser.js';
import { createBot, type Pack } from '../../src/index.js';
import { evaluate, type EvalCase } from '../../src/eval/evaluate.js';
import { renderEvalReport } from '../../src/report/eval-report.js';
import { parseEventLog } from '../../src/report/events-log.js';
import { analyzeEvents, renderEventsReport } from '../../src/report/events-report.js';
import { pct } from '../../src/report/html.js';
import { startPreview } from '../../src/cli/serve.js';
import { DEFAULT_SETTINGS } from '../../src/pack/settings.js';
import { fixture, packOf } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-e2e-reports-'));
const SECRET = 'Hunter2Secret';

/** Opens a page and collects everything that went wrong in it. */
async function open(browser: Browser, url: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  // A reload cancels the open reload channel: that is the channel working, not failing.
  page.on('requestfailed', (r) => (r.url().endsWith('/events') && r.failure()?.errorText === 'net::ERR_ABORTED') || errors.push(`request failed: ${r.url()}`));
  await page.goto(url);
  return { page, errors };
}

/** Real conversations with the bot over several days, logged as a host page does it (docs/analytics.md). */
async function recordConversations(pack: Pack): Promise<string> {
  const lines: string[] = [];
  const script: { day: string; lang: string; questions: string[]; helpful?: boolean; human?: boolean }[] = [
    { day: '2026-03-01', lang: 'en', questions: ['how much is the withdrawal fee'], helpful: true },
    { day: '2026-03-01', lang: 'en', questions: ['my withdrawal is still pending after 2 hours'], helpful: true },
    { day: '2026-03-01', lang: 'zh', questions: ['提币手续费多少'], helpful: true },
    { day: '2026-03-02', lang: 'es', questions: ['cuánto cuesta retirar'], helpful: false },
    { day: '2026-03-02', lang: 'en', questions: ['i forgot my password'], helpful: true },
    { day: '2026-03-02', lang: 'en', questions: ['tell me a joke', 'what is the weather today'], human: true },
    { day: '2026-03-03', lang: 'en', questions: ['someone hacked my account'] },
    { day: '2026-03-03', lang: 'zh', questions: ['今天天气怎么样', '讲个笑话'] },
    { day: '2026-03-04', lang: 'en', questions: ['who won the football match', 'who won the football match yesterday'], helpful: false },
  ];
  for (const [i, c] of script.entries()) {
    let minute = 0;
    const now = () => new Date(`${c.day}T10:${String(minute).padStart(2, '0')}:00.000Z`);
    const bot = createBot(pack, { lang: c.lang, now });
    for (const type of ['answer', 'clarify', 'unanswered', 'handoff', 'feedback'] as const) {
      bot.on(type, (data) => lines.push(JSON.stringify({ type, at: now().toISOString(), session: `s${i}`, data })));
    }
    for (const question of c.questions) {
      const reply = await bot.ask(question);
      minute++;
      if (c.helpful !== undefined && reply.article) bot.feedback(reply.article.id, c.helpful, c.helpful ? undefined : `wrong answer, my password is ${SECRET}`);
    }
    if (c.human) bot.handoff('requested');
  }
  return lines.join('\n') + '\n';
}

describe.skipIf(!hasChromium)('report pages in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('shows the evaluation report offline, with its charts, and screenshots it', async () => {
    const pack = packOf(fixture('kb-mini'));
    const cases: EvalCase[] = [
      { text: 'fee to withdraw btc', expect: 'withdrawal-fees', lang: 'en' },
      { text: 'my withdrawal is stuck pending', expect: 'withdrawal-pending', lang: 'en' },
      { text: 'how long until my btc arrives, the fee was high', expect: 'withdrawal-pending', lang: 'en' },
      { text: 'forgot my password', expect: 'password-reset', lang: 'en' },
      { text: 'someone logged into my account', expect: 'account-hacked', lang: 'en' },
      { text: 'cuánto cuesta retirar', expect: 'withdrawal-fees', lang: 'es' },
      { text: 'mi retiro sigue pendiente', expect: 'withdrawal-pending', lang: 'es' },
      { text: '提币手续费', expect: 'withdrawal-fees', lang: 'zh' },
      { text: '提币一直在处理中', expect: 'withdrawal-pending', lang: 'zh' },
      { text: 'tell me a joke', expect: null },
      { text: 'what is the price of the withdrawal of my heart', expect: null },
      { text: '人工客服', expect: '@handoff' },
    ];
    const { report, outcomes } = await evaluate(pack, cases);
    const file = join(tmp, 'eval.html');
    writeFileSync(file, renderEvalReport({ report, outcomes, pack, source: 'tests/fixtures/kb-mini' }));

    const { page, errors } = await open(browser, pathToFileURL(file).href);
    expect(await page.locator('h1').innerText()).toBe('Helpline evaluation');
    expect(await page.locator('.figure .value').first().innerText()).toBe(pct(report.accuracy));
    const charts = page.locator('.chart svg');
    expect(await charts.count()).toBe(2);
    // Each language's bar is drawn as wide as its accuracy: a chart that renders nothing fails here.
    const langBars = await charts
      .first()
      .locator('g > rect:nth-of-type(2)')
      .evaluateAll((rs) => rs.map((r) => r.getBoundingClientRect().width));
    const track = await charts
      .first()
      .locator('g > rect:nth-of-type(1)')
      .first()
      .evaluate((r) => r.getBoundingClientRect().width);
    const accuracies = Object.values(report.perLang);
    expect(langBars).toHaveLength(accuracies.length);
    langBars.forEach((w, i) => expect(w).toBeCloseTo(track * accuracies[i], 0));
    await screenshot(page, 'eval-report.png', { fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the analytics of real conversations, prints on white, keeps secrets out, and screenshots it', async () => {
    const log = await recordConversations(packOf(fixture('kb-mini')));
    expect(log).toContain('wrong answer, my password is [password removed]'); // the bot redacts at the source
    const { events, skipped } = parseEventLog(log);
    expect(skipped).toEqual([]);
    const analytics = analyzeEvents(events);
    const file = join(tmp, 'analytics.html');
    writeFileSync(file, renderEventsReport(analytics, { source: 'events.jsonl' }));

    const { page, errors } = await open(browser, pathToFileURL(file).href);
    expect(await page.locator('h1').innerText()).toBe('Helpline analytics');
    const figures = await page.locator('.figure .value').allInnerTexts();
    expect(figures).toEqual([
      String(analytics.questions),
      String(analytics.conversations),
      pct(analytics.deflection),
      pct(analytics.handoffRate),
      analytics.csat === null ? '—' : pct(analytics.csat, 0),
      pct(analytics.helpfulness, 0),
      pct(analytics.unanswered / analytics.questions),
    ]);
    // One column per day from the first to the last, each as tall as that day's questions.
    const perDay = page.locator('.chart svg').first();
    const columns = await perDay
      .locator('g')
      .evaluateAll((gs) => gs.map((g) => [...g.querySelectorAll('rect')].reduce((h, r) => h + r.getBoundingClientRect().height, 0)));
    expect(columns).toHaveLength(analytics.perDay.length);
    const totals = analytics.perDay.map((d) => d.answered + d.clarified + d.unanswered);
    const scale = columns[0] / totals[0];
    columns.forEach((h, i) => expect(h).toBeCloseTo(totals[i] * scale, 0));
    expect(await page.content()).not.toContain(SECRET);

    await page.emulateMedia({ media: 'print' });
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(255, 255, 255)');
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'analytics-report.png', { fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('previews a knowledge folder: the panel explains the last answer and the page reloads on a change', async () => {
    if (!existsSync(widgetScript)) throw new Error('dist/helpline.js is missing: run `npx rollup -c` (npm test builds it first)');
    const kb = join(tmp, 'kb');
    cpSync(fixture('kb-mini'), kb, { recursive: true });
    const preview = await startPreview(kb, { port: 0, widget: widgetScript, debounceMs: 50 });
    try {
      const { page, errors } = await open(browser, preview.url);
      await page.waitForFunction(() => typeof (window as unknown as { Helpline?: { ask?: unknown } }).Helpline?.ask === 'function');
      await page.evaluate(() => (window as unknown as { Helpline: { ask(t: string): Promise<unknown> } }).Helpline.ask('提币手续费是多少'));
      await expect.poll(() => page.locator('#kind').innerText(), { timeout: 15_000 }).toBe('answer'); // the panel follows the answer event
      expect(await page.locator('#lang').innerText()).toMatch(/^zh/);
      expect(await page.locator('#candidates code').first().innerText()).toBe('withdrawal-fees');
      const threshold = DEFAULT_SETTINGS.answer.toFixed(2).replace('.', '\\.');
      expect(await page.locator('#why').innerText()).toMatch(
        new RegExp(`^Answered with withdrawal-fees: its confidence \\d\\.\\d\\d reached the answer threshold ${threshold}`),
      );
      await screenshot(page, 'preview.png');

      const before = preview.state.version;
      const file = join(kb, 'zh', 'withdrawals', 'withdrawal-fees.md');
      writeFileSync(file, readFileSync(file, 'utf8') + '\n更新。\n');
      await page.waitForFunction((v) => !document.querySelector(`script[data-pack$="${v}"]`) && !!document.querySelector('script[data-pack]'), before, {
        timeout: 15_000,
      });
      expect(preview.state.version).not.toBe(before);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await preview.close();
    }
  });
});
