/**
 * `helpline report`: what users asked and how the bot did, from the analytics log (docs/analytics.md).
 * The numbers are computed by `analyzeEvents`; `renderEventsReport` draws them as one offline page.
 */
import type { Glossary } from '../text/index.js';
import { redactSecrets } from '../safety/redact.js';
import type { LogEvent } from './events-log.js';
import { groupQuestions, type QuestionGroup } from './cluster.js';
import { esc, figure, page, pct, quotes, table } from './html.js';
import { barChart, columnChart, COLOURS } from './svg.js';

/** Questions and outcomes in one language. */
export interface LangStats {
  lang: string;
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  handoffs: number;
  up: number;
  down: number;
  /** satisfaction survey answers in this language, and how many were 4 or 5 */
  surveys: number;
  satisfied: number;
}

/** One article: how often it answered, what users thought of it, how often its conversations went to a human. */
export interface TopicStats {
  id: string;
  title: string;
  category: string;
  answers: number;
  up: number;
  down: number;
  handoffs: number;
  /** comments left with a 👎, redacted */
  comments: string[];
  /** survey answers after conversations about this article, and how many were 4 or 5 */
  surveys: number;
  satisfied: number;
}

/** The satisfaction survey asked after a conversation with an agent ends (`csat` events, scores 1–5). */
export interface Survey {
  answers: number;
  /** mean score, 1–5 */
  average: number | null;
  /** how many answered 1, 2, 3, 4, 5 */
  distribution: [number, number, number, number, number];
  /** comments left with a score, redacted, newest last */
  comments: { score: number; text: string; lang: string; topic?: string }[];
}

