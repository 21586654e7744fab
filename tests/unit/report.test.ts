import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEventLog } from '../../src/report/events-log.js';
import { analyzeEvents, mostAsked, renderEventsReport } from '../../src/report/events-report.js';
import { loadPack } from '../../src/pack/load-pack.js';
import { firstTopics } from '../../widget/first-screen.js';
import { groupQuestions } from '../../src/report/cluster.js';
import { evalInsights, renderEvalReport } from '../../src/report/eval-report.js';
import { explainChoice } from '../../src/report/explain.js';
import { esc, pct } from '../../src/report/html.js';
import { Glossary } from '../../src/text/index.js';
import { evaluate, type EvalCase, type EvalOutcome } from '../../src/eval/evaluate.js';
import type { Reply } from '../../src/bot/reply.js';
import type { Article } from '../../src/knowledge/article.js';
import { main } from '../../src/cli/main.js';
import { fixture, packOf, EVAL_JSON_KEYS } from '../helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Secrets a careless log writer let through; none may reach a report page. */
const SECRETS = ['Hunter2Secret', '4111 1111 1111 1111', '4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318'];
const XSS = '<img src=x onerror=alert(1)> what about nft';

const ARTICLES: Record<string, { title: string; category: string }> = {
  'withdrawal-fees': { title: 'How much does a withdrawal cost?', category: 'withdrawals' },
  'withdrawal-pending': { title: 'My withdrawal is pending', category: 'withdrawals' },
  'account-hacked': { title: 'My account was hacked', category: 'security' },
};

/**
 * A log planned so every figure is known: who asked what, on which day, and how it ended. The payloads have
 * the bot's full shape (article bodies, debug) as a writer that does not slim them would log them.
 */
