import { describe, expect, it } from 'vitest';
import { compileKnowledge, compilePack, readKnowledge, loadPack, serializePack } from '../../src/node/index.js';
import { createBot } from '../../src/bot/create-bot.js';
import { ARTICLE_LABEL, type ClassifierData } from '../../src/intent/classifier.js';
import { SearchIndex } from '../../src/search/search-index.js';
import { fixture } from '../helpers.js';

// kb-mini's article classifier has ~15 labels (4 articles and the intents); 3 candidates per example make it
// train as a pack of thousands of articles does: against a sample of the labels, not all of them.
const sampled = { train: { candidates: 3 } };

describe('packs with more labels than every example meets in training', () => {
  const { pack } = compileKnowledge(fixture('kb-mini'), sampled);

  it('still learn a label per article, beside the intents', () => {
    const labels = (pack.data.classifier as ClassifierData).labels;
    expect(labels).toEqual(expect.arrayContaining(['password-reset', 'withdrawal-fees', 'withdrawal-pending', '@greeting', '@out-of-scope']));
    expect((pack.data.intents as ClassifierData).labels).toEqual(expect.arrayContaining([ARTICLE_LABEL, '@greeting', '@human', '@out-of-scope']));
  });

  it('answer with the article of the question', async () => {
    expect(await createBot(pack).ask('how much is the fee to withdraw usdt?')).toMatchObject({
      kind: 'answer',
      article: { id: 'withdrawal-fees', lang: 'en' },
    });
    expect(await createBot(pack).ask('USDT提现多久到账，一直没收到')).toMatchObject({ kind: 'answer', article: { id: 'withdrawal-pending', lang: 'zh' } });
  });

  it('fall back calmly when nothing matches, even without conversational intents', async () => {
    const read = readKnowledge(fixture('kb-mini'));
    const bare = loadPack(serializePack(compilePack({ ...read, intents: {} }, sampled)));
    const reply = await createBot(bare).ask('qwxz vbnm');
    // A crash inside ask() also ends in a fallback, but one that offers a human at once.
    expect(reply).toMatchObject({ kind: 'fallback', offerHuman: false });
  });

  it('still tell small talk, requests for a human and nonsense apart from questions', async () => {
    expect((await createBot(pack).ask('hello')).kind).toBe('smalltalk');
    expect((await createBot(pack).ask('I want to talk to a real person')).kind).toBe('handoff');
    expect((await createBot(pack).ask('qwxz vbnm')).kind).not.toBe('answer');
  });
});

describe('search over many articles', () => {
  // 300 articles that all mention "wallet", half mention "network", each has its own made-up coin name.
  const letters = 'bcdfghjklmnpqrtvwxz';
  const coin = (i: number) => 'qx' + letters[i % letters.length] + letters[Math.floor(i / letters.length) % letters.length];
  const articles = Array.from({ length: 300 }, (_, i) => ({
    id: `a${i}`,
    lang: 'en',
    title: `${coin(i)} wallet`,
    category: 'c',
    tags: [],
    questions: [],
    body: `send ${coin(i)} to your wallet${i % 2 ? ' on the network' : ''}`,
  }));
  const json = JSON.parse(JSON.stringify(SearchIndex.build('en', articles).toJSON()));
  const index = SearchIndex.load('en', json);

  it('records which terms are common, with how many articles have them', () => {
    expect(json.common).toMatchObject({ wallet: 300, network: 150 });
    expect(json.common[coin(7)]).toBeUndefined();
    const few = JSON.parse(JSON.stringify(SearchIndex.build('en', articles.slice(0, 50)).toJSON()));
    expect(few.common).toEqual({});
  });

  it('finds the article of the rare term and ranks it with every term', () => {
    expect(index.search(`${coin(7)} wallet network`, { limit: 3 })[0]).toMatchObject({ id: 'a7', terms: expect.arrayContaining([coin(7), 'network']) });
    expect(index.search(`${coin(8)} network`, { limit: 3 })[0].id).toBe('a8');
  });

  it('still answers a question made only of common terms', () => {
    const hits = index.search('wallet network', { limit: 5 });
    expect(hits).toHaveLength(5);
    expect(hits.every((h) => Number(h.id.slice(1)) % 2 === 1)).toBe(true);
  });
});
