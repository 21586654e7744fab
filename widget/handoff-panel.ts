import { html, nothing, type TemplateResult } from 'lit';
import type { Agent } from './agent-session.js';
import type { DeliveryState } from './handoff-delivery.js';

/** What the handoff panel shows, already in the UI language. */
export interface HandoffView {
  state: string | undefined;
  delivery: DeliveryState | undefined;
  agent?: Agent;
  typing: boolean;
  contact: string;
  text: (
    key:
      | 'handoffUndelivered'
      | 'handoffRetrying'
      | 'ticketSent'
      | 'handoffConnected'
      | 'handoffQueued'
      | 'agentTyping'
      | 'handoffOffline'
      | 'contact'
      | 'email'
      | 'describe'
      | 'submit',
    values?: Record<string, string>,
  ) => string;
  /** when agents are back, for the offline form */
  when: () => string;
  sendTicket: (e: Event) => void;
}

/**
 * The box under the conversation saying where the handoff stands. It never says someone was alerted unless
 * the handoff was delivered or is safely queued: undelivered handoffs get the contact link instead.
 */
export function renderHandoffPanel(v: HandoffView): TemplateResult | typeof nothing {
  const { state, delivery, text } = v;
  if (!state || state === 'closed') return nothing;
  if (state === 'undelivered' || delivery === 'failed' || delivery === 'none') {
    return html`<div class="handoff" part="handoff" role="alert" data-state="undelivered">
      <p>${text('handoffUndelivered')}</p>${v.contact ? html`<p><a href=${v.contact}>${text('contact')}</a></p>` : nothing}
    </div>`;
  }
  if (state === 'offline') {
    return html`<div class="handoff" part="handoff" role="status">
      <p>${text('handoffOffline', { when: v.when() })}</p>
      <form @submit=${v.sendTicket}>
        <label>${text('email')}<br /><input name="email" type="email" autocomplete="email" required @input=${(e: Event) => (e.target as HTMLInputElement).setCustomValidity('')} /></label>
        <label>${text('describe')}<br /><textarea name="description" rows="3"></textarea></label>
        <button class="primary" type="submit">${text('submit')}</button>
      </form>
    </div>`;
  }
  const a = v.agent;
  const line =
    delivery === 'retrying' && state !== 'connected'
      ? text('handoffRetrying')
      : state === 'sent'
        ? text('ticketSent')
        : state === 'connected'
          ? v.typing && a
            ? text('agentTyping', { name: a.name })
            : a
              ? a.name
              : text('handoffConnected')
          : text('handoffQueued');
  return html`<div class="handoff" part="handoff" role="status" data-state=${state} data-delivery=${delivery ?? nothing}>
    ${state === 'connected' && a?.avatar ? html`<img class="avatar" src=${a.avatar} alt="" referrerpolicy="no-referrer" />` : nothing}${line}
  </div>`;
}
