/**
 * The shell of Helpline's report pages: one self-contained HTML file (no scripts, fonts or images from
 * elsewhere), a light theme that prints well, and escaping for every piece of text put into it.
 */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML and SVG, in element content and in quoted attributes alike. */
export function esc(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** `0.8312` → `83.1%`; null (no cases) → an em dash. */
export function pct(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || Number.isNaN(value) ? '—' : `${(value * 100).toFixed(digits)}%`;
}

/** A headline figure: a big number with a caption. */
export function figure(value: string, caption: string, hint = ''): string {
  return `<div class="figure"><div class="value">${esc(value)}</div><div class="caption">${esc(caption)}</div>${hint ? `<div class="hint">${esc(hint)}</div>` : ''}</div>`;
}

/** A table; cells are HTML already escaped by the caller (they often hold links or code). */
export function table(head: string[], rows: string[][], cls = ''): string {
  if (!rows.length) return '<p class="empty">None.</p>';
  const th = head.map((h) => `<th>${esc(h)}</th>`).join('');
  const tr = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${esc(cls)}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${tr}\n</tbody></table>`;
}

/** A list of quoted questions (escaped here), each optionally followed by a note in HTML. */
export function quotes(texts: string[], notes: string[] = []): string {
  return texts.length ? `<ul class="quotes">${texts.map((t, i) => `<li><q>${esc(t)}</q>${notes[i] ?? ''}</li>`).join('')}</ul>` : '';
}

const STYLE = `
:root { color-scheme: light; --ink: #1d2430; --muted: #5b6474; --line: #dde2ea; --accent: #2f6fdf; --bad: #c8432f; --ok: #2e8b57; --warn: #c98a12; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK SC", sans-serif; color: var(--ink); background: #f6f7f9; }
main { max-width: 1080px; margin: 0 auto; padding: 32px 24px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 15px; margin: 18px 0 6px; }
.sub { color: var(--muted); margin: 0 0 20px; }
.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 12px; }
.figure { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.figure .value { font-size: 26px; font-weight: 650; }
.figure .caption { color: var(--muted); font-size: 13px; }
.figure .hint { color: var(--muted); font-size: 12px; margin-top: 2px; }
.charts { margin-top: 16px; display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px; overflow-x: auto; }
.chart h3 { margin-top: 0; }
svg text { font-family: inherit; fill: var(--ink); }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); font-size: 14px; }
th, td { text-align: left; vertical-align: top; padding: 6px 10px; border-bottom: 1px solid var(--line); }
th { background: #eef1f5; font-weight: 600; }
code { font: 13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #eef1f5; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
ul.quotes { margin: 0; padding-left: 18px; }
ul.quotes li { overflow-wrap: anywhere; }
.advice { background: #fff; border-left: 4px solid var(--warn); padding: 10px 14px; margin: 10px 0; border-radius: 0 6px 6px 0; }
.advice p { margin: 0 0 6px; }
.empty { color: var(--muted); font-style: italic; }
.bad { color: var(--bad); }
.muted { color: var(--muted); }
footer { margin-top: 48px; color: var(--muted); font-size: 12px; }
@media print {
  body { background: #fff; font-size: 12px; }
  main { max-width: none; padding: 0; }
  .figure, .chart, table, .advice { break-inside: avoid; }
  h2 { break-after: avoid; }
  .charts { grid-template-columns: 1fr 1fr; }
}
`;

/** A whole page: title, body HTML (already escaped by the caller) and a footer line. */
export function page(title: string, body: string, footer = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
<footer>${esc(footer)}</footer>
</main>
</body>
</html>
`;
}
