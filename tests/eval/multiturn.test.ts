import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileKnowledge } from '../../src/node/index.js';
import { evaluate, parseCases } from '../../src/eval/evaluate.js';

// 72 follow-up questions in six languages on the sample knowledge base, each with the messages before it.
const cases = parseCases(readFileSync(new URL('./multiturn.jsonl', import.meta.url), 'utf8'), 'multiturn.jsonl');

describe('follow-up questions in context (tests/eval/multiturn.jsonl)', () => {
  const { pack } = compileKnowledge(new URL('../../knowledge', import.meta.url).pathname);

  it('has at least 60 cases in six languages, each with context', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(cases.map((c) => c.lang))).toEqual(new Set(['en', 'zh', 'ja', 'ko', 'es', 'ru']));
    expect(cases.every((c) => c.context?.length)).toBe(true);
  });

  it('answers most of them, far better than reading each message alone', async () => {
    const withContext = (await evaluate(pack, cases)).report;
    const alone = (await evaluate(pack, cases, { settings: { followUpTerms: 0 } })).report;
    expect(withContext.accuracy).toBeGreaterThanOrEqual(0.65);
    expect(withContext.accuracy! - alone.accuracy!).toBeGreaterThanOrEqual(0.15);
  });
});
