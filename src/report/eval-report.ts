/**
 * `helpline eval --html`: the evaluation as a page an editor reads — charts per language and category,
 * which articles steal each other's questions, out-of-scope questions answered by mistake, and which
 * articles need more example questions.
 */
import type { EvalOutcome, EvalReport } from '../eval/evaluate.js';
import type { Pack } from '../pack/pack.js';
import { settingsOf } from '../pack/settings.js';
import { redactSecrets } from '../safety/redact.js';
import { esc, figure, page, pct, quotes, table } from './html.js';
import { barChart, COLOURS, type Bar } from './svg.js';

/** Cases and correct answers of one group (a language, a category). */
export interface Tally {
  name: string;
  cases: number;
  correct: number;
}

/** Article `expected` lost `count` questions to article `got`. */
export interface Steal {
  expected: string;
  got: string;
  count: number;
  questions: string[];
  /** `got` also loses questions to `expected` */
  mutual: boolean;
}

/** An article whose questions the bot misses or answers unsurely. */
export interface ArticleAdvice {
  id: string;
  title: string;
  cases: number;
  misses: number;
  /** mean probability the bot gave this article on its own cases */
  confidence: number;
  /** example questions in the knowledge folder, when known */
  examples?: number;
  missed: { text: string; lang: string; got: string }[];
}

/** What the page shows, computed from the outcomes; texts already redacted. */
export interface EvalInsights {
  perLang: Tally[];
  perCategory: Tally[];
  steals: Steal[];
  oosAnswered: { text: string; lang: string; article: string; confidence: number }[];
  handoffMissed: { text: string; kind: string }[];
  advice: ArticleAdvice[];
  /** expected ids that no article of the pack has (a typo in the cases, or a deleted article) */
  unknownIds: string[];
}

const clean = (text: string) => redactSecrets(text).text;
const isArticleCase = (o: EvalOutcome) => o.case.expect !== null && o.case.expect !== '@handoff';
const gotOf = (o: EvalOutcome) => (o.reply.kind === 'answer' && o.reply.article ? o.reply.article.id : `(${o.reply.kind})`);

