import { safeUrl } from '../src/safety/links.js';
import { html, nothing, type TemplateResult } from 'lit';

/**
 * Renders article Markdown as lit templates: every piece of text goes through lit's escaping, so no HTML
 * from an article or a user can reach the DOM. Supports what articles use: headings, paragraphs, lists,
 * bold, italic, inline code and links (http, https, mailto and relative only).
 */
export function renderMarkdown(source: string): TemplateResult[] {
  const blocks: TemplateResult[] = [];
  const lines = String(source ?? '').replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; ) {
    const line = lines[i];
    const heading = /^(#{1,6})\s+(.*)$/.exec(line);
    if (!line.trim()) {
      i++;
    } else if (heading) {
      blocks.push(heading[1].length <= 2 ? html`<h3>${inline(heading[2])}</h3>` : html`<h4>${inline(heading[2])}</h4>`);
      i++;
    } else if (/^\s*([-*+]|\d+[.)])\s+/.test(line)) {
      const ordered = /^\s*\d/.test(line);
      const items: string[] = [];
      while (i < lines.length && /^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) {
        let item = lines[i].replace(/^\s*([-*+]|\d+[.)])\s+/, '');
        i++;
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !/^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) item += ' ' + lines[i++].trim();
        items.push(item);
      }
      const lis = items.map((it) => html`<li>${inline(it)}</li>`);
      blocks.push(ordered ? html`<ol>${lis}</ol>` : html`<ul>${lis}</ul>`);
    } else {
      const para: string[] = [];
      while (i < lines.length && lines[i].trim() && !/^(#{1,6})\s/.test(lines[i]) && !/^\s*([-*+]|\d+[.)])\s+/.test(lines[i])) para.push(lines[i++].trim());
      blocks.push(html`<p>${inline(para.join(' ').replace(/^>\s?/, ''))}</p>`);
    }
  }
  return blocks;
}

const INLINE = /\*\*(.+?)\*\*|__(.+?)__|`([^`]+)`|\[([^\]]+)\]\(\s*([^)\s]+)\s*\)|\*([^*\s][^*]*?)\*|_([^_\s][^_]*?)_/g;
const WORD = /[\p{L}\p{N}_]/u;

/** Bold, italic, code and links inside a line; anything else is text. */
export function inline(text: string): (TemplateResult | string)[] {
  const out: (TemplateResult | string)[] = [];
  const re = new RegExp(INLINE); // own lastIndex: inline() recurses
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [whole, bold, bold2, code, label, href, em, em2] = m;
    // As in CommonMark, underscores inside a word (snake_case, window.__name) are not emphasis.
    if ((bold2 ?? em2) !== undefined && (WORD.test(text[m.index - 1] ?? '') || WORD.test(text[m.index + whole.length] ?? ''))) {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (m.index > last) out.push(text.slice(last, m.index));
    if (bold ?? bold2) out.push(html`<strong>${inline(bold ?? bold2)}</strong>`);
    else if (code) out.push(html`<code>${code}</code>`);
    else if (label) {
      const url = safeUrl(href);
      const external = url && /^https?:/i.test(url);
      out.push(url ? html`<a href=${url} target=${external ? '_blank' : nothing} rel=${external ? 'noopener noreferrer' : nothing}>${inline(label)}</a>` : label);
    } else out.push(html`<em>${inline(em ?? em2)}</em>`);
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export { safeUrl };
