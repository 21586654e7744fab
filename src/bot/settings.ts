/**
 * Thresholds of the answer policy, stored in the pack so a knowledge base can be calibrated at build
 * (`helpline build --answer 0.5`) and every channel of it behaves the same.
 */
export const DEFAULT_SETTINGS = {
  /** answer directly at or above this confidence (chosen on a BANKING77 validation split and the crypto dev set) */
  answer: 0.3,
  /** below `answer`, offer "did you mean…" at or above this */
  clarify: 0.12,
  /** a conversational intent (greeting, thanks, out-of-scope) needs this probability */
  intent: 0.5,
  /** a request for a human needs this probability, and at least 40% of the top candidate's */
  human: 0.2,
  /** …or this probability from the yes/no "asks for a human" classifier */
  asksForHuman: 0.4,
  /** consecutive unanswered turns before a human is offered */
  failuresBeforeHuman: 2,
  /** share of confidence that search agreement can add (0 = classifier only) */
  search: 0.25,
};

export type Settings = typeof DEFAULT_SETTINGS;