function plannedLog(): string {
  const lines: string[] = [];
  const add = (type: string, at: string, session: string, data: unknown) => lines.push(JSON.stringify({ type, at, session, data }));
  const reply = (kind: string, lang: string, article?: string) => ({
    kind,
    lang,
    text: 'the whole article, again',
    confidence: 0.7,
    notices: [],
    redacted: [],
    ...(article ? { article: { id: article, ...ARTICLES[article], body: 'the whole article, again', lang } } : {}),
    debug: { candidates: [{ label: article ?? 'withdrawal-fees', p: 0.7 }], detected: { lang, confident: true } },
  });
  // a: 10 conversations answered, 👍 (day 1)
  for (let i = 0; i < 10; i++) {
    add('answer', `2026-03-01T0${i}:15:00.000Z`, `a${i}`, { question: 'withdrawal fee for usdt', reply: reply('answer', 'en', 'withdrawal-fees') });
    add('feedback', `2026-03-01T0${i}:16:00.000Z`, `a${i}`, { article: 'withdrawal-fees', helpful: true, lang: 'en', at: '' });
  }
  // b: 4 answered in Chinese, 👎 with a password in the comment (day 2)
  for (let i = 0; i < 4; i++) {
    add('answer', `2026-03-02T10:0${i}:00.000Z`, `b${i}`, { question: '提币一直在处理中', reply: reply('answer', 'zh', 'withdrawal-pending') });
    add('feedback', `2026-03-02T10:0${i}:30.000Z`, `b${i}`, {
      article: 'withdrawal-pending',
      helpful: false,
      lang: 'zh',
      comment: 'useless, my password is Hunter2Secret',
    });
  }
  // c: 3 Spanish conversations, two unanswered questions each, then a handoff (day 2)
  for (let i = 0; i < 3; i++) {
    add('unanswered', `2026-03-02T12:0${i}:00.000Z`, `c${i}`, { question: 'comprar acciones tesla', lang: 'es', reply: reply('fallback', 'es') });
    add('unanswered', `2026-03-02T12:0${i}:10.000Z`, `c${i}`, { question: 'quiero comprar acciones de tesla', lang: 'es', reply: reply('fallback', 'es') });
    add('handoff', `2026-03-02T12:0${i}:20.000Z`, `c${i}`, {
      id: `h-c${i}`,
      reason: 'repeated-failure',
      priority: 'normal',
      team: 'general',
      lang: 'es',
      transcript: [],
      live: true,
    });
  }
  // d: 2 answered with an urgent article that hands off; page and server both log the handoff (day 4)
  for (let i = 0; i < 2; i++) {
    add('answer', `2026-03-04T08:0${i}:00.000Z`, `d${i}`, { question: 'someone stole my account', reply: reply('answer', 'en', 'account-hacked') });
    for (let copy = 0; copy < 2; copy++)
      add('handoff', `2026-03-04T08:0${i}:01.000Z`, `d${i}`, {
        id: `h-d${i}`,
        reason: 'urgent-topic',
        priority: 'urgent',
        team: 'security',
        lang: 'en',
        topic: 'account-hacked',
      });
  }
  // e: 5 "did you mean"; the first one's time is 2026-03-03 in UTC although written with a +05:00 offset
  add('clarify', '2026-03-04T02:00:00+05:00', 'e0', { question: 'fees', reply: reply('clarify', 'en') });
  for (let i = 1; i < 5; i++) add('clarify', `2026-03-04T09:0${i}:00.000Z`, `e${i}`, { question: 'fees', reply: reply('clarify', 'en') });
  // f: only message events: not a conversation
  add('message', '2026-03-04T10:00:00.000Z', 'f', { role: 'user', text: 'hi', at: '' });
  // g: 10 conversations with one unanswered question each, in four topics and a singleton (day 4)
  const g = [
    ['how do I stake ETH', 'en'],
    ['how do I stake ETH', 'en'],
    ['can i stake my eth? private key 4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318', 'en'],
    ['staking eth rewards', 'en'],
    ['怎么质押以太坊', 'zh'],
    ['以太坊质押收益', 'zh'],
    ['质押以太坊在哪里', 'zh'],
    ['is lightning network supported? my card 4111 1111 1111 1111', 'en'],
    ['lightning network deposits', 'en'],
    [XSS, 'en'],
  ];
  g.forEach(([question, lang], i) => add('unanswered', `2026-03-04T11:0${i}:00.000Z`, `g${i}`, { question, lang, reply: reply('fallback', lang) }));
  lines.splice(7, 0, '{"type":"answer", oops', JSON.stringify({ type: 'bogus', at: '2026-03-01T00:00:00Z', session: 'x', data: {} }));
  return lines.join('\n') + '\n';
}

describe('the event log', () => {
  it('parses valid lines and names the ones it skips', () => {
    const { events, skipped } = parseEventLog(plannedLog());
    expect(events).toHaveLength(10 * 2 + 4 * 2 + 3 * 3 + 2 * 3 + 5 + 1 + 10);
    expect(skipped).toEqual([
      { line: 8, reason: 'not valid JSON' },
      { line: 9, reason: 'unknown type "bogus"' },
    ]);
    expect(
      parseEventLog('{"type":"answer","at":"yesterday","session":"s","data":{}}\n{"type":"answer","at":"2026-01-01T00:00:00Z","data":{}}').skipped.map(
        (s) => s.reason,
      ),
    ).toEqual(['"at" is not an ISO time', '"session" is missing']);
  });
});

