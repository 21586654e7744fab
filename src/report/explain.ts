/**
 * Why the bot replied as it did, in a sentence, for the preview's side panel and the reports. It reads the
 * rule that decide() named and the thresholds it compared against (reply.debug), never recomputes them.
 *
 * The preview page runs this very function in the browser (its source is inlined with `toString()`), so it
 * must stay self-contained: no imports, no helpers from outside its body.
 */
export function explainChoice(reply: {
  kind: string;
  article?: { id: string };
  suggestions?: { id: string }[];
  intent?: string;
  debug?: {
    rule?: string;
    thresholds?: Record<string, number | undefined>;
    candidates: { label: string; p: number }[];
    searchTop?: string;
    asksForHuman?: number;
  };
}): string {
  const f = (p: number | undefined) => (p ?? 0).toFixed(2);
  const d = reply.debug ?? { candidates: [] };
  const t = d.thresholds ?? {};
  const p = (label: string | undefined) => d.candidates.find((c) => c.label === label)?.p;
  const best = d.candidates.find((c) => c.label.charAt(0) !== '@');
  const search =
    d.searchTop === undefined
      ? ' Search found nothing.'
      : reply.article && d.searchTop === reply.article.id
        ? ' Search ranked it first.'
        : ` Search ranked ${d.searchTop} first.`;
  switch (d.rule) {
    case 'confident-article':
      return `Answered with ${reply.article?.id}: its confidence ${f(p(reply.article?.id))} reached the answer threshold ${f(t.answer)}.${search}`;
    case 'follow-up':
      return `Answered with ${reply.article?.id} as a follow-up: read with the question before it, its confidence ${f(p(reply.article?.id))} reached the answer threshold ${f(t.answer)}.`;
    case 'shown':
      return `Showed ${reply.article?.id}: picked directly (a suggestion or a link), not matched.`;
    case 'asks-for-human':
      return `Handed to a human: the message asks for a person ("asks for a human" ${f(d.asksForHuman)} against ${f(t.asksForHuman)}, or the human intent ${f(p('@human'))} against ${f(t.human)}).`;
    case 'phishing-guard':
      return `Answered with ${reply.article?.id}, the article on scams and fake support, and warned: the message is about handing a secret (seed phrase, password, 2FA code) to someone.`;
    case 'intent-reply':
      return `Replied with the ${reply.intent} intent's reply: it won with ${f(p('@' + reply.intent))} (intent threshold ${f(t.intent)}).`;
    case 'out-of-scope':
      return `Declined: the out-of-scope intent won with ${f(p('@out-of-scope'))} (intent threshold ${f(t.intent)}), and no article explained the question.`;
    case 'out-of-scope-leads':
      return `Declined: out of scope (${f(p('@out-of-scope'))}) is likelier than every article, so none was a plausible suggestion${best ? ` (best ${best.label} ${f(best.p)}, answer threshold ${f(t.answer)})` : ''}.`;
    case 'near-tie': {
      const second = d.candidates.filter((c) => c.label.charAt(0) !== '@')[1];
      return `Asked which: ${best?.label} (${f(best?.p)}) is sure, but ${second?.label} (${f(second?.p)}) has at least ${Math.round((t.tie ?? 0) * 100)}% of its confidence, so the bot offered both rather than guess.`;
    }
    case 'did-you-mean':
      return `Not sure: the best article, ${best?.label} (${f(best?.p)}), is below the answer threshold ${f(t.answer)}, so the bot offered ${reply.suggestions?.length ?? 0} "did you mean" suggestion(s) at or above ${f(t.clarify)} that match at least ${Math.round((t.related ?? 0) * 100)}% of the question.`;
    case 'nothing-close':
      return best
        ? `No answer: the best article, ${best.label} (${f(best.p)}), is below the clarify threshold ${f(t.clarify)} or matches too little of the question. A new article, or example questions for ${best.label}, would fix this if it should answer.`
        : 'No article matched at all.';
    case 'empty':
      return 'Nothing to match: the message had no letters or digits.';
    case 'error':
      return 'The bot failed on this message and offered a human.';
  }
  if (reply.kind === 'answer' && reply.article && p(reply.article.id) === undefined) return `Showed ${reply.article.id}: picked directly, not matched.`;
  return `The bot replied with ${reply.kind}.`;
}
