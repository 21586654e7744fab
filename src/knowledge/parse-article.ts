import { LineCounter, parseDocument, isMap, isScalar, visit, type Document, type Pair } from 'yaml';
import { safeUrl } from '../safety/links.js';
import { ID_PATTERN, PRIORITIES, type Priority, type Problem, type SourceArticle } from './article.js';

const FIELDS = new Set(['id', 'title', 'category', 'tags', 'questions', 'lang', 'priority', 'url', 'featured']);
/** Raw HTML would be shown as text by the widget; it almost always means a mistake or an attack. */
const HTML_TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;
/** Link targets in the three Markdown forms: [text](target), [ref]: target, and <target>. */
const LINK_TARGETS = [/\]\(\s*<?([^)>\s]*)/g, /^\s{0,3}\[[^\]]+\]:\s*<?(\S*)/g, /<([a-z][a-z0-9+.-]*:[^>\s]*)>/gi];

/** What a file's place in the folder says about it. */
export interface ArticlePlace {
  file: string;
  lang: string;
  category?: string;
  /** the file name without `.md` */
  name: string;
}

/**
 * Parses one knowledge article (front matter + Markdown) and checks it against the contract in
 * DESIGN.md. Returns the article when it has no errors, and every problem found with its line.
 */
export function parseArticle(text: string, place: ArticlePlace): { article?: SourceArticle; problems: Problem[] } {
  const problems: Problem[] = [];
  const problem = (line: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: place.file, line, message, severity });

  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[0].trim() !== '---') {
    problem(1, 'the file must start with a front matter block: a line "---", YAML fields, and a closing "---"');
    return { problems };
  }
  const end = lines.findIndex((l, i) => i > 0 && l.trim() === '---');
  if (end < 0) {
    problem(1, 'the front matter is not closed: add a line "---" after the last field');
    return { problems };
  }
  const lineCounter = new LineCounter();
  const yamlText = lines.slice(1, end).join('\n');
  const doc = parseDocument(yamlText, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line + 1);
  for (const e of doc.errors) problem(lineOf(e.pos[0]), `YAML: ${e.message.split('\n')[0]}`);
  if (doc.errors.length) return { problems };
  if (!isMap(doc.contents)) {
    problem(2, 'the front matter must be YAML fields (key: value)');
    return { problems };
  }

  // A Map: a field named "__proto__" must not reach Object.prototype.
  const fieldLine = new Map<string, number>();
  for (const pair of doc.contents.items as Pair[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    fieldLine.set(key, lineOf((pair.key as { range?: [number] })?.range?.[0]));
    if (!FIELDS.has(key)) problem(fieldLine.get(key)!, `unknown field '${key}' (allowed: ${[...FIELDS].join(', ')})`);
  }
  const parsed = toData(doc);
  if (!parsed.data) {
    problem(lineOf(parsed.at), parsed.error);
    return { problems };
  }
  const data = parsed.data;
  const at = (field: string) => fieldLine.get(field) ?? 2;

  const id = data.id;
  if (id === undefined || id === null) problem(2, "missing required field 'id'");
  else if (typeof id !== 'string' || !ID_PATTERN.test(id)) problem(at('id'), `id '${String(id)}' must be lowercase letters, digits and dashes ([a-z0-9-]+)`);
  else if (id !== place.name) problem(at('id'), `id '${id}' does not match the file name '${place.name}.md'`);

  const title = data.title;
  if (typeof title !== 'string' || !title.trim()) problem(at('title'), "missing required field 'title' (a non-empty text)");

  // Optional (DESIGN.md): a real help center's article is a title and a body; example questions add to them.
  const questions = data.questions ?? [];
  if (!Array.isArray(questions)) {
    problem(at('questions'), "'questions' must be a list of example questions that users ask (or left out)");
  } else {
    questions.forEach((q, i) => {
      if (typeof q !== 'string' || !q.trim()) problem(at('questions') + 1 + i, `question ${i + 1} must be a non-empty text`);
    });
    const seen = new Set<string>();
    questions.forEach((q, i) => {
      const key = String(q).trim().toLowerCase();
      if (seen.has(key)) problem(at('questions') + 1 + i, `question '${q}' is listed twice`, 'warning');
      seen.add(key);
    });
  }

  const tags = data.tags ?? [];
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string')) problem(at('tags'), 'tags must be a list of words');
  if (data.category !== undefined && (typeof data.category !== 'string' || !ID_PATTERN.test(data.category))) {
    problem(at('category'), `category '${String(data.category)}' must be lowercase letters, digits and dashes`);
  }
  if (data.lang !== undefined && data.lang !== place.lang) {
    problem(at('lang'), `lang '${String(data.lang)}' differs from the folder '${place.lang}/' it is in`);
  }
  if (data.priority !== undefined && !PRIORITIES.includes(data.priority as Priority)) {
    problem(at('priority'), `priority '${String(data.priority)}' must be one of ${PRIORITIES.join(', ')}`);
  }

  if (data.url !== undefined && (typeof data.url !== 'string' || !/^https?:\/\/[^\s/]+/i.test(data.url) || !safeUrl(data.url))) {
    problem(at('url'), `url '${String(data.url)}' must be the article's page on your help center, starting with https:// or http://`);
  }
  if (data.featured !== undefined && typeof data.featured !== 'boolean') problem(at('featured'), `featured must be true or false, not '${String(data.featured)}'`);

  const bodyStart = end + 2;
  const body = lines.slice(end + 1).join('\n').trim();
  if (!body) problem(bodyStart, 'the article has no answer: write it in Markdown below the front matter');
  lines.slice(end + 1).forEach((l, i) => {
    if (HTML_TAG.test(l)) problem(bodyStart + i, `raw HTML '${HTML_TAG.exec(l)![0].slice(0, 40)}' is not allowed: write Markdown (it would be shown as text)`);
    for (const target of unsafeLinks(l)) problem(bodyStart + i, `links must be http(s), mailto or a path on this site (/…, #…): '${target}' would be shown as plain text`);
  });

  if (problems.some((p) => p.severity === 'error')) return { problems };
  return {
    problems,
    article: {
      id: id as string,
      lang: place.lang,
      title: (title as string).trim(),
      category: (data.category as string) ?? place.category ?? 'general',
      tags: (tags as string[]).map((t) => t.trim()).filter(Boolean),
      ...(data.priority ? { priority: data.priority as Priority } : {}),
      ...(data.url ? { url: (data.url as string).trim() } : {}),
      ...(data.featured ? { featured: true } : {}),
      body,
      questions: Array.isArray(questions) ? (questions as string[]).map((q) => String(q).trim()) : [],
      file: place.file,
    },
  };
}

