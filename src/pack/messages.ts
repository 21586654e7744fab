/** The bot's own sentences (not the widget's UI strings). */
export interface Messages {
  fallback: string;
  clarify: string;
  offerHuman: string;
  handoff: string;
  handoffUrgent: string;
  notInLanguage: string;
  secretWarning: string;
  /** Said whenever a message is about handing a secret to someone (src/safety/phishing.ts). */
  phishingWarning: string;
  empty: string;
  greeting: string;
  thanks: string;
  goodbye: string;
  /** the widget's handoff and live-conversation sentences (in the UI language; shown once the pack is loaded) */
  handoffQueued: string;
  handoffConnected: string;
  handoffOffline: string;
  handoffOfflineSoon: string;
  ticketSent: string;
  handoffUndelivered: string;
  handoffRetrying: string;
  agentJoined: string;
  agentTyping: string;
  conversationEnded: string;
  csatQuestion: string;
  csatComment: string;
  csatThanks: string;
}

/** English, the fallback when a pack has no sentences for a language. */
export const ENGLISH: Messages = {
  fallback: "Sorry, I can't help with that here. I can answer questions about your account, verification, deposits, withdrawals, fees and trading.",
  clarify: 'Did you mean one of these?',
  offerHuman: 'Would you like to talk to a person from our support team?',
  handoff: "I'm passing this conversation to our support team. An agent will reply here.",
  handoffUrgent: "Please do these steps now. I've also alerted our support team as a priority; an agent will contact you here.",
  notInLanguage: "This article isn't available in your language yet, so here it is in {{lang}}.",
  secretWarning:
    'I removed what looked like a secret (a recovery phrase, private key, password, code or card number) from your message. Our staff will never ask for these: never share them with anyone.',
  phishingWarning:
    'No one from our support team will ever ask for your seed phrase, private key, password or 2FA code, here or on any other channel. Anyone who asks is a scammer: do not send it.',
  empty: 'Please type your question.',
  greeting: 'Hi! Ask me about your account, verification, deposits, withdrawals, fees or trading.',
  thanks: "You're welcome! Anything else I can help with?",
  goodbye: 'Goodbye, and trade safely!',
  handoffQueued: "You're in the queue. An agent will join this chat soon.",
  handoffConnected: 'An agent has joined the chat.',
  handoffOffline: 'Our agents are offline. They will reply {{when}}. Leave your email and we will write to you.',
  handoffOfflineSoon: 'as soon as they are back',
  ticketSent: 'Thanks! We created a ticket and will email you.',
  handoffUndelivered: 'Your request could not be sent to our support team. Please contact them directly.',
  handoffRetrying: "Our support team can't be reached yet. Your request is saved and will be sent automatically.",
  agentJoined: '{{name}} joined the chat.',
  agentTyping: '{{name}} is typing…',
  conversationEnded: 'This conversation has ended.',
  csatQuestion: 'How would you rate this conversation?',
  csatComment: 'Anything to add? (optional)',
  csatThanks: 'Thanks for your rating!',
};

/**
 * The bot's sentences in a language, from the pack's table: the language's own (zh-TW), else its base
 * language's (zh), else English, sentence by sentence (a table may have only some sentences, and a pack
 * built before a sentence existed has none of it).
 */
export function messages(lang: string, table: Record<string, Partial<Messages>> = {}): Messages {
  // Own keys only: a language such as "__proto__" or "constructor" must not reach Object.prototype.
  const own = (l: string) => (Object.hasOwn(table, l) ? table[l] : undefined);
  const exact = own(lang);
  const base = own(lang.split('-')[0]);
  return exact || base ? { ...ENGLISH, ...base, ...exact } : ENGLISH;
}

/** Fills `{{name}}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, k: string) => values[k] ?? '');
}

/** A language's name in that same language, for notes like "here it is in English". */
export function languageName(lang: string, inLang: string): string {
  try {
    return new Intl.DisplayNames([inLang], { type: 'language' }).of(lang) ?? lang;
  } catch {
    return lang;
  }
}
