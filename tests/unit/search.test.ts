import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, SearchIndex } from '../../src/search/search-index.js';
import { snippet } from '../../src/search/snippet.js';
import { Glossary } from '../../src/text/index.js';

const glossary = new Glossary({ withdraw: ['withdraw', '提现', '提币'] });
const doc = (id: string, title: string, body: string, questions: string[] = [], category = 'c') => ({
  id,
  lang: 'x',
  title,
  body,
  questions,
  tags: [],
  category,
});

describe('SearchIndex', () => {
  const en = SearchIndex.build(
    'en',
    [
      doc('fees', 'Withdrawal fees', 'Every withdrawal pays a network fee.', ['how much is the withdraw fee'], 'withdrawals'),
      doc('kyc', 'Identity verification', 'Upload your passport and a selfie.', ['how to verify my identity'], 'kyc'),
    ],
    glossary,
  );

  it('ranks by title, questions and body, with fuzzy matching on long Latin words', () => {
    expect(en.search('withdrawal fee')[0].id).toBe('fees');
    expect(en.search('verfication passport')[0].id).toBe('kyc');
    expect(en.search('the a of')).toEqual([]);
  });

  it('filters by id (categories) and completes the last word as a prefix', () => {
    expect(en.search('fee', { filter: (id) => id !== 'fees' })).toEqual([]);
    expect(en.search('passp', { prefix: true })[0].id).toBe('kyc');
    expect(en.search('passp')).toEqual([]);
  });

  it("reads a question in another language with that language's stemmer, then keeps the terms the index knows", () => {
    const g = new Glossary({ rejected: ['rejected', 'rechazar'] });
    const idx = SearchIndex.build(
      'en',
      [doc('futures-orders', 'Why futures orders fail', 'A futures order can be rejected.'), doc('spot', 'Spot trading', 'Buy and sell at the market price.')],
      g,
    );
    // Read as English, "rechazan" is no form of "rechazar"; read as Spanish, both stem to "rechaz": ~rejected.
    expect(idx.search('por qué me rechazan la orden', { mode: 'cross', lang: 'es' })[0]).toMatchObject({
      id: 'futures-orders',
      terms: expect.arrayContaining(['~rejected']),
    });
    expect(idx.search('por qué me rechazan la orden', { mode: 'cross' })).toEqual([]);
  });

  it('weighs at most MAX_QUERY_TERMS terms of a long message: each once, the ones it knows and the rarest first', () => {
    const noise = Array.from({ length: 3 * MAX_QUERY_TERMS }, (_, i) => `zq${i.toString(36)}x`).join(' ');
    expect(en.search(`${noise} ${'passport '.repeat(200)}`)[0]).toMatchObject({ id: 'kyc', terms: ['passport'] });
  });

  it('survives serialization', () => {
    const copy = SearchIndex.load('en', JSON.parse(JSON.stringify(en.toJSON())), glossary);
    expect(copy.search('withdrawal fee')[0].id).toBe('fees');
  });

  it('finds Chinese by bigrams and glossary synonyms, never by a whitespace split', () => {
    const zh = SearchIndex.build('zh', [doc('fees', '提币手续费', '每笔提币都会收取网络手续费。'), doc('kyc', '实名认证', '请上传身份证。')], glossary);
    expect(zh.search('提现手续费多少')[0].id).toBe('fees');
    expect(zh.search('身份证')[0].id).toBe('kyc');
  });
});

describe('snippet', () => {
  it('picks the best sentence and marks the matched words', () => {
    const s = snippet('First, open **Assets**. Then pay the network fee shown on [the page](https://x). Done.', ['fee', 'network'], 'en');
    expect(s.text).toBe('Then pay the network fee shown on the page.');
    expect(s.highlights.map(([a, b]) => s.text.slice(a, b))).toEqual(['network', 'fee']);
  });
});

describe('SearchIndex at the size where terms become common', () => {
  // 120 of 300 articles say "account" (common: in more than 100, fewer than half); six say the rare "ledger".
  const docs = Array.from({ length: 300 }, (_, i) =>
    doc(`a${i}`, `Topic ${i}`, `${i % 5 < 2 ? 'Your account' : 'Your profile'} settings${i % 50 === 0 ? ' and the ledger export' : ''}.`),
  );
  // Common terms are found when the index is written (at build), so the pack's index is the loaded one.
  const index = SearchIndex.load('en', JSON.parse(JSON.stringify(SearchIndex.build('en', docs).toJSON())));

  it('scores the candidates the rare terms pick with every term, as one MiniSearch search would', () => {
    const hits = index.search('account ledger');
    expect(hits.map((h) => h.id).sort()).toEqual(['a0', 'a100', 'a150', 'a200', 'a250', 'a50']);
    // The reference: MiniSearch itself, every term over every article, kept to the same candidates.
    const ms = (index as unknown as { index: { search(q: string, o: object): { id: string; score: number }[] } }).index;
    const reference = ms.search('account ledger', {
      tokenize: () => ['account', 'ledger'],
      boostDocument: (id: string) => (hits.some((h) => h.id === id) ? 1 : 0),
    });
    expect(reference.map((r) => r.id).sort()).toEqual(hits.map((h) => h.id).sort());
    for (const h of hits) {
      const article = reference.find((r) => r.id === h.id)!.score;
      // On top of the article's score comes half its best paragraph's (here the body is one paragraph).
      expect(h.score).toBeGreaterThan(article);
      expect(h.score).toBeLessThan(article * 1.6);
    }
    expect(hits[0].terms).toEqual(expect.arrayContaining(['account', 'ledger']));
  });
});
