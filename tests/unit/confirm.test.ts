import { describe, expect, it } from 'vitest';
import { confirm } from '../../src/bot/confirm.js';
import { compilePack } from '../../src/pack/compile-pack.js';
import { createBot } from '../../src/bot/create-bot.js';
import { loadPack, serializePack } from '../../src/pack/pack.js';
import type { SourceArticle } from '../../src/knowledge/article.js';
import type { SearchHit } from '../../src/search/search-index.js';

const hit = (id: string, score: number): SearchHit => ({ id, score, terms: [], coverage: 0.5, strength: 1 });

describe('confirm(): search hits reread by the article classifier', () => {
  it('moves up the hit the classifier reads the question as about, by at most the share it is given', () => {
    const hits = [hit('spot-trading', 10), hit('transfer-to-futures', 8)];
    const predictions = [
      { label: '@greeting', p: 0.4 },
      { label: 'transfer-to-futures', p: 0.3 },
      { label: 'spot-trading', p: 0.05 },
    ];
    const read = confirm(hits, predictions, 0.3);
    expect(read.best).toBe('transfer-to-futures');
    expect(read.hits.map((h) => h.id)).toEqual(['transfer-to-futures', 'spot-trading']);
    expect(read.hits[0].score).toBeCloseTo(8 + 0.3 * 10);
    // Too far behind, a hit stays behind; with no share, search's order stands.
    expect(confirm([hit('spot-trading', 20), hit('transfer-to-futures', 8)], predictions, 0.3).hits[0].id).toBe('spot-trading');
    expect(confirm(hits, predictions, 0).hits).toBe(hits);
    expect(confirm([], predictions, 0.3)).toEqual({ hits: [], best: 'transfer-to-futures' });
  });
});

const article = (id: string, title: string, body: string, questions: string[] = []): SourceArticle =>
  ({ id, lang: 'en', title, category: 'wallets', tags: [], body, questions, file: `en/${id}.md` }) as SourceArticle;

describe('articles without example questions', () => {
  // Two siblings sharing their words, as help centers have them: only their text tells them apart.
  const articles = [
    article(
      'transfer-to-futures',
      'Moving Money Into Your Futures Wallet',
      'Open the wallet page and choose Transfer.\n\nPick the spot wallet as the source and the USDⓈ-M futures wallet as the destination, then confirm the amount.\n\nTransfers between your own wallets are free and arrive at once.',
    ),
    article(
      'spot-trading',
      'How to Trade on the Spot Market',
      'Spot trading buys and sells coins at the market price.\n\nChoose a pair such as BTC/USDT, enter the amount, and place a limit or market order.\n\nYour filled orders appear under order history in the spot wallet.',
    ),
    article('reset-password', 'How to Reset My Password', 'Tap Forgot password on the login page and follow the email link.', [
      'forgot my password',
      'cannot log in, reset password',
      'change my password',
    ]),
  ];
  const data = compilePack({ articles, glossary: {}, intents: {} });

  it('are learned from their text, and marked so that search speaks for them', () => {
    const c = data.classifier as { labels: string[]; fromText?: number[] };
    expect(c.fromText!.map((i) => c.labels[i]).sort()).toEqual(['spot-trading', 'transfer-to-futures']);
    // The pack still loads (its shape is checked).
    expect(() => loadPack(serializePack(data))).not.toThrow();
  });

  it('are answered from search, confirmed by the classifier, and the article with questions keeps its probability', async () => {
    const bot = createBot(loadPack(serializePack(data)), { lang: 'en' });
    const r = await bot.ask('how do i move usdt from my spot wallet to the futures wallet');
    expect(r.article?.id).toBe('transfer-to-futures');
    expect(r.debug?.rule).toBe('confident-article');
    expect((await createBot(loadPack(serializePack(data)), { lang: 'en' }).ask('i forgot my password')).article?.id).toBe('reset-password');
  });
});
