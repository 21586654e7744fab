/** The widget for bundlers: `import 'helpline/widget'` defines `<helpline-chat>`. */
export { HelplineChat } from './helpline-chat.js';
export { renderMarkdown, safeUrl } from './markdown.js';
export { uiLanguage } from './i18n.js';
export { HandoffOutbox } from './handoff-outbox.js';
export { UI_LANGUAGES } from './locales.js';
export { LOCALES, createI18n } from './all-locales.js';
export { HELPLINE_EVENTS, type HelplineEventName, type HelplineEventMap } from './events.js';
// The script tag's global (dist/helpline.js): importing these types declares `window.Helpline`.
export type { HelplineGlobal, HelplineMethods, HelplineCommand } from './helpline-api.js';
