// @vitest-environment happy-dom
/**
 * The engine in a page: indexes build in tasks (not inside a question), the first question's redaction runs
 * once, and warming up the redaction leaves it as it was.
 */
import { describe, expect, it } from 'vitest';
import { createBot, redactSecrets } from '../../src/index.js';
import { warmUpRedaction } from '../../src/internal.js';
import { fixture, packOf } from '../helpers.js';

const pack = packOf(fixture('kb-mini'));
// 12 words of the English BIP39 list
const PHRASE = 'abandon ability able about above absent absorb abstract absurd abuse access accident'.split(' ');

describe('the engine in a page', () => {
  it('builds the search index in tasks: search-as-you-type finds nothing until then, and everything after prepare()', async () => {
    const bot = createBot(pack, { lang: 'en' });
    expect(bot.search('withdraw')).toEqual([]);
    await bot.prepare('en');
    expect(bot.search('withdraw').length).toBeGreaterThan(0);
  });

  it('answers the first question as in Node, its index built on the way', async () => {
    const reply = await createBot(pack, { lang: 'en' }).ask('how long does a withdrawal take?');
    expect(reply.kind).toBe('answer');
  });

  it('redacts a first question once while its index builds: the same as when the index was ready', async () => {
    // Two runs of list words at its ends: read twice, the redactor would take them for a phrase sent in two.
    const text = `${PHRASE.slice(0, 6).join(' ')} were the first words, the others were ${PHRASE.slice(6).join(' ')}`;
    const ready = createBot(pack, { lang: 'en' });
    await ready.prepare('en');
    const fresh = createBot(pack, { lang: 'en' });
    const [a, b] = [await ready.ask(text), await fresh.ask(text)];
    expect(b.redacted).toEqual(a.redacted);
    expect(fresh.state.turns[0].text).toBe(ready.state.turns[0].text);
  });

  it('warming up the redaction leaves it finding what it found', async () => {
    const before = ['password: Hunter22!', 'my 2FA code is 123456', 'мой пароль Zx81!kq7'].map((t) => redactSecrets(t));
    await warmUpRedaction();
    expect(['password: Hunter22!', 'my 2FA code is 123456', 'мой пароль Zx81!kq7'].map((t) => redactSecrets(t))).toEqual(before);
    expect(before.every((r) => r.found.length > 0)).toBe(true);
  });
});
