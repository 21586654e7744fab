/**
 * The report pages' commands: `helpline report <events.jsonl> [-o report.html] [--kb <dir|pack>] [--json]`
 * (analytics) and the writer behind `helpline eval --html`.
 */
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { UsageError, type Args } from './args.js';
import { loadKnowledge, readKnowledge, type EvalOutcome, type EvalReport, type Pack } from '../node/index.js';
import { Glossary } from '../text/index.js';
import { parseEventLog } from '../report/events-log.js';
import { analyzeEvents, renderEventsReport } from '../report/events-report.js';
import { renderEvalReport } from '../report/eval-report.js';
import { pct } from '../report/html.js';

/** Writes the evaluation page; with a knowledge folder (not a pack) it also counts each article's example questions. */
export function writeEvalReport(
  out: string,
  run: { report: EvalReport; outcomes: EvalOutcome[]; pack: Pack; kb: string; cases: string; answer?: number },
): void {
  let examples: Record<string, number> | undefined;
  if (statSync(run.kb).isDirectory()) {
    examples = {};
    for (const a of readKnowledge(run.kb).articles) examples[a.id] = (examples[a.id] ?? 0) + a.questions.length;
  }
  writeFileSync(out, renderEvalReport({ ...run, source: `${run.kb} · ${run.cases}`, examples }));
  process.stderr.write(`wrote ${out}\n`);
}

/** Runs the command; resolves to the exit code. */
export async function report(args: Args): Promise<number> {
  const file = args._[0];
  if (!file) throw new UsageError('missing the events log: helpline report <events.jsonl> [-o report.html]');
  const out = typeof args.o === 'string' ? args.o : typeof args.out === 'string' ? args.out : 'report.html';
  const { events, skipped } = parseEventLog(readFileSync(file, 'utf8'));
  for (const s of skipped.slice(0, 5)) process.stderr.write(`${file}:${s.line}: skipped: ${s.reason}\n`);
  if (skipped.length > 5) process.stderr.write(`… and ${skipped.length - 5} more skipped line(s)\n`);

  // A knowledge base gives the clustering its glossary (提币 = withdraw) and names the articles a slim log only ids.
  const pack = typeof args.kb === 'string' ? loadKnowledge(args.kb) : undefined;
  const titles = new Map<string, { title: string; category: string }>();
  for (const a of pack?.data.articles ?? [])
    if (!titles.has(a.id) || a.lang === pack!.data.defaultLang) titles.set(a.id, { title: a.title, category: a.category });
  const analytics = analyzeEvents(events, { glossary: pack && new Glossary(pack.data.glossary), titles });

  if (args.json) {
    process.stdout.write(JSON.stringify(analytics) + '\n');
    return 0;
  }
  writeFileSync(out, renderEventsReport(analytics, { source: file, skipped: skipped.length }));
  process.stdout.write(
    `wrote ${out}: ${analytics.questions} questions in ${analytics.conversations} conversations` +
      (analytics.from ? ` (${analytics.from} to ${analytics.to})` : '') +
      `; deflection ${pct(analytics.deflection)}, handoff rate ${pct(analytics.handoffRate)}, CSAT ${pct(analytics.csat)} (${analytics.survey.answers} survey answer(s)), answer helpfulness ${pct(analytics.helpfulness)}; ` +
      `${analytics.unanswered} unanswered in ${analytics.unansweredGroups.length} group(s)\n`,
  );
  return 0;
}
