import type { Settings } from '../pack/settings.js';

/** An article the question may be about, with the evidence for it. */
export interface Candidate {
  id: string;
  /** calibrated confidence 0–1 (the classifier's and search's, whichever is surer) */
  p: number;
  /** share of the question's information the article matches (0 when only the classifier found it) */
  coverage: number;
  /** for an article search speaks for: whether the classifier, too, reads the question as about it first */
  agreed?: boolean;
  /** found in another language's articles, through the terms both languages share */
  crossLanguage?: boolean;
}

/** Everything the policy looks at for one message. */
export interface Signals {
  /** article candidates, best first */
  articles: Candidate[];
  /** conversational intents (greeting, thanks, goodbye, human, out-of-scope, custom) and their probabilities */
  intents: { name: string; p: number }[];
  /** the yes/no "asks for a human" classifier's probability */
  wantsHuman: number;
  frustrated: boolean;
  /** unanswered turns in a row before this one */
  failures: number;
  /** true when the best article came from reading the message with the conversation's last topic */
  followUp: boolean;
  /** intents that have their own replies (smalltalk and custom intents from intents.yml) */
  answerable: ReadonlySet<string>;
  /** the message is about handing a secret to someone ("should I give you my seed phrase?") */
  phishing?: boolean;
  /** the knowledge base's article on scams and fake support, when it has one */
  guardArticle?: string;
}

/** The rule that decided a reply; `helpline serve`'s "why" panel and the reports name it. */
export type Rule =
  | 'asks-for-human'
  | 'phishing-guard'
  | 'intent-reply'
  | 'confident-article'
  | 'follow-up'
  | 'near-tie'
  | 'out-of-scope'
  | 'out-of-scope-leads'
  | 'did-you-mean'
  | 'nothing-close';

export interface Decision {
  action: 'answer' | 'clarify' | 'decline' | 'handoff' | 'smalltalk';
  rule: Rule;
  /** the answer, or the topic a handoff is about */
  article?: string;
  /** "did you mean" articles */
  suggestions?: string[];
  /** the intent answered with its reply */
  intent?: string;
  confidence: number;
  /** suggest a person (frustration, or too many unanswered turns) */
  offerHuman: boolean;
  /** the thresholds the rule compared against */
  thresholds: Partial<Settings>;
}

/**
 * The answer policy: a pure function from one message's signals to a decision that names its rule.
 * Asking for a person wins even when the message also names a problem ("withdrawal stuck, get me a human"):
 * the article it names routes the handoff instead.
 */