/** The analytics of a log. Shares are 0–1, null when there is nothing to divide by. */
export interface Analytics {
  events: number;
  /** first and last day (UTC, YYYY-MM-DD) */
  from?: string;
  to?: string;
  /** answer + clarify + unanswered events: each is one user question the bot tried to answer */
  questions: number;
  answered: number;
  clarified: number;
  unanswered: number;
  perDay: { day: string; answered: number; clarified: number; unanswered: number }[];
  /** sessions with at least one question or handoff */
  conversations: number;
  /** conversations with an answer and no handoff */
  deflected: number;
  deflection: number | null;
  /** distinct handoffs (by handoff id, so a page and a server logging the same one count once) */
  handoffs: number;
  /** conversations with a handoff, of all conversations */
  handoffRate: number | null;
  handoffReasons: { reason: string; count: number }[];
  up: number;
  down: number;
  /** answer helpfulness: 👍 of all 👍 and 👎 (about articles, not satisfaction) */
  helpfulness: number | null;
  /** CSAT: the share of survey answers that are 4 or 5 (null without survey answers) */
  csat: number | null;
  survey: Survey;
  perLang: LangStats[];
  perTopic: TopicStats[];
  /** unanswered questions grouped by similarity, biggest group first; texts redacted */
  unansweredGroups: QuestionGroup[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const clean = (text: string) => redactSecrets(text).text;
/** Every string from the log that may reach the page passes here: it was redacted at the source, but check again. */
const text = (v: unknown): string | undefined => {
  const s = str(v);
  return s === undefined ? undefined : clean(s);
};
const share = (n: number, d: number) => (d ? Math.round((n / d) * 10000) / 10000 : null);

/** Computes the report's numbers. `titles` (article id → title and category) fills in what slim logs leave out. */
export function analyzeEvents(events: LogEvent[], options: { glossary?: Glossary; titles?: Map<string, { title: string; category: string }> } = {}): Analytics {
  const days = new Map<string, { answered: number; clarified: number; unanswered: number }>();
  const sessions = new Map<string, { answered: boolean; handedOff: boolean }>();
  const langs = new Map<string, LangStats>();
  const topics = new Map<string, TopicStats>();
  const reasons = new Map<string, number>();
  const handoffIds = new Set<string>();
  const unanswered: { text: string; lang: string }[] = [];
  let up = 0;
  let down = 0;
  const verdicts = new Set<string>();
  const survey: Survey = { answers: 0, average: null, distribution: [0, 0, 0, 0, 0], comments: [] };
  let scoreSum = 0;

  const lang = (l: unknown) => {
    const name = text(l) ?? '?';
    let s = langs.get(name);
    if (!s)
      langs.set(name, (s = { lang: name, questions: 0, answered: 0, clarified: 0, unanswered: 0, handoffs: 0, up: 0, down: 0, surveys: 0, satisfied: 0 }));
    return s;
  };
  const topic = (id: string, article: Record<string, unknown> = {}) => {
    let t = topics.get(id);
    const known = options.titles?.get(id);
    if (!t)
      topics.set(
        id,
        (t = {
          id,
          title: text(article.title) ?? text(known?.title) ?? id,
          category: text(article.category) ?? text(known?.category) ?? '?',
          answers: 0,
          up: 0,
          down: 0,
          handoffs: 0,
          comments: [],
          surveys: 0,
          satisfied: 0,
        }),
      );
    return t;
  };
  const session = (id: string) => {
    let s = sessions.get(id);
    if (!s) sessions.set(id, (s = { answered: false, handedOff: false }));
    return s;
  };

  for (const e of events) {
    const d = e.data;
    const reply = obj(d.reply);
    if (e.type === 'answer' || e.type === 'clarify' || e.type === 'unanswered') {
      const day = e.at.slice(0, 10);
      const counts = days.get(day) ?? { answered: 0, clarified: 0, unanswered: 0 };
      days.set(day, counts);
      const s = session(e.session);
      const l = lang(e.type === 'unanswered' ? (d.lang ?? reply.lang) : reply.lang);
      l.questions++;
      if (e.type === 'answer') {
        counts.answered++;
        l.answered++;
        s.answered = true;
        const article = obj(reply.article);
        const id = text(article.id);
        if (id) topic(id, article).answers++;
      } else if (e.type === 'clarify') {
        counts.clarified++;
        l.clarified++;
      } else {
        counts.unanswered++;
        l.unanswered++;
        const question = text(d.question);
        if (question) unanswered.push({ text: question, lang: l.lang });
      }
    } else if (e.type === 'handoff') {
      const id = str(d.id) ?? `${e.session}@${e.at}`;
      if (handoffIds.has(id)) continue;
      handoffIds.add(id);
      session(e.session).handedOff = true;
      const reason = text(d.reason) ?? 'unknown';
      reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
      lang(d.lang).handoffs++;
      const about = text(d.topic);
      if (about) topic(about).handoffs++;
    } else if (e.type === 'feedback' && typeof d.helpful === 'boolean') {
      const l = lang(d.lang);
      const id = text(d.article);
      const t = id ? topic(id) : undefined;
      // The widget sends a 👎 at once and again with the comment the user adds: one verdict, one comment.
      const verdict = `${e.session}|${id}|${d.helpful}`;
      const again = verdicts.has(verdict);
      verdicts.add(verdict);
      if (again) {
        const comment = d.helpful ? undefined : text(d.comment);
        if (t && comment) t.comments.push(comment);
      } else if (d.helpful) {
        up++;
        l.up++;
        if (t) t.up++;
      } else {
        down++;
        l.down++;
        if (t) t.down++;
        const comment = text(d.comment);
        if (t && comment) t.comments.push(comment);
      }
    } else if (e.type === 'csat' && Number.isInteger(d.score) && (d.score as number) >= 1 && (d.score as number) <= 5) {
      const score = d.score as number;
      const happy = score >= 4 ? 1 : 0;
      survey.answers++;
      survey.distribution[score - 1]++;
      scoreSum += score;
      const l = lang(d.lang);
      l.surveys++;
      l.satisfied += happy;
      const about = text(d.topic);
      if (about) {
        const t = topic(about);
        t.surveys++;
        t.satisfied += happy;
      }
      const comment = text(d.comment);
      if (comment) survey.comments.push({ score, text: comment, lang: l.lang, ...(about ? { topic: about } : {}) });
    }
  }
  survey.average = survey.answers ? Math.round((scoreSum / survey.answers) * 100) / 100 : null;

  const conversations = sessions.size;
  const deflected = [...sessions.values()].filter((s) => s.answered && !s.handedOff).length;
  const dayList = [...days.keys()].sort();
  return {
    events: events.length,
    from: dayList[0],
    to: dayList[dayList.length - 1],
    questions: [...days.values()].reduce((n, c) => n + c.answered + c.clarified + c.unanswered, 0),
    answered: [...days.values()].reduce((n, c) => n + c.answered, 0),
    clarified: [...days.values()].reduce((n, c) => n + c.clarified, 0),
    unanswered: [...days.values()].reduce((n, c) => n + c.unanswered, 0),
    perDay: everyDay(dayList[0], dayList[dayList.length - 1]).map((day) => ({ day, ...(days.get(day) ?? { answered: 0, clarified: 0, unanswered: 0 }) })),
    conversations,
    deflected,
    deflection: share(deflected, conversations),
    handoffs: handoffIds.size,
    handoffRate: share([...sessions.values()].filter((s) => s.handedOff).length, conversations),
    handoffReasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1)),
    up,
    down,
    helpfulness: share(up, up + down),
    csat: share(survey.distribution[3] + survey.distribution[4], survey.answers),
    survey,
    perLang: [...langs.values()].sort((a, b) => b.questions - a.questions || (a.lang < b.lang ? -1 : 1)),
    perTopic: [...topics.values()].sort((a, b) => b.answers - a.answers || b.handoffs - a.handoffs || (a.id < b.id ? -1 : 1)),
    // "[card removed]" says nothing about what was asked: questions must not group by their redactions.
    unansweredGroups: groupQuestions(unanswered, { glossary: options.glossary, ignore: /\[[a-z-]+ removed\]/g }),
  };
}

