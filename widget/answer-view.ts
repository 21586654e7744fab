import { html, nothing, type TemplateResult } from 'lit';
import type { Reply } from 'helpline';
import { renderMarkdown, safeUrl } from './markdown.js';
import { leadOf } from './answer-lead.js';

export interface AnswerView {
  /** the whole article was asked for */
  expanded: boolean;
  wholeArticle: string;
  openArticle: string;
  expand: () => void;
}

/**
 * An answer as a phone shows it: the title on one line, the section that matched (else the article's first
 * lines), "Show the whole article", and the article's page on the help center when it has one.
 */
export function renderAnswer(r: Reply & { article: NonNullable<Reply['article']> }, v: AnswerView): TemplateResult {
  const a = r.article;
  const lead = v.expanded || r.section ? undefined : leadOf(a.body);
  const part = v.expanded
    ? renderMarkdown(a.body)
    : r.section
      ? html`${r.section.heading ? html`<h4 class="section">${r.section.heading}</h4>` : nothing}${renderMarkdown(r.section.text)}`
      : renderMarkdown(lead ?? a.body);
  const more = !v.expanded && (r.section || lead !== undefined);
  // Only a page on the web: the front matter's url is checked by lint, and again here (the pack may be old or edited).
  const link = a.url && /^https?:/i.test(a.url) ? safeUrl(a.url) : undefined;
  return html`<h3 class="title" title=${a.title}>${a.title}</h3>${part}
    ${
      more || link
        ? html`<div class="answer-actions">
          ${more ? html`<button class="chip more" part="chip" @click=${v.expand}>${v.wholeArticle}</button>` : nothing}
          ${link ? html`<a class="source" part="article-link" href=${link} target="_blank" rel="noopener noreferrer">${v.openArticle}</a>` : nothing}
        </div>`
        : nothing
    }`;
}
