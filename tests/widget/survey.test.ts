// @vitest-environment happy-dom
import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { SqlStore } from '../../src/relay/sql-store.js';
import { startRelay, type Relay } from '../../src/relay/server.js';
import { fixture, packOf } from '../helpers.js';
import { until, webhookStandIn } from './webhook-stand-in.js';
import { FetchEventSource } from './event-source.js';

const pack = packOf(fixture('kb-mini'));
const $ = (el: HelplineChat, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const $$ = (el: HelplineChat, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const settle = async (el: HelplineChat) => {
  for (let i = 0; i < 3; i++) await el.updateComplete;
};

async function mount(attrs: Record<string, string>): Promise<HelplineChat> {
  const el = document.createElement('helpline-chat');
  el.packData = pack;
  el.pack = 'inline-survey';
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.appendChild(el);
  el.show();
  await el.load();
  await settle(el);
  return el;
}

let hook: Awaited<ReturnType<typeof webhookStandIn>>;
let relay: Relay;
let store: SqlStore;
beforeAll(async () => {
  (globalThis as any).EventSource = FetchEventSource;
  hook = await webhookStandIn();
  store = await SqlStore.open(mkdtempSync(join(tmpdir(), 'helpline-survey-')));
  relay = await startRelay({ store, port: 0, agentKey: 'k', ratePerMinute: 0, log: () => {} });
});
afterAll(async () => {
  await hook.close();
  await relay.close();
  await store.close();
});
beforeEach(() => {
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => document.body.replaceChildren());

describe('satisfaction survey', () => {
  it('asks once when the agent ends; the answer is a redacted helpline:csat event', async () => {
    const el = await mount({ 'handoff-url': hook.url });
    const answers: any[] = [];
    el.addEventListener('helpline:csat', (e) => answers.push((e as CustomEvent).detail));
    await el.ask('my withdrawal is still pending');
    $(el, 'header .human')!.click();
    await settle(el);
    el.agent.join({ name: 'Maria' });
    expect($(el, '.survey')).toBeNull();
    el.agent.end();
    await settle(el);
    const survey = $(el, '.survey')!;
    expect(survey.textContent).toContain('How would you rate this conversation?');
    expect($$(el, '.survey [data-score]').map((b) => b.textContent)).toEqual(['1', '2', '3', '4', '5']);
    (survey.querySelector('textarea') as HTMLTextAreaElement).value = 'quick help. my password is Hunter2!secret';
    (survey.querySelector('[data-score="4"]') as HTMLElement).click();
    await settle(el);
    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ score: 4, handoff: expect.any(String), agent: 'Maria', lang: 'en', topic: 'withdrawal-pending' });
    expect(answers[0].comment).toContain('quick help');
    expect(answers[0].comment).not.toContain('Hunter2!secret');
    expect($(el, '.survey')).toBeNull();
    expect($$(el, '.system').at(-1)!.textContent).toBe('Thanks for your rating!');

    el.remove(); // a reload does not ask again
    const again = await mount({ 'handoff-url': hook.url });
    expect($(again, '.survey')).toBeNull();
  });

  it('asks when the user ends the chat, and Skip sends nothing', async () => {
    const el = await mount({ 'handoff-url': hook.url });
    const answers: unknown[] = [];
    el.addEventListener('helpline:csat', (e) => answers.push((e as CustomEvent).detail));
    $(el, 'header .human')!.click();
    el.agent.join({ name: 'Sam' });
    await settle(el);
    $(el, 'header .human')!.click(); // End chat
    await settle(el);
    expect($(el, '.survey')).not.toBeNull();
    ($(el, '.survey .skip') as HTMLElement).click();
    await settle(el);
    expect($(el, '.survey')).toBeNull();
    expect(answers).toEqual([]);
  });

  it('asks in the UI language', async () => {
    const el = await mount({ 'handoff-url': hook.url, lang: 'ru' });
    $(el, 'header .human')!.click();
    await settle(el);
    el.agent.join({ name: 'Ира' });
    el.agent.end();
    await settle(el);
    expect($(el, '.survey')!.textContent).toContain('Как вы оцените этот разговор?');
    expect($$(el, '.system').at(-1)!.textContent).toBe('Разговор завершён.');
  });

  it('sends the answer to the relay, which keeps it with the conversation', async () => {
    const el = await mount({ relay: relay.url });
    $(el, 'header .human')!.click();
    await until(() => Boolean(el.agent.relay), 'the relay conversation');
    const conversation = el.agent.relay!.conversation;
    await fetch(`${relay.url}/v1/agent/conversations/${conversation}/status`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer k' },
      body: JSON.stringify({ state: 'closed' }),
    });
    await until(() => Boolean(el.shadowRoot!.querySelector('.survey')), 'the survey');
    await settle(el);
    ($(el, '.survey [data-score="2"]') as HTMLElement).click();
    await until(() => store.get(conversation)?.csat?.score === 2, 'the score at the relay');
  });
});
