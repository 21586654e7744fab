import { describe, expect, it } from 'vitest';
import { decide, type Signals } from '../../src/bot/decide.js';
import { DEFAULT_SETTINGS as S } from '../../src/pack/settings.js';
import { sections } from '../../src/knowledge/sections.js';

const signals = (over: Partial<Signals> = {}): Signals => ({
  articles: [],
  intents: [],
  wantsHuman: 0,
  frustrated: false,
  failures: 0,
  followUp: false,
  answerable: new Set(['greeting', 'thanks', 'goodbye']),
  ...over,
});
const article = (id: string, p: number, coverage = 0.8) => ({ id, p, coverage });

describe('decide(): the answer policy, one rule at a time', () => {
  it('hands off on a request for a person, routed by the article the message names', () => {
    const d = decide(signals({ wantsHuman: 0.9, articles: [article('withdrawal-pending', 0.7)] }), S);
    expect(d).toMatchObject({ action: 'handoff', rule: 'asks-for-human', article: 'withdrawal-pending' });
    expect(d.thresholds.asksForHuman).toBe(S.asksForHuman);
    expect(decide(signals({ intents: [{ name: 'human', p: 0.6 }] }), S)).toMatchObject({ action: 'handoff', article: undefined });
    // A weak "human" that a confident article outweighs is not a request.
    expect(decide(signals({ intents: [{ name: 'human', p: 0.3 }], articles: [article('a', 0.9)] }), S).action).toBe('answer');
  });

  it('answers a message about handing over a secret with the article on fake support, whatever else matches', () => {
    const over = {
      phishing: true,
      guardArticle: 'phishing-scam',
      articles: [article('seed-phrase-recovery', 0.9)],
      intents: [{ name: 'out-of-scope', p: 0.9 }],
    };
    expect(decide(signals(over), S)).toMatchObject({ action: 'answer', rule: 'phishing-guard', article: 'phishing-scam' });
    // Asking for a person still wins; without such an article the other rules decide (the warning is the bot's).
    expect(decide(signals({ ...over, wantsHuman: 0.9 }), S).rule).toBe('asks-for-human');
    // …but not a human intent that only shares the lead: such messages name a person ("상담원이 인증번호를 알려달라고 해요").
    const named = { ...over, intents: [{ name: 'human', p: 0.34 }], articles: [article('phishing-scam', 0.41)], wantsHuman: S.asksForHuman - 0.02 };
    expect(decide(signals(named), S).rule).toBe('phishing-guard');
    expect(decide(signals({ ...named, phishing: false }), S).rule).toBe('asks-for-human');
    expect(decide(signals({ ...over, guardArticle: undefined, intents: [] }), S)).toMatchObject({ rule: 'confident-article', article: 'seed-phrase-recovery' });
  });

  it('answers small talk and custom intents with their replies, unless an article is surer', () => {
    expect(decide(signals({ intents: [{ name: 'greeting', p: 0.9 }] }), S)).toMatchObject({ action: 'smalltalk', rule: 'intent-reply', intent: 'greeting' });
    expect(decide(signals({ intents: [{ name: 'bot-identity', p: 0.8 }], answerable: new Set(['bot-identity']) }), S)).toMatchObject({
      intent: 'bot-identity',
    });
    expect(decide(signals({ intents: [{ name: 'greeting', p: 0.6 }], articles: [article('a', 0.9)] }), S).action).toBe('answer');
    // An intent without a reply is not small talk.
    expect(decide(signals({ intents: [{ name: 'unknown', p: 0.9 }] }), S).action).not.toBe('smalltalk');
  });

  it('answers a confident article, naming follow-ups', () => {
    expect(decide(signals({ articles: [article('a', S.answer)] }), S)).toMatchObject({
      action: 'answer',
      rule: 'confident-article',
      article: 'a',
      thresholds: { answer: S.answer },
    });
    expect(decide(signals({ articles: [article('a', 0.8)], followUp: true }), S).rule).toBe('follow-up');
    // An article search speaks for, that the classifier reads otherwise: answered only when search is surer.
    const alone = { ...article('a', (S.answer + S.answerAlone) / 2), agreed: false };
    expect(decide(signals({ articles: [alone, article('b', S.clarify)] }), S)).toMatchObject({ action: 'clarify', suggestions: ['a', 'b'] });
    expect(decide(signals({ articles: [{ ...alone, agreed: true }] }), S)).toMatchObject({ action: 'answer', thresholds: { answer: S.answer } });
    // Found through another language's articles, where the classifier reads only shared concepts: a lower bar.
    const cross = { ...alone, p: (S.answerAloneCross + S.answerAlone) / 2, crossLanguage: true };
    expect(decide(signals({ articles: [cross] }), S)).toMatchObject({ action: 'answer', thresholds: { answerAloneCross: S.answerAloneCross } });
    expect(decide(signals({ articles: [{ ...cross, crossLanguage: false }] }), S).action).toBe('clarify');
    expect(decide(signals({ articles: [{ ...alone, p: S.answerAlone }] }), S)).toMatchObject({
      action: 'answer',
      thresholds: { answer: S.answer, answerAlone: S.answerAlone },
    });
    expect(decide(signals({ articles: [article('a', 0.8)], frustrated: true }), S).offerHuman).toBe(true);
  });

  it('declines out of scope when that intent outweighs every article that does not explain the question', () => {
    const oos = [{ name: 'out-of-scope', p: 0.7 }];
    expect(decide(signals({ intents: oos, articles: [article('a', 0.6, S.explained / 2)] }), S)).toMatchObject({ action: 'decline', rule: 'out-of-scope' });
    // A confident article that matches most of the question is answered all the same.
    expect(decide(signals({ intents: oos, articles: [article('a', 0.6, S.explained)] }), S).action).toBe('answer');
    expect(decide(signals({ intents: oos, articles: [article('a', 0.9, 0.1)] }), S).action).toBe('answer');
    // …unless out of scope leads it clearly ("what's the weather in dubai tomorrow").
    expect(decide(signals({ intents: [{ name: 'out-of-scope', p: 0.97 }], articles: [article('a', 0.4, 0.9)] }), S)).toMatchObject({
      action: 'decline',
      thresholds: { explainedLead: S.explainedLead },
    });
  });

  it('suggests only plausibly related articles, at most three', () => {
    const many = [article('a', 0.25), article('b', 0.2), article('c', 0.15), article('d', 0.14), article('e', 0.2, 0.1)];
    const d = decide(signals({ articles: many }), S);
    expect(d).toMatchObject({ action: 'clarify', rule: 'did-you-mean', suggestions: ['a', 'b', 'c'] });
    expect(decide(signals({ articles: [article('x', 0.25, S.related / 2)] }), S)).toMatchObject({ action: 'decline', rule: 'nothing-close' });
    expect(decide(signals({ articles: [article('x', S.clarify / 2)] }), S).rule).toBe('nothing-close');
  });

  it('asks which of two nearly tied sure articles, rather than guess', () => {
    // A help center's near-duplicates: "top up my card" 0.77 for one country's card, 0.75 for another's.
    const tied = decide(signals({ articles: [article('colombia', 0.77), article('bahrain', 0.75), article('gcc', 0.75), article('far', 0.3)] }), S);
    expect(tied).toMatchObject({ action: 'clarify', rule: 'near-tie', suggestions: ['colombia', 'bahrain', 'gcc'], thresholds: { tie: S.tie } });
    // A clear lead is answered; so is a runner-up that matches too little of the question, and a follow-up.
    expect(decide(signals({ articles: [article('a', 0.83), article('b', 0.75)] }), S)).toMatchObject({ action: 'answer', article: 'a' });
    expect(decide(signals({ articles: [article('a', 0.77), article('b', 0.76, S.related / 2)] }), S).action).toBe('answer');
    expect(decide(signals({ followUp: true, articles: [article('a', 0.77), article('b', 0.76)] }), S).action).toBe('answer');
    // The setting turns it off.
    expect(decide(signals({ articles: [article('a', 0.77), article('b', 0.77)] }), { ...S, tie: 1.01 }).action).toBe('answer');
  });

  it('suggests nothing when out of scope is likelier than every article, even below its own threshold', () => {
    // "are you hiring? how do i apply for a job at binance": out of scope 0.42, the best article below the answer threshold.
    const weakOos = (p: number) => [{ name: 'out-of-scope', p }];
    const d = decide(signals({ intents: weakOos(0.42), articles: [article('a', 0.28), article('b', 0.2)] }), S);
    expect(d).toMatchObject({ action: 'decline', rule: 'out-of-scope-leads', thresholds: { clarify: S.clarify } });
    // Across languages the article is still suggested, and so is an article ahead of it.
    const cross = { ...article('a', 0.28), crossLanguage: true };
    expect(decide(signals({ intents: weakOos(0.42), articles: [cross] }), S)).toMatchObject({ action: 'clarify', suggestions: ['a'] });
    expect(decide(signals({ intents: weakOos(0.2), articles: [article('a', 0.25)] }), S)).toMatchObject({ action: 'clarify', suggestions: ['a'] });
  });

  it('offers a person after repeated failures', () => {
    expect(decide(signals({ failures: S.failuresBeforeHuman - 1 }), S).offerHuman).toBe(true);
    expect(decide(signals({ failures: 0 }), S).offerHuman).toBe(false);
  });

  it('reads settings, not constants', () => {
    const strict = { ...S, answer: 0.95 };
    expect(decide(signals({ articles: [article('a', 0.9)] }), strict).action).toBe('clarify');
  });
});

describe('sections()', () => {
  it('splits a body at ## and ### headings, not inside code', () => {
    const body = 'Intro text.\n\n## Fees\nIt costs 1 USDT.\n\n```\n## not a heading\n```\n### How long\nMinutes.';
    expect(sections(body)).toEqual([
      { heading: '', text: 'Intro text.' },
      { heading: 'Fees', text: 'It costs 1 USDT.\n\n```\n## not a heading\n```' },
      { heading: 'How long', text: 'Minutes.' },
    ]);
    expect(sections('Just one paragraph.')).toEqual([{ heading: '', text: 'Just one paragraph.' }]);
  });
});
