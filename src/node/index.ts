/**
 * Helpline for Node: read and check knowledge folders, build packs, evaluate. Build-time work (YAML,
 * training, franc) lives here, never in the browser bundle.
 */
import { readFileSync, writeFileSync, renameSync, rmSync, statSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { readKnowledge, type ReadResult } from './read-knowledge.js';
import { checkArticleLanguages } from './language-check.js';
import { compilePack, type CompileOptions } from '../build/compile-pack.js';
import { loadPack, serializePack, type Pack } from '../knowledge/pack.js';
import type { Problem } from '../knowledge/article.js';
import { BIP39_LISTS } from '../safety/bip39-data.js';
import { useWordLists } from '../safety/mnemonic.js';

// In Node the word lists cost nothing to carry: redactSecrets finds seed phrases before any pack loads.
useWordLists(BIP39_LISTS);

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

/** Every problem in a knowledge folder, errors and warnings, sorted by file and line. */
export function lintKnowledge(dir: string): Problem[] {
  const read = readKnowledge(dir);
  return [...read.problems, ...checkArticleLanguages(read.articles)];
}

/** Builds a pack from a knowledge folder in memory; throws KnowledgeError if the folder has errors. */
export function compileKnowledge(dir: string, options: CompileOptions = {}): { text: string; pack: Pack; read: ReadResult } {
  const read = readKnowledge(dir);
  if (read.problems.some((p) => p.severity === 'error')) throw new KnowledgeError(read.problems);
  if (!read.articles.length) throw new KnowledgeError([{ file: dir, line: 0, severity: 'error', message: 'no articles found: expected <lang>/<category>/<id>.md files' }]);
  const text = serializePack(compilePack(read, options));
  return { text, pack: loadPack(text), read };
}

/**
 * Builds a pack file. Writes to a temporary file and renames it, so a failure never leaves half a pack;
 * a folder with errors also removes the previous pack, so a stale one is never served as if it were new.
 */
export function buildPack(dir: string, out: string, options: CompileOptions = {}): { pack: Pack; bytes: number; read: ReadResult } {
  let compiled: ReturnType<typeof compileKnowledge>;
  try {
    compiled = compileKnowledge(dir, options);
  } catch (e) {
    if (e instanceof KnowledgeError) rmSync(out, { force: true });
    throw e;
  }
  const { text, pack, read } = compiled;
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, out);
  } finally {
    rmSync(tmp, { force: true });
  }
  return { pack, bytes: Buffer.byteLength(text), read };
}

/** Loads a pack from a `.json` file, or builds one in memory from a knowledge folder. */
export function loadKnowledge(path: string, options: CompileOptions = {}): Pack {
  if (statSync(path).isDirectory()) return compileKnowledge(path, options).pack;
  return loadPack(readFileSync(path, 'utf8'));
}
