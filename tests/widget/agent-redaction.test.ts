// @vitest-environment happy-dom
/**
 * A message to an agent written before the pack has loaded (a page that drives the agent itself, a reload)
 * is still redacted: by the phrase's shape in the browser build, by the built-in lists here.
 */
import { expect, it } from 'vitest';
import '../../widget/helpline-chat.js';
import { fixture, packOf } from '../helpers.js';

const SEED = 'abandon ability able about above absent absorb abstract absurd abuse access accident';

it('redacts a seed phrase sent to an agent before the pack was loaded', async () => {
  const el = document.createElement('helpline-chat');
  el.packData = packOf(fixture('kb-mini'));
  el.pack = 'inline-agent-redaction';
  document.body.appendChild(el);
  el.agent.join({ name: 'Maria' }); // the page's own live chat, before the panel was ever opened
  const messages: { text: string }[] = [];
  el.addEventListener('helpline:user-message', (e) => messages.push((e as CustomEvent).detail));
  await el.ask(`here is my wallet: ${SEED}`);
  expect(messages).toHaveLength(1);
  expect(messages[0].text).toContain('here is my wallet');
  expect(messages[0].text).not.toContain('abandon ability able');
});
