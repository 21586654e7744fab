/** A suite's Chromium and demo server: started together before its tests, closed after them. */
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, startDemoServer, type DemoServer } from './browser.js';

export function demoSuite(): { readonly browser: Browser; readonly server: DemoServer } {
  const suite = {} as { browser: Browser; server: DemoServer };
  beforeAll(async () => {
    [suite.browser, suite.server] = await Promise.all([launchBrowser(), startDemoServer()]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
