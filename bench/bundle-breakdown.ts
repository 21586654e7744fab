/**
 * Which dependency the widget's bytes come from: bundles widget/widget-chunk.ts with esbuild as the release
 * build does (browser, minified IIFE) and attributes every byte of the output to its source file through
 * the source map, then gzips each group's code on its own.
 */
import { build, type Plugin } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { join, relative } from 'node:path';

export interface Group {
  name: string;
  /** minified bytes in the bundle */
  bytes: number;
  /** the group's code gzipped on its own */
  gzip: number;
  files: { path: string; bytes: number }[];
}

/** The bundle's groups, largest first, and the whole bundle's size. */
export interface Breakdown {
  bytes: number;
  gzip: number;
  groups: Group[];
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map `mappings` line into segments of [column, source index] (others ignored). */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number }> {
  let source = 0;
  let line = 0;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0];
      if (values.length > 1) source += values[1];
      yield { line, column, source: values.length > 1 ? source : -1 };
    }
    line++;
  }
}

/** The group a source file belongs to: a dependency by package, or a part of Helpline by folder. */
export function groupOf(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg) {
    if (pkg === 'lit' || pkg.startsWith('@lit/') || pkg === 'lit-html' || pkg === 'lit-element') return 'lit';
    if (pkg === 'natural') return 'natural (stemmers, stopwords)';
    return pkg;
  }
  if (path.includes('widget/locales')) return 'widget UI strings (locales)';
  if (path.startsWith('widget/')) return 'widget';
  if (path.startsWith('src/')) return 'engine';
  return 'other';
}

/**
 * Builds the widget bundle and breaks it down. `alias` swaps a dependency for a stand-in module (to
 * measure what replacing it would save).
 */
export async function breakdown(root: string, alias: Record<string, string> = {}): Promise<Breakdown> {
  // As rollup.config.mjs does: the BIP39 lists arrive with the pack, not in the script.
  const deferred: Plugin = {
    name: 'defer-word-lists',
    setup(b) {
      b.onResolve({ filter: /^\.\/bip39-data(\.js)?$/ }, (args) =>
        /[\\/]src[\\/]safety$/.test(args.resolveDir) ? { path: join(root, 'src/safety/bip39-deferred.ts') } : undefined,
      );
    },
  };
  const plugins: Plugin[] = [deferred];
  if (Object.keys(alias).length)
    plugins.push({
      name: 'alias',
      setup(b) {
        const filter = new RegExp(
          `^(${Object.keys(alias)
            .map((k) => k.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
            .join('|')})$`,
        );
        b.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'alias' }));
        b.onLoad({ filter: /.*/, namespace: 'alias' }, (args) => ({ contents: alias[args.path], loader: 'js' }));
      },
    });
  const result = await build({
    absWorkingDir: root,
    // The widget code the script-tag loader imports (the loader itself is a few KB: bench/widget.ts).
    entryPoints: ['widget/widget-chunk.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    tsconfig: 'tsconfig.json',
    sourcemap: 'external',
    write: false,
    outfile: 'out.js',
    plugins,
    logLevel: 'silent',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('.js'))!.text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map'))!.text) as { sources: string[]; mappings: string };
  const sources = map.sources.map((s) => relative(root, new URL(s, `file://${root}/out.js`).pathname));

  // Each stretch of output between two mappings belongs to the source of the first of them.
  const lines = js.split('\n');
  const code = new Map<number, string[]>();
  let prev: { line: number; column: number; source: number } | undefined;
  const take = (from: { line: number; column: number; source: number }, toColumn?: number) => {
    const list = code.get(from.source) ?? [];
    list.push(lines[from.line].slice(from.column, toColumn));
    code.set(from.source, list);
  };
  for (const seg of segments(map.mappings)) {
    if (prev) take(prev, prev.line === seg.line ? seg.column : undefined);
    prev = seg;
  }
  if (prev) take(prev);

  const groups = new Map<string, { code: string[]; files: Map<string, number> }>();
  for (const [source, parts] of code) {
    const path = source < 0 ? '(esbuild wrapper)' : sources[source];
    const g = groupOf(path);
    const entry = groups.get(g) ?? { code: [] as string[], files: new Map<string, number>() };
    entry.code.push(...parts);
    entry.files.set(path, (entry.files.get(path) ?? 0) + parts.reduce((n, p) => n + Buffer.byteLength(p), 0));
    groups.set(g, entry);
  }
  return {
    bytes: Buffer.byteLength(js),
    gzip: gzipSync(js).length,
    groups: [...groups]
      .map(([name, g]) => ({
        name,
        bytes: [...g.files.values()].reduce((a, b) => a + b, 0),
        gzip: gzipSync(g.code.join('')).length,
        files: [...g.files].map(([path, bytes]) => ({ path, bytes })).sort((a, b) => b.bytes - a.bytes),
      }))
      .sort((a, b) => b.bytes - a.bytes),
  };
}
