import { analyze, type Glossary } from '../text/index.js';
import type { Article } from '../knowledge/article.js';
import { sections, type Section } from '../knowledge/sections.js';

/**
 * The section of an article that answers a question: the one whose heading and text share the most of the
 * search terms the question matched (a heading match counts double). None when the article has one section
 * or nothing matches: then the whole article is the answer.
 */
export function bestSection(article: Article, terms: string[], glossary?: Glossary): Section | undefined {
  const parts = sections(article.body);
  if (parts.length < 2 || !terms.length) return undefined;
  const wanted = new Set(terms);
  const overlap = (text: string) => new Set(analyze(text, article.lang, glossary).terms.filter((t) => wanted.has(t))).size;
  let best: { section: Section; score: number } | undefined;
  for (const section of parts) {
    const score = 2 * overlap(section.heading) + overlap(section.text);
    if (score > (best?.score ?? 0)) best = { section, score };
  }
  return best?.section;
}
