import { loadPack as loadSingle, PackError, type Pack, type PackObject } from './pack.js';
import { loadPackFolder, type PackFileReader } from './pack-folder.js';

/**
 * Loads a pack: a single-file pack's text or object, or with a reader a pack folder's manifest (object or
 * text). A folder's files of `options.lang` (or the default language) load first, the others when a question
 * needs them, each read with `read(name)`, e.g. `(name) => fetch(new URL(name, manifestUrl)).then((r) => r.text())`.
 * Throws (or rejects with) a PackError that says what is wrong and how to fix it.
 *
 * @example
 * ```ts
 * import { loadPack } from 'helpline';
 * const single = loadPack(await (await fetch('/help/pack.json')).text());
 * const base = new URL('/help/pack/', location.href);
 * const read = (name: string) => fetch(new URL(name, base)).then((r) => r.text());
 * const folder = await loadPack(await read('manifest.json'), read, { lang: 'ko' });
 * ```
 */
export function loadPack(source: string | PackObject): Pack;
export function loadPack(manifest: unknown, read: PackFileReader, options?: { lang?: string }): Promise<Pack>;
export function loadPack(source: unknown, read?: PackFileReader, options?: { lang?: string }): Pack | Promise<Pack> {
  if (!read) return loadSingle(source as string | PackObject);
  let manifest = source;
  if (typeof source === 'string') {
    try {
      manifest = JSON.parse(source);
    } catch (e) {
      return Promise.reject(new PackError(`the pack manifest is not valid JSON (${(e as Error).message}): rebuild it with \`helpline build\``));
    }
  }
  return loadPackFolder(manifest, read, options);
}