export function decide(s: Signals, settings: Settings): Decision {
  const best = s.articles[0];
  const intent = (name: string) => s.intents.find((i) => i.name === name)?.p ?? 0;
  const human = intent('human');
  const topIntent = s.intents[0];
  const offerHuman = s.frustrated || s.failures + 1 >= settings.failuresBeforeHuman;

  const rival = Math.max(topIntent?.p ?? 0, best?.p ?? 0);
  // A message about handing a secret over names a person ("the agent asks for my code"): there only the yes/no
  // classifier's clear request hands off, not the human intent's share.
  const guarded = s.phishing && !!s.guardArticle;
  if (s.wantsHuman >= settings.asksForHuman || (!guarded && human >= settings.human && human >= rival * settings.humanShare)) {
    const topic = best && best.p >= settings.clarify ? best.id : undefined;
    return {
      action: 'handoff',
      rule: 'asks-for-human',
      article: topic,
      confidence: Math.max(s.wantsHuman, human),
      offerHuman: false,
      thresholds: { asksForHuman: settings.asksForHuman, human: settings.human, humanShare: settings.humanShare, clarify: settings.clarify },
    };
  }
  // Whoever asks for a secret is a scammer: the help center's article on that answers, whatever else matches.
  if (s.phishing && s.guardArticle) {
    return { action: 'answer', rule: 'phishing-guard', article: s.guardArticle, confidence: 1, offerHuman: false, thresholds: {} };
  }
  const oos = intent('out-of-scope');
  // Out of scope wins over a less likely article; over one that is confident and explains much of the
  // question ("how many confirmations?" after a deposit), only by a clear lead ("weather in dubai" 0.97 vs 0.40).
  const explained = best && best.p >= settings.answer && best.coverage >= settings.explained;
  if (oos >= settings.intent && oos - (best?.p ?? 0) >= (explained ? settings.explainedLead : 0)) {
    return {
      action: 'decline',
      rule: 'out-of-scope',
      confidence: oos,
      offerHuman,
      thresholds: { intent: settings.intent, explained: settings.explained, explainedLead: settings.explainedLead },
    };
  }
  // Search alone is sure less often than search and the classifier together (Binance dev: agreeing, 85% of
  // the best hits are right; disagreeing, half). Across languages the classifier reads only the concepts
  // both share, so its disagreement says less.
  const alone = best?.crossLanguage ? settings.answerAloneCross : settings.answerAlone;
  const sure = best && best.p >= settings.answer && (best.agreed !== false || best.p >= alone);
  if (topIntent && topIntent.p >= settings.intent && s.answerable.has(topIntent.name) && !(sure && best.p > topIntent.p)) {
    return {
      action: 'smalltalk',
      rule: 'intent-reply',
      intent: topIntent.name,
      confidence: topIntent.p,
      offerHuman: false,
      thresholds: { intent: settings.intent },
    };
  }
  // Two articles about as likely (a help center's near-duplicates: one card's top-up and another's) make a
  // direct answer a coin toss; asking which one costs a tap.
  const runnerUp = s.articles[1];
  if (sure && !s.followUp && runnerUp && runnerUp.p >= best.p * settings.tie && runnerUp.coverage >= settings.related) {
    return {
      action: 'clarify',
      rule: 'near-tie',
      suggestions: [best, ...s.articles.slice(1).filter((a) => a.p >= best.p * settings.tie && a.coverage >= settings.related)].slice(0, 3).map((a) => a.id),
      confidence: best.p,
      offerHuman,
      thresholds: { answer: settings.answer, tie: settings.tie, related: settings.related },
    };
  }
  if (sure) {
    return {
      action: 'answer',
      rule: s.followUp ? 'follow-up' : 'confident-article',
      article: best.id,
      confidence: best.p,
      offerHuman: s.frustrated,
      thresholds: { answer: settings.answer, ...(best.agreed === false ? { [best.crossLanguage ? 'answerAloneCross' : 'answerAlone']: alone } : {}) },
    };
  }
  if (oos >= settings.intent) {
    return { action: 'decline', rule: 'out-of-scope', confidence: oos, offerHuman, thresholds: { intent: settings.intent, answer: settings.answer } };
  }
  // Where "out of scope" is likelier than every article, no article is a plausible suggestion either; not
  // across languages, where the classifier reads only the shared concepts and its articles score low.
  if (oos >= settings.clarify && oos > (best?.p ?? 0) && !best?.crossLanguage) {
    return { action: 'decline', rule: 'out-of-scope-leads', confidence: oos, offerHuman, thresholds: { clarify: settings.clarify, answer: settings.answer } };
  }
  // Suggestions only when they plausibly relate: confident enough, and matching a fair share of the question.
  const related = s.articles.filter((a) => a.p >= settings.clarify && a.coverage >= settings.related).slice(0, 3);
  if (related.length) {
    return {
      action: 'clarify',
      rule: 'did-you-mean',
      suggestions: related.map((a) => a.id),
      confidence: best.p,
      offerHuman,
      thresholds: { answer: settings.answer, clarify: settings.clarify, related: settings.related },
    };
  }
  return {
    action: 'decline',
    rule: 'nothing-close',
    confidence: best?.p ?? 0,
    offerHuman,
    thresholds: { clarify: settings.clarify, related: settings.related },
  };
}
