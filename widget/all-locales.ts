import { EN, type LocaleStrings, type UiKey, type UiLanguage } from './locales.js';
import { LAUNCHER } from './launcher-labels.js';
import i18next, { type i18n } from 'i18next';
import zh from './locales/zh.js';
import zhTW from './locales/zh-tw.js';
import ja from './locales/ja.js';
import ko from './locales/ko.js';
import es from './locales/es.js';
import ru from './locales/ru.js';
import pt from './locales/pt.js';
import tr from './locales/tr.js';
import vi from './locales/vi.js';

const ALL: Record<UiLanguage, LocaleStrings> = { en: EN, zh, 'zh-TW': zhTW, ja, ko, es, ru, pt, tr, vi };

/**
 * Every UI language's strings in one object, for `helpline/widget`'s `LOCALES` export (apps that show or
 * check them). The widget itself loads one language at a time (locales.ts).
 */
export const LOCALES = Object.fromEntries(Object.entries(ALL).map(([l, s]) => [l, { ...s, launcher: LAUNCHER[l as UiLanguage] }])) as Record<
  UiLanguage,
  Record<UiKey, string>
>;

/**
 * An i18next instance of its own holding every UI language, English the fallback: for apps that show the
 * widget's strings in their own UI. (The widget itself needs only a lookup: i18n.ts.)
 */
export function createI18n(lng: string): i18n {
  const instance = i18next.createInstance();
  instance.init({
    lng,
    fallbackLng: 'en',
    resources: Object.fromEntries(Object.entries(LOCALES).map(([l, translation]) => [l, { translation }])),
    interpolation: { escapeValue: false }, // lit escapes every interpolation itself
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<i18n['init']>[0]);
  return instance;
}
