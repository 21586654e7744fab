/**
 * The script-tag loader (dist/helpline.js), a few KB:
 *   <script src="helpline.js" data-pack="/help/pack/" async></script>
 * draws the launcher at once, offers the global `Helpline` API (calls wait until the widget is there), and
 * loads the widget code (helpline-widget.<hash>.js, next to this file) and the visitor's language of the pack:
 * the code when the page is idle, code and pack when the visitor points at or focuses the launcher, so a
 * click rarely waits. Calls made before this script has loaded are queued if the page defines
 * `window.Helpline = { q: [] }` and pushes `[method, ...args]` onto `q`.
 */
import { styles } from './styles.js';
import { LAUNCHER } from './launcher-labels.js';
import { uiLanguage } from './ui-language.js';
import { firstUrl, isManifestText, packLanguage, visitorLanguages } from './pack-language.js';
import { loadSession } from './session.js';
import { pickOnAccent } from './on-accent.js';
import { fetchText } from './fetch-text.js';
import { safeUrl } from '../src/safety/links.js';
import { checkHours } from '../src/bot/hours.js';
import type { HelplineChat } from './helpline-chat.js';
import type { UserContext } from '../src/index.js';
// The hashed file name of the widget code, written by the build (rollup.config.mjs).
import { WIDGET_CHUNK } from 'helpline:widget-chunk';

type Listener = (detail: unknown) => void;

export interface HelplineGlobal {
  open(): Promise<void>;
  close(): void;
  ask(text: string): Promise<unknown>;
  identify(user: UserContext): void;
  /** The UI language and the bot's language hint, now (`auto`: the page's and the browser's again). */
  setLocale(code: string): void;
  on(event: string, fn: Listener): () => void;
  setHandoffStatus(state: Parameters<HelplineChat['setHandoffStatus']>[0]): void;
  /** A live chat run by the page itself: an agent joins, writes, types and ends the conversation. */
  agent: {
    join(agent: { name: string; avatar?: string }): void;
    say(text: string): void;
    typing(): void;
    end(): void;
  };
  element: HelplineChat;
}

const script = document.currentScript as HTMLScriptElement | null;
const data = script?.dataset ?? {};
const base = script?.src || document.baseURI;
const element = document.createElement('helpline-chat') as HelplineChat;
// Attributes, not properties: the element is defined later (the widget code), and an element being upgraded
// reads its attributes before it connects (where it restores the saved conversation, keyed by the pack).
const attributes: Record<string, string | undefined> = {
  pack: data.pack,
  api: data.api,
  lang: data.lang,
  heading: data.title,
  accent: data.accent,
  position: data.position === 'bottom-left' || data.position === 'bottom-right' ? data.position : undefined,
  theme: data.theme === 'light' || data.theme === 'dark' ? data.theme : undefined,
  'handoff-url': data.handoffUrl,
  relay: data.relay,
  contact: data.contact && (safeUrl(data.contact) ?? void console.error('helpline: data-contact must be an http(s) or mailto: link or a path on this site; it is left out')),
};
for (const [name, value] of Object.entries(attributes)) if (value) element.setAttribute(name, value);
// Every attribute is checked once, here: a bad one is reported and left out, never a dead button later.
if (data.hours) {
  let hours: unknown;
  try {
    hours = JSON.parse(data.hours);
  } catch {
    hours = undefined;
  }
  const problem = hours === undefined ? 'is not valid JSON' : checkHours(hours);
  if (problem) console.error(`helpline: data-hours ${problem}; business hours are off (handoffs stay live)`);
  else element.hours = hours as HelplineChat['hours'];
}

/** The launcher, drawn in the element's shadow root with the widget's own styles; the widget replaces it. */
function drawLauncher(): void {
  const root = element.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(styles.cssText);
  root.adoptedStyleSheets = [sheet];
  const ui = uiLanguage(data.lang, document.documentElement.lang, navigator.languages ?? []) as keyof typeof LAUNCHER;
  const button = document.createElement('button');
  button.className = 'launcher';
  button.setAttribute('part', 'launcher');
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  button.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M4 4h16v12H7l-3 3z" /></svg>';
  button.append(LAUNCHER[ui] ?? LAUNCHER.en);
  button.addEventListener('click', () => void api.open());
  for (const e of ['pointerenter', 'focus', 'touchstart']) button.addEventListener(e, preload, { once: true, passive: true });
  if (data.accent) element.style.setProperty('--helpline-accent', data.accent);
  root.append(button);
}

