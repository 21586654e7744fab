import { analyze, type Glossary } from '../text/index.js';
import type { Article } from '../knowledge/article.js';
import { sections, type Section } from '../knowledge/sections.js';

interface Analyzed {
  section: Section;
  heading: Set<string>;
  text: Set<string>;
}

/** Each article's sections are analyzed once: popular answers are asked for again and again. */
const analyzed = new WeakMap<Article, Analyzed[]>();

function sectionsOf(article: Article, glossary?: Glossary): Analyzed[] {
  let parts = analyzed.get(article);
  if (!parts) {
    const terms = (text: string) => new Set(analyze(text, article.lang, glossary).terms);
    parts = sections(article.body).map((section) => ({ section, heading: terms(section.heading), text: terms(section.text) }));
    analyzed.set(article, parts);
  }
  return parts;
}

/**
 * The section of an article that answers a question: the one whose heading and text share the most of the
 * search terms the question matched (a heading match counts double). None when the article has one section
 * or nothing matches: then the whole article is the answer.
 */
export function bestSection(article: Article, terms: string[], glossary?: Glossary): Section | undefined {
  if (!terms.length || !/^#{2,3}[ \t]/m.test(article.body)) return undefined;
  const parts = sectionsOf(article, glossary);
  if (parts.length < 2) return undefined;
  const wanted = [...new Set(terms)];
  let best: { section: Section; score: number } | undefined;
  for (const p of parts) {
    const score = wanted.reduce((s, t) => s + (p.heading.has(t) ? 2 : 0) + (p.text.has(t) ? 1 : 0), 0);
    if (score > (best?.score ?? 0)) best = { section: p.section, score };
  }
  return best?.section;
}
