/**
 * The script-tag loader (dist/helpline.js), a few KB:
 *   <script src="helpline.js" data-pack="/help/pack/" async></script>
 * draws the launcher at once, offers the global `Helpline` API (calls wait until the widget is there), and
 * loads the widget code (helpline-widget.<hash>.js, next to this file) and the visitor's language of the pack:
 * the code when the page is idle, code and pack when the visitor points at or focuses the launcher, so a
 * click rarely waits. Calls made before this script has loaded wait in `Helpline.q`: the README's stub
 * (`Helpline('open')`, as Intercom's), or the older `window.Helpline = { q: [] }` with `[method, ...args]` pushed.
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
import type { HelplineCommand, HelplineGlobal, HelplineMethods } from './helpline-api.js';
import { HELPLINE_EVENTS } from './events.js';
import { removeSession } from './session.js';
// The hashed file name of the widget code, written by the build (rollup.config.mjs).
import { LOCALE_CHUNKS, WIDGET_CHUNK } from 'helpline:widget-chunk';

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
  ...chatwoot(),
  contact:
    data.contact &&
    (safeUrl(data.contact) ?? void console.error('helpline: data-contact must be an http(s) or mailto: link or a path on this site; it is left out')),
};
/** data-chatwoot (an http(s) URL) and data-chatwoot-inbox go together: one without the other is reported. */
function chatwoot(): Record<string, string | undefined> {
  if (!data.chatwoot && !data.chatwootInbox) return {};
  if (!data.chatwoot || !/^https?:\/\/[^/]/i.test(data.chatwoot) || !data.chatwootInbox) {
    console.error('helpline: data-chatwoot needs an http(s) URL and data-chatwoot-inbox the API inbox identifier; Chatwoot is left out');
    return {};
  }
  return { chatwoot: data.chatwoot, 'chatwoot-inbox': data.chatwootInbox };
}
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
  // The visitor's UI strings beside the code, not after it (the widget code imports the same URL: one download).
  // (the attribute, not data-lang: a setLocale queued before this load has set it)
  const strings = LOCALE_CHUNKS[uiLanguage(element.getAttribute('lang') ?? data.lang, document.documentElement.lang, navigator.languages ?? []).toLowerCase()];
  if (strings && !code) void import(/* @vite-ignore */ new URL(strings, base).href).catch(() => {});
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

const storageKey = `helpline:${data.pack || 'inline'}`;
const defined = () => Boolean(customElements.get('helpline-chat'));
/** The listener each `on(event, fn)` added, so that `off(event, fn)` finds it. */
const handlers = new Map<string, Map<unknown, EventListener>>();

const methods: HelplineMethods = {
  async open() {
    try {
      (await widget()).show();
    } catch (e) {
      console.error('helpline: could not load the widget', e);
      if (data.contact) location.assign(data.contact);
    }
  },
  close: () => void ready?.then((w) => w.hide()),
  toggle: () => (element.hasAttribute('open') ? Promise.resolve(methods.close()) : methods.open()),
  // An attribute: the loader's launcher (before the widget code) hides by it too.
  show: () => element.removeAttribute('launcher-hidden'),
  hide: () => element.setAttribute('launcher-hidden', ''),
  ask: (text) => widget().then((w) => w.ask(String(text))),
  identify: (user) => void widget().then((w) => w.identify(user)),
  reset() {
    // At once, not when the widget code has come: the page may navigate away right after logging out.
    removeSession(storageKey);
    void widget().then((w) => w.logout());
  },
  setLocale(code) {
    // Before the widget code is there, the attribute is what it reads; a bad code is refused here, at the call.
    if (!defined()) element.setAttribute('lang', String(code));
    void widget()
      .then((w) => w.setLocale(code))
      .catch((e) => console.error(e instanceof TypeError ? e.message : 'helpline: could not load the widget', e));
  },
  showArticle: (id) => widget().then((w) => w.showArticle(String(id))),
  prefill: (text) => void widget().then((w) => w.prefill(String(text))),
  on(event, fn) {
    if (!HELPLINE_EVENTS.includes(event)) console.error(`helpline: on('${String(event)}'): no such event (events: ${HELPLINE_EVENTS.join(', ')})`);
    const handler: EventListener = (e) => fn((e as CustomEvent).detail);
    let byFn = handlers.get(event);
    if (!byFn) handlers.set(event, (byFn = new Map()));
    if (byFn.has(fn)) element.removeEventListener(`helpline:${event}`, byFn.get(fn)!);
    byFn.set(fn, handler);
    element.addEventListener(`helpline:${event}`, handler);
    // Ready already: a late listener is told at once (asynchronously, like every other event).
    if (event === 'ready' && defined() && element.isReady) queueMicrotask(() => fn(undefined as never));
    return () => methods.off(event, fn);
  },
  off(event, fn) {
    const handler = handlers.get(event)?.get(fn);
    if (!handler) return;
    element.removeEventListener(`helpline:${event}`, handler);
    handlers.get(event)!.delete(fn);
  },
  setHandoffStatus: (state) => void widget().then((w) => w.setHandoffStatus(state)),
  ticket: (id) => widget().then((w) => w.ticket(String(id))),
};

/** One call, by name: a command (`Helpline('open')`) or a queued call. */
function run(command: unknown, args: unknown[]): unknown {
  if (typeof command !== 'string' || !Object.hasOwn(methods, command)) {
    console.error(`helpline: unknown command ${JSON.stringify(command)} (commands: ${Object.keys(methods).join(', ')})`);
    return undefined;
  }
  return (methods[command as HelplineCommand] as (...a: unknown[]) => unknown)(...args);
}

const api = Object.assign((command: HelplineCommand, ...args: unknown[]) => run(command, args), methods, {
  agent: {
    join: (agent: { name: string; avatar?: string }) => void widget().then((w) => w.agent.join(agent)),
    say: (text: string) => void widget().then((w) => w.agent.say(String(text))),
    typing: () => void widget().then((w) => w.agent.typing()),
    end: () => void widget().then((w) => w.agent.end('agent')),
  },
  element,
  // After load a push runs the call at once: pages that push onto the queue keep working.
  q: {
    push(...calls: ArrayLike<unknown>[]) {
      for (const c of calls) {
        const [command, ...args] = Array.from(c);
        run(command, args);
      }
      return 0;
    },
  },
}) as unknown as HelplineGlobal;

// The stub's queue (an array of `arguments`, or of [method, ...args] arrays); anything else is ignored.
const stubQueue = (window as unknown as { Helpline?: { q?: unknown } }).Helpline?.q;
const queued: ArrayLike<unknown>[] = Array.isArray(stubQueue) ? stubQueue : [];
window.Helpline = api;
const mount = () => {
  // The widget code already on the page (bundled by the site) draws its own launcher.
  const drawn = !customElements.get('helpline-chat');
  if (drawn) drawLauncher();
  document.body.appendChild(element);
  if (drawn) pickOnAccent(element, element.shadowRoot!.querySelector('.launcher'));
  api.q.push(...queued);
  // Open now if the page asks for it or the visitor had the chat open before this page load.
  const saved = loadSession(storageKey);
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
