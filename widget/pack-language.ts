/**
 * Which language's files a visitor loads first from a pack folder: the page's choice (data-lang), the page's
 * `<html lang>`, then the browser's languages, the first the pack serves. Shared by the loader (which
 * preloads them) and the widget (which loads them), so both ask for the same files.
 */
/** A pack folder's manifest, told from a single-file pack by its first bytes (no need to parse 1 MB to know). */
export const isManifestText = (text: string) => /^\s*\{\s*"format"\s*:\s*"helpline-pack-folder"/.test(text);

/** The visitor's language candidates, best first. */
export function visitorLanguages(explicit: string | undefined): string[] {
  return [explicit && explicit !== 'auto' ? explicit : '', document.documentElement.lang, ...(navigator.languages ?? [])].filter(Boolean);
}

/** The pack language that serves a visitor: the first candidate the pack has (or its base language), else the default. */
export function packLanguage(languages: string[], defaultLang: string, candidates: string[]): string {
  const find = (tag: string) => languages.find((l) => l.toLowerCase() === tag.toLowerCase());
  for (const c of candidates) {
    const found = find(c) ?? find(c.split('-')[0]);
    if (found) return found;
  }
  return defaultLang;
}

/** A pack URL as given (file or folder) → the URL to fetch first: a folder's manifest, or the file. */
export const firstUrl = (pack: string) => new URL(pack.endsWith('/') ? pack + 'manifest.json' : pack, document.baseURI).href;
