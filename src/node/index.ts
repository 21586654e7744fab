/**
 * Helpline for Node: read and check knowledge folders, build packs, evaluate. Build-time work (YAML,
 * training, franc) lives here, never in the browser bundle.
 */
import { readFileSync, writeFileSync, renameSync, rmSync, statSync, mkdirSync, openSync, closeSync, fsyncSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readKnowledge, type ReadResult } from './read-knowledge.js';
import { checkArticleLanguages } from './language-check.js';
import { compilePack, type CompileOptions } from '../build/compile-pack.js';
import { loadPack, serializePack, type Pack } from '../knowledge/pack.js';
import type { Problem } from '../knowledge/article.js';

export { readKnowledge, type ReadResult } from './read-knowledge.js';
export { compilePack, type CompileOptions, type KnowledgeSource } from '../build/compile-pack.js';
export { evaluate, parseCases, summarize, type EvalCase, type EvalReport, type EvalOutcome, type Confusion } from '../eval/evaluate.js';
export type { Problem } from '../knowledge/article.js';
export { signWebhook, verifyWebhook, verifyUserHash, SIGNATURE_HEADER } from './webhook.js';
export * from '../index.js';

/** Thrown when a knowledge folder has errors; `problems` lists them all. */
export class KnowledgeError extends Error {
  override name = 'KnowledgeError';
  constructor(readonly problems: Problem[]) {
    super(`${problems.filter((p) => p.severity === 'error').length} error(s) in the knowledge folder:\n${problems.map(formatProblem).join('\n')}`);
  }
}

/** `file:line: severity: message`, the form editors and their editors understand. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}: ${p.severity}: ${p.message}`;
}

/**
 * Every problem in a knowledge folder, errors and warnings, sorted by file and line. The language check reads
 * every article that parsed, so a misfiled article shows even while other files have errors.
 */
export function lintKnowledge(dir: string): Problem[] {
  const read = readKnowledge(dir);
  return sortProblems([...read.problems, ...checkArticleLanguages(read.parsed)]);
}

function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/**
 * Builds a pack from a knowledge folder in memory; throws KnowledgeError if the folder has errors. `read` is
 * the folder as already read, when the caller has it.
 */
export function compileKnowledge(dir: string, options: CompileOptions = {}, read: ReadResult = readKnowledge(dir)): { text: string; pack: Pack; read: ReadResult } {
  if (read.problems.some((p) => p.severity === 'error')) throw new KnowledgeError(read.problems);
  if (!read.articles.length) throw new KnowledgeError([{ file: dir, line: 0, severity: 'error', message: 'no articles found: expected <lang>/<category>/<id>.md files' }]);
  const text = serializePack(compilePack(read, options));
  return { text, pack: loadPack(text), read };
}

/**
 * Builds a pack file. A folder with errors throws KnowledgeError before anything is written, so the previous
 * pack stays as it was (a site keeps serving it); a good build replaces it atomically.
 */
export function buildPack(dir: string, out: string, options: CompileOptions = {}): { pack: Pack; bytes: number; read: ReadResult } {
  const { text, pack, read } = compileKnowledge(dir, options);
  writeFileAtomic(out, text);
  return { pack, bytes: Buffer.byteLength(text), read };
}

/**
 * Writes a file so that readers see the old content or the new, never half of it: a temporary file in the same
 * folder (so the rename stays on one file system), flushed, then renamed over the target.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      writeFileSync(fd, data);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Loads a pack from a `.json` file, or builds one in memory from a knowledge folder. */
export function loadKnowledge(path: string, options: CompileOptions = {}): Pack {
  if (statSync(path).isDirectory()) return compileKnowledge(path, options).pack;
  return loadPack(readFileSync(path, 'utf8'));
}
