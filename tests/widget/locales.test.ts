/** The UI strings load per language (locales.ts): English at once, another language from its chunk, each complete. */
import { describe, expect, it } from 'vitest';
import { UiStrings } from '../../widget/i18n.js';
import { EN, UI_LANGUAGES } from '../../widget/locales.js';
import { LOCALES, createI18n } from '../../widget/all-locales.js';

describe('UI strings per language', () => {
  it('start in English with every launcher label; a language loaded on demand replaces them', async () => {
    const strings = new UiStrings('ja');
    expect(strings.t('launcher')).toBe('ヘルプ');
    expect(strings.t('placeholder')).toBe(EN.placeholder);
    expect(strings.has('ja')).toBe(false);
    await strings.load('ja');
    expect(strings.has('ja')).toBe(true);
    expect(strings.t('placeholder')).toBe('質問を入力してください…');
  });

  it('every language has every key, none left empty', () => {
    for (const lang of UI_LANGUAGES) {
      expect(Object.keys(LOCALES[lang]).sort(), lang).toEqual([...Object.keys(EN), 'launcher'].sort());
      for (const [key, text] of Object.entries(LOCALES[lang])) expect(text.trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it("a language that is not the widget's stays on English strings", async () => {
    const strings = new UiStrings('fi');
    await strings.load('fi');
    expect(strings.t('send')).toBe('Send');
    expect(strings.language).toBe('fi');
  });

  it('answer as an i18next instance of the same strings does, in every language and for a language the widget lacks', async () => {
    for (const lang of [...UI_LANGUAGES, 'fi']) {
      const strings = new UiStrings(lang);
      await strings.load(lang);
      const i18n = createI18n(lang);
      for (const key of Object.keys(LOCALES.en) as (keyof typeof LOCALES.en)[]) {
        expect(strings.t(key), `${lang}.${key}`).toBe(i18n.t(key));
        expect(strings.exists(key)).toBe(i18n.exists(key));
      }
      expect(strings.exists('csatQuestion')).toBe(i18n.exists('csatQuestion'));
    }
  });
});