let code: Promise<unknown> | undefined;
/** The widget code, once; a failed download may be tried again. */
function loadCode(): Promise<unknown> {
  // A page (or a bundle) that already defines the element needs no second copy of the widget code.
  if (customElements.get('helpline-chat')) return Promise.resolve();
  code ??= import(/* @vite-ignore */ new URL(WIDGET_CHUNK, base).href).catch((e) => {
    code = undefined;
    throw e;
  });
  return code;
}

const preloaded = new Map<string, Promise<string>>();
element.preloaded = preloaded;
let packStarted = false;
/** The widget code and the visitor's files of the pack (a folder's manifest, then that language's files). */
function preload(): void {
  void loadCode().catch(() => {});
  if (packStarted || !data.pack || data.api) return;
  packStarted = true;
  const url = firstUrl(data.pack);
  const first = fetchText(url);
  preloaded.set(url, first);
  first
    .then((text) => {
      if (!isManifestText(text)) return;
      const m = JSON.parse(text) as { defaultLang: string; languages: Record<string, { files: string[] }> };
      const lang = packLanguage(Object.keys(m.languages), m.defaultLang, visitorLanguages(data.lang));
      for (const name of m.languages[lang]?.files ?? []) {
        const u = new URL(name, url).href;
        const p = fetchText(u);
        p.catch(() => {});
        preloaded.set(u, p);
      }
    })
    .catch(() => preloaded.delete(url));
}

/** Calls that need the widget: run in order once it is there. */
let ready: Promise<HelplineChat> | undefined;
function widget(): Promise<HelplineChat> {
  preload();
  ready ??= loadCode().then(
    () => customElements.whenDefined('helpline-chat').then(() => element),
    (e) => {
      ready = undefined;
      throw e;
    },
  );
  return ready;
}

const api: HelplineGlobal = {
  async open() {
    try {
      (await widget()).show();
    } catch (e) {
      console.error('helpline: could not load the widget', e);
      if (data.contact) location.assign(data.contact);
    }
  },
  close: () => void ready?.then((w) => w.hide()),
  ask: (text) => widget().then((w) => w.ask(String(text))),
  identify: (user) => void widget().then((w) => w.identify(user)),
  setLocale(code) {
    // Before the widget code is there, the attribute is what it reads; a bad code is refused here, at the call.
    if (!customElements.get('helpline-chat')) element.setAttribute('lang', String(code));
    void widget().then((w) => w.setLocale(code)).catch((e) => console.error(e instanceof TypeError ? e.message : 'helpline: could not load the widget', e));
  },
  on(event, fn) {
    const handler = (e: Event) => fn((e as CustomEvent).detail);
    element.addEventListener(`helpline:${event}`, handler);
    return () => element.removeEventListener(`helpline:${event}`, handler);
  },
  setHandoffStatus: (state) => void widget().then((w) => w.setHandoffStatus(state)),
  agent: {
    join: (agent) => void widget().then((w) => w.agent.join(agent)),
    say: (text) => void widget().then((w) => w.agent.say(String(text))),
    typing: () => void widget().then((w) => w.agent.typing()),
    end: () => void widget().then((w) => w.agent.end('agent')),
  },
  element,
};

const queued = (window as unknown as { Helpline?: { q?: unknown[][] } }).Helpline?.q ?? [];
(window as unknown as { Helpline: HelplineGlobal }).Helpline = api;
const mount = () => {
  // The widget code already on the page (bundled by the site) draws its own launcher.
  const drawn = !customElements.get('helpline-chat');
  if (drawn) drawLauncher();
  document.body.appendChild(element);
  if (drawn) pickOnAccent(element, element.shadowRoot!.querySelector('.launcher'));
  for (const [method, ...args] of queued) (api[method as keyof HelplineGlobal] as (...a: unknown[]) => unknown)?.(...args);
  // Open now if the page asks for it or the visitor had the chat open before this page load.
  const saved = loadSession(`helpline:${data.pack || 'inline'}`);
  if ((data.open !== undefined && data.open !== 'false') || saved?.open) {
    element.setAttribute('open', '');
    void api.open();
  } else {
    const later = () => void loadCode().catch(() => {});
    const idle = () => (typeof requestIdleCallback === 'function' ? requestIdleCallback(later, { timeout: 3000 }) : setTimeout(later, 1000));
    if (document.readyState === 'complete') idle();
    else addEventListener('load', idle, { once: true });
  }
};
if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
