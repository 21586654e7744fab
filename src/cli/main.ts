import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { closest, formatOptions, parseArgs, UsageError, type Args, type OptionSpecs } from './args.js';
import { buildPack, buildPackFolder, isFolderOutput, lintKnowledge, loadKnowledge, formatProblem, KnowledgeError } from '../node/index.js';
import { createBot } from '../bot/create-bot.js';
import { evaluate, parseCases, type EvalReport } from '../eval/evaluate.js';
import { PackError, type Pack } from '../pack/pack.js';
import { redactSecrets } from '../safety/redact.js';
import { DEFAULT_SETTINGS, type Settings } from '../pack/settings.js';
import { report as analytics, writeEvalReport } from './report.js';
import { DEFAULT_PORT, serve } from './serve.js';
import { relay, relayOptions, RELAY_PORT } from './relay.js';
import { api, API_OPTIONS } from '../api/command.js';
import { pct } from '../report/html.js';
import { mostAsked } from '../report/events-report.js';

const THRESHOLDS = ['answer', 'clarify', 'tie', 'intent', 'human', 'search'] as const;

/** `--answer 0.5 --clarify 0.2`: the answer policy's thresholds (src/pack/settings.ts), from 0 to 1. */
const THRESHOLD_HELP: Record<(typeof THRESHOLDS)[number], string> = {
  answer: 'answer directly at or above this confidence',
  clarify: 'below --answer, offer "did you mean…" at or above this',
  tie: "ask which when the runner-up has this share of the best article's confidence (1: only exact ties)",
  intent: 'probability a conversational intent (greeting, out of scope) needs',
  human: 'probability a request for a human needs',
  search: 'share of confidence that search agreement can add',
};
const thresholdOptions: OptionSpecs = Object.fromEntries(
  THRESHOLDS.map((key) => [key, { type: 'string', value: '<0-1>', description: `${THRESHOLD_HELP[key]} (default ${DEFAULT_SETTINGS[key]})` }]),
);

const EXIT_CODES =
  'Exit codes: 0 ok; 1 problems found (lint errors, a build, evaluation or server that failed); 2 usage error (unknown command or option, missing argument).';

interface CommandSpec {
  /** the usage line after `helpline ` */
  usage: string;
  /** the short form in the list of commands */
  synopsis: string;
  summary: string;
  options: OptionSpecs;
  /** how many positionals the command takes, and what the first one is */
  positionals: { min: number; max: number; what?: string };
  run: (args: Args) => Promise<number>;
}

const commands: Record<string, CommandSpec> = {
  build: {
    synopsis: 'build <dir> [-o pack.json | -o folder/]',
    usage: 'build <dir> [-o pack.json | -o folder/] [--default-lang en] [--topics report.json] [--answer 0.3 …]',
    summary: 'validate and compile a knowledge folder into a pack',
    options: {
      out: {
        type: 'string',
        short: 'o',
        value: '<pack.json|folder/>',
        description:
          'where to write the pack (default pack.json); a name ending with / or an existing folder gets a pack folder: manifest.json and one file per language',
      },
      'default-lang': { type: 'string', value: '<lang>', description: "the pack's default language (default en, or the first language)" },
      topics: {
        type: 'string',
        value: '<report.json>',
        description: "the first screen's topics: the articles most asked in this report (helpline report --json), unless some are featured",
      },
      ...thresholdOptions,
    },
    positionals: { min: 1, max: 1, what: 'the knowledge folder: helpline build <dir>' },
    run: build,
  },
  ask: {
    synopsis: 'ask --kb <dir|pack> "question"',
    usage: 'ask --kb <dir|pack> [--lang xx] [--json] "question"',
    summary: 'one question, one reply',
    options: {
      kb: { type: 'string', value: '<dir|pack>', description: 'a knowledge folder or a pack built by helpline build' },
      lang: { type: 'string', value: '<lang>', description: "the page's language, which decides very short questions" },
      json: { type: 'boolean', description: 'print the whole reply as JSON' },
      ...thresholdOptions,
    },
    positionals: { min: 0, max: Infinity },
    run: ask,
  },
  eval: {
    synopsis: 'eval --kb <dir|pack> --cases <file.jsonl>',
    usage: 'eval --kb <dir|pack> --cases <file.jsonl> [--json] [--html report.html] [--answer 0.3 …]',
    summary: 'answer every case and report accuracy, top3, out-of-scope and handoff recall',
    options: {
      kb: { type: 'string', value: '<dir|pack>', description: 'a knowledge folder or a pack built by helpline build' },
      cases: { type: 'string', value: '<file.jsonl>', description: 'evaluation cases, one JSON object a line (docs/knowledge-format.md)' },
      json: { type: 'boolean', description: "print one JSON object with the report's keys" },
      html: { type: 'string', value: '<report.html>', description: 'also write a report page' },
      ...thresholdOptions,
    },
    positionals: { min: 0, max: 0 },
    run: runEval,
  },
  lint: {
    synopsis: 'lint <dir>',
    usage: 'lint <dir>',
    summary: 'every problem in a knowledge folder, with file and line',
    options: {},
    positionals: { min: 1, max: 1, what: 'the knowledge folder: helpline lint <dir>' },
    run: lint,
  },
  serve: {
    synopsis: 'serve <dir> [--port 5174]',
    usage: `serve <dir> [--port ${DEFAULT_PORT}]`,
    summary: 'a live preview of the bot on 127.0.0.1, rebuilt on every change',
    options: { port: { type: 'string', value: '<port>', description: `the port to listen on (default $PORT or ${DEFAULT_PORT}; 0 picks a free one)` } },
    positionals: { min: 1, max: 1, what: 'the knowledge folder: helpline serve <dir>' },
    run: serve,
  },
  relay: {
    synopsis: `relay [--port ${RELAY_PORT}] [--db <folder|url>]`,
    usage: `relay [--port ${RELAY_PORT}] [--db <folder|url>] [--forward <url>] [--origin <origins>] [--rate 120]`,
    summary: 'the relay between widgets and a helpdesk: durable handoffs, live agent replies (docs/live-agents.md)',
    options: relayOptions,
    positionals: { min: 0, max: 0 },
    run: relay,
  },
  api: {
    synopsis: 'api --kb <pack> [--port 8788]',
    usage: 'api --kb <dir|pack|folder> [--port 8788] [--host 127.0.0.1] [--origin https://…]',
    summary: 'the answer API: POST /v1/ask answers over HTTP, keeping no conversation state',
    options: API_OPTIONS,
    positionals: { min: 0, max: 0 },
    run: api,
  },
  report: {
    synopsis: 'report <events.jsonl> [-o report.html]',
    usage: 'report <events.jsonl> [-o report.html] [--kb <dir|pack>] [--json]',
    summary: "analytics of the bot's event log (docs/analytics.md)",
    options: {
      out: { type: 'string', short: 'o', value: '<report.html>', description: 'where to write the page (default report.html)' },
      kb: { type: 'string', value: '<dir|pack>', description: 'names the articles and groups questions with the glossary' },
      json: { type: 'boolean', description: 'print the analytics as JSON instead of writing a page' },
    },
    positionals: { min: 1, max: 1, what: 'the events log: helpline report <events.jsonl>' },
    run: analytics,
  },
};

