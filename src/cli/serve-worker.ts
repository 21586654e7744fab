/**
 * The build behind `helpline serve`, run in a worker thread so the preview server keeps answering while a
 * large knowledge folder rebuilds. It reads, checks and compiles the folder, and hands back the pack ready to
 * serve: its bytes, gzip and brotli versions and an ETag, so the server's thread never compresses 2 MB.
 *
 * Messages: in `{ id, dir }`; out `{ id, progress }` while building, then `{ id, result }`.
 */
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { compileKnowledge, KnowledgeError, readKnowledge } from '../node/index.js';
import { checkArticleLanguages } from '../node/language-check.js';
import { settingsOf } from '../pack/settings.js';
import type { Problem } from '../knowledge/article.js';

/** What one build produced: a pack to serve, or the problems that stopped it. */
export type BuildResult =
  | {
      ok: true;
      pack: Uint8Array;
      gzip: Uint8Array;
      br: Uint8Array;
      /** a weak ETag of the pack's content, the same for every encoding */
      etag: string;
      summary: string;
      settings: { answer: number; clarify: number; intent: number };
      problems: Problem[];
    }
  | { ok: false; problems: Problem[] };

const pick = (s: { answer: number; clarify: number; intent: number }) => ({ answer: s.answer, clarify: s.clarify, intent: s.intent });

/** Builds a knowledge folder into a pack ready to serve. Never throws: a failure is a result with problems. */
export function buildForPreview(dir: string, onProgress: (step: string) => void = () => {}): BuildResult {
  let languages: Problem[] = [];
  try {
    onProgress('reading the knowledge folder');
    const read = readKnowledge(dir);
    // The language check reads every article that parsed, so it shows even while other files have errors.
    languages = checkArticleLanguages(read.parsed);
    const { text, pack } = compileKnowledge(dir, { onProgress }, read);
    onProgress('compressing the pack');
    const raw = Buffer.from(text);
    const d = pack.data;
    return {
      ok: true,
      pack: raw,
      gzip: gzipSync(raw),
      // Quality 5: within a few percent of 11 on packs, and a 2.5 MB pack takes ~100 ms instead of seconds.
      br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }),
      etag: `W/"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
      summary: `${d.articles.length} articles in ${d.languages.length} language(s) (${d.languages.join(', ')}), pack ${(raw.length / 1024).toFixed(1)} KB`,
      settings: pick(settingsOf(d.settings)),
      problems: sortProblems([...read.problems, ...languages]),
    };
  } catch (e) {
    if (e instanceof KnowledgeError) return { ok: false, problems: sortProblems([...e.problems, ...languages]) };
    return { ok: false, problems: [{ file: dir, line: 0, severity: 'error', message: `the build failed: ${(e as Error)?.message ?? e}` }] };
  }
}

function sortProblems(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems
    .filter((p) => {
      const key = `${p.file}:${p.line}:${p.message}`;
      return !seen.has(key) && (seen.add(key), true);
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}

/** A copy whose ArrayBuffer holds exactly these bytes, so it can be transferred (pooled Buffers can't). */
const own = (b: Uint8Array) => (b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b));

if (!isMainThread && parentPort && (workerData as { helplineServe?: boolean } | undefined)?.helplineServe) {
  const port = parentPort;
  port.on('message', ({ id, dir }: { id: number; dir: string }) => {
    const result = buildForPreview(dir, (progress) => port.postMessage({ id, progress }));
    if (!result.ok) return port.postMessage({ id, result });
    const [pack, gzip, br] = [result.pack, result.gzip, result.br].map(own);
    port.postMessage({ id, result: { ...result, pack, gzip, br } }, [pack.buffer as ArrayBuffer, gzip.buffer as ArrayBuffer, br.buffer as ArrayBuffer]);
  });
}
