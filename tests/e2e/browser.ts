/**
 * Shared set-up for the browser end-to-end suites: Debian's Chromium driven by playwright-core, and the demo
 * exchange (examples/serve.mjs) on a free port. Suites use `describe.skipIf(!hasChromium)`; with
 * `REQUIRE_BROWSER=1` (CI) a missing Chromium fails them instead.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { root } from '../helpers.js';

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Whether the browser tests can run here. We never download a browser: Debian's package or nothing. */
export const hasChromium = existsSync(CHROMIUM_PATH);
if (!hasChromium) {
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(
      `REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing: the browser end-to-end tests cannot run. Install it with \`apt-get install -y chromium\` (.ci/run does), or unset REQUIRE_BROWSER to skip them.`,
    );
  }
  console.warn(`\n⚠ Browser end-to-end tests SKIPPED: ${CHROMIUM_PATH} not found. Install it with \`apt-get install -y chromium\` to run them.\n`);
}

/** Where the tests write screenshots: ignored by git, so a test run leaves the tree clean. */
export const SCREENSHOT_OUTPUT = join(root, 'tests', 'e2e', 'output', 'screenshots');
/** The committed copies the README links to, refreshed only on purpose: `UPDATE_SCREENSHOTS=1 npm test`. */
export const SCREENSHOTS = join(root, 'tests', 'e2e', 'screenshots');

/** Screenshots a page or an element into tests/e2e/output/screenshots/; copies it over the committed one with UPDATE_SCREENSHOTS=1. */
export async function screenshot(target: Page | Locator, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SCREENSHOT_OUTPUT, { recursive: true });
  const path = join(SCREENSHOT_OUTPUT, name);
  await target.screenshot({ path, ...options });
  if (process.env.UPDATE_SCREENSHOTS === '1') {
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(path, join(SCREENSHOTS, name));
  }
  return path;
}

export const widgetScript = join(root, 'dist', 'helpline.js');
export const demoPack = join(root, 'examples', 'exchange', 'pack.json');
/** The pack folder the demo pages load (data-pack="/pack/"), as `npm start` builds it. */
export const demoFolder = join(root, 'examples', 'exchange', 'pack');

/** Launches headless Chromium. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/**
 * Builds the sample pack into examples/exchange/pack.json, as `npm start` does, when it is missing or older
 * than the build (dist/cli.js reads and writes the pack format the widget bundle was built with) or than the
 * knowledge folder. If a rebuild fails (knowledge being edited), an existing pack is kept.
 */
export function ensureDemoPack(): void {
  const manifest = join(demoFolder, 'manifest.json');
  const built = existsSync(demoPack) && existsSync(manifest) ? Math.min(statSync(demoPack).mtimeMs, statSync(manifest).mtimeMs) : 0;
  const inputs = [join(root, 'dist', 'cli.js'), widgetScript, ...filesUnder(join(root, 'knowledge'))];
  if (built && inputs.every((f) => !existsSync(f) || statSync(f).mtimeMs <= built)) return;
  try {
    execFileSync(process.execPath, [join(root, 'bin', 'helpline.js'), 'build', 'knowledge', '-o', demoPack], { cwd: root, stdio: 'pipe' });
    execFileSync(process.execPath, [join(root, 'bin', 'helpline.js'), 'build', 'knowledge', '-o', demoFolder + '/'], { cwd: root, stdio: 'pipe' });
  } catch (e) {
    const why = String((e as { stderr?: Buffer }).stderr ?? e);
    if (!built) throw new Error(`could not build the demo pack: ${why}`);
    console.warn(`could not rebuild the demo pack; using the existing one: ${why}`);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

export interface DemoServer {
  /** Base URL ending in `/`, e.g. `http://localhost:40123/`. */
  url: string;
  close(): Promise<void>;
}

/** Starts examples/serve.mjs on a free port (PORT=0) and resolves with the URL it prints. */
export async function startDemoServer(): Promise<DemoServer> {
  if (!existsSync(widgetScript) || !existsSync(join(root, 'dist', 'cli.js')))
    throw new Error('dist/ is missing: run `npm run build` (npm test builds it first)');
  ensureDemoPack();
  const child = spawn(process.execPath, [join(root, 'examples', 'serve.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const fail = (why: string) => reject(new Error(`examples/serve.mjs did not start: ${why}\n${out}`));
    const timer = setTimeout(() => fail('no URL printed within 20 s'), 20_000);
    const read = (chunk: Buffer) => {
      out += chunk;
      const m = /https?:\/\/[^\s]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0].endsWith('/') ? m[0] : m[0] + '/');
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', (c: Buffer) => (out += c));
    child.once('exit', (code) => fail(`exited with ${code}`));
  });
  const orphan = () => child.kill(); // should the test run end without afterAll
  process.once('exit', orphan);
  return {
    url,
    close: () => {
      process.off('exit', orphan);
      return stop(child);
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill();
  });
}