/** Every day from `from` to `to`, so quiet days show as gaps, not as nothing; at most a year and a half. */
function everyDay(from?: string, to?: string): string[] {
  if (!from || !to) return [];
  const out: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to) && out.length < 550; t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The analytics page. `skipped` lines of the log are reported so a broken writer is noticed. */
export function renderEventsReport(a: Analytics, options: { source?: string; skipped?: number; generatedAt?: Date } = {}): string {
  const code = (s: string) => `<code>${esc(s)}</code>`;
  const ratio = (n: number, of: number) => (of ? `${pct(n / of, 0)} (${n} of ${of})` : '—');
  const categories = new Map<string, number>();
  for (const t of a.perTopic) categories.set(t.category, (categories.get(t.category) ?? 0) + t.answers);
  const disliked = a.perTopic.filter((t) => t.down > 0).sort((x, y) => y.down - x.down || x.up - y.up);
  const groups = a.unansweredGroups.filter((g) => g.members.length > 1 || g.size > 1);
  const single = a.unansweredGroups.filter((g) => g.members.length === 1 && g.size === 1);

  const body = [
    `<h1>Helpline analytics</h1>`,
    `<p class="sub">${esc(options.source ?? '')} · ${a.from ? `${esc(a.from)} to ${esc(a.to)}` : 'no questions'} · ${a.events} events` +
      (options.skipped ? ` · <span class="bad">${options.skipped} line(s) of the log skipped (not valid events)</span>` : '') +
      `</p>`,
    `<div class="figures">`,
    figure(String(a.questions), 'questions', `${a.answered} answered, ${a.clarified} "did you mean", ${a.unanswered} unanswered`),
    figure(String(a.conversations), 'conversations'),
    figure(pct(a.deflection), 'deflection', 'conversations answered without a human'),
    figure(pct(a.handoffRate), 'handoff rate', `${a.handoffs} handoff(s)`),
    figure(
      a.csat === null ? '—' : pct(a.csat, 0),
      'satisfaction (CSAT)',
      a.survey.answers ? `4 or 5 of 5 in ${a.survey.answers} survey answer(s), average ${a.survey.average!.toFixed(2)}` : 'no survey answers yet',
    ),
    figure(a.helpfulness === null ? '—' : pct(a.helpfulness, 0), 'answer helpfulness', `${a.up} helpful, ${a.down} not helpful`),
    figure(pct(a.questions ? a.unanswered / a.questions : null), 'unanswered', 'questions with no article'),
    `</div>`,

    `<h2>Questions per day</h2>`,
    `<div class="chart">${columnChart(
      a.perDay.map((d) => ({ label: d.day.slice(5), values: [d.answered, d.clarified, d.unanswered] })),
      {
        title: 'Questions per day',
        series: [
          { name: 'answered', colour: COLOURS.ok },
          { name: 'did you mean', colour: COLOURS.warn },
          { name: 'unanswered', colour: COLOURS.bad },
        ],
      },
    )}</div>`,

    `<div class="charts">`,
    `<div class="chart"><h3>Handoff reasons</h3>${barChart(
      a.handoffReasons.map((r) => ({ label: r.reason, value: r.count })),
      { title: 'Handoff reasons' },
    )}</div>`,
    `<div class="chart"><h3>Questions per language</h3>${barChart(
      a.perLang.map((l) => ({ label: l.lang, value: l.questions, text: `${l.questions} · ${pct(l.questions ? l.answered / l.questions : null, 0)} answered` })),
      { title: 'Questions per language' },
    )}</div>`,
    `<div class="chart"><h3>Survey scores</h3>${barChart(
      a.survey.distribution.map((value, i) => ({ label: `${i + 1} of 5`, value })),
      { title: 'Survey scores' },
    )}</div>`,
    `<div class="chart"><h3>Answers per category</h3>${barChart(
      [...categories].sort((x, y) => y[1] - x[1]).map(([label, value]) => ({ label, value })),
      { title: 'Answers per category' },
    )}</div>`,
    `</div>`,

    `<h2>Unanswered questions, grouped</h2>`,
    `<p class="muted">Questions the bot had no article for, grouped by the words they share. A big group is an article to write (or example questions to add to an existing one).</p>`,
    groups.length
      ? groups
          .slice(0, 30)
          .map(
            (g) =>
              `<div class="advice"><p><strong>${g.size} question(s)</strong> <span class="muted">(${esc(g.langs.join(', '))})</span></p>` +
              quotes(
                g.members.slice(0, 8).map((m) => m.text),
                g.members.slice(0, 8).map((m) => (m.count > 1 ? ` <span class="muted">×${m.count}</span>` : '')),
              ) +
              (g.members.length > 8 ? `<p class="muted">and ${g.members.length - 8} more</p>` : '') +
              `</div>`,
          )
          .join('\n')
      : `<p class="empty">No repeated unanswered questions.</p>`,
    single.length
      ? `<h3>Asked once</h3>${quotes(single.slice(0, 50).map((g) => g.members[0].text))}${single.length > 50 ? `<p class="muted">and ${single.length - 50} more</p>` : ''}`
      : '',

    `<h2>Per language</h2>`,
    table(
      ['language', 'questions', 'answered', 'did you mean', 'unanswered', 'handoffs', 'CSAT', 'helpful'],
      a.perLang.map((l) => [
        esc(l.lang),
        String(l.questions),
        pct(l.questions ? l.answered / l.questions : null, 0),
        String(l.clarified),
        String(l.unanswered),
        String(l.handoffs),
        ratio(l.satisfied, l.surveys),
        ratio(l.up, l.up + l.down),
      ]),
    ),

    `<h2>Per topic</h2>`,
    table(
      ['article', 'category', 'answers', 'helpful', 'handoffs', 'CSAT'],
      a.perTopic.map((t) => [
        `${esc(t.title)}<br>${code(t.id)}`,
        esc(t.category),
        String(t.answers),
        ratio(t.up, t.up + t.down),
        String(t.handoffs),
        ratio(t.satisfied, t.surveys),
      ]),
    ),

    `<h2>Survey comments</h2>`,
    a.survey.comments.length
      ? quotes(
          a.survey.comments.slice(-50).map((c) => c.text),
          a.survey.comments.slice(-50).map((c) => ` <span class="muted">${c.score} of 5 · ${esc(c.lang)}${c.topic ? ` · ${esc(c.topic)}` : ''}</span>`),
        )
      : `<p class="empty">No comments yet.</p>`,

    `<h2>Answers users found unhelpful</h2>`,
    table(
      ['article', 'not helpful', 'helpful', 'comments'],
      disliked.map((t) => [`${esc(t.title)}<br>${code(t.id)}`, String(t.down), String(t.up), quotes(t.comments.slice(0, 5))]),
    ),
  ].join('\n');

  return page('Helpline analytics', body, `generated by helpline report on ${(options.generatedAt ?? new Date()).toISOString()}`);
}

/**
 * The articles a report (`helpline report --json`) found asked about, the most asked first: what
 * `helpline build --topics` offers on the first screen. Throws, naming `file`, for anything else.
 */
export function mostAsked(text: string, file: string): string[] {
  let report: { perTopic?: unknown };
  try {
    report = JSON.parse(text);
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}): give the output of \`helpline report <events.jsonl> --json\``);
  }
  const topics = report?.perTopic;
  if (!Array.isArray(topics) || !topics.every((t) => t && typeof t.id === 'string' && typeof t.answers === 'number'))
    throw new Error(`${file}: not a report of \`helpline report --json\` (it needs a perTopic list of {id, answers})`);
  return (topics as TopicStats[])
    .filter((t) => t.answers > 0)
    .sort((a, b) => b.answers - a.answers)
    .map((t) => t.id);
}
