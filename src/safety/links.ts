/**
 * The one rule for links that reach the page (article links, `data-contact`, an agent's avatar): http(s),
 * mailto and same-site paths (`/…`, `#…`) pass; javascript:, data: and the like do not, nor `//host` and
 * `/\host`, which browsers resolve to another site, nor a bare `page.html`, which resolves against whatever
 * page the widget sits on. Lint (src/knowledge/parse-article.ts) and the widget both ask this function.
 */
export function safeUrl(href: string): string | undefined {
  const h = href.trim();
  if (/^(https?:|mailto:)/i.test(h)) return h;
  if (/^\/(?![/\\])/.test(h) || h.startsWith('#')) return h;
  return undefined;
}
