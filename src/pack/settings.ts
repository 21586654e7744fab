/**
 * Thresholds of the answer policy (src/bot/decide.ts), stored in the pack so every channel of a knowledge
 * base behaves the same; `helpline build --answer 0.5` stores others, `helpline eval --answer 0.5` tries them.
 */
export const DEFAULT_SETTINGS = {
  /** answer directly at or above this confidence (chosen on a BANKING77 validation split and the crypto dev set) */
  answer: 0.3,
  /** an article search speaks for that the classifier reads otherwise is answered only at or above this (src/bot/confirm.ts) */
  answerAlone: 0.6,
  /** …and this when it was found in another language's articles (a question with no article in its language) */
  answerAloneCross: 0.45,
  /** share of the best hit's score the article classifier's reading can add to a hit (src/bot/confirm.ts) */
  reread: 0.3,
  /** a sure article whose runner-up has at least this share of its confidence is a near tie: ask which (1: only exact ties) */
  tie: 0.97,
  /** below `answer`, offer "did you mean…" at or above this */
  clarify: 0.12,
  /** a conversational intent (greeting, thanks, out-of-scope) needs this probability */
  intent: 0.5,
  /** a request for a human needs this probability… */
  human: 0.2,
  /** …and at least this share of the best intent's or article's */
  humanShare: 0.5,
  /** …or this probability from the yes/no "asks for a human" classifier */
  asksForHuman: 0.4,
  /** consecutive unanswered turns before a human is offered */
  failuresBeforeHuman: 2,
  /** share of confidence that search agreement can add to the classifier's (0 = classifier only) */
  search: 0.25,
  /** a "did you mean" suggestion must match at least this share of the question's information */
  related: 0.3,
  /** a confident article that matches this share of the question outweighs a likelier "out of scope" */
  explained: 0.6,
  /** …unless "out of scope" leads it by this much */
  explainedLead: 0.35,
  /** a message with at most this many search terms may be a follow-up on the conversation's last topic */
  followUpTerms: 6,
};

export type Settings = typeof DEFAULT_SETTINGS;

/**
 * The settings in force: the defaults, then what the pack stores, then a caller's overrides (a command's
 * `--answer`, `createBot`'s `settings`). The one place they are merged.
 */
export function settingsOf(stored?: Partial<Settings>, overrides?: Partial<Settings>): Settings {
  const defined = (o?: Partial<Settings>) => Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined));
  return { ...DEFAULT_SETTINGS, ...defined(stored), ...defined(overrides) };
}
