import type { BotEvents, Handoff } from 'helpline';
// The constant from its own module, not the entry: the loader imports this file and must not pull in the engine.
import { BOT_EVENTS } from '../src/bot/events.js';

/**
 * Every event the widget emits, in one place: the DOM event is `helpline:<name>` (bubbling out of the shadow
 * root to `document`), and `Helpline.on(name, fn)` takes the same names. Typed by HELPLINE_EVENT_MAP below, so
 * a misspelled name does not compile.
 */
export const HELPLINE_EVENTS = [
  // the bot's (src/bot/create-bot.ts), then the widget's
  ...BOT_EVENTS,
  'ticket',
  'user-message',
  'csat',
  'ready',
  'open',
  'close',
  'unread',
] as const;

export type HelplineEventName = (typeof HELPLINE_EVENTS)[number];

/** The bot's events, which the widget re-emits as they are. */
export { BOT_EVENTS };

/** What each event carries (`CustomEvent.detail`, and the argument of an `on` listener). */
export interface HelplineEventMap {
  answer: BotEvents['answer'];
  clarify: BotEvents['clarify'];
  unanswered: BotEvents['unanswered'];
  handoff: BotEvents['handoff'];
  feedback: BotEvents['feedback'];
  message: BotEvents['message'];
  /** a handoff outside business hours, with the user's email and description (redacted) */
  ticket: Handoff & { ticket: { email: string; description: string } };
  /** what the user wrote to a human agent, redacted */
  'user-message': { handoff?: string; conversation?: string; text: string; at: string };
  /** the survey after a live conversation */
  csat: { score: number; comment?: string; handoff?: string; conversation?: string; topic?: string; agent?: string; lang: string; at: string };
  /** the widget is on the page and takes calls (a listener added later is called at once) */
  ready: undefined;
  open: undefined;
  close: undefined;
  /** messages that arrived while the panel was closed; 0 again when it opens */
  unread: { count: number };
}

// Both lists name the same events: a name added to one and not the other fails to compile here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const EVENTS_MATCH: Same<HelplineEventName, keyof HelplineEventMap> = true;

/** The DOM events, `helpline:<name>`, with their detail: `el.addEventListener('helpline:answer', (e) => e.detail.reply)`. */
export type HelplineDomEvents = { [K in HelplineEventName as `helpline:${K}`]: CustomEvent<HelplineEventMap[K]> };

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface HTMLElementEventMap extends HelplineDomEvents {}
  // They bubble to the document (composed): listening there is typed too.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DocumentEventMap extends HelplineDomEvents {}
}

/** Emits a widget event from the element: `helpline:<name>`, bubbling out of the shadow root. */
export function emit<K extends HelplineEventName>(target: EventTarget, name: K, detail: HelplineEventMap[K]): void {
  target.dispatchEvent(new CustomEvent(`helpline:${name}`, { detail, bubbles: true, composed: true }));
}
