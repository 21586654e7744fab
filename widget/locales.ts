import { LAUNCHER } from './launcher-labels.js';

/**
 * The widget's UI strings (not answers: those come from the knowledge base). English is here, the fallback
 * every other language falls back to; the others are in locales/, one on-demand chunk each, so a visitor
 * downloads only their own (about 0.6 KB gzip each instead of 5 KB for all ten).
 */
export const EN = {
    title: 'Support', placeholder: 'Ask a question…', send: 'Send', close: 'Close', minimize: 'Close chat',
    human: 'Talk to a human', helpful: 'Was this helpful?', yes: 'Yes', no: 'No', thanks: 'Thanks for your feedback!',
    loading: 'Loading answers…', loadError: "Sorry, the help center can't be reached right now.", contact: 'Contact support',
    retry: 'Try again', didYouMean: 'Did you mean…', suggested: 'Suggested articles', you: 'You', bot: 'Assistant',
    email: 'Your email', describe: 'Describe your problem', submit: 'Send to support',
    wholeArticle: 'Show the whole article', newChat: 'New conversation', messages: 'Conversation',
    badEmail: 'Please enter a valid email address.',
    endChat: 'End chat', agent: 'Agent', skip: 'Skip',
    greeting: 'Hi! How can we help? Ask a question or pick a topic.', topics: 'Popular topics', answersIn: 'Ask in any of these languages:', openArticle: 'Open in the help center', unread: 'new messages',
    humanUnavailable: "Our support team can't be reached from this chat right now. Please contact them directly.",
    notHelped: "Sorry that didn't help. You can:", rephrase: "Rephrase my question", commentHint: "What were you looking for? (optional)",
} as const;

export type UiKey = keyof typeof EN | 'launcher';
/** One language's strings: every key English has (the launcher's label is launcher-labels.ts's). */
export type LocaleStrings = Record<keyof typeof EN, string>;
export type UiLanguage = keyof typeof LAUNCHER;
/** Every UI language: those with a launcher label (launcher-labels.ts), all of which have strings here or in locales/. */
export const UI_LANGUAGES = Object.keys(LAUNCHER) as UiLanguage[];

/** A literal import() per language, so bundlers make one chunk of each. */
const LOADERS: Record<Exclude<UiLanguage, 'en'>, () => Promise<{ default: LocaleStrings }>> = {
  zh: () => import('./locales/zh.js'),
  'zh-TW': () => import('./locales/zh-tw.js'),
  ja: () => import('./locales/ja.js'),
  ko: () => import('./locales/ko.js'),
  es: () => import('./locales/es.js'),
  ru: () => import('./locales/ru.js'),
  pt: () => import('./locales/pt.js'),
  tr: () => import('./locales/tr.js'),
  vi: () => import('./locales/vi.js'),
};

/** A language's strings, launcher label included: English at once, the others from their chunk. */
export async function loadLocale(lang: UiLanguage): Promise<Record<UiKey, string>> {
  const strings = lang === 'en' ? EN : (await LOADERS[lang]()).default;
  return { ...strings, launcher: LAUNCHER[lang] };
}