/** Computes the page's tables from evaluation outcomes. `answer` is the threshold below which confidence is low. */
export function evalInsights(outcomes: EvalOutcome[], pack: Pack, options: { answer?: number; examples?: Record<string, number> } = {}): EvalInsights {
  const answer = settingsOf(pack.data.settings, { answer: options.answer }).answer;
  const info = new Map<string, { title: string; category: string }>();
  for (const a of pack.data.articles) if (!info.has(a.id) || a.lang === pack.data.defaultLang) info.set(a.id, { title: a.title, category: a.category });
  const articleCases = outcomes.filter(isArticleCase);

  const tally = (key: (o: EvalOutcome) => string): Tally[] => {
    const m = new Map<string, Tally>();
    for (const o of articleCases) {
      const name = key(o);
      const t = m.get(name) ?? { name, cases: 0, correct: 0 };
      t.cases++;
      if (o.ok) t.correct++;
      m.set(name, t);
    }
    return [...m.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  };

  const pairs = new Map<string, Steal>();
  for (const o of articleCases) {
    const got = gotOf(o);
    if (o.ok || got.startsWith('(')) continue;
    const key = `${o.case.expect}\u0000${got}`;
    const s = pairs.get(key) ?? { expected: o.case.expect!, got, count: 0, questions: [], mutual: false };
    s.count++;
    s.questions.push(clean(o.case.text));
    pairs.set(key, s);
  }
  for (const s of pairs.values()) s.mutual = pairs.has(`${s.got}\u0000${s.expected}`);

  const byArticle = new Map<string, EvalOutcome[]>();
  for (const o of articleCases) byArticle.set(o.case.expect!, [...(byArticle.get(o.case.expect!) ?? []), o]);
  const advice: ArticleAdvice[] = [];
  for (const [id, os] of byArticle) {
    const confidence = os.reduce((s, o) => s + (o.reply.debug?.candidates.find((c) => c.label === id)?.p ?? 0), 0) / os.length;
    const missed = os.filter((o) => !o.ok).map((o) => ({ text: clean(o.case.text), lang: o.case.lang ?? o.reply.lang, got: gotOf(o) }));
    if (!missed.length && confidence >= answer) continue;
    advice.push({ id, title: info.get(id)?.title ?? id, cases: os.length, misses: missed.length, confidence, examples: options.examples?.[id], missed });
  }
  advice.sort((a, b) => b.misses - a.misses || a.confidence - b.confidence || (a.id < b.id ? -1 : 1));

  return {
    perLang: tally((o) => o.case.lang ?? o.reply.lang),
    perCategory: tally((o) => info.get(o.case.expect!)?.category ?? '(not in pack)'),
    steals: [...pairs.values()].sort((a, b) => b.count - a.count || (a.expected < b.expected ? -1 : 1)),
    oosAnswered: outcomes
      .filter((o) => o.case.expect === null && !o.ok)
      .map((o) => ({ text: clean(o.case.text), lang: o.reply.lang, article: gotOf(o), confidence: o.reply.confidence })),
    handoffMissed: outcomes.filter((o) => o.case.expect === '@handoff' && !o.ok).map((o) => ({ text: clean(o.case.text), kind: o.reply.kind })),
    advice,
    unknownIds: [...byArticle.keys()].filter((id) => !info.has(id)).sort(),
  };
}

const tallyBars = (ts: Tally[]): Bar[] =>
  ts.map((t) => {
    const share = t.correct / t.cases;
    return { label: t.name, value: share, text: `${pct(share)} of ${t.cases}`, colour: share >= 0.85 ? COLOURS.ok : share >= 0.6 ? COLOURS.warn : COLOURS.bad };
  });

/** The whole evaluation page. `source` names the knowledge and cases for the subtitle. */
export function renderEvalReport(input: {
  report: EvalReport;
  outcomes: EvalOutcome[];
  pack: Pack;
  source?: string;
  answer?: number;
  examples?: Record<string, number>;
  generatedAt?: Date;
}): string {
  const { report: r, outcomes, pack } = input;
  const x = evalInsights(outcomes, pack, { answer: input.answer, examples: input.examples });
  const code = (s: string) => `<code>${esc(s)}</code>`;
  const oosCases = outcomes.filter((o) => o.case.expect === null).length;
  const handoffCases = outcomes.filter((o) => o.case.expect === '@handoff').length;
  const articleCases = outcomes.filter(isArticleCase).length;

  const body = [
    `<h1>Helpline evaluation</h1>`,
    `<p class="sub">${esc(input.source ?? '')} · ${r.cases} cases · pack ${esc(pack.hash.slice(0, 12))}</p>`,
    `<div class="figures">`,
    figure(pct(r.accuracy), 'accuracy', `answered with the expected article, of ${articleCases}`),
    figure(pct(r.top3), 'top-3', 'expected article among the answer and suggestions'),
    figure(pct(r.answered), 'answered directly', 'the rest got "did you mean" or a fallback'),
    figure(pct(r.oosRecall), 'out of scope declined', `of ${oosCases} questions the bot must not answer`),
    figure(pct(r.handoffRecall), 'handoff requests', `handed to a human, of ${handoffCases}`),
    `</div>`,
    `<div class="charts">`,
    `<div class="chart"><h3>Accuracy per language</h3>${barChart(tallyBars(x.perLang), { title: 'Accuracy per language', max: 1 })}</div>`,
    `<div class="chart"><h3>Accuracy per category</h3>${barChart(tallyBars(x.perCategory), { title: 'Accuracy per category', max: 1 })}</div>`,
    `</div>`,

    `<h2>Articles that need more example questions</h2>`,
    x.advice.length
      ? `<p class="muted">Articles whose questions the bot missed, or answered with a confidence below the answer threshold (${settingsOf(pack.data.settings, { answer: input.answer }).answer.toFixed(2)}). ` +
        `Add the missed questions, in their own words and language, to the article's <code>questions:</code>.</p>` +
        x.advice
          .slice(0, 12)
          .map(
            (a) =>
              `<div class="advice"><p><strong>${esc(a.title)}</strong> ${code(a.id)} — missed ${a.misses} of ${a.cases}, mean confidence ${a.confidence.toFixed(2)}` +
              (a.examples !== undefined ? `, ${a.examples} example question(s) in all languages today` : '') +
              `${a.missed.length ? `; add questions like these (${esc([...new Set(a.missed.map((m) => m.lang))].join(', '))}):` : '; its questions are answered, but unsurely: add more varied phrasings.'}</p>` +
              quotes(
                a.missed.slice(0, 6).map((m) => m.text),
                a.missed.slice(0, 6).map((m) => ` → ${code(m.got)}`),
              ) +
              `</div>`,
          )
          .join('\n')
      : `<p class="empty">Every article answers its questions confidently.</p>`,

    `<h2>Confusions: articles that steal each other's questions</h2>`,
    `<p class="muted">A question meant for the first article was answered with the second. Pairs marked ⇄ steal in both directions: their example questions overlap; make each article's questions name what sets it apart.</p>`,
    table(
      ['expected', 'answered with', 'cases', 'questions'],
      x.steals.map((s) => [code(s.expected), `${code(s.got)}${s.mutual ? ' ⇄' : ''}`, String(s.count), quotes(s.questions.slice(0, 8))]),
    ),

    `<h2>Out-of-scope questions answered by mistake</h2>`,
    `<p class="muted">The bot should have declined these. Add them (or their kind) to <code>out-of-scope</code> in intents.yml, or make the article's questions more specific.</p>`,
    table(
      ['question', 'answered with', 'confidence', 'language'],
      x.oosAnswered.map((o) => [esc(o.text), code(o.article), o.confidence.toFixed(2), esc(o.lang)]),
    ),

    `<h2>Requests for a human that were not handed off</h2>`,
    table(
      ['question', 'the bot replied with'],
      x.handoffMissed.map((o) => [esc(o.text), esc(o.kind)]),
    ),

    x.unknownIds.length
      ? `<h2>Expected articles that are not in the pack</h2><p class="bad">${x.unknownIds.map(code).join(' ')} — a typo in the cases, or a deleted article.</p>`
      : '',
  ].join('\n');

  return page('Helpline evaluation', body, `generated by helpline eval on ${(input.generatedAt ?? new Date()).toISOString()}`);
}