describe('analytics', () => {
  const analytics = analyzeEvents(parseEventLog(plannedLog()).events);

  it('counts questions per day in UTC, with the quiet day as zero', () => {
    expect(analytics).toMatchObject({ questions: 37, answered: 16, clarified: 5, unanswered: 16, from: '2026-03-01', to: '2026-03-04' });
    expect(analytics.perDay).toEqual([
      { day: '2026-03-01', answered: 10, clarified: 0, unanswered: 0 },
      { day: '2026-03-02', answered: 4, clarified: 0, unanswered: 6 },
      { day: '2026-03-03', answered: 0, clarified: 1, unanswered: 0 },
      { day: '2026-03-04', answered: 2, clarified: 4, unanswered: 10 },
    ]);
  });

  it('measures deflection, handoffs (each counted once) and answer helpfulness (👍/👎, not CSAT)', () => {
    expect(analytics).toMatchObject({
      conversations: 34,
      deflected: 14,
      deflection: +(14 / 34).toFixed(4),
      handoffs: 5,
      handoffRate: +(5 / 34).toFixed(4),
      up: 10,
      down: 4,
      helpfulness: +(10 / 14).toFixed(4),
      csat: null, // no survey answers in this log: thumbs are not satisfaction
    });
    expect(analytics.handoffReasons).toEqual([
      { reason: 'repeated-failure', count: 3 },
      { reason: 'urgent-topic', count: 2 },
    ]);
  });

  it('breaks the figures down per language and per topic', () => {
    expect(analytics.perLang).toEqual([
      { lang: 'en', questions: 24, answered: 12, clarified: 5, unanswered: 7, handoffs: 2, up: 10, down: 0, surveys: 0, satisfied: 0 },
      { lang: 'zh', questions: 7, answered: 4, clarified: 0, unanswered: 3, handoffs: 0, up: 0, down: 4, surveys: 0, satisfied: 0 },
      { lang: 'es', questions: 6, answered: 0, clarified: 0, unanswered: 6, handoffs: 3, up: 0, down: 0, surveys: 0, satisfied: 0 },
    ]);
    expect(analytics.perTopic.map(({ id, answers, up, down, handoffs, category }) => ({ id, answers, up, down, handoffs, category }))).toEqual([
      { id: 'withdrawal-fees', answers: 10, up: 10, down: 0, handoffs: 0, category: 'withdrawals' },
      { id: 'withdrawal-pending', answers: 4, up: 0, down: 4, handoffs: 0, category: 'withdrawals' },
      { id: 'account-hacked', answers: 2, up: 0, down: 0, handoffs: 2, category: 'security' },
    ]);
    expect(analytics.perTopic[1].comments).toEqual(Array(4).fill('useless, my password is [password removed]'));
  });

  it('computes CSAT from the satisfaction survey: distribution, average, per language and topic, comments', () => {
    const lines = [
      ...[5, 5, 4, 2].map((score, i) => ({
        type: 'csat',
        at: `2026-03-05T10:0${i}:00Z`,
        session: `s${i}`,
        data: { score, lang: 'en', topic: 'withdrawal-pending', ...(i === 3 ? { comment: 'slow, and my password is Hunter2Secret' } : {}) },
      })),
      { type: 'csat', at: '2026-03-05T11:00:00Z', session: 's9', data: { score: 1, lang: 'ru' } },
      { type: 'csat', at: '2026-03-05T11:00:00Z', session: 's10', data: { score: 7, lang: 'ru' } }, // not a score: ignored
      { type: 'feedback', at: '2026-03-05T12:00:00Z', session: 's11', data: { article: 'withdrawal-fees', helpful: true, lang: 'en' } },
    ];
    const { events } = parseEventLog(lines.map((l) => JSON.stringify(l)).join('\n'));
    const a = analyzeEvents(events);
    expect(a.survey).toMatchObject({ answers: 5, average: 3.4, distribution: [1, 1, 0, 1, 2] });
    expect(a.csat).toBe(0.6); // 3 of 5 answered 4 or 5
    expect(a.helpfulness).toBe(1);
    expect(a.perLang.find((l) => l.lang === 'en')).toMatchObject({ surveys: 4, satisfied: 3 });
    expect(a.perLang.find((l) => l.lang === 'ru')).toMatchObject({ surveys: 1, satisfied: 0 });
    expect(a.perTopic.find((t) => t.id === 'withdrawal-pending')).toMatchObject({ surveys: 4, satisfied: 3 });
    expect(a.survey.comments).toEqual([{ score: 2, text: 'slow, and my password is [password removed]', lang: 'en', topic: 'withdrawal-pending' }]);
    const html = renderEventsReport(a);
    expect(html).toContain('60%');
    expect(html).toContain('average 3.40');
    expect(html).not.toContain('Hunter2Secret');
  });

  it('counts a 👎 and the comment the user adds after it as one verdict with its comment', () => {
    const lines = [
      { type: 'feedback', at: '2026-03-05T12:00:00Z', session: 's1', data: { article: 'withdrawal-fees', helpful: false, lang: 'en' } },
      {
        type: 'feedback',
        at: '2026-03-05T12:00:09Z',
        session: 's1',
        data: { article: 'withdrawal-fees', helpful: false, lang: 'en', comment: 'I wanted the TRC20 fee' },
      },
      { type: 'feedback', at: '2026-03-05T12:01:00Z', session: 's2', data: { article: 'withdrawal-fees', helpful: false, lang: 'en' } },
    ];
    const a = analyzeEvents(parseEventLog(lines.map((l) => JSON.stringify(l)).join('\n')).events);
    expect(a.perTopic.find((t) => t.id === 'withdrawal-fees')).toMatchObject({ down: 2, comments: ['I wanted the TRC20 fee'] });
  });

  it('groups the unanswered questions by meaning, in Latin and CJK scripts alike', () => {
    const groups = analytics.unansweredGroups.map((g) => ({ size: g.size, langs: g.langs, first: g.members[0].text }));
    expect(groups).toEqual([
      { size: 6, langs: ['es'], first: 'comprar acciones tesla' },
      { size: 4, langs: ['en'], first: 'how do I stake ETH' },
      { size: 3, langs: ['zh'], first: '怎么质押以太坊' },
      { size: 2, langs: ['en'], first: 'is lightning network supported? my card [card removed]' },
      { size: 1, langs: ['en'], first: XSS },
    ]);
    expect(analytics.unansweredGroups[1].members.map((m) => m.count)).toEqual([2, 1, 1]);
  });

  it('renders a page with no secret, no markup from the log and no script', () => {
    const html = renderEventsReport(analytics, { source: 'events.jsonl', skipped: 2 });
    for (const secret of SECRETS) expect(html).not.toContain(secret);
    expect(html).not.toContain('4111111111111111');
    expect(html).toContain('[password removed]');
    expect(html).toContain('[card removed]');
    expect(html).toContain('[private-key removed]');
    expect(html).toContain(esc(XSS));
    expect(html).not.toContain('<img');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('2 line(s) of the log skipped');
    for (const figure of [pct(analytics.deflection), pct(analytics.handoffRate), pct(analytics.helpfulness, 0)]) expect(html).toContain(figure);
    expect(html.match(/<svg /g)).toHaveLength(5);
  });

  it('is what `helpline report` writes, and --json prints the same numbers', async () => {
    const log = join(tmp, 'events.jsonl');
    const out = join(tmp, 'analytics.html');
    writeFileSync(log, plannedLog());
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      expect(await main(['report', log, '-o', out])).toBe(0);
      expect(String(stdout.mock.calls.at(-1)?.[0])).toMatch(
        /37 questions in 34 conversations \(2026-03-01 to 2026-03-04\); deflection 41\.2%, handoff rate 14\.7%, CSAT — \(0 survey answer\(s\)\), answer helpfulness 71\.4%; 16 unanswered in 5 group\(s\)/,
      );
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain('events.jsonl:8: skipped: not valid JSON');
      expect(await main(['report', log, '--json'])).toBe(0);
      expect(JSON.parse(String(stdout.mock.calls.at(-1)?.[0]))).toEqual(JSON.parse(JSON.stringify(analytics)));
      expect(await main(['report'])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const html = readFileSync(out, 'utf8');
    for (const secret of SECRETS) expect(html).not.toContain(secret);
  });

  it("is what `helpline build --topics` takes: the most-asked articles become the first screen's topics, in that order", async () => {
    const log = join(tmp, 'topics-events.jsonl');
    writeFileSync(log, plannedLog().replace(/"withdrawal-fees"/g, '"gone-article"')); // an article since deleted
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    const report = join(tmp, 'report.json');
    const folder = join(tmp, 'topics-pack') + '/';
    try {
      expect(await main(['report', log, '--json'])).toBe(0);
      writeFileSync(report, String(stdout.mock.calls.at(-1)?.[0]));
      expect(await main(['build', fixture('kb-mini'), '--topics', report, '-o', folder])).toBe(0);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain(
        "warning: --topics: 1 of the report's articles are not in the knowledge base: gone-article",
      );
      const broken = join(tmp, 'not-a-report.json');
      writeFileSync(broken, '{"cases": 3}');
      expect(await main(['build', fixture('kb-mini'), '--topics', broken, '-o', folder])).toBe(2);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain(`--topics ${broken}: not a report of \`helpline report --json\``);
      expect(await main(['build', fixture('kb-mini'), '--topics', join(tmp, 'missing.json'), '-o', folder])).toBe(2);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    // asked: withdrawal-pending 4 times, account-hacked twice (gone-article 10 times); each translation ranks alike
    const open = (lang: string) =>
      loadPack(JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')), (n) => readFileSync(join(folder, n), 'utf8'), { lang });
    const ranks = (articles: Article[]) => Object.fromEntries(articles.filter((a) => a.popular).map((a) => [`${a.lang}:${a.id}`, a.popular]));
    const en = await open('en');
    expect(ranks(en.data.articles)).toEqual({ 'en:withdrawal-pending': 1, 'en:account-hacked': 2 });
    expect(firstTopics(en.data.articles, 'en', 'en').map((t) => t.id)).toEqual(['withdrawal-pending', 'account-hacked']);
    const zh = await open('zh');
    expect(ranks(zh.data.articles.filter((a) => a.lang === 'zh'))).toEqual({ 'zh:withdrawal-pending': 1 });
  });
});

describe('mostAsked', () => {
  it('orders the articles of a report by answers, leaving out those never given', () => {
    const topic = (id: string, answers: number) => ({ id, answers }); // what it reads of a report's TopicStats
    expect(mostAsked(JSON.stringify({ perTopic: [topic('a', 1), topic('b', 0), topic('c', 5)] }), 'r.json')).toEqual(['c', 'a']);
    expect(() => mostAsked('{', 'r.json')).toThrow(/^r\.json: not valid JSON/);
    expect(() => mostAsked('{"perTopic":[{"id":1}]}', 'r.json')).toThrow(/^r\.json: not a report/);
  });
});

describe('groupQuestions', () => {
  it('uses the glossary, so one concept in three languages groups together', () => {
    const items = [
      { text: 'withdraw', lang: 'en' },
      { text: '提现', lang: 'zh' },
      { text: 'retiro', lang: 'es' },
    ];
    expect(groupQuestions(items)).toHaveLength(3);
    const grouped = groupQuestions(items, { glossary: new Glossary(packOf(fixture('kb-mini')).data.glossary) });
    expect(grouped).toEqual([{ size: 3, langs: ['en', 'es', 'zh'], members: items.map((i) => ({ ...i, count: 1 })) }]);
  });

  it('merges repeats of one question, whatever their case and punctuation', () => {
    expect(
      groupQuestions([
        { text: 'Lightning?', lang: 'en' },
        { text: 'lightning', lang: 'en' },
      ]),
    ).toEqual([{ size: 2, langs: ['en'], members: [{ text: 'Lightning?', lang: 'en', count: 2 }] }]);
  });
});

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
const answered = (id: string, p: number, candidates: [string, number][], lang = 'en') =>
  reply({
    kind: 'answer',
    lang,
    confidence: p,
    article: { id, title: id, body: '', lang, category: '' },
    debug: { candidates: candidates.map(([label, q]) => ({ label, p: q })), detected: { lang, confident: true } },
  });

describe('evaluation insights', () => {
  const pack = packOf(fixture('kb-mini'));
  const outcomes: EvalOutcome[] = [
    { case: { text: 'fee 1', expect: 'withdrawal-fees', lang: 'en' }, reply: answered('withdrawal-fees', 0.9, [['withdrawal-fees', 0.9]]), ok: true },
    {
      case: { text: 'fee 2', expect: 'withdrawal-fees', lang: 'en' },
      reply: answered('withdrawal-pending', 0.5, [
        ['withdrawal-pending', 0.5],
        ['withdrawal-fees', 0.3],
      ]),
      ok: false,
    },
    {
      case: { text: 'pending 1', expect: 'withdrawal-pending', lang: 'es' },
      reply: answered(
        'withdrawal-fees',
        0.6,
        [
          ['withdrawal-fees', 0.6],
          ['withdrawal-pending', 0.2],
        ],
        'es',
      ),
      ok: false,
    },
    {
      case: { text: 'pending 2', expect: 'withdrawal-pending', lang: 'zh' },
      reply: answered('withdrawal-pending', 0.8, [['withdrawal-pending', 0.8]], 'zh'),
      ok: true,
    },
    {
      case: { text: 'reset <b>it</b>', expect: 'password-reset', lang: 'en' },
      reply: reply({ kind: 'clarify', debug: { candidates: [{ label: 'password-reset', p: 0.2 }], detected: { lang: 'en', confident: true } } }),
      ok: false,
    },
    { case: { text: 'hacked', expect: 'account-hacked', lang: 'en' }, reply: answered('account-hacked', 0.3, [['account-hacked', 0.3]]), ok: true },
    { case: { text: 'ghost', expect: 'no-such-article', lang: 'en' }, reply: reply({}), ok: false },
    { case: { text: 'joke, my password is Sup3rSecret', expect: null }, reply: answered('withdrawal-fees', 0.5, [['withdrawal-fees', 0.5]]), ok: false },
    { case: { text: 'weather', expect: null }, reply: reply({}), ok: true },
    { case: { text: 'human!', expect: '@handoff' }, reply: reply({ kind: 'smalltalk' }), ok: false },
  ];
  const x = evalInsights(outcomes, pack, { answer: 0.35, examples: { 'withdrawal-fees': 18 } });

  it('tallies accuracy per language and per category', () => {
    expect(x.perLang).toEqual([
      { name: 'en', cases: 5, correct: 2 },
      { name: 'es', cases: 1, correct: 0 },
      { name: 'zh', cases: 1, correct: 1 },
    ]);
    expect(x.perCategory).toEqual([
      { name: '(not in pack)', cases: 1, correct: 0 },
      { name: 'account', cases: 1, correct: 0 },
      { name: 'security', cases: 1, correct: 1 },
      { name: 'withdrawals', cases: 4, correct: 2 },
    ]);
    expect(x.unknownIds).toEqual(['no-such-article']);
  });

  it('finds articles that steal each other’s questions, and mistaken answers', () => {
    expect(x.steals).toEqual([
      { expected: 'withdrawal-fees', got: 'withdrawal-pending', count: 1, questions: ['fee 2'], mutual: true },
      { expected: 'withdrawal-pending', got: 'withdrawal-fees', count: 1, questions: ['pending 1'], mutual: true },
    ]);
    expect(x.oosAnswered).toEqual([{ text: 'joke, my password is [password removed]', lang: 'en', article: 'withdrawal-fees', confidence: 0.5 }]);
    expect(x.handoffMissed).toEqual([{ text: 'human!', kind: 'smalltalk' }]);
  });

  it('advises on the articles with the most misses and the lowest confidence first', () => {
    expect(x.advice.map((a) => [a.id, a.cases, a.misses, +a.confidence.toFixed(2), a.examples])).toEqual([
      ['no-such-article', 1, 1, 0, undefined],
      ['password-reset', 1, 1, 0.2, undefined],
      ['withdrawal-pending', 2, 1, 0.5, undefined],
      ['withdrawal-fees', 2, 1, 0.6, 18],
      ['account-hacked', 1, 0, 0.3, undefined],
    ]);
    expect(x.advice[1].missed).toEqual([{ text: 'reset <b>it</b>', lang: 'en', got: '(clarify)' }]);
  });

  it('renders it escaped, without secrets', () => {
    const html = renderEvalReport({
      report: {
        cases: 10,
        accuracy: 0.43,
        top3: 0.5,
        answered: 0.6,
        oosRecall: 0.5,
        handoffRecall: 0,
        perLang: {},
        answeredWrong: 0.1,
        oosDeclined: 0.4,
        confusions: [],
      },
      outcomes,
      pack,
      answer: 0.35,
      examples: { 'withdrawal-fees': 18 },
    });
    expect(html).toContain('reset &lt;b&gt;it&lt;/b&gt;');
    expect(html).not.toContain('<b>it</b>');
    expect(html).not.toContain('Sup3rSecret');
    expect(html).toContain('withdrawal-pending</code> ⇄');
    expect(html).toContain('18 example question(s)');
    expect(html).not.toMatch(/<script/i);
  });
});

describe('the evaluation page of a real run', () => {
  const cases: EvalCase[] = [
    { text: 'fee to withdraw btc', expect: 'withdrawal-fees', lang: 'en' },
    { text: 'my withdrawal is stuck pending', expect: 'withdrawal-pending', lang: 'en' },
    { text: 'forgot my password', expect: 'password-reset', lang: 'en' },
    { text: '<script>alert(1)</script> how much is the withdrawal fee', expect: 'account-hacked', lang: 'en' },
    { text: 'cuánto cuesta retirar', expect: 'withdrawal-fees', lang: 'es' },
    { text: '提币手续费', expect: 'withdrawal-fees', lang: 'zh' },
    { text: 'tell me a joke', expect: null },
    { text: 'my password is Sup3rSecret, what is the withdrawal fee of my heart', expect: null },
    { text: '人工客服', expect: '@handoff' },
  ];

  it('shows the contract figures, a chart per language and category, and every miss', async () => {
    const pack = packOf(fixture('kb-mini'));
    const { report, outcomes } = await evaluate(pack, cases);
    const html = renderEvalReport({ report, outcomes, pack, source: 'kb-mini' });
    for (const v of [report.accuracy, report.top3, report.answered, report.oosRecall, report.handoffRecall])
      expect(html).toContain(`<div class="value">${pct(v)}</div>`);
    for (const lang of Object.keys(report.perLang)) expect(html).toContain(`>${lang}</text>`);
    for (const category of ['withdrawals', 'account', 'security']) expect(html).toContain(`>${category}</text>`);
    const misses = outcomes.filter((o) => !o.ok && o.case.expect !== '@handoff');
    expect(misses.length).toBeGreaterThan(0);
    for (const o of misses) expect(html).toContain(esc(o.case.text.replace('Sup3rSecret', '[password removed]')));
    expect(html).not.toContain('Sup3rSecret');
    expect(html).not.toContain('<script>alert');
  });

  it('is what `helpline eval --html` writes, with example counts from the folder', async () => {
    const file = join(tmp, 'cases.jsonl');
    const out = join(tmp, 'eval.html');
    writeFileSync(file, cases.map((c) => JSON.stringify(c)).join('\n'));
    const stdout = vi.spyOn(process.stdout, 'write');
    const stderr = vi.spyOn(process.stderr, 'write');
    try {
      expect(await main(['eval', '--kb', fixture('kb-mini'), '--cases', file, '--json', '--html', out])).toBe(0);
      expect(Object.keys(JSON.parse(String(stdout.mock.calls.at(-1)?.[0])))).toEqual(EVAL_JSON_KEYS);
      expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toContain(`wrote ${out}`);
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<title>Helpline evaluation<\/title>/);
    expect(html).toMatch(/\d+ example question\(s\) in all languages/);
  });
});

describe('explainChoice', () => {
  const thresholds = { answer: 0.35, clarify: 0.12, intent: 0.5, related: 0.3, asksForHuman: 0.4, human: 0.2 };
  const debug = (rule: string, candidates: [string, number][], searchTop?: string) => ({
    rule,
    thresholds,
    candidates: candidates.map(([label, p]) => ({ label, p })),
    searchTop,
  });

  it('says which rule decided, with the thresholds it used', () => {
    expect(
      explainChoice({
        kind: 'answer',
        article: { id: 'a' },
        debug: debug(
          'confident-article',
          [
            ['a', 0.8],
            ['b', 0.1],
          ],
          'a',
        ),
      }),
    ).toBe('Answered with a: its confidence 0.80 reached the answer threshold 0.35. Search ranked it first.');
    expect(explainChoice({ kind: 'answer', article: { id: 'a' }, debug: debug('confident-article', [['a', 0.5]], 'b') })).toMatch(/Search ranked b first/);
    expect(explainChoice({ kind: 'answer', article: { id: 'a' }, debug: debug('follow-up', [['a', 0.5]], 'a') })).toMatch(/^Answered with a as a follow-up/);
    expect(
      explainChoice({
        kind: 'clarify',
        suggestions: [{ id: 'a' }, { id: 'b' }],
        debug: debug('did-you-mean', [
          ['a', 0.3],
          ['b', 0.2],
        ]),
      }),
    ).toMatch(/best article, a \(0\.30\), is below the answer threshold 0\.35, so the bot offered 2 "did you mean"/);
    expect(
      explainChoice({
        kind: 'fallback',
        debug: debug('out-of-scope', [
          ['@out-of-scope', 0.7],
          ['a', 0.1],
        ]),
      }),
    ).toMatch(/^Declined: the out-of-scope intent won with 0\.70/);
    const led = debug('out-of-scope-leads', [
      ['@out-of-scope', 0.42],
      ['a', 0.28],
    ]);
    expect(explainChoice({ kind: 'fallback', debug: { ...led, thresholds: { clarify: 0.12, answer: 0.3 } } })).toMatch(
      /^Declined: out of scope \(0\.42\) is likelier than every article.*best a 0\.28/,
    );
    const tie = debug('near-tie', [
      ['a', 0.77],
      ['@out-of-scope', 0.1],
      ['b', 0.75],
    ]);
    expect(explainChoice({ kind: 'clarify', debug: { ...tie, thresholds: { tie: 0.97 } } })).toMatch(
      /^Asked which: a \(0\.77\) is sure, but b \(0\.75\) has at least 97% of its confidence/,
    );
    expect(explainChoice({ kind: 'fallback', debug: debug('nothing-close', [['a', 0.05]]) })).toMatch(
      /^No answer: the best article, a \(0\.05\), is below the clarify threshold 0\.12/,
    );
    expect(explainChoice({ kind: 'fallback', debug: debug('empty', []) })).toMatch(/^Nothing to match/);
    expect(explainChoice({ kind: 'answer', article: { id: 'phishing-scam' }, debug: debug('phishing-guard', [['b', 0.9]]) })).toMatch(
      /^Answered with phishing-scam, the article on scams and fake support, and warned/,
    );
    // A handoff is explained by the request, not by whichever candidate came first.
    expect(
      explainChoice({
        kind: 'handoff',
        debug: {
          ...debug('asks-for-human', [
            ['a', 0.9],
            ['@human', 0.3],
          ]),
          asksForHuman: 0.8,
        },
      }),
    ).toMatch(/^Handed to a human: the message asks for a person \("asks for a human" 0\.80 against 0\.40/);
    expect(explainChoice({ kind: 'smalltalk', intent: 'greeting', debug: debug('intent-reply', [['@greeting', 0.9]]) })).toMatch(
      /greeting intent's reply: it won with 0\.90/,
    );
  });

  it('runs on its own, as the preview page inlines it', () => {
    const inlined = new Function(`return (${explainChoice.toString()})`)() as typeof explainChoice;
    const r = { kind: 'clarify', suggestions: [{ id: 'x' }], debug: debug('did-you-mean', [['x', 0.2]]) };
    expect(inlined(r)).toBe(explainChoice(r));
  });
});
