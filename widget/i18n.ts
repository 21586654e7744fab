import i18next, { type i18n } from 'i18next';
import { EN, loadLocale, UI_LANGUAGES, type UiKey, type UiLanguage } from './locales.js';
import { LAUNCHER } from './launcher-labels.js';

export { uiLanguage } from './ui-language.js';

/** Languages whose strings an instance holds in full (English always does). */
const complete = new WeakMap<i18n, Set<string>>();

/**
 * An i18next instance of its own, so the widget never touches a host page's i18next. It starts with English
 * and every language's launcher label; `bundles` adds whole languages, and loadLanguage() loads one on demand.
 */
export function createI18n(lng: string, bundles: Partial<Record<string, Record<UiKey, string>>> = {}): i18n {
  const instance = i18next.createInstance();
  const resources = Object.fromEntries(UI_LANGUAGES.map((l) => [l, { translation: bundles[l] ?? { launcher: LAUNCHER[l] } }]));
  resources.en = { translation: { ...EN, launcher: LAUNCHER.en } };
  instance.init({
    lng,
    fallbackLng: 'en',
    resources,
    interpolation: { escapeValue: false }, // lit escapes every interpolation itself
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  complete.set(instance, new Set(Object.keys(bundles)));
  return instance;
}

/** Whether `lang`'s strings are all in the instance (else loadLanguage() must load them first). */
export function hasLanguage(instance: i18n, lang: string): boolean {
  return lang === 'en' || Boolean(complete.get(instance)?.has(lang));
}

/**
 * Loads a UI language's strings (its chunk) into the instance; the caller switches to it. A chunk that cannot be
 * fetched leaves the language incomplete: English stands in for its strings.
 */
export async function loadLanguage(instance: i18n, lang: string): Promise<void> {
  if (hasLanguage(instance, lang) || !(UI_LANGUAGES as string[]).includes(lang)) return;
  try {
    instance.addResourceBundle(lang, 'translation', await loadLocale(lang as UiLanguage), true, true);
    complete.get(instance)?.add(lang);
  } catch (e) {
    console.error(`helpline: the ${lang} UI strings could not be loaded; showing English`, e);
  }
}

export type { UiKey };
