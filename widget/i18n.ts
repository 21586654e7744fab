import i18next, { type i18n } from 'i18next';
import { LOCALES, type UiKey } from './locales.js';

export { uiLanguage } from './ui-language.js';

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
