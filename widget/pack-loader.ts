/**
 * Loads the pack a `<helpline-chat pack="…">` names: a single file, or a pack folder (its manifest, then the
 * visitor's language; other languages when a question needs them). Files the loader already started
 * downloading (hover, focus) are taken from it, not downloaded twice. Every download has a timeout, so a
 * visitor on a dead link gets the retry and the contact link, not an endless spinner.
 */
import { loadPack, type Pack } from 'helpline';
import { firstUrl, isManifestText, packLanguage } from './pack-language.js';
import { fetchText } from './fetch-text.js';

export interface PackLoadOptions {
  /** Language candidates, best first (visitorLanguages). */
  languages: string[];
  /** Downloads the loader started: absolute URL → text. */
  preloaded?: Map<string, Promise<string>>;
  /** Files downloaded so far of those needed before the first answer. */
  onProgress?: (done: number, total: number) => void;
}

/** Packs shared by every element on the page that uses the same URL: fetched once. */
const packs = new Map<string, Promise<Pack>>();

export function fetchPack(pack: string, options: PackLoadOptions): Promise<Pack> {
  const url = firstUrl(pack);
  let p = packs.get(url);
  if (!p) {
    const get = (u: string) => {
      const started = options.preloaded?.get(u);
      // Taken once: a retry after a failure downloads afresh.
      options.preloaded?.delete(u);
      return started ?? fetchText(u);
    };
    p = get(url).then(async (text) => {
      if (!isManifestText(text)) return loadPack(text);
      const manifest = JSON.parse(text) as { defaultLang: string; languages: Record<string, { files: string[] }> };
      const lang = packLanguage(Object.keys(manifest.languages ?? {}), manifest.defaultLang, options.languages);
      const total = (manifest.languages?.[lang]?.files.length ?? 0) + 1;
      let done = 1;
      options.onProgress?.(done, total);
      return loadPack(manifest, (name) => get(new URL(name, url).href).then((t) => (options.onProgress?.(++done, total), t)), { lang });
    });
    p.catch(() => packs.delete(url));
    packs.set(url, p);
  }
  return p;
}