function usage(): string {
  const width = Math.max(...Object.values(commands).map((c) => c.synopsis.length));
  const lines = Object.values(commands).map((c) => `  helpline ${c.synopsis.padEnd(width)}  ${c.summary}`);
  return [
    'helpline — a support bot for crypto exchanges',
    '',
    'Usage: helpline <command> [options]',
    '',
    ...lines,
    '',
    "  helpline <command> --help   a command's options",
    '  helpline --version          the version',
    '',
    EXIT_CODES,
    '',
  ].join('\n');
}

function commandHelp(name: string, c: CommandSpec): string {
  return [`helpline ${name} — ${c.summary}`, '', `Usage: helpline ${c.usage}`, '', 'Options:', formatOptions(c.options), '', EXIT_CODES, ''].join('\n');
}

/** The version in package.json, found from this file in dist/ or src/cli/. */
export function version(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++, dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
    if (pkg.name === 'helpline' && pkg.version) return pkg.version;
  }
  return 'unknown';
}

/** Runs the `helpline` command; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(version() + '\n');
    return 0;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' && rest[0] ? commands[rest[0]] : undefined;
    process.stdout.write(topic ? commandHelp(rest[0], topic) : usage());
    return 0;
  }
  if (!name) {
    process.stderr.write(usage());
    return 2;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    const option = name.startsWith('-');
    const near = option ? closest(name.replace(/^-+/, ''), ['help', 'version']) : closest(name, Object.keys(commands));
    const what = option
      ? `unknown option ${name}${near ? `: did you mean --${near}?` : ''}`
      : `unknown command '${name}'${near ? `: did you mean ${near}?` : ''}`;
    process.stderr.write(`helpline: ${what}\nrun \`helpline --help\` for the commands\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest, command.options);
    if (args.help) {
      process.stdout.write(commandHelp(name, command));
      return 0;
    }
    const { min, max } = command.positionals;
    if (args._.length > max)
      throw new UsageError(max ? `unexpected argument '${args._[max]}'` : `unexpected argument '${args._[0]}': ${name} takes options only`);
    if (args._.length < min) throw new UsageError(`missing ${command.positionals.what ?? 'an argument'}`);
    return await command.run(args);
  } catch (e) {
    if (e instanceof UsageError) process.stderr.write(`helpline ${name}: ${e.message}\n` + (e.hint ? `run \`helpline ${name} --help\` for usage\n` : ''));
    else if (e instanceof KnowledgeError)
      process.stderr.write(e.problems.map(formatProblem).join('\n') + `\nhelpline ${name}: the knowledge folder has errors; nothing was written\n`);
    else if (e instanceof PackError) process.stderr.write(`helpline ${name}: ${e.message}\n`);
    else if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') process.stderr.write(`helpline ${name}: ${(e as Error).message}\n`);
    else if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      process.stderr.write(`helpline ${name}: no such file or folder: ${(e as NodeJS.ErrnoException).path ?? (e as Error).message}\n`);
    else process.stderr.write(`helpline ${name}: ${(e as Error).message ?? e}\n`);
    return e instanceof UsageError && e.hint ? 2 : 1;
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
  const out = typeof args.out === 'string' ? args.out : 'pack.json';
  const settings = thresholds(args);
  const started = performance.now();
  const tty = process.stderr.isTTY;
  const options = {
    defaultLang: typeof args['default-lang'] === 'string' ? args['default-lang'] : undefined,
    ...(Object.keys(settings).length ? { settings } : {}),
    ...(typeof args.topics === 'string' ? { popular: popularFrom(args.topics) } : {}),
    onProgress: (step: string) => process.stderr.write(tty ? `\r\x1b[K… ${step}` : `… ${step}\n`),
  };
  if (isFolderOutput(out)) {
    const { pack, manifest, files, read } = buildPackFolder(dir, out, options);
    if (tty) process.stderr.write('\r\x1b[K');
    for (const p of read.problems) process.stderr.write(formatProblem(p) + '\n');
    warnUnknownTopics(options.popular, pack);
    const folder = out.replace(/[\\/]+$/, '');
    const size = (names: string[]) => names.reduce((sum, n) => sum + gzipSync(readFileSync(join(folder, n))).length, 0);
    const perLang = Object.entries(manifest.languages)
      .map(([l, { files }]) => `${l} ${kb(size(files))}`)
      .join(', ');
    process.stdout.write(
      `built ${folder}/: ${pack.data.articles.length} articles in ${pack.data.languages.length} language(s), ${files.length} files + manifest.json in ` +
        `${((performance.now() - started) / 1000).toFixed(1)} s; a visitor loads (gzip) ${perLang}\n`,
    );
    return 0;
  }
  const { pack, bytes, read } = buildPack(dir, out, options);
  if (tty) process.stderr.write('\r\x1b[K');
  for (const p of read.problems) process.stderr.write(formatProblem(p) + '\n');
  warnUnknownTopics(options.popular, pack);
  const gz = gzipSync(readFileSync(out)).length;
  const d = pack.data;
  process.stdout.write(
    `built ${out}: ${d.articles.length} articles in ${d.languages.length} language(s) (${d.languages.join(', ')}), ` +
      `${kb(bytes)} (${kb(gz)} gzip) in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}

/** Topics of a report about an older knowledge base: said, not fatal (the others are still offered). */
function warnUnknownTopics(popular: string[] | undefined, pack: Pack): void {
  const ids = new Set(pack.data.articles.map((a) => a.id));
  const unknown = (popular ?? []).filter((id) => !ids.has(id));
  if (unknown.length)
    process.stderr.write(`warning: --topics: ${unknown.length} of the report's articles are not in the knowledge base: ${unknown.join(', ')}\n`);
}

