/** A part of an article under one `##` heading (the text before the first heading has none). */
export interface Section {
  heading: string;
  /** the section's Markdown, without its heading line */
  text: string;
}

const HEADING = /^#{2,3}[ \t]+(.+?)[ \t#]*$/;

/**
 * Splits an article body at its `##` and `###` headings (DESIGN.md: sections are the unit an answer points
 * at). Headings inside fenced code are text.
 */
export function sections(body: string): Section[] {
  const out: Section[] = [];
  let current: Section = { heading: '', text: '' };
  let fenced = false;
  for (const line of body.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const m = fenced ? null : HEADING.exec(line);
    if (m) {
      if (current.heading || current.text.trim()) out.push(current);
      current = { heading: m[1], text: '' };
    } else current.text += (current.text ? '\n' : '') + line;
  }
  if (current.heading || current.text.trim()) out.push(current);
  return out.map((s) => ({ heading: s.heading, text: s.text.trim() }));
}
