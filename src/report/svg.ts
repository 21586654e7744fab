/**
 * Inline SVG charts for the report pages: horizontal bars and stacked columns. Drawn as strings so a
 * report stays one offline file with no chart library; every label is escaped.
 */
import { esc } from './html.js';

/** One bar: `value` on a scale of 0–`max`; `text` is what is written beside it. */
export interface Bar {
  label: string;
  value: number;
  text?: string;
  colour?: string;
}

export const COLOURS = { accent: '#2f6fdf', ok: '#2e8b57', warn: '#d99a1e', bad: '#c8432f', grey: '#9aa3b2' };

const fmt = (n: number) => String(+n.toFixed(2));

/** Horizontal bars, one per row, with the label on the left and the value on the right. */
export function barChart(bars: Bar[], options: { title: string; max?: number; width?: number }): string {
  const width = options.width ?? 480;
  const row = 24;
  const labelWidth = Math.min(200, Math.max(60, ...bars.map((b) => b.label.length * 7.5 + 12)));
  const textWidth = Math.max(40, ...bars.map((b) => (b.text ?? fmt(b.value)).length * 7.5 + 12));
  const plot = width - labelWidth - textWidth;
  const max = options.max ?? Math.max(1, ...bars.map((b) => b.value));
  const height = Math.max(row, bars.length * row) + 8;
  const shapes = bars.map((b, i) => {
    const y = 4 + i * row;
    const w = max > 0 ? Math.max(0, Math.min(1, b.value / max)) * plot : 0;
    const label = b.label.length > 28 ? b.label.slice(0, 27) + '…' : b.label;
    return (
      `<g><title>${esc(b.label)}: ${esc(b.text ?? fmt(b.value))}</title>` +
      `<text x="${labelWidth - 8}" y="${y + 16}" text-anchor="end" font-size="13">${esc(label)}</text>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${plot}" height="${row - 8}" fill="#eef1f5" rx="3"/>` +
      `<rect x="${labelWidth}" y="${y + 3}" width="${w.toFixed(1)}" height="${row - 8}" fill="${esc(b.colour ?? COLOURS.accent)}" rx="3"/>` +
      `<text x="${labelWidth + plot + 8}" y="${y + 16}" font-size="13">${esc(b.text ?? fmt(b.value))}</text></g>`
    );
  });
  if (!bars.length) shapes.push(`<text x="8" y="18" font-size="13" fill="#5b6474">no data</text>`);
  return svg(width, height, options.title, shapes.join(''));
}

/** One column of a stacked column chart: a label and one value per series. */
export interface Column {
  label: string;
  values: number[];
}

/** Stacked columns (e.g. questions per day by outcome) with a legend; labels thin out when crowded. */
export function columnChart(
  columns: Column[],
  options: { title: string; series: { name: string; colour: string }[]; width?: number; height?: number },
): string {
  const width = options.width ?? 960;
  const height = options.height ?? 220;
  const left = 40;
  const bottom = 34;
  const top = 26;
  const plotW = width - left - 8;
  const plotH = height - top - bottom;
  const totals = columns.map((c) => c.values.reduce((s, v) => s + v, 0));
  const max = niceMax(Math.max(1, ...totals));
  const step = plotW / Math.max(1, columns.length);
  const barW = Math.max(2, Math.min(36, step * 0.7));
  const every = Math.ceil(columns.length / Math.max(1, Math.floor(plotW / 70)));
  const parts: string[] = [];

  for (const t of [0, 0.5, 1]) {
    const y = top + plotH - t * plotH;
    parts.push(
      `<line x1="${left}" x2="${width - 8}" y1="${y}" y2="${y}" stroke="#dde2ea"/>`,
      `<text x="${left - 6}" y="${y + 4}" text-anchor="end" font-size="11">${fmt(max * t)}</text>`,
    );
  }
  columns.forEach((c, i) => {
    const x = left + i * step + (step - barW) / 2;
    let y = top + plotH;
    const tip = options.series.map((s, k) => `${s.name}: ${c.values[k] ?? 0}`).join(', ');
    parts.push(`<g><title>${esc(c.label)} — ${esc(tip)}</title>`);
    c.values.forEach((v, k) => {
      const h = (v / max) * plotH;
      if (h <= 0) return;
      y -= h;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y.toFixed(1)}" width="${barW.toFixed(1)}" height="${h.toFixed(1)}" fill="${esc(options.series[k]?.colour ?? COLOURS.grey)}"/>`,
      );
    });
    parts.push('</g>');
    if (i % every === 0)
      parts.push(`<text x="${(x + barW / 2).toFixed(1)}" y="${height - bottom + 16}" text-anchor="middle" font-size="11">${esc(c.label)}</text>`);
  });
  let lx = left;
  for (const s of options.series) {
    parts.push(`<rect x="${lx}" y="6" width="12" height="12" fill="${esc(s.colour)}"/><text x="${lx + 16}" y="16" font-size="12">${esc(s.name)}</text>`);
    lx += 28 + s.name.length * 7;
  }
  if (!columns.length) parts.push(`<text x="${left + 8}" y="${top + 20}" font-size="13" fill="#5b6474">no data</text>`);
  return svg(width, height, options.title, parts.join(''));
}

/** 1, 2, 5 × 10ⁿ at or above `n`, so the axis reads in round numbers. */
function niceMax(n: number): number {
  const p = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 5, 10]) if (m * p >= n) return m * p;
  return 10 * p;
}

function svg(width: number, height: number, title: string, content: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" style="max-width:100%;height:auto"><title>${esc(title)}</title>${content}</svg>`;
}