/** `--topics report.json`: its most-asked articles; a file that cannot be read is a usage error. */
function popularFrom(file: string): string[] {
  if (!existsSync(file)) throw new UsageError(`--topics ${file}: no such file (give the output of \`helpline report <events.jsonl> --json\`)`);
  try {
    return mostAsked(readFileSync(file, 'utf8'), file);
  } catch (e) {
    throw new UsageError(`--topics ${(e as Error).message}`);
  }
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
  const settings = thresholds(args);
  const cases = parseCases(readFileSync(file, 'utf8'), file);
  const pack = loadKnowledge(source);
  const tty = process.stderr.isTTY && !args.json;
  const { report, outcomes } = await evaluate(pack, cases, {
    settings,
    onProgress: (n) => tty && process.stderr.write(`\r… ${n}/${cases.length} cases`),
  });
  if (tty) process.stderr.write('\r\x1b[K');
  process.stdout.write(args.json ? JSON.stringify(report) + '\n' : formatReport(report));
  if (typeof args.html === 'string') writeEvalReport(args.html, { report, outcomes, pack, kb: source, cases: file, answer: settings.answer });
  return 0;
}

/** `--answer 0.5 --clarify 0.2`: try thresholds without rebuilding the pack (ask, eval), or store them in it (build). */
function thresholds(args: Args): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const key of THRESHOLDS) {
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
    `answeredWrong ${pct(r.answeredWrong)}   (answered directly with a wrong article)`,
    `oosRecall     ${pct(r.oosRecall)}   (out-of-scope questions not answered with an article)`,
    `oosDeclined   ${pct(r.oosDeclined)}   (out-of-scope questions declined, not offered suggestions)`,
    `handoffRecall ${pct(r.handoffRecall)}`,
    `perLang       ${Object.entries(r.perLang)
      .map(([l, a]) => `${l} ${pct(a)}`)
      .join('  ')}`,
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
