/** The launcher's label per UI language: apart from the other UI strings (locales.ts), so the script-tag loader draws it without them. */
export const LAUNCHER = {
  en: 'Help',
  zh: '帮助',
  'zh-TW': '幫助',
  ja: 'ヘルプ',
  ko: '도움말',
  es: 'Ayuda',
  ru: 'Помощь',
  pt: 'Ajuda',
  tr: 'Yardım',
  vi: 'Trợ giúp',
} as const;
