/**
 * How an app's TypeScript sees the widget: `helpline/widget` through the package's exports (its .d.ts),
 * `window.Helpline` (the script tag's global) and `<helpline-chat>` from querySelector, with their types.
 * Compiled by tests/unit/types.test.ts (`tsc --noEmit` with this folder's tsconfig, under nodenext, node16 and
 * bundler). Each `@ts-expect-error` is a mistake that must not compile: when it does, tsc fails.
 */
import { HELPLINE_EVENTS, HelplineChat, type HelplineEventMap, type HelplineEventName, type HelplineGlobal } from 'helpline/widget';
import { createBot, loadPack, type Reply } from 'helpline';

const names: readonly HelplineEventName[] = HELPLINE_EVENTS;
export const count: number = names.length;

// The script tag's global, typed, callable and with methods.
const api: HelplineGlobal = window.Helpline;
void api.open();
void api('toggle');
api('setLocale', 'zh-TW');
api.on('unread', ({ count }) => console.log(count.toFixed(0)));
api.on('answer', (d) => console.log(d.reply.article?.title, d.question));
const stop: () => void = api.on('ready', () => {});
stop();
const asked: Promise<Reply | undefined> = api.ask('what is the withdrawal fee?');
void asked;
// @ts-expect-error: misspelled event name
api.on('answr', () => {});
// @ts-expect-error: misspelled command
api('opne');
// @ts-expect-error: setLocale takes a code
api('setLocale', 42);

// The element, from the tag name.
const el = document.querySelector('helpline-chat');
if (el) {
  const chat: HelplineChat = el;
  chat.setLocale('es');
  chat.toggle();
  el.addEventListener('helpline:handoff', (e) => console.log(e.detail.priority, e.detail.transcript.length));
  // @ts-expect-error: not an event of the widget's, so e is a plain Event with no detail
  el.addEventListener('helpline:answr', (e) => console.log(e.detail));
}
document.addEventListener('helpline:feedback', (e) => console.log(e.detail.helpful));
const made: HelplineChat = document.createElement('helpline-chat');
void made;

// The SDK's bot: its event names are typed too.
declare const text: string;
const bot = createBot(loadPack(text));
bot.on('handoff', (h) => console.log(h.reason));
// @ts-expect-error: misspelled bot event
bot.on('answr', () => {});

export type Detail = HelplineEventMap['csat'];
