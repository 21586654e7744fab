import type { Reply, UserContext } from 'helpline';
import type { HelplineEventMap, HelplineEventName } from './events.js';
import type { HelplineChat } from './helpline-chat.js';

/** The methods of the global `Helpline` the script tag defines (dist/helpline.js); each is also a command: `Helpline('open')`. */
export interface HelplineMethods {
  /** Opens the chat panel (loads the widget code first if needed). */
  open(): Promise<void>;
  /** Closes the panel (the launcher stays). */
  close(): void;
  /** Opens the panel if closed, closes it if open. */
  toggle(): Promise<void>;
  /** Shows the launcher again after `hide()`. */
  show(): void;
  /** Hides the launcher (only while the panel is closed): your page opens the chat with its own button. */
  hide(): void;
  /** Asks a question as if the user typed it (opens the panel); resolves with the bot's reply. */
  ask(text: string): Promise<Reply | undefined>;
  /** Who the signed-in user is; handoffs carry it. */
  identify(user: UserContext): void;
  /** On logout: forgets the user and the conversation, and clears what the widget saved in this tab. */
  reset(): void;
  /** The UI language and the bot's language hint, now (`auto`: the page's and the browser's again). */
  setLocale(code: string): void;
  /** Shows an article by its id as an answer (opens the panel). */
  showArticle(id: string): Promise<Reply | undefined>;
  /** Puts text in the message box without sending it (opens the panel). */
  prefill(text: string): void;
  /** Listens to a widget event; returns a function that stops listening. A `ready` listener added after ready is called at once. */
  on<K extends HelplineEventName>(event: K, fn: (detail: HelplineEventMap[K]) => void): () => void;
  /** Stops a listener added with `on`. */
  off<K extends HelplineEventName>(event: K, fn: (detail: HelplineEventMap[K]) => void): void;
  /** Lets the page's own live chat report the handoff's progress. */
  setHandoffStatus(state: Parameters<HelplineChat['setHandoffStatus']>[0]): void;
  /** Where a ticket from the offline form stands (its id is the `helpline:ticket` event's `id`). */
  ticket(id: string): ReturnType<HelplineChat['ticket']>;
}

export type HelplineCommand = keyof HelplineMethods;

/**
 * `window.Helpline`: callable, `Helpline('open')`, `Helpline('on', 'answer', fn)`, the same before the script
 * has loaded (with the queue stub in the README) and after; and an object with the same methods.
 */
export interface HelplineGlobal extends HelplineMethods {
  <C extends HelplineCommand>(command: C, ...args: Parameters<HelplineMethods[C]>): ReturnType<HelplineMethods[C]>;
  /** A live chat run by the page itself: an agent joins, writes, types and ends the conversation. */
  agent: {
    join(agent: { name: string; avatar?: string }): void;
    say(text: string): void;
    typing(): void;
    end(): void;
  };
  /** The `<helpline-chat>` element. */
  element: HelplineChat;
  /** Calls pushed here run at once (the queue of the stub snippet, kept working after load). */
  q: { push(...calls: ArrayLike<unknown>[]): number };
}

declare global {
  interface Window {
    /** Helpline's script-tag API (dist/helpline.js). Before the script loads, the README's stub queues calls. */
    Helpline: HelplineGlobal;
  }
}
