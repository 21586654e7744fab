import { html, type TemplateResult } from 'lit';

/** One answer to the satisfaction survey: a score from 1 to 5 and what the user wrote, if anything. */
export interface SurveyAnswer {
  score: number;
  comment: string;
}

/**
 * The satisfaction survey shown once when a conversation with an agent ends: a question, an optional
 * comment, five scores (a press sends) and Skip. Scores are numbers, so they need no translation.
 */
export function renderSurvey(text: { question: string; comment: string; skip: string }, answer: (a: SurveyAnswer | undefined) => void): TemplateResult {
  const send = (e: Event, score: number) => {
    const box = (e.target as HTMLElement).closest('.survey')?.querySelector('textarea');
    answer({ score, comment: box?.value.trim() ?? '' });
  };
  return html`<div class="handoff survey" part="survey" role="group" aria-labelledby="helpline-csat">
    <p id="helpline-csat">${text.question}</p>
    <textarea name="comment" rows="2" aria-label=${text.comment} placeholder=${text.comment}></textarea>
    <div class="chips">
      ${[1, 2, 3, 4, 5].map((n) => html`<button class="chip" data-score=${n} aria-label="${n}/5" @click=${(e: Event) => send(e, n)}>${n}</button>`)}
      <button class="chip skip" @click=${() => answer(undefined)}>${text.skip}</button>
    </div>
  </div>`;
}
