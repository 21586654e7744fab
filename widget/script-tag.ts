/**
 * The script-tag build (dist/helpline.js):
 *   <script src="helpline.js" data-pack="/help/pack.json" async></script>
 * adds the launcher to the page and a global `Helpline` API. Calls made before the script has loaded are
 * queued if the page defines `window.Helpline = { q: [] }` and pushes `[method, ...args]` onto `q`.
 */
import './helpline-chat.js'; // defines <helpline-chat>
import type { HelplineChat } from './helpline-chat.js';
import type { UserContext } from '../src/index.js';

type Listener = (detail: unknown) => void;

export interface HelplineGlobal {
  open(): void;
  close(): void;
  ask(text: string): Promise<unknown>;
  identify(user: UserContext): void;
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
const element = document.createElement('helpline-chat');
if (data.pack) element.pack = data.pack;
if (data.lang) element.lang = data.lang;
if (data.title) element.heading = data.title;
if (data.accent) element.accent = data.accent;
if (data.position === 'bottom-left' || data.position === 'bottom-right') element.position = data.position;
if (data.theme === 'light' || data.theme === 'dark') element.theme = data.theme;
if (data.handoffUrl) element.handoffUrl = data.handoffUrl;
if (data.relay) element.relay = data.relay;
if (data.contact) element.contact = data.contact;
if (data.hours) {
  try {
    element.hours = JSON.parse(data.hours);
  } catch {
    console.error('helpline: data-hours is not valid JSON; handoffs stay live');
  }
}
if (data.open !== undefined && data.open !== 'false') element.open = true;

const api: HelplineGlobal = {
  open: () => element.show(),
  close: () => element.hide(),
  ask: (text) => element.ask(String(text)),
  identify: (user) => element.identify(user),
  on(event, fn) {
    const handler = (e: Event) => fn((e as CustomEvent).detail);
    element.addEventListener(`helpline:${event}`, handler);
    return () => element.removeEventListener(`helpline:${event}`, handler);
  },
  setHandoffStatus: (state) => element.setHandoffStatus(state),
  agent: {
    join: (agent) => element.agent.join(agent),
    say: (text) => element.agent.say(String(text)),
    typing: () => element.agent.typing(),
    end: () => element.agent.end('agent'),
  },
  element,
};

const queued = (window as unknown as { Helpline?: { q?: unknown[][] } }).Helpline?.q ?? [];
(window as unknown as { Helpline: HelplineGlobal }).Helpline = api;
const mount = () => {
  document.body.appendChild(element);
  for (const [method, ...args] of queued) (api[method as keyof HelplineGlobal] as (...a: unknown[]) => unknown)?.(...args);
};
if (document.body) mount();
else document.addEventListener('DOMContentLoaded', mount, { once: true });
