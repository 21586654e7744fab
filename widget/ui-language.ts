import { LAUNCHER } from './launcher-labels.js';

/** Every UI language has a launcher label (locales.ts takes its label from there): the same list, without the other strings. */
const UI_LANGUAGES = Object.keys(LAUNCHER);

/**
 * Picks the UI language: the explicit choice (`data-lang`), else the page's `lang`, else the browser's,
 * matched to the languages we have (zh-Hant/zh-TW/zh-HK → traditional, pt-BR → pt).
 */
export function uiLanguage(explicit: string | undefined, page: string | undefined, browser: readonly string[]): string {
  for (const candidate of [explicit && explicit !== 'auto' ? explicit : undefined, page, ...browser]) {
    const match = candidate && matchLanguage(candidate);
    if (match) return match;
  }
  return 'en';
}

function matchLanguage(tag: string): string | undefined {
  const t = tag.toLowerCase();
  if (/^zh-(tw|hk|mo|hant)/.test(t)) return 'zh-TW';
  const base = t.split('-')[0];
  return UI_LANGUAGES.find((l) => l.toLowerCase() === t) ?? UI_LANGUAGES.find((l) => l === base);
}
