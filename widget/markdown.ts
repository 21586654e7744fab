import { safeUrl } from '../src/safety/links.js';
import { html, nothing, type TemplateResult } from 'lit';

/**
 * Renders article Markdown as lit templates: every piece of text goes through lit's escaping, so no HTML
 * from an article or a user can reach the DOM. Supports what help-center articles use: headings,
 * paragraphs, lists nested by indentation, tables, fenced code, quotes, bold, italic, inline code and links
 * (http, https, mailto and same-site only).
 */
export function renderMarkdown(source: string): TemplateResult[] {
  return blocks(
    String(source ?? '')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      .split('\n'),
  );
}

const ITEM = /^(\s*)([-*+]|\d+[.)])\s+(.*)$/;
const FENCE = /^\s*(```|~~~)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const QUOTE = /^\s{0,3}>\s?/;
const indentOf = (line: string) => /^\s*/.exec(line)![0].length;
const cells = (row: string) =>
  row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => c.trim());
/** A line that starts a block of its own, so it ends a paragraph. */
const startsBlock = (lines: string[], i: number) =>
  HEADING.test(lines[i]) ||
  ITEM.test(lines[i]) ||
  FENCE.test(lines[i]) ||
  QUOTE.test(lines[i]) ||
  (lines[i].includes('|') && TABLE_RULE.test(lines[i + 1] ?? ''));

function blocks(lines: string[]): TemplateResult[] {
  const out: TemplateResult[] = [];
  for (let i = 0; i < lines.length;) {
    const line = lines[i];
    const heading = HEADING.exec(line);
    if (!line.trim()) {
      i++;
    } else if (FENCE.test(line)) {
      const fence = FENCE.exec(line)![1];
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].trim().startsWith(fence); i++) code.push(lines[i]);
      i++; // the closing fence (or the end)
      out.push(html`<pre><code>${code.join('\n')}</code></pre>`);
    } else if (heading) {
      out.push(heading[1].length <= 2 ? html`<h3>${inline(heading[2])}</h3>` : html`<h4>${inline(heading[2])}</h4>`);
      i++;
    } else if (line.includes('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const head = cells(line);
      const rows: string[][] = [];
      for (i += 2; i < lines.length && lines[i].includes('|') && lines[i].trim(); i++) rows.push(cells(lines[i]));
      out.push(html`<div class="table"><table>
        <thead><tr>${head.map((c) => html`<th scope="col">${inline(c)}</th>`)}</tr></thead>
        <tbody>${rows.map((r) => html`<tr>${head.map((_, k) => html`<td>${inline(r[k] ?? '')}</td>`)}</tr>`)}</tbody>
      </table></div>`);
    } else if (QUOTE.test(line)) {
      const quoted: string[] = [];
      for (; i < lines.length && QUOTE.test(lines[i]); i++) quoted.push(lines[i].replace(QUOTE, ''));
      out.push(html`<blockquote>${blocks(quoted)}</blockquote>`);
    } else if (ITEM.test(line)) {
      i = list(lines, i, out);
    } else {
      const para: string[] = [];
      while (i < lines.length && lines[i].trim() && (!para.length || !startsBlock(lines, i))) para.push(lines[i++].trim());
      out.push(html`<p>${inline(para.join(' '))}</p>`);
    }
  }
  return out;
}

/**
 * A list from line `start`: its items are the lines at its marker's indentation; what is indented deeper
 * (continuation lines, nested lists, code) belongs to the item above and is rendered as blocks of its own.
 * Returns the index of the first line after the list.
 */
function list(lines: string[], start: number, out: TemplateResult[]): number {
  const first = ITEM.exec(lines[start])!;
  const indent = first[1].length;
  const ordered = /\d/.test(first[2]);
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const m = ITEM.exec(lines[i]);
    if (!m || m[1].length !== indent || /\d/.test(m[2]) !== ordered) break;
    // Content is indented to the item's text: nested lines are taken relative to it.
    const body = [m[3]];
    for (i++; i < lines.length; i++) {
      const l = lines[i];
      if (!l.trim()) {
        // A blank line ends the list unless the item goes on, indented, after it.
        if (i + 1 < lines.length && lines[i + 1].trim() && indentOf(lines[i + 1]) > indent) {
          body.push('');
          continue;
        }
        break;
      }
      if (indentOf(l) <= indent) break;
      body.push(l.slice(Math.min(indentOf(l), indent + 2)));
    }
    items.push(body);
    if (i < lines.length && !lines[i].trim()) {
      // a blank line between two items of the same list keeps the list going
      const next = ITEM.exec(lines[i + 1] ?? '');
      if (next && next[1].length === indent) i++;
    }
  }
  const lis = items.map((body) => {
    // A one-line item is its text; an item with more (a nested list, a second paragraph) is blocks.
    const rest = body.slice(1);
    if (!rest.some((l) => l.trim())) return html`<li>${inline(body[0])}</li>`;
    const lead: string[] = [body[0]];
    let k = 0;
    while (k < rest.length && rest[k].trim() && !startsBlock(rest, k)) lead.push(rest[k++].trim());
    return html`<li>${inline(lead.join(' '))}${blocks(rest.slice(k))}</li>`;
  });
  const start1 = ordered ? Number(/\d+/.exec(first[2])![0]) : 1;
  out.push(ordered ? html`<ol start=${start1 === 1 ? nothing : start1}>${lis}</ol>` : html`<ul>${lis}</ul>`);
  return i;
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
      out.push(
        url ? html`<a href=${url} target=${external ? '_blank' : nothing} rel=${external ? 'noopener noreferrer' : nothing}>${inline(label)}</a>` : label,
      );
    } else out.push(html`<em>${inline(em ?? em2)}</em>`);
    last = m.index + whole.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export { safeUrl };
