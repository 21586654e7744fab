/**
 * Helpline for Node: read and check knowledge folders, build packs, evaluate. Build-time work (YAML,
 * training, franc) lives here, never in the browser bundle.
 */
import { readFileSync, writeFileSync, renameSync, rmSync, statSync, mkdirSync, openSync, closeSync, fsyncSync, existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readKnowledge, type ReadResult } from './read-knowledge.js';
import { checkArticleLanguages } from './language-check.js';
import { compilePack, compilePackWithOrigins, type CompileOptions, type PackOrigins } from '../pack/compile-pack.js';
import { loadPack, PackError, serializePack, type Pack, type PackData } from '../pack/pack.js';
import { MANIFEST_FILE, openPackFolder, checkManifest, partFor, splitPack, type PackManifest } from '../pack/pack-folder.js';
import type { Problem } from '../knowledge/article.js';

export { readKnowledge, type ReadResult } from './read-knowledge.js';
export { compilePack, type CompileOptions, type KnowledgeSource } from '../pack/compile-pack.js';
export { evaluate, parseCases, summarize, type EvalCase, type EvalReport, type EvalOutcome, type Confusion } from '../eval/evaluate.js';
export type { Problem } from '../knowledge/article.js';
export { signWebhook, verifyWebhook, verifyUserHash, SIGNATURE_HEADER } from './webhook.js';
export * from '../index.js';
/** A pack's file text (what `helpline build -o pack.json` writes), for tools that compile packs themselves. */
export { serializePack } from '../pack/pack.js';

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
export function compileKnowledge(
  dir: string,
  options: CompileOptions = {},
  read: ReadResult = readKnowledge(dir),
): { text: string; pack: Pack; read: ReadResult } {
  const { data } = compileChecked(dir, options, read, false);
  const text = serializePack(data);
  return { text, pack: loadPack(text), read };
}

/** Compiles a folder read without errors; `origins` also records which languages each classifier feature and glossary key came from (for pack folders). */
function compileChecked(dir: string, options: CompileOptions, read: ReadResult, origins: boolean): { data: PackData; origins?: PackOrigins } {
  if (read.problems.some((p) => p.severity === 'error')) throw new KnowledgeError(read.problems);
  if (!read.articles.length)
    throw new KnowledgeError([{ file: dir, line: 0, severity: 'error', message: 'no articles found: expected <lang>/<category>/<id>.md files' }]);
  if (!origins) return { data: compilePack(read, options) };
  const { data, ...rest } = compilePackWithOrigins(read, options);
  return { data, origins: rest };
}

/** Is `out` meant as a pack folder: a name ending with a slash, or an existing directory? */
export function isFolderOutput(out: string): boolean {
  return /[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory());
}

/**
 * Builds a pack folder (DESIGN.md "Pack folder"): the manifest and content-hashed parts. Written into a new
 * folder beside the target, then renamed into place, so a failed build leaves the previous folder as it was.
 * Returns the manifest and each file's size.
 */
export function buildPackFolder(
  dir: string,
  out: string,
  options: CompileOptions = {},
): { pack: Pack; manifest: PackManifest; files: { name: string; bytes: number }[]; read: ReadResult } {
  const read = readKnowledge(dir);
  const { data, origins } = compileChecked(dir, options, read, true);
  const pack = loadPack(serializePack(data));
  const { manifest, files } = splitPack(pack.data, origins!);
  writeFolderAtomic(out.replace(/[\\/]+$/, ''), new Map([...files, [MANIFEST_FILE, JSON.stringify(manifest, null, 2) + '\n']]));
  return { pack, manifest, files: [...files].map(([name, text]) => ({ name, bytes: Buffer.byteLength(text) })), read };
}

/**
 * Replaces a folder with new files: written into a temporary folder beside it, flushed, then swapped in by
 * renames. Refuses to replace a non-empty folder that is not a pack folder (it could be anything).
 */
function writeFolderAtomic(target: string, files: Map<string, string>): void {
  if (existsSync(target) && readdirSync(target).length && !existsSync(join(target, MANIFEST_FILE))) {
    throw new PackError(`${target} is a folder with other files and no ${MANIFEST_FILE}: give an empty or new folder for the pack`);
  }
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const stamp = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = join(parent, `.${basename(target)}.${stamp}.tmp`);
  const old = join(parent, `.${basename(target)}.${stamp}.old`);
  try {
    mkdirSync(tmp);
    for (const [name, text] of files) {
      const fd = openSync(join(tmp, name), 'wx');
      try {
        writeFileSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    }
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(old, { recursive: true, force: true });
  }
}

/**
 * Opens a pack folder from the file system: the manifest and the files of `lang` (default language when
 * absent) are read now, other languages when a question needs them.
 */
export function openPackDirectory(dir: string, options: { lang?: string } = {}): Pack {
  const file = (name: string) => {
    // Names come from the manifest: a manifest must not make us read outside its folder.
    if (!/^[\w.-]+$/.test(name)) throw new PackError(`the pack manifest names a file outside its folder: ${name}`);
    return join(dir, name);
  };
  let manifest: PackManifest;
  try {
    manifest = checkManifest(JSON.parse(readFileSync(join(dir, MANIFEST_FILE), 'utf8')));
  } catch (e) {
    if (e instanceof PackError) throw e;
    throw new PackError(`cannot read ${join(dir, MANIFEST_FILE)}: ${(e as Error).message}`);
  }
  const first = partFor(options.lang ?? manifest.defaultLang, Object.keys(manifest.languages), manifest.defaultLang);
  const texts = new Map(manifest.languages[first].files.map((n) => [n, readFileSync(file(n), 'utf8')]));
  return openPackFolder(manifest, texts, (name) => readFile(file(name), 'utf8'));
}

/**
 * Builds a pack file. A folder with errors throws KnowledgeError before anything is written, so the previous
 * pack stays as it was (a site keeps serving it); a good build replaces it atomically.
 *
 * @example
 * ```ts
 * import { buildPack } from 'helpline/node';
 * const { pack, bytes } = buildPack('knowledge', 'public/help/pack.json', { defaultLang: 'en' });
 * ```
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

/** Loads a pack from a `.json` file or a pack folder (its `manifest.json` or the folder), or builds one in memory from a knowledge folder. */
export function loadKnowledge(path: string, options: CompileOptions = {}): Pack {
  if (basename(path) === MANIFEST_FILE) return openPackDirectory(dirname(path));
  if (statSync(path).isDirectory()) return existsSync(join(path, MANIFEST_FILE)) ? openPackDirectory(path) : compileKnowledge(path, options).pack;
  return loadPack(readFileSync(path, 'utf8'));
}
