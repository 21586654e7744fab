import { EN, type LocaleStrings, type UiKey, type UiLanguage } from './locales.js';
import { LAUNCHER } from './launcher-labels.js';
import { createI18n as createInstance } from './i18n.js';
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

/** An i18next instance holding every UI language (createI18n in i18n.ts, with all of them preloaded). */
export const createI18n = (lng: string) => createInstance(lng, LOCALES);
