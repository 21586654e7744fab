/**
 * Why the bot chose answer, clarify or fallback, in a sentence, for the preview's side panel.
 *
 * The preview page runs this very function in the browser (its source is inlined with `toString()`), so it
 * must stay self-contained: no imports, no helpers from outside its body.
 */
export function explainChoice(
  reply: { kind: string; article?: { id: string }; suggestions?: { id: string }[]; debug?: { candidates: { label: string; p: number }[]; searchTop?: string } },
  settings: { answer: number; clarify: number; intent: number },
): string {
  const f = (p: number) => p.toFixed(2);
  const candidates = reply.debug?.candidates ?? [];
  const top = candidates[0];
  const best = candidates.find((c) => c.label.charAt(0) !== '@');
  const search = reply.debug?.searchTop;
  if (reply.kind === 'answer' && reply.article) {
    const own = candidates.find((c) => c.label === reply.article!.id);
    if (!own) return `Answered with ${reply.article.id}, chosen directly (a suggestion was picked), not by the classifier.`;
    const agree = search === undefined ? ' Search found nothing.' : search === own.label ? ' Search agreed.' : ` Search ranked ${search} first.`;
    return `Answered with ${own.label}: its confidence ${f(own.p)} reached the answer threshold ${f(settings.answer)}.${agree}`;
  }
  if (reply.kind === 'clarify' && best) {
    const n = reply.suggestions?.length ?? 0;
    return `Not sure: the best article, ${best.label} (${f(best.p)}), is below the answer threshold ${f(settings.answer)}, so the bot offered ${n} "did you mean" suggestion(s) at or above the clarify threshold ${f(settings.clarify)}.`;
  }
  if (reply.kind === 'fallback') {
    if (!top) return 'Nothing to match: the message had no words, or the bot failed and offered a human.';
    if (top.label === '@out-of-scope' && top.p >= settings.intent) return `Declined: the out-of-scope intent won with ${f(top.p)} (intent threshold ${f(settings.intent)}), so no article was offered.`;
    if (!best) return 'No article matched at all.';
    return `No answer: the best article, ${best.label} (${f(best.p)}), is below the clarify threshold ${f(settings.clarify)}. A new article, or more example questions for ${best.label}, would fix this if it should answer.`;
  }
  if (reply.kind === 'handoff') return `Handed to a human: the ${top ? top.label : '@human'} intent won${top ? ` with ${f(top.p)}` : ''}.`;
  if (reply.kind === 'smalltalk') return `Small talk: the ${top ? top.label : 'conversational'} intent won${top ? ` with ${f(top.p)}` : ''}.`;
  return `The bot replied with ${reply.kind}.`;
}
