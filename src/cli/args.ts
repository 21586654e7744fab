/**
 * The command line's parsing: Node's `util.parseArgs` in strict mode, one option spec per command, and the
 * messages a person can act on ("unknown option --prot: did you mean --port?").
 */
import { parseArgs as parseNodeArgs } from 'node:util';

/** Parsed command line: positionals in `_`, options by their long name. */
export interface Args {
  _: string[];
  [flag: string]: string | boolean | string[] | undefined;
}

/** One option of a command, as `util.parseArgs` takes it, with the words its help shows. */
export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  /** the value's placeholder in the help, e.g. `<dir>` */
  value?: string;
  description: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/**
 * A mistake in how the command was called: one line, then "run `helpline <cmd> --help`", exit code 2.
 * `hint: false` is for what the usage cannot fix (a port in use): the line alone, exit code 1.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly hint: boolean;
  constructor(message: string, options: { hint?: boolean } = {}) {
    super(message);
    this.hint = options.hint ?? true;
  }
}

/** Every command takes `-h/--help`. */
export const HELP_OPTION: OptionSpecs = { help: { type: 'boolean', short: 'h', description: 'show this help and exit' } };

/**
 * Parses `argv` strictly against `options` (plus `--help`). Unknown options are refused with the nearest
 * known one; options that need a value and have none, or switches given one, are refused too.
 */
export function parseArgs(argv: string[], options: OptionSpecs = {}): Args {
  const specs: OptionSpecs = { ...options, ...HELP_OPTION };
  const config = Object.fromEntries(Object.entries(specs).map(([name, o]) => [name, o.short ? { type: o.type, short: o.short } : { type: o.type }]));

  // A first, lenient pass finds unknown options so that the message can suggest a known one.
  const { tokens } = parseNodeArgs({ args: argv, options: config, strict: false, allowPositionals: true, tokens: true });
  for (const t of tokens) {
    if (t.kind !== 'option' || t.name in specs) continue;
    const near = closest(t.name, Object.keys(specs));
    throw new UsageError(`unknown option ${t.rawName}` + (near ? `: did you mean --${near}?` : ''));
  }

  let parsed: ReturnType<typeof parseNodeArgs>;
  try {
    parsed = parseNodeArgs({ args: argv, options: config, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError(explain(e as Error & { code?: string }, specs));
  }
  const args: Args = { _: parsed.positionals };
  for (const [name, value] of Object.entries(parsed.values)) args[name] = value as string | boolean;
  return args;
}

/** `util.parseArgs`'s messages, shortened to what the person typed. */
function explain(e: Error & { code?: string }, specs: OptionSpecs): string {
  const name = /'(-{1,2}[^' ]+)/.exec(e.message)?.[1];
  const long = name && (name.startsWith('--') ? name.slice(2) : Object.keys(specs).find((k) => specs[k].short === name.slice(1)));
  const spec = long ? specs[long] : undefined;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && spec) {
    if (spec.type === 'boolean') return `option --${long} takes no value`;
    return `option --${long} needs a value${spec.value ? ` (${spec.value})` : ''}; to give one that starts with a dash, write --${long}=-…`;
  }
  return e.message.split('\n')[0];
}

/** The candidate nearest to `word` by edit distance, if it is near enough to be a typo of it. */
export function closest(word: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  // One edit in short words, two in longer ones; a prefix of a longer option counts too (--def → --default-lang).
  const limit = word.length <= 3 ? 1 : 2;
  if (best !== undefined && bestDistance <= limit) return best;
  const prefixed = [...candidates].filter((c) => word.length >= 2 && c.startsWith(word));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The options part of a command's help: one line each, aligned. */
export function formatOptions(specs: OptionSpecs): string {
  const rows = Object.entries({ ...specs, ...HELP_OPTION }).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : '    '}--${name}${o.type === 'string' ? ` ${o.value ?? '<value>'}` : ''}`,
    o.description,
  ]);
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`).join('\n');
}
