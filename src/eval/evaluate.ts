import { createBot } from '../bot/create-bot.js';
import type { Pack } from '../pack/pack.js';
import type { Reply } from '../bot/reply.js';
import type { Settings } from '../pack/settings.js';

/** One evaluation case (DESIGN.md contract): an article id, null for out of scope, or "@handoff". */
export interface EvalCase {
  text: string;
  expect: string | null;
  lang?: string;
  /** other articles that also count as right (near-duplicates in a help center) */
  alt?: string[];
  /** earlier user messages, asked first in the same conversation (follow-up questions) */
  context?: string[];
}

/** A pair of articles that steal each other's questions. */
export interface Confusion {
  expected: string;
  got: string;
  count: number;
  examples: string[];
}

/** The evaluation report (DESIGN.md contract: exactly these keys). Shares are 0–1, null with no such cases. */
export interface EvalReport {
  cases: number;
  accuracy: number | null;
  top3: number | null;
  answered: number | null;
  oosRecall: number | null;
  handoffRecall: number | null;
  perLang: Record<string, number>;
  /** share of article cases answered directly with a wrong article */
  answeredWrong: number | null;
  /** share of out-of-scope cases that got the decline, not suggestions */
  oosDeclined: number | null;
  confusions: Confusion[];
}

/** A case with the reply it got, for reports that show details. */
export interface EvalOutcome {
  case: EvalCase;
  reply: Reply;
  ok: boolean;
}

/** Parses JSON Lines of evaluation cases; a bad line throws with its number. */
export function parseCases(text: string, file = 'cases'): EvalCase[] {
  const cases: EvalCase[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    let c: EvalCase;
    try {
      c = JSON.parse(line);
    } catch (e) {
      throw new Error(`${file}:${i + 1}: not valid JSON (${(e as Error).message})`);
    }
    if (!c || typeof c.text !== 'string') throw new Error(`${file}:${i + 1}: a case needs "text" (a string)`);
    if (c.expect !== null && typeof c.expect !== 'string') throw new Error(`${file}:${i + 1}: "expect" must be an article id, null or "@handoff"`);
    for (const key of ['alt', 'context'] as const) {
      const v = c[key];
      if (v !== undefined && !(Array.isArray(v) && v.every((x) => typeof x === 'string')))
        throw new Error(`${file}:${i + 1}: "${key}" must be a list of strings`);
    }
    cases.push(c);
  });
  return cases;
}

/** The expected article or one of its listed alternatives. */
const rightArticle = (c: EvalCase, id: string | undefined) => id !== undefined && (id === c.expect || (c.alt ?? []).includes(id));

const share = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

/** Asks every case in a fresh conversation and measures the answers. */
export async function evaluate(
  pack: Pack,
  cases: EvalCase[],
  options: { settings?: Partial<Settings>; onProgress?: (done: number) => void } = {},
): Promise<{ report: EvalReport; outcomes: EvalOutcome[] }> {
  const { settings, onProgress } = options;
  const outcomes: EvalOutcome[] = [];
  for (const [i, c] of cases.entries()) {
    const bot = createBot(pack, { lang: c.lang, settings });
    for (const earlier of c.context ?? []) await bot.ask(earlier);
    const reply = await bot.ask(c.text);
    const ok =
      c.expect === null ? reply.kind !== 'answer' : c.expect === '@handoff' ? !!reply.handoff : reply.kind === 'answer' && rightArticle(c, reply.article?.id);
    outcomes.push({ case: c, reply, ok });
    if (onProgress && (i + 1) % 100 === 0) onProgress(i + 1);
  }
  return { report: summarize(outcomes), outcomes };
}

/** The report of a set of outcomes. */
export function summarize(outcomes: EvalOutcome[]): EvalReport {
  const articleCases = outcomes.filter((o) => o.case.expect !== null && o.case.expect !== '@handoff');
  const oos = outcomes.filter((o) => o.case.expect === null);
  const handoff = outcomes.filter((o) => o.case.expect === '@handoff');
  const inTop3 = articleCases.filter(({ case: c, reply }) =>
    [reply.article?.id, ...(reply.suggestions ?? []).map((s) => s.id)].slice(0, 3).some((id) => rightArticle(c, id)),
  );
  const perLang: Record<string, number> = {};
  const byLang = new Map<string, EvalOutcome[]>();
  for (const o of articleCases) {
    const lang = o.case.lang ?? o.reply.lang;
    byLang.set(lang, [...(byLang.get(lang) ?? []), o]);
  }
  for (const [lang, os] of [...byLang].sort()) perLang[lang] = share(os.filter((o) => o.ok).length, os.length)!;

  const pairs = new Map<string, Confusion>();
  for (const o of articleCases) {
    if (o.ok) continue;
    const got = o.reply.kind === 'answer' ? o.reply.article!.id : `(${o.reply.kind})`;
    const key = `${o.case.expect}→${got}`;
    const c = pairs.get(key) ?? { expected: o.case.expect!, got, count: 0, examples: [] };
    c.count++;
    if (c.examples.length < 3) c.examples.push(o.case.text);
    pairs.set(key, c);
  }
  return {
    cases: outcomes.length,
    accuracy: share(articleCases.filter((o) => o.ok).length, articleCases.length),
    top3: share(inTop3.length, articleCases.length),
    answered: share(articleCases.filter((o) => o.reply.kind === 'answer').length, articleCases.length),
    oosRecall: share(oos.filter((o) => o.ok).length, oos.length),
    handoffRecall: share(handoff.filter((o) => o.ok).length, handoff.length),
    perLang,
    answeredWrong: share(articleCases.filter((o) => o.reply.kind === 'answer' && !o.ok).length, articleCases.length),
    oosDeclined: share(oos.filter((o) => o.reply.kind === 'fallback').length, oos.length),
    confusions: [...pairs.values()].sort((a, b) => b.count - a.count || (a.expected < b.expected ? -1 : 1)).slice(0, 10),
  };
}
