import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { HandoffOutbox, type Delivery, type DeliveryResult } from './handoff-outbox.js';
import { handoffFetch, inboxUrl, type ChatwootInbox } from './chatwoot-link.js';

/** How far a handoff got; `none`: there was nowhere to send it. */
export type DeliveryState = Delivery | 'none';

/** The missing-destination warning goes to the console once per page, not once per handoff. */
let warned = false;

/**
 * Where handoffs go (the relay's `/v1/handoffs`, else a Chatwoot inbox, else `data-handoff-url`, else nowhere)
 * and how far each got, so the chat only ever tells the user what is true. The outbox does the sending.
 */
export class HandoffDelivery implements ReactiveController {
  /** by handoff id; kept with the conversation */
  states: Record<string, DeliveryState> = {};
  private outbox?: HandoffOutbox;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onResult: (r: DeliveryResult) => void,
  ) {
    host.addController(this);
  }

  /** Points at a new destination; what an earlier page left unsent goes out now. */
  configure(relay: string, handoffUrl: string, chatwoot?: ChatwootInbox): void {
    this.outbox?.stop();
    const onResult = (r: DeliveryResult) => this.result(r);
    const url = relay ? `${relay.replace(/\/+$/, '')}/v1/handoffs` : handoffUrl;
    // Chatwoot: a handoff is delivered once its conversation exists and holds the transcript (chatwoot-api.ts)
    if (chatwoot && !relay) this.outbox = new HandoffOutbox(inboxUrl(chatwoot), 'helpline:chatwoot-outbox', { onResult, fetch: handoffFetch(chatwoot) });
    else this.outbox = url ? new HandoffOutbox(url, undefined, { onResult }) : undefined;
    void this.outbox?.flush();
  }

  /** Queues a handoff or ticket; false (and the state `none`) when there is nowhere to send it. */
  send(payload: { id: string }): boolean {
    if (this.outbox) {
      void this.outbox.send(payload);
      return true;
    }
    this.states = { ...this.states, [payload.id]: 'none' };
    if (!warned) console.warn('helpline: no data-relay, data-chatwoot or data-handoff-url: the user was shown data-contact instead of a handoff');
    warned = true;
    return false;
  }

  get configured(): boolean {
    return Boolean(this.outbox);
  }

  /** Nothing reached anyone for this handoff (nowhere to send it, or refused for good). */
  lost(id: string | undefined): boolean {
    const s = id ? this.states[id] : undefined;
    return s === 'none' || s === 'failed';
  }

  hostConnected(): void {
    void this.outbox?.flush();
  }

  hostDisconnected(): void {
    this.outbox?.stop();
  }

  private result(r: DeliveryResult): void {
    this.states = { ...this.states, [r.id]: r.delivery };
    this.onResult(r);
    this.host.requestUpdate();
  }
}
