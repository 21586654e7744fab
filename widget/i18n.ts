import i18next, { type i18n } from 'i18next';
import { LOCALES, UI_LANGUAGES, type UiKey } from './locales.js';

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

/** An i18next instance of its own, so the widget never touches a host page's i18next. */
export function createI18n(lng: string): i18n {
  const instance = i18next.createInstance();
  instance.init({
    lng,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(LOCALES).map(([l, strings]) => [l, { translation: strings }])),
    interpolation: { escapeValue: false }, // lit escapes every interpolation itself
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}

export type { UiKey };
