import { mkdtempSync, mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKnowledge } from '../../src/node/index.js';
import { createBot } from '../../src/bot/create-bot.js';

// Held-out phrases (tests/fixtures/intents-holdout.json), none of them among the built-in examples.
const holdout: Record<string, Record<string, string[]>> = JSON.parse(readFileSync(new URL('../fixtures/intents-holdout.json', import.meta.url), 'utf8'));

/** A help center as exchanges have one: English articles, title + body, no questions, no intents.yml. */
function bareHelpCenter(): string {
  const dir = mkdtempSync(join(tmpdir(), 'helpline-bare-'));
  const article = (id: string, title: string, body: string) => {
    mkdirSync(join(dir, 'en', 'help'), { recursive: true });
    writeFileSync(join(dir, 'en', 'help', `${id}.md`), `---\nid: ${id}\ntitle: ${title}\n---\n${body}\n`);
  };
  article(
    'withdraw-crypto',
    'How to withdraw crypto',
    'Open Wallet, choose Withdraw, pick the coin and the network, paste the address and confirm with 2FA.\n\n## Fees\nEach network charges its own withdrawal fee, shown before you confirm.',
  );
  article(
    'deposit-crypto',
    'How to deposit crypto',
    'Copy your deposit address for the coin and network, then send from the other wallet. Deposits arrive after the network confirmations.',
  );
  article(
    'reset-2fa',
    'Reset your authenticator',
    'If you lost the phone with your authenticator app, start a 2FA reset from the login page and verify your identity.',
  );
  return dir;
}

describe('built-in conversational intents on a help center with none of its own', () => {
  const { pack } = compileKnowledge(bareHelpCenter());
  const kinds: Record<string, (kind: string) => boolean> = {
    greeting: (k) => k === 'smalltalk',
    thanks: (k) => k === 'smalltalk',
    goodbye: (k) => k === 'smalltalk',
    human: (k) => k === 'handoff',
    'out-of-scope': (k) => k === 'fallback',
  };
  for (const [lang, intents] of Object.entries(holdout)) {
    it(`understands ${lang}`, async () => {
      const misses: string[] = [];
      let total = 0;
      for (const [intent, phrases] of Object.entries(intents)) {
        for (const phrase of phrases) {
          total++;
          const reply = await createBot(pack, { lang }).ask(phrase);
          if (!kinds[intent](reply.kind)) misses.push(`${intent}: "${phrase}" → ${reply.kind}`);
        }
      }
      // Every request for a human must hand off; of the rest, at most one in six may miss.
      expect(
        misses.filter((m) => m.startsWith('human')),
        misses.join('\n'),
      ).toEqual([]);
      expect(misses.length, misses.join('\n')).toBeLessThanOrEqual(Math.floor(total / 6));
    });
  }
});

describe('answering from title + body alone', () => {
  const { pack } = compileKnowledge(bareHelpCenter());

  it('answers with the section that answers, the whole article one tap away', async () => {
    const reply = await createBot(pack).ask('what is the withdrawal fee for each network');
    expect(reply).toMatchObject({ kind: 'answer', article: { id: 'withdraw-crypto' }, section: { heading: 'Fees' } });
    expect(reply.article!.body).toContain('Open Wallet');
    expect(reply.debug.rule).toBe('confident-article');
  });

  it("reaches the English article from other languages through the built-in lexicon, keeping the user's language", async () => {
    for (const [lang, q] of [
      ['ko', '출금 수수료 얼마예요'],
      ['ja', '出金手数料はいくらですか'],
      ['zh', '提币手续费是多少'],
    ]) {
      const reply = await createBot(pack, { lang }).ask(q);
      expect(reply, `${lang}: ${q}`).toMatchObject({ kind: 'answer', lang, article: { id: 'withdraw-crypto', lang: 'en' } });
      expect(reply.notices.length, q).toBeGreaterThan(0);
    }
  });

  it('reads a short follow-up with the question before it, and lets a clear new question win', async () => {
    const bot = createBot(pack);
    expect((await bot.ask('how do i deposit crypto to my account')).article?.id).toBe('deposit-crypto');
    const follow = await bot.ask('how many confirmations?');
    expect(follow).toMatchObject({ kind: 'answer', article: { id: 'deposit-crypto' } });
    const fresh = await bot.ask('i lost the phone with my authenticator app, how do i reset 2fa');
    expect(fresh).toMatchObject({ kind: 'answer', article: { id: 'reset-2fa' } });
  });

  it('declines what no article covers instead of suggesting unrelated ones', async () => {
    for (const q of ['what is the capital of australia', 'recommend a good pizza place']) {
      const reply = await createBot(pack).ask(q);
      expect(reply.kind, q).toBe('fallback');
    }
  });
});
