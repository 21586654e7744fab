// @vitest-environment happy-dom
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import type { HelplineChat } from '../../widget/helpline-chat.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPackFolder } from '../../src/node/index.js';
import { startAnswerApi, type AnswerApi } from '../../src/api/answer-server.js';
import { fixture } from '../helpers.js';

/** The widget with data-api: answers come from a real `helpline api`, and secrets never leave the page. */
describe('<helpline-chat api="…">', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'helpline-api-widget-'));
  let api: AnswerApi;
  const received: string[] = [];
  beforeAll(async () => {
    buildPackFolder(fixture('kb-mini'), join(tmp, 'pack') + '/');
    api = await startAnswerApi(join(tmp, 'pack'), { port: 0, watch: false });
    await api.packs.ready;
    // What reaches the server, as it reads it.
    api.server.prependListener('request', (req) => req.on('data', (d: Buffer) => received.push(String(d))));
  });
  afterAll(async () => {
    await api.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('answers through POST /v1/ask, carries the conversation, and redacts before sending', async () => {
    const el = document.createElement('helpline-chat') as HelplineChat;
    el.api = api.url;
    document.body.appendChild(el);
    await el.updateComplete;
    const first = await el.ask('how much is the withdrawal fee');
    expect(first).toMatchObject({ kind: 'answer', article: { id: 'withdrawal-fees' } });
    const second = await el.ask('my password is hunter2, is my withdrawal still pending?');
    expect(second?.notices.join(' ')).toMatch(/password|secret/i);
    expect(received.join('')).not.toContain('hunter2');
    // The second request carried the first turn back: the server keeps nothing.
    expect(received.at(-1)).toContain('how much is the withdrawal fee');
    expect(el.shadowRoot!.querySelectorAll('.msg.bot').length).toBe(2);
  });
});
