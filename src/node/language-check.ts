import { francAll } from 'franc';
import type { SourceArticle, Problem } from '../knowledge/article.js';

/** ISO 639-1 → 639-3 for the Latin-script languages franc can tell apart. */
const ISO3: Record<string, string> = { en: 'eng', es: 'spa', pt: 'por', fr: 'fra', de: 'deu', it: 'ita', nl: 'nld', tr: 'tur', vi: 'vie', id: 'ind', pl: 'pol' };

/**
 * Flags articles whose body reads as another of the knowledge base's languages (an article saved in the
 * wrong folder). franc runs here, in Node, restricted to the folder's languages: it is too large for the
 * browser bundle, where the pack's own language profiles do this job.
 */
export function checkArticleLanguages(articles: SourceArticle[]): Problem[] {
  const langs = [...new Set(articles.map((a) => a.lang))].filter((l) => ISO3[l]);
  if (langs.length < 2) return [];
  const only = langs.map((l) => ISO3[l]);
  const problems: Problem[] = [];
  for (const a of articles) {
    if (!ISO3[a.lang]) continue;
    const text = a.body.replace(/[`*_#>\[\]()]/g, ' ');
    if (text.length < 120) continue;
    const [[best, score], second] = francAll(text, { only });
    const own = francAll(text, { only }).find(([l]) => l === ISO3[a.lang])?.[1] ?? 0;
    if (best !== ISO3[a.lang] && score - own > 0.1 && second) {
      const name = Object.keys(ISO3).find((k) => ISO3[k] === best);
      problems.push({ file: a.file, line: 1, severity: 'warning', message: `the answer reads as '${name}', not '${a.lang}': is it in the right language folder?` });
    }
  }
  return problems;
}
