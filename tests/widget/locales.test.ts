/** The UI strings load per language (locales.ts): English at once, another language from its chunk, each complete. */
import { describe, expect, it } from 'vitest';
import { createI18n, hasLanguage, loadLanguage } from '../../widget/i18n.js';
import { EN, UI_LANGUAGES } from '../../widget/locales.js';
import { LOCALES } from '../../widget/all-locales.js';

describe('UI strings per language', () => {
  it('start in English with every launcher label; a language loaded on demand replaces them', async () => {
    const i18n = createI18n('ja');
    expect(i18n.t('launcher')).toBe('ヘルプ');
    expect(i18n.t('placeholder')).toBe(EN.placeholder);
    expect(hasLanguage(i18n, 'ja')).toBe(false);
    await loadLanguage(i18n, 'ja');
    expect(hasLanguage(i18n, 'ja')).toBe(true);
    expect(i18n.t('placeholder')).toBe('質問を入力してください…');
  });

  it('every language has every key, none left empty', () => {
    for (const lang of UI_LANGUAGES) {
      expect(Object.keys(LOCALES[lang]).sort(), lang).toEqual([...Object.keys(EN), 'launcher'].sort());
      for (const [key, text] of Object.entries(LOCALES[lang])) expect(text.trim(), `${lang}.${key}`).not.toBe('');
    }
  });

  it("a language that is not the widget's stays on English strings", async () => {
    const i18n = createI18n('fi');
    await loadLanguage(i18n, 'fi');
    expect(i18n.t('send')).toBe('Send');
  });
});
