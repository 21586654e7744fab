import { describe, expect, it } from 'vitest';
import { compilePack } from '../../src/pack/compile-pack.js';
import { createBot } from '../../src/bot/create-bot.js';
import { loadPack, serializePack } from '../../src/pack/pack.js';
import { QUESTION_FRAMES } from '../../src/lexicon/question-frames.js';
import { BUILTIN_INTENTS } from '../../src/lexicon/intents.js';
import type { SourceArticle } from '../../src/knowledge/article.js';
import { readKnowledge } from '../../src/node/read-knowledge.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const article = (id: string, title: string, body: string): SourceArticle =>
  ({ id, lang: 'en', title, category: 'trading', tags: [], body, questions: [], file: `en/${id}.md` }) as SourceArticle;

describe('question frames: in-scope questions in languages the help center is not written in', () => {
  it('has frames, each with one slot, for every language the built-in intents speak', () => {
    const langs = new Set(Object.values(BUILTIN_INTENTS).flatMap((i) => Object.keys(i.examples ?? {})));
    for (const lang of langs) expect(QUESTION_FRAMES[lang]?.length, lang).toBeGreaterThan(0);
    for (const frames of Object.values(QUESTION_FRAMES)) for (const f of frames) expect(f.split('{}').length, f).toBe(2);
  });

  // The sample's English articles without their questions, as real help centers are, and three more on
  // topics it lacks: nothing in it is Korean, Japanese, Chinese or Russian.
  const sample = readKnowledge(join(root, 'knowledge'));
  const pack = loadPack(
    serializePack(
      compilePack({
        articles: [
          ...sample.articles.filter((a) => a.lang === 'en').map((a) => ({ ...a, questions: [] })),
          article(
            'delisting',
            'Delisting Guidelines',
            'When a token is delisted, trading stops and deposits close.\n\nYou can still withdraw the token for 90 days after it is removed.',
          ),
          article(
            'sub-accounts',
            'Sub-account Functions',
            'A master account can create sub-accounts for a trading team.\n\nEach sub-account has its own wallets and API keys.',
          ),
          article(
            'liquidation',
            'How Liquidation Works',
            'A futures position is liquidated when its margin falls below the maintenance margin.\n\nThe insurance fund covers losses beyond the margin.',
          ),
        ],
        glossary: {},
        intents: {},
      }),
    ),
  );
  const ruleFor = async (lang: string, text: string) => (await createBot(pack, { lang }).ask(text)).debug.rule;

  it.each([
    ['ko', '코인이 상장폐지될 때 제 잔고는 어떻게 처리되나요'],
    ['ko', '트레이딩 팀용 서브 계정은 어떻게 만드나요?'],
    ['ja', '先物で強制ロスカットされるのはどんなときですか'],
    ['zh', '能不能给我们团队建几个子账户'],
    ['ru', 'что будет с моими монетами после делистинга'],
  ])('a %s question on an exchange topic is not declined as out of scope: %s', async (lang, text) => {
    expect(await ruleFor(lang, text)).not.toMatch(/^out-of-scope/);
  });

  it.each([
    ['ko', '오늘 서울 날씨 어때요?'],
    ['ja', '美味しいラーメン屋を教えてください'],
    ['zh', '今天天气怎么样'],
    ['ru', 'какой фильм посмотреть вечером'],
  ])('a %s question about something else is still declined: %s', async (lang, text) => {
    const reply = await createBot(pack, { lang }).ask(text);
    expect(reply.kind).toBe('fallback');
    expect(reply.suggestions ?? []).toEqual([]);
  });
});