/**
 * The front matter as plain data. Anchors and aliases can expand into billions of nodes ("YAML bomb"):
 * the yaml library refuses past a limit, and that refusal becomes a problem at the first alias.
 */
function toData(doc: Document): { data: Record<string, unknown> } | { data?: undefined; error: string; at?: number } {
  try {
    return { data: (doc.toJS() ?? {}) as Record<string, unknown> };
  } catch (e) {
    let at: number | undefined;
    visit(doc, {
      Alias(_, node) {
        at = node.range?.[0];
        return visit.BREAK;
      },
    });
    return { error: `YAML: ${(e as Error).message}: anchors and aliases (&name, *name) that expand this much are refused`, at };
  }
}

/** Link targets in a line that the widget would not follow (src/safety/links.ts decides for both). */
function unsafeLinks(line: string): string[] {
  const out: string[] = [];
  for (const pattern of LINK_TARGETS) {
    for (const m of line.matchAll(pattern)) {
      // Browsers ignore entities, blanks and control characters inside a scheme ("jav&#x61;script:", "java\tscript:").
      const target = m[1]
        .replace(/&#x([0-9a-f]+);?/gi, (_, h: string) => String.fromCodePoint(Math.min(parseInt(h, 16), 0x10ffff)))
        .replace(/&#(\d+);?/g, (_, d: string) => String.fromCodePoint(Math.min(Number(d), 0x10ffff)))
        .replace(/&colon;/gi, ':')
        .replace(/[\u0000-\u0020]/g, '');
      if (target && safeUrl(target) === undefined) out.push(target);
    }
  }
  return out;
}
