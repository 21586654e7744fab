import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parseArgs, UsageError, type Args } from './args.js';
import { buildPack, lintKnowledge, loadKnowledge, formatProblem, KnowledgeError } from '../node/index.js';
import { createBot } from '../bot/create-bot.js';
import { evaluate, parseCases, type EvalReport } from '../eval/evaluate.js';
import { PackError } from '../knowledge/pack.js';
import { redactSecrets } from '../safety/redact.js';
import type { Settings } from '../bot/settings.js';
import { report as analytics, writeEvalReport } from './report.js';
import { serve } from './serve.js';
import { pct } from '../report/html.js';

const USAGE = `helpline — a support bot for crypto exchanges

  helpline build <dir> [-o pack.json] [--default-lang en]   compile a knowledge folder into a pack
  helpline ask --kb <dir|pack> [--lang xx] [--json] "question"
  helpline eval --kb <dir|pack> --cases <file.jsonl> [--json] [--answer 0.3] [--clarify 0.12] [--html report.html]
  helpline lint <dir>                                        every problem, with file and line
  helpline serve <dir> [--port 5174]                         preview the bot on 127.0.0.1, rebuilt on every change
  helpline report <events.jsonl> [-o report.html] [--kb <dir|pack>] [--json]   analytics of the bot's event log
`;

type Command = (args: Args) => Promise<number>;

const commands: Record<string, { run: Command; switches?: string[] }> = {
  build: { run: build },
  ask: { run: ask, switches: ['json'] },
  eval: { run: runEval, switches: ['json'] },
  lint: { run: lint },
  serve: { run: serve },
  report: { run: analytics, switches: ['json'] },
};

/** Runs the `helpline` command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(USAGE);
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`helpline: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await command.run(parseArgs(rest, command.switches));
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(`helpline ${name}: ${e.message}\n\n${USAGE}`);
    else if (e instanceof KnowledgeError) process.stderr.write(e.problems.map(formatProblem).join('\n') + `\nhelpline ${name}: the knowledge folder has errors; nothing was written\n`);
    else if (e instanceof PackError) process.stderr.write(`helpline ${name}: ${e.message}\n`);
    else process.stderr.write(`helpline ${name}: ${(e as Error).message ?? e}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}

function need(args: Args, key: string, what: string): string {
  const v = key === '_' ? args._[0] : args[key];
  if (typeof v !== 'string' || !v) throw new UsageError(`missing ${what}`);
  return v;
}

const kb = (s: number) => (s < 1024 * 1024 ? `${(s / 1024).toFixed(1)} KB` : `${(s / 1024 / 1024).toFixed(2)} MB`);

async function build(args: Args): Promise<number> {
  const dir = need(args, '_', 'the knowledge folder: helpline build <dir>');
  const out = typeof args.o === 'string' ? args.o : typeof args.out === 'string' ? args.out : 'pack.json';
  const started = performance.now();
  const tty = process.stderr.isTTY;
  const { pack, bytes, read } = buildPack(dir, out, {
    defaultLang: typeof args['default-lang'] === 'string' ? args['default-lang'] : undefined,
    onProgress: (step) => process.stderr.write(tty ? `\r\x1b[K… ${step}` : `… ${step}\n`),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  for (const p of read.problems) process.stderr.write(formatProblem(p) + '\n');
  const gz = gzipSync(readFileSync(out)).length;
  const d = pack.data;
  process.stdout.write(
    `built ${out}: ${d.articles.length} articles in ${d.languages.length} language(s) (${d.languages.join(', ')}), ` +
      `${kb(bytes)} (${kb(gz)} gzip) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

async function ask(args: Args): Promise<number> {
  const source = need(args, 'kb', '--kb <dir or pack.json>');
  const question = args._.join(' ');
  if (!question.trim()) throw new UsageError('missing the question: helpline ask --kb <dir> "how do I withdraw?"');
  const bot = createBot(loadKnowledge(source), { lang: typeof args.lang === 'string' ? args.lang : undefined, settings: thresholds(args) });
  const reply = await bot.ask(question);
  if (args.json) {
    process.stdout.write(JSON.stringify(reply, null, 2) + '\n');
    return 0;
  }
  const head = `${reply.kind} (${reply.lang}, confidence ${reply.confidence.toFixed(2)})`;
  for (const n of reply.notices) process.stdout.write(`! ${n}\n`);
  if (reply.kind === 'answer') process.stdout.write(`${head}: ${reply.article!.title} [${reply.article!.id}]\n\n${reply.text}\n`);
  else process.stdout.write(`${head}: ${reply.text}\n`);
  for (const s of reply.suggestions ?? []) process.stdout.write(`  - ${s.title} [${s.id}]\n`);
  if (reply.handoff) process.stdout.write(`→ handed off to a human: ${reply.handoff.reason}, priority ${reply.handoff.priority}, team ${reply.handoff.team}\n`);
  return 0;
}

async function runEval(args: Args): Promise<number> {
  const source = need(args, 'kb', '--kb <dir or pack.json>');
  const file = need(args, 'cases', '--cases <file.jsonl>');
  const cases = parseCases(readFileSync(file, 'utf8'), file);
  const pack = loadKnowledge(source);
  const tty = process.stderr.isTTY && !args.json;
  const { report, outcomes } = await evaluate(pack, cases, {
    settings: thresholds(args),
    onProgress: (n) => tty && process.stderr.write(`\r… ${n}/${cases.length} cases`),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  process.stdout.write(args.json ? JSON.stringify(report) + '\n' : formatReport(report));
  if (typeof args.html === 'string') writeEvalReport(args.html, { report, outcomes, pack, kb: source, cases: file, answer: thresholds(args).answer });
  return 0;
}

/** `--answer 0.5 --clarify 0.2`: try thresholds without rebuilding the pack. */
function thresholds(args: Args): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of ['answer', 'clarify', 'intent', 'human', 'search'] as const) {
    if (args[key] === undefined) continue;
    const v = Number(args[key]);
    if (!(v >= 0 && v <= 1)) throw new UsageError(`--${key} must be a number from 0 to 1`);
    out[key] = v;
  }
  return out;
}


function formatReport(r: EvalReport): string {
  const lines = [
    `cases         ${r.cases}`,
    `accuracy      ${pct(r.accuracy)}   (answered directly with the expected article)`,
    `top3          ${pct(r.top3)}`,
    `answered      ${pct(r.answered)}`,
    `oosRecall     ${pct(r.oosRecall)}   (out-of-scope questions declined)`,
    `handoffRecall ${pct(r.handoffRecall)}`,
    `perLang       ${Object.entries(r.perLang).map(([l, a]) => `${l} ${pct(a)}`).join('  ')}`,
  ];
  if (r.confusions.length) {
    lines.push('', 'worst confusions (expected → got):');
    for (const c of r.confusions) lines.push(`  ${c.count}× ${c.expected} → ${c.got}   e.g. "${redactSecrets(c.examples[0]).text}"`);
  }
  return lines.join('\n') + '\n';
}

async function lint(args: Args): Promise<number> {
  const dir = need(args, '_', 'the knowledge folder: helpline lint <dir>');
  const problems = lintKnowledge(dir);
  for (const p of problems) process.stdout.write(formatProblem(p) + '\n');
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  process.stdout.write(problems.length ? `${errors} error(s), ${warnings} warning(s)\n` : `no problems in ${dir}\n`);
  return errors ? 1 : 0;
}
