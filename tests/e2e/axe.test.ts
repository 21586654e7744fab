/**
 * axe-core in Chromium: the demo exchange with the panel open, the widget's shadow DOM included, in light and in
 * dark (the system's preference and the theme attribute), on the first screen and with an answer shown. Zero
 * violations of any impact: a violation fails the test with axe's own description of it.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { hasChromium } from './browser.js';
import { demoSuite } from './demo-suite.js';
import { ask, openPage, openWidget } from './widget-page.js';
import { root } from '../helpers.js';

const AXE = join(root, 'node_modules', 'axe-core', 'axe.min.js');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the whole document (axe walks open shadow roots) and returns its violations, one line each. */
async function violations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const found: Violation[] = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } }).axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations;
  });
  return found.flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} at ${JSON.stringify(n.target)} (${n.failureSummary ?? ''})`));
}

const SCHEMES = [
  { name: 'light, from the system', colorScheme: 'light', theme: null },
  { name: 'dark, from the system', colorScheme: 'dark', theme: null },
  { name: 'dark, from theme="dark" on a light system', colorScheme: 'light', theme: 'dark' },
  { name: 'light, from theme="light" on a dark system', colorScheme: 'dark', theme: 'light' },
] as const;

describe.skipIf(!hasChromium)('axe-core on the widget in Chromium', () => {
  const demo = demoSuite();

  for (const scheme of SCHEMES) {
    it(`finds no violation with the panel open, ${scheme.name}: first screen, then an answer`, async () => {
      // The demo's Content-Security-Policy forbids inline scripts, which is how addScriptTag brings axe in.
      const { page, context, errors } = await openPage(demo.browser, demo.server.url, { colorScheme: scheme.colorScheme, bypassCSP: true });
      if (scheme.theme) await page.evaluate((t) => document.querySelector('helpline-chat')!.setAttribute('theme', t), scheme.theme);
      await openWidget(page);
      await page.locator('helpline-chat .first .topics button').first().waitFor();
      expect(await violations(page)).toEqual([]);

      await ask(page, 'How do I withdraw USDT?');
      await page.locator('helpline-chat .msg.bot .feedback').last().waitFor();
      expect(await violations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
