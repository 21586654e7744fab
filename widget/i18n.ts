import { EN, loadLocale, UI_LANGUAGES, type UiKey, type UiLanguage } from './locales.js';
import { LAUNCHER } from './launcher-labels.js';

export { uiLanguage } from './ui-language.js';

/**
 * The widget's UI strings in one language, English standing in for what that language lacks. The strings have
 * no plurals or interpolation, so a lookup does what i18next did here at 15.7 KB gzip, a quarter of the widget's
 * budget (bench/RESULTS.md); `createI18n` in all-locales.ts gives apps an i18next instance of the same strings,
 * and tests/widget/locales.test.ts checks that both answer alike.
 */
export class UiStrings {
  /** the languages loaded whole, English from the start; every language's launcher label is in launcher-labels.ts */
  private readonly held = new Map<string, Record<UiKey, string>>([['en', { ...EN, launcher: LAUNCHER.en }]]);

  /** `language`: the UI language, as asked for (one the widget lacks keeps its code and shows English). */
  constructor(public language: string) {}

  t(key: UiKey): string {
    const own = this.held.get(this.language)?.[key] ?? (key === 'launcher' ? LAUNCHER[this.language as UiLanguage] : undefined);
    return own ?? this.held.get('en')![key];
  }

  /** Whether `key` is a UI string (the bot's sentences are not: src/pack/messages.ts). */
  exists(key: string): boolean {
    return key in this.held.get('en')!;
  }

  /** Whether `lang`'s strings are all here (else load() must fetch them first). */
  has(lang: string): boolean {
    return this.held.has(lang);
  }

  /**
   * Loads a UI language's strings (its chunk); the caller then sets `language`. A chunk that cannot be fetched
   * leaves the language incomplete: English stands in for its strings.
   */
  async load(lang: string): Promise<void> {
    if (this.has(lang) || !(UI_LANGUAGES as string[]).includes(lang)) return;
    try {
      this.held.set(lang, await loadLocale(lang as UiLanguage));
    } catch (e) {
      console.error(`helpline: the ${lang} UI strings could not be loaded; showing English`, e);
    }
  }
}

export type { UiKey };
