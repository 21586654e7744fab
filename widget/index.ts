/** The widget for bundlers: `import 'helpline/widget'` defines `<helpline-chat>`. */
export { HelplineChat } from './helpline-chat.js';
export { renderMarkdown, safeUrl } from './markdown.js';
export { uiLanguage, createI18n } from './i18n.js';
export { HandoffOutbox } from './handoff-outbox.js';
export { LOCALES, UI_LANGUAGES } from './locales.js';
