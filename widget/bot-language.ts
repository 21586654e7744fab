/**
 * The bot's language hint for a question: the page's choice (`data-lang` / the element's `lang`), else the
 * page's `<html lang>` read now (a single-page app changes it), else the UI language. Kept apart from the UI
 * locale: a page in French with a widget in English still tells the bot the visitor is French.
 */
export function botLanguageHint(explicit: string, uiLanguage: string, packLanguages: readonly string[] = []): string {
  const tag = (explicit && explicit !== 'auto' ? explicit : '') || document.documentElement.lang || uiLanguage;
  // The pack's own spelling when it has the language (zh-TW → zh, pt-BR → pt): detection compares codes exactly.
  const lower = tag.toLowerCase();
  const base = lower.split('-')[0];
  return packLanguages.find((l) => l.toLowerCase() === lower) ?? packLanguages.find((l) => l.toLowerCase() === base) ?? base;
}
