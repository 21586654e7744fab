import { html, nothing, type TemplateResult } from 'lit';
import type { Article } from 'helpline';

/** How many topics the first screen offers: more than six stop being "popular" and push the composer away. */
export const MAX_TOPICS = 6;

/**
 * The topics offered before the first question, in the visitor's language (else the pack's default): the
 * articles featured (`featured: true`), else the most asked in the report the pack was built with
 * (`helpline build --topics`), else the first article of each category.
 */
export function firstTopics(articles: readonly Article[], lang: string, defaultLang: string): { id: string; title: string }[] {
  let own = articles.filter((a) => a.lang === lang);
  if (!own.length) own = articles.filter((a) => a.lang === defaultLang);
  const seen = new Set<string>();
  // The build marks every translation of a featured article (compile-pack.ts).
  const popular = own.filter((a) => a.popular).sort((a, b) => a.popular! - b.popular!);
  const picked = own.some((a) => a.featured)
    ? own.filter((a) => a.featured)
    : popular.length
      ? popular
      : own.filter((a) => !seen.has(a.category) && seen.add(a.category));
  return picked.slice(0, MAX_TOPICS).map((a) => ({ id: a.id, title: a.title }));
}

/** Each language named in itself ("English", "Español", "中文"): a visitor finds their own whatever the UI's. */
export function languageNames(codes: readonly string[]): string[] {
  return codes.map((code) => {
    try {
      const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
      return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
    } catch {
      return code;
    }
  });
}

export interface FirstScreen {
  greeting: string;
  topicsLabel: string;
  languagesLabel: string;
  topics: { id: string; title: string }[];
  languages: string[];
  pick: (id: string) => void;
}

/** The greeting, the topic chips and the languages the bot answers in, shown while the log is empty. */
export function renderFirstScreen(s: FirstScreen): TemplateResult {
  return html`<div class="first" part="first-screen">
    <p class="greeting">${s.greeting}</p>
    ${
      s.topics.length
        ? html`<div class="chips topics" role="group" aria-label=${s.topicsLabel}>
          ${s.topics.map((t) => html`<button class="chip" part="chip topic" data-article=${t.id} @click=${() => s.pick(t.id)}>${t.title}</button>`)}
        </div>`
        : nothing
    }
    ${s.languages.length > 1 ? html`<p class="languages">${s.languagesLabel} ${s.languages.map((l, i) => html`${i ? ' · ' : ''}<span lang="">${l}</span>`)}</p>` : nothing}
  </div>`;
}
