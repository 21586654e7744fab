import type { BotEvents } from './create-bot.js';

/**
 * The names of the bot's events, in one typed list (the widget re-emits them, the analytics log records them).
 * Here, not in create-bot.ts, so the script-tag loader can name them without bundling the engine.
 */
export const BOT_EVENTS = ['answer', 'clarify', 'unanswered', 'handoff', 'feedback', 'message'] as const satisfies readonly (keyof BotEvents)[];

/** A minimal typed event emitter: the bot runs in Node and browsers, so no EventTarget or node:events. */
export class Emitter<Events extends object> {
  private readonly handlers = new Map<keyof Events, Set<(payload: never) => void>>();

  /** Subscribes; returns a function that unsubscribes. */
  on<K extends keyof Events>(event: K, handler: (payload: Events[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => set!.delete(handler as (payload: never) => void);
  }

  /** Calls every handler; a throwing handler is reported, not allowed to break the conversation. */
  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    for (const h of this.handlers.get(event) ?? []) {
      try {
        (h as (p: Events[K]) => void)(payload);
      } catch (e) {
        console.error(`helpline: a '${String(event)}' handler threw`, e);
      }
    }
  }
}
