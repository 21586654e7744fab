import { BUILTIN_INTENTS } from '../../src/lexicon/intents.js';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKnowledge } from '../../src/node/read-knowledge.js';
import { lintKnowledge } from '../../src/node/index.js';
import { root } from '../helpers.js';

const LANGS = ['en', 'zh', 'ja', 'ko', 'es', 'ru'];
/** The ids of ../shared/knowledge-topics.md (the table's first column). */
function requiredIds(): string[] {
  const md = readFileSync(join(root, '..', 'shared', 'knowledge-topics.md'), 'utf8');
  return [...md.matchAll(/^\| ([a-z0-9-]+) \|/gm)].map((m) => m[1]).filter((id) => id !== 'id' && /[a-z]/.test(id));
}

describe('the sample knowledge base', () => {
  const read = readKnowledge(join(root, 'knowledge'));

  it('lints without a single problem', () => {
    expect(lintKnowledge(join(root, 'knowledge'))).toEqual([]);
  });

  it('has every required topic in all six languages with at least 8 questions', () => {
    const ids = requiredIds();
    expect(ids).toHaveLength(35);
    for (const lang of LANGS) {
      for (const id of ids) {
        const article = read.articles.find((a) => a.lang === lang && a.id === id);
        expect(article, `${lang}/${id}`).toBeDefined();
        expect(article!.questions.length, `${lang}/${id} questions`).toBeGreaterThanOrEqual(8);
      }
    }
  });

  it('marks the urgent topics urgent, everywhere', () => {
    for (const a of read.articles.filter((x) => x.id === 'account-hacked' || x.id === 'phishing-scam')) expect(a.priority, `${a.lang}/${a.id}`).toBe('urgent');
  });

  it('gets the built-in conversational intents in every language the widget speaks, plus fr and de', () => {
    for (const intent of ['greeting', 'thanks', 'goodbye', 'human', 'out-of-scope']) {
      for (const lang of [...LANGS, 'zh-TW', 'pt', 'tr', 'vi', 'fr', 'de']) {
        expect(BUILTIN_INTENTS[intent]?.examples?.[lang]?.length ?? 0, `${intent}/${lang}`).toBeGreaterThanOrEqual(20);
      }
    }
  });
});
