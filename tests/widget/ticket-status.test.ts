// @vitest-environment happy-dom
/**
 * `el.ticket(id)` (`Helpline.ticket(id)`): a ticket from the offline form, asked about afterwards — waiting in
 * the outbox, then at the real relay (src/relay, `GET /v1/conversations/<id>`) queued, answered and closed by an
 * agent; the same through the Chatwoot stand-in; an id this browser never sent.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { SqlStore } from '../../src/relay/sql-store.js';
import { startRelay, type Relay } from '../../src/relay/server.js';
import { fixture, packOf } from '../helpers.js';
import { until } from './webhook-stand-in.js';
import { FetchEventSource } from './event-source.js';
import { chatwootStandIn } from '../chatwoot-stand-in.js';

const pack = packOf(fixture('kb-mini'));
const KEY = 'agent-key';
const CLOSED = { timeZone: 'UTC', weekly: {} }; // agents never at work: every handoff is a ticket
let relay: Relay;
let store: SqlStore;

beforeAll(async () => {
  (globalThis as any).EventSource = FetchEventSource;
  store = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-ticket-')));
  relay = await startRelay({ store, port: 0, agentKey: KEY, ratePerMinute: 0, log: () => {} });
});
afterAll(async () => {
  document.body.replaceChildren();
  await relay.close();
  await store.close();
});
beforeEach(() => {
  document.body.replaceChildren();
  sessionStorage.clear();
  localStorage.clear();
});

async function mount(attrs: Record<string, string>): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.hours = CLOSED;
  el.packData = pack;
  el.pack = 'inline-ticket';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  el.show();
  await el.load();
  for (let i = 0; i < 3; i++) await el.updateComplete;
  return el;
}

/** Fills and sends the offline form; resolves with the ticket's id (the helpline:ticket event's). */
async function sendTicket(el: HelplineChat): Promise<string> {
  const ids: string[] = [];
  el.addEventListener('helpline:ticket', (e) => ids.push((e as CustomEvent).detail.id));
  await el.ask('I want to talk to a real person');
  for (let i = 0; i < 3; i++) await el.updateComplete;
  const form = el.shadowRoot!.querySelector('.handoff form') as HTMLFormElement;
  (form.querySelector('input[name="email"]') as HTMLInputElement).value = 'user@example.com';
  (form.querySelector('textarea') as HTMLTextAreaElement).value = 'my withdrawal is stuck';
  form.dispatchEvent(new Event('submit', { cancelable: true }));
  return ids[0];
}

const agentApi = (conversation: string, what: string, body: unknown) =>
  fetch(`${relay.url}/v1/agent/conversations/${conversation}/${what}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` },
    body: JSON.stringify(body),
  });

describe('Helpline.ticket(id)', () => {
  it('through the relay: waiting, then queued, answered and closed by the agent', async () => {
    const el = await mount({ relay: 'http://127.0.0.1:9' }); // nothing listens there: the ticket waits in the outbox
    const id = await sendTicket(el);
    await until(() => localStorage.getItem(`helpline:ticket:${id}`)?.includes('retrying') ?? false, 'a failed try');
    expect(await el.ticket(id)).toMatchObject({ id, delivery: 'retrying', checked: false });
    el.remove();

    const again = await mount({ relay: relay.url }); // the next page, with the relay up: the outbox sends it
    await until(() => store.list().some((c) => c.handoff.id === id), 'the ticket at the relay', 10_000);
    await until(() => localStorage.getItem(`helpline:ticket:${id}`)?.includes('"token"') ?? false, 'the ticket delivered');
    expect(await again.ticket(id)).toMatchObject({ id, delivery: 'delivered', state: 'queued', replies: [], checked: true });

    const conversation = store.list().find((c) => c.handoff.id === id)!.id;
    await agentApi(conversation, 'messages', { name: 'Maria', text: 'We refunded the fee, the withdrawal went out.' });
    await agentApi(conversation, 'status', { state: 'closed' });
    const status = await again.ticket(id);
    expect(status).toMatchObject({ delivery: 'delivered', state: 'closed', checked: true });
    expect(status.replies).toEqual([expect.objectContaining({ name: 'Maria', text: 'We refunded the fee, the withdrawal went out.' })]);
  });

  it('through Chatwoot: queued, then answered, then resolved', async () => {
    const cw = await chatwootStandIn();
    try {
      const el = await mount({ chatwoot: cw.url, 'chatwoot-inbox': cw.inbox });
      const id = await sendTicket(el);
      await until(() => localStorage.getItem(`helpline:ticket:${id}`)?.includes('"chatwoot"') ?? false, 'the ticket in Chatwoot', 10_000);
      expect(cw.conversations[0].messages.map((m) => m.content).join('\n')).toContain('Ticket from user@example.com');
      expect(await el.ticket(id)).toMatchObject({ delivery: 'delivered', state: 'queued', checked: true });
      cw.agentSays(1, 'Looking into it.');
      expect(await el.ticket(id)).toMatchObject({ state: 'connected', replies: [{ name: 'Maria', text: 'Looking into it.' }] });
      cw.resolve(1);
      expect((await el.ticket(id)).state).toBe('closed');
    } finally {
      await cw.close();
    }
  });

  it('an id this browser did not send, and a wrong token at the relay', async () => {
    const el = await mount({ relay: relay.url });
    expect(await el.ticket('no-such-ticket')).toEqual({ id: 'no-such-ticket', delivery: 'unknown', checked: false });
    const c = store.list()[0];
    expect((await fetch(`${relay.url}/v1/conversations/${c.id}`, { headers: { Authorization: 'Bearer wrong' } })).status).toBe(404);
    expect(
      (
        await fetch(`${relay.url}/v1/conversations/${c.id}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${c.token}`, 'Content-Type': 'application/json' },
          body: '{}',
        })
      ).status,
    ).toBe(405);
  });
});
