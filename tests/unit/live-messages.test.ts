/**
 * The widget's handoff and live-conversation sentences travel in the pack (src/pack/default-messages.ts),
 * so the browser bundle carries English only. Every UI language has them, and a table that lacks a
 * sentence falls back per sentence: to the base language, then to English.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGES } from '../../src/pack/default-messages.js';
import { ENGLISH, messages, type Messages } from '../../src/pack/messages.js';
import { UI_LANGUAGES } from '../../widget/locales.js';

const WIDGET: (keyof Messages)[] = [
  'handoffQueued',
  'handoffConnected',
  'handoffOffline',
  'handoffOfflineSoon',
  'ticketSent',
  'handoffUndelivered',
  'handoffRetrying',
  'agentJoined',
  'agentTyping',
  'conversationEnded',
  'csatQuestion',
  'csatComment',
  'csatThanks',
];

describe('widget sentences in the pack', () => {
  it('every UI language has every widget sentence in its own words', () => {
    for (const lang of UI_LANGUAGES.filter((l) => l !== 'en')) {
      const m = messages(lang, DEFAULT_MESSAGES);
      for (const key of WIDGET) expect(m[key], `${lang}.${key}`).not.toBe(ENGLISH[key]);
    }
  });

  it('falls back sentence by sentence: zh-TW → zh → English', () => {
    const zhTW = messages('zh-TW', DEFAULT_MESSAGES);
    expect(zhTW.handoffQueued).toBe(DEFAULT_MESSAGES['zh-TW'].handoffQueued);
    expect(zhTW.fallback).toBe(DEFAULT_MESSAGES['zh-TW'].fallback);
    const partial = { zh: DEFAULT_MESSAGES.zh, 'zh-TW': { handoffQueued: DEFAULT_MESSAGES['zh-TW'].handoffQueued } } as Record<string, Partial<Messages>>;
    expect(messages('zh-TW', partial).fallback).toBe(DEFAULT_MESSAGES.zh.fallback); // a sentence zh-TW lacks comes from zh
    expect(messages('fr', DEFAULT_MESSAGES).handoffQueued).toBe(ENGLISH.handoffQueued); // fr has the bot's sentences only
    const old = { ja: { ...DEFAULT_MESSAGES.ja, csatQuestion: undefined } } as Record<string, Partial<Messages>>;
    delete old.ja.csatQuestion;
    expect(messages('ja', old).csatQuestion).toBe(ENGLISH.csatQuestion); // a pack built before the survey
    expect(messages('ja', old).greeting).toBe(DEFAULT_MESSAGES.ja.greeting);
  });
});
