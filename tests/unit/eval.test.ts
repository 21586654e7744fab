import { describe, expect, it } from 'vitest';
import { evaluate, parseCases, summarize, type EvalOutcome } from '../../src/eval/evaluate.js';
import type { Reply } from '../../src/bot/reply.js';
import { createBot } from '../../src/bot/create-bot.js';
import { fixture, packOf, EVAL_JSON_KEYS } from '../helpers.js';

const reply = (r: Partial<Reply>): Reply => ({
  kind: 'fallback',
  text: '',
  lang: 'en',
  confidence: 0,
  notices: [],
  redacted: [],
  debug: { candidates: [], detected: { lang: 'en', confident: true } },
  ...r,
});
const answer = (id: string, lang = 'en') => reply({ kind: 'answer', lang, article: { id, title: id, body: '', lang, category: 'c' } });

describe('summarize', () => {
  it('computes every metric of the contract from known outcomes', () => {
    const outcomes: EvalOutcome[] = [
      { case: { text: 'a', expect: 'x', lang: 'en' }, reply: answer('x'), ok: true },
      { case: { text: 'b', expect: 'x', lang: 'en' }, reply: answer('y'), ok: false },
      {
        case: { text: 'c', expect: 'y', lang: 'es' },
        reply: reply({
          kind: 'clarify',
          suggestions: [
            { id: 'z', title: '' },
            { id: 'y', title: '' },
          ],
        }),
        ok: false,
      },
      { case: { text: 'd', expect: 'y', lang: 'es' }, reply: answer('y', 'es'), ok: true },
      { case: { text: 'e', expect: null }, reply: reply({ kind: 'fallback' }), ok: true },
      { case: { text: 'f', expect: null }, reply: answer('x'), ok: false },
      { case: { text: 'g', expect: '@handoff' }, reply: reply({ kind: 'handoff', handoff: {} as never }), ok: true },
    ];
    const r = summarize(outcomes);
    expect(Object.keys(r)).toEqual(EVAL_JSON_KEYS);
    expect(r).toMatchObject({
      cases: 7,
      accuracy: 0.5,
      top3: 0.75,
      answered: 0.75,
      oosRecall: 0.5,
      handoffRecall: 1,
      perLang: { en: 0.5, es: 0.5 },
      answeredWrong: 0.25,
      oosDeclined: 0.5,
    });
    expect(r.confusions).toEqual([
      { expected: 'x', got: 'y', count: 1, examples: ['b'] },
      { expected: 'y', got: '(clarify)', count: 1, examples: ['c'] },
    ]);
  });

  it('counts an alternative article as right, and asks the context first in the same conversation', async () => {
    const pack = packOf(fixture('kb-mini'));
    const alt = await evaluate(pack, [{ text: 'how much is the fee to withdraw usdt?', expect: 'password-reset', alt: ['withdrawal-fees'] }]);
    expect(alt.report).toMatchObject({ accuracy: 1, top3: 1, answeredWrong: 0 });
    const { outcomes } = await evaluate(pack, [{ text: 'and the fee?', expect: 'withdrawal-fees', context: ['how do i withdraw usdt'] }]);
    expect(outcomes[0].reply.debug.rule).toBe('follow-up');
    const bot = createBot(pack);
    await bot.ask('how do i withdraw usdt');
    const direct = await bot.ask('and the fee?');
    expect(outcomes[0].reply.article?.id).toBe(direct.article?.id);
  });

  it('reports null for a metric with no cases', () => {
    expect(summarize([])).toMatchObject({ cases: 0, accuracy: null, oosRecall: null, handoffRecall: null });
  });
});

describe('parseCases', () => {
  it('reads JSON Lines and names the bad line', () => {
    expect(parseCases('{"text":"a","expect":null}\n\n{"text":"b","expect":"@handoff","lang":"en"}\n')).toHaveLength(2);
    expect(() => parseCases('{"text":"a","expect":null}\n{oops}', 'x.jsonl')).toThrow(/^x\.jsonl:2: not valid JSON/);
    expect(() => parseCases('{"expect":"a"}', 'x.jsonl')).toThrow(/x\.jsonl:1: a case needs "text"/);
    expect(() => parseCases('{"text":"a","expect":5}', 'x.jsonl')).toThrow(/"expect" must be/);
  });
});

describe('evaluate', () => {
  it('runs each case in a fresh conversation against a real pack', async () => {
    const { report } = await evaluate(packOf(fixture('kb-mini')), [
      { text: 'withdrawal fee for usdt?', expect: 'withdrawal-fees', lang: 'en' },
      { text: '提币一直在处理中怎么办', expect: 'withdrawal-pending', lang: 'zh' },
      { text: 'tell me a joke please', expect: null },
      { text: 'get me a human agent', expect: '@handoff' },
    ]);
    expect(report).toMatchObject({ cases: 4, accuracy: 1, oosRecall: 1, handoffRecall: 1, perLang: { en: 1, zh: 1 } });
  });
});
