/** Parsed command line: positionals and `--flag value` / `-o value` / `--switch` options. */
export interface Args {
  _: string[];
  [flag: string]: string | boolean | string[];
}

/** Parses argv; `switches` are flags that take no value. */
export function parseArgs(argv: string[], switches: string[] = []): Args {
  const args: Args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args._.push(...argv.slice(i + 1));
      break;
    }
    const m = /^--?([a-zA-Z][\w-]*)(?:=(.*))?$/.exec(a);
    if (!m) {
      args._.push(a);
      continue;
    }
    const [, name, inline] = m;
    if (inline !== undefined) args[name] = inline;
    else if (switches.includes(name)) args[name] = true;
    else if (i + 1 < argv.length) args[name] = argv[++i];
    else throw new UsageError(`option --${name} needs a value`);
  }
  return args;
}

export class UsageError extends Error {
  override name = 'UsageError';
}
