import { describe, expect, it } from 'vitest';
import { createBot, type BotEvents } from '../../src/bot/create-bot.js';
import { redactSecrets } from '../../src/safety/redact.js';
import { fixture, packOf } from '../helpers.js';

const pack = () => packOf(fixture('kb-mini'));

describe('createBot', () => {
  it('answers in the language of the question, with the article in that language', async () => {
    const bot = createBot(pack());
    const en = await bot.ask('how much is the fee to withdraw usdt?');
    expect(en).toMatchObject({ kind: 'answer', lang: 'en', article: { id: 'withdrawal-fees', lang: 'en' } });
    expect(en.text).toContain('network fee');
    const es = await createBot(pack()).ask('cuánto cobran de comisión por retirar usdt');
    expect(es).toMatchObject({ kind: 'answer', lang: 'es', article: { id: 'withdrawal-fees', lang: 'es' } });
    const zh = await createBot(pack()).ask('USDT提现多久到账，一直没收到');
    expect(zh).toMatchObject({ kind: 'answer', lang: 'zh', article: { id: 'withdrawal-pending', lang: 'zh' } });
  });

  it("answers a message with no language of its own in the asker's hint, in any script; a clear message keeps its language", async () => {
    const bot = createBot(pack(), { lang: 'es' });
    expect(await bot.ask('usdt trc20?', { lang: 'es' })).toMatchObject({ lang: 'es', article: { id: 'withdrawal-fees', lang: 'es' } });
    // the visitor switched the page to Chinese: tickers alone are answered in Chinese, not in the conversation's Spanish
    expect(await bot.ask('usdt trc20?', { lang: 'zh' })).toMatchObject({ lang: 'zh', article: { id: 'withdrawal-fees', lang: 'zh' } });
    expect(await bot.ask('how long does a usdt withdrawal take to arrive?', { lang: 'zh' })).toMatchObject({ lang: 'en' });
  });

  it("falls back to the default language with a note when the article is missing in the user's", async () => {
    // Spanish speakers often use the English words; a fully Spanish question needs a Spanish article.
    const reply = await createBot(pack()).ask('necesito hacer reset password de mi cuenta por favor');
    expect(reply).toMatchObject({ kind: 'answer', lang: 'es', article: { id: 'password-reset', lang: 'en' } });
    expect(reply.notices.join(' ')).toMatch(/no está disponible en tu idioma/);
  });

  it('declines out-of-scope questions instead of answering with the nearest article', async () => {
    for (const q of ['what is the weather like in paris today', 'tell me a funny joke', '今天天气怎么样']) {
      const reply = await createBot(pack()).ask(q);
      expect(reply.kind, q).not.toBe('answer');
    }
  });

  it('hands off at once when the user asks for a human, in every language', async () => {
    for (const q of ['I want to talk to a real person', 'quiero hablar con un agente', '转人工客服']) {
      const bot = createBot(pack());
      const handoffs: BotEvents['handoff'][] = [];
      bot.on('handoff', (h) => handoffs.push(h));
      const reply = await bot.ask(q);
      expect(reply.kind, q).toBe('handoff');
      expect(handoffs).toHaveLength(1);
      expect(handoffs[0]).toMatchObject({ reason: 'requested', priority: 'normal', live: true });
      expect(handoffs[0].transcript[0]).toMatchObject({ role: 'user', text: q });
    }
  });

  it('answers an urgent topic and hands off with urgent priority in the same turn', async () => {
    const bot = createBot(pack());
    const events: string[] = [];
    bot.on('answer', () => events.push('answer'));
    bot.on('handoff', (h) => events.push(`handoff:${h.priority}:${h.team}:${h.reason}`));
    const reply = await bot.ask('someone hacked my account and stole my btc');
    expect(reply.kind).toBe('answer');
    expect(reply.article!.id).toBe('account-hacked');
    expect(reply.handoff).toMatchObject({ priority: 'urgent', reason: 'urgent-topic', team: 'security', topic: 'account-hacked' });
    expect(events).toEqual(['answer', 'handoff:urgent:security:urgent-topic']);
  });

  it("replies to greetings with the knowledge base's own reply", async () => {
    const reply = await createBot(pack()).ask('hello!');
    expect(reply).toMatchObject({ kind: 'smalltalk', text: 'Hello from the fixture!' });
  });

  it('offers a human after two unanswered turns in a row', async () => {
    const bot = createBot(pack());
    const first = await bot.ask('what is the weather like today');
    expect(first.offerHuman).toBeFalsy();
    const second = await bot.ask('who won the football match yesterday');
    expect(second.kind).not.toBe('answer');
    expect(second.offerHuman).toBe(true);
  });

  it('emits message events for both sides and unanswered for declined questions', async () => {
    const bot = createBot(pack());
    const seen: string[] = [];
    bot.on('message', (t) => seen.push(t.role));
    bot.on('unanswered', (u) => seen.push(`unanswered:${u.question}`));
    await bot.ask('tell me a joke');
    expect(seen).toEqual(['user', 'bot', 'unanswered:tell me a joke']);
  });

  it('keeps a serializable state that restores the conversation', async () => {
    const bot = createBot(pack());
    await bot.ask('cuál es la comisión de retiro');
    const saved = JSON.parse(JSON.stringify(bot.state));
    expect(saved.lang).toBe('es');
    const restored = createBot(pack(), { state: saved });
    expect(restored.state.turns).toHaveLength(2);
    // A short question with no language of its own stays in the conversation's language.
    expect((await restored.ask('usdt trc20?')).lang).toBe('es');
    expect(createBot(pack(), { state: { v: 9, junk: true } }).state.turns).toEqual([]);
  });

  it('redacts secrets before anything is stored or emitted, and warns the user', async () => {
    const bot = createBot(pack());
    const emitted: string[] = [];
    bot.on('message', (t) => emitted.push(t.text));
    const reply = await bot.ask('my password is Hunter2!x and my withdrawal is pending, card 4111 1111 1111 1111');
    expect(reply.redacted.sort()).toEqual(['card', 'password']);
    expect(reply.notices[0]).toMatch(/never ask/);
    const all = JSON.stringify([bot.state, emitted, reply]);
    expect(all).not.toContain('Hunter2');
    expect(all).not.toContain('4111 1111');
  });

  it('finds seed phrases with the built-in lists whatever the pack carries, with no state shared between bots', async () => {
    const phrase = 'legal winner thank year wave sausage worth useful legal winner thank yellow';
    expect(redactSecrets(`my seed ${phrase}`).found).toEqual(['mnemonic']);
    const p = pack();
    const empty = { ...p, data: { ...p.data, wordLists: [] } };
    const old = { ...p, data: { ...p.data, wordLists: undefined } };
    for (const source of [empty, old, p]) {
      const reply = await createBot(source).ask(`my withdrawal is pending, my seed is ${phrase}`);
      expect(reply.redacted).toEqual(['mnemonic']);
      expect(redactSecrets(`my seed ${phrase}`).found).toEqual(['mnemonic']);
    }
  });

  it('masks a seed phrase sent over two messages, and the first part in the transcript', async () => {
    const bot = createBot(pack());
    const emitted: string[] = [];
    bot.on('message', (t) => emitted.push(t.text));
    await bot.ask('my wallet words are legal winner thank year wave sausage');
    const second = await bot.ask('worth useful legal winner thank yellow');
    expect(second.redacted).toEqual(['mnemonic']);
    const transcript = JSON.stringify(bot.state.turns);
    for (const word of ['sausage', 'yellow', 'worth']) expect(transcript).not.toContain(word);
    expect(transcript).toContain('my wallet words are');
  });

  it('carries the identified user and raises priority for VIPs', async () => {
    const bot = createBot(pack());
    bot.identify({ id: 'u-42', vipLevel: 3, userHash: 'abc' });
    const h = bot.handoff();
    expect(h).toMatchObject({ user: { id: 'u-42', vipLevel: 3 }, priority: 'high', reason: 'requested' });
  });

  it('searches with snippets and suggests articles as the user types', () => {
    const bot = createBot(pack());
    const [hit] = bot.search('withdrawal fee network', { lang: 'en' });
    expect(hit.id).toBe('withdrawal-fees');
    const marked = hit.snippet.highlights.map(([a, b]) => hit.snippet.text.slice(a, b).toLowerCase());
    expect(marked).toEqual(expect.arrayContaining(['network', 'fee']));
    expect(bot.suggest('passw', { lang: 'en' })[0]).toEqual({ id: 'password-reset', title: 'Reset your password' });
    expect(bot.search('提币 手续费', { lang: 'zh' })[0].id).toBe('withdrawal-fees');
  });

  it('answers a question followed by a pasted wall of text by the question, and keeps the whole message', async () => {
    const wall = Array.from({ length: 150 }, (_, i) => `2026-12-01 job${i.toString(36)} ok`).join('\n');
    const reply = await createBot(pack()).ask(`how much is the fee to withdraw usdt? ${wall}`);
    expect(reply).toMatchObject({ kind: 'answer', article: { id: 'withdrawal-fees' } });
    const bot = createBot(pack());
    await bot.ask(`how much is the fee to withdraw usdt? ${wall}`);
    expect(bot.state.turns[0].text).toContain(wall.slice(-100));
  });

  it('answers empty and whitespace messages with a prompt, not an error', async () => {
    for (const q of ['', '   ', '\u200b\u202e', '?!']) {
      const reply = await createBot(pack()).ask(q);
      expect(reply.kind).toBe('fallback');
    }
  });
});
