import { lstatSync, readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import { parseArticle } from '../knowledge/parse-article.js';
import { ID_PATTERN, LANG_PATTERN, type IntentsData, type Problem, type SourceArticle } from '../knowledge/article.js';
import type { GlossaryData } from '../text/index.js';
import type { KnowledgeSource } from '../pack/compile-pack.js';
import { languageFolderProblem } from './language-check.js';

/** Larger files are refused: no article is that long, and a huge file would stall the build. */
export const MAX_FILE_BYTES = 512 * 1024;

/** A knowledge folder read from disk: what parsed, and every problem found. */
export interface ReadResult extends KnowledgeSource {
  problems: Problem[];
  files: number;
  /** every article that parsed, even when other files have errors (`articles` is empty then): lint reads them */
  parsed: SourceArticle[];
}

/**
 * Reads `knowledge/<lang>/<category>/<id>.md`, `glossary.yml` and `intents.yml` from a folder. Nothing is
 * thrown for bad content: each problem is reported with its file and line. Symbolic links are not followed.
 */
export function readKnowledge(dir: string): ReadResult {
  const problems: Problem[] = [];
  const articles: SourceArticle[] = [];
  // Control characters in a file name would break the one-problem-a-line output.
  const rel = (p: string) => (relative(process.cwd(), p) || p).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const add = (file: string, line: number, message: string, severity: Problem['severity'] = 'error') =>
    problems.push({ file: rel(file), line, message, severity });
  let files = 0;

  // The folder given may itself be a link (the user named it); links inside it are not followed.
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    add(dir, 0, 'not a folder: give the knowledge folder that holds <lang>/<category>/<id>.md');
    return { articles, glossary: {}, intents: {}, problems, files, parsed: [] };
  }

  const walk = (folder: string, lang: string, depth: number) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const st = lstatSync(path);
      if (st.isSymbolicLink()) add(path, 0, 'symbolic links are not followed: copy the file into the knowledge folder', 'warning');
      else if (/[\u0000-\u001f\u007f]/.test(name)) add(path, 0, 'the name contains control characters (a line break, a tab …): rename it');
      else if (st.isDirectory()) {
        if (depth < 3) walk(path, lang, depth + 1);
        else add(path, 0, 'folder nested too deep: use <lang>/<category>/<id>.md');
      }
      // Reading a FIFO or a device blocks forever (or never ends): only regular files are read.
      else if (!st.isFile()) add(path, 0, NOT_REGULAR, 'warning');
      else if (name.endsWith('.md')) {
        files++;
        const text = readText(path, st.size, add);
        if (text === undefined) continue;
        const parts = relative(join(dir, lang), path).split(sep);
        const category = parts.length > 1 ? parts[0].toLowerCase() : undefined;
        const result = parseArticle(text, { file: rel(path), lang, category, name: name.slice(0, -3) });
        problems.push(...result.problems);
        if (result.article) articles.push(result.article);
      } else if (!name.startsWith('.')) add(path, 0, 'not a Markdown article (.md): ignored', 'warning');
    }
  };

  const top = readdirSync(dir).sort();
  const langFolders = top.filter((n) => LANG_PATTERN.test(n)).map((n) => n.toLowerCase());
  for (const name of top) {
    const path = join(dir, name);
    const st = lstatSync(path);
    if (st.isSymbolicLink()) add(path, 0, 'symbolic links are not followed', 'warning');
    else if (st.isDirectory()) {
      if (LANG_PATTERN.test(name)) {
        // `jp/` matches the pattern but is no language: say so, and still read it so its other problems show.
        const wrong = languageFolderProblem(name, langFolders);
        if (wrong) add(path, 0, wrong.message, wrong.severity);
        walk(path, name.toLowerCase(), 1);
      } else if (!name.startsWith('.')) add(path, 0, `folder '${name}' is not a language code (en, zh, pt-br …): its articles are not read`);
    } else if (name.endsWith('.md')) add(path, 1, 'articles go in a language folder: <lang>/<category>/<id>.md');
  }

  const seen = new Map<string, SourceArticle>();
  for (const a of articles) {
    const key = `${a.lang}/${a.id}`;
    const first = seen.get(key);
    if (first) add(a.file, 2, `duplicate id '${a.id}' in '${a.lang}': also used by ${first.file}`);
    else seen.set(key, a);
  }

  const glossary = readYaml(join(dir, 'glossary.yml'), add, checkGlossary) ?? {};
  // The built-in intents (src/lexicon) are merged at build; a folder's own file extends them.
  const intentsFile = join(dir, 'intents.yml');
  const intents = existsSync(intentsFile) ? (readYaml(intentsFile, add, checkIntents) ?? {}) : {};

  problems.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  const unique = problems.some((p) => p.severity === 'error') ? [] : [...seen.values()];
  return { articles: unique, glossary: glossary as GlossaryData, intents: intents as IntentsData, problems, files, parsed: [...seen.values()] };
}

const NOT_REGULAR = 'not a regular file (a named pipe, socket or device): skipped';

type Add = (file: string, line: number, message: string, severity?: Problem['severity']) => void;

function readText(path: string, size: number, add: Add): string | undefined {
  if (size > MAX_FILE_BYTES) {
    add(path, 0, `file is ${Math.round(size / 1024)} KB; the limit is ${MAX_FILE_BYTES / 1024} KB`);
    return undefined;
  }
  const bytes = readFileSync(path);
  if (bytes.includes(0)) {
    add(path, 0, 'binary file (it contains NUL bytes): articles are UTF-8 text');
    return undefined;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    add(path, 0, 'not valid UTF-8 text: save the file as UTF-8');
    return undefined;
  }
}

type Checker = (node: YamlNode, line: (n: YamlNode | null | undefined) => number, add: (line: number, msg: string) => void) => void;

function readYaml(path: string, add: Add, check: Checker): Record<string, unknown> | undefined {
  if (!existsSync(path)) return undefined;
  const st = lstatSync(path);
  if (!st.isFile()) {
    add(path, 0, NOT_REGULAR, 'warning');
    return undefined;
  }
  const text = readText(path, st.size, add);
  if (text === undefined) return undefined;
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true });
  for (const e of doc.errors) add(path, lineCounter.linePos(e.pos[0]).line, `YAML: ${e.message.split('\n')[0]}`);
  if (doc.errors.length) return undefined;
  const line = (n: YamlNode | null | undefined) => (n?.range ? lineCounter.linePos(n.range[0]).line : 1);
  let bad = false;
  if (doc.contents) check(doc.contents, line, (l, msg) => ((bad = true), add(path, l, msg)));
  // The checks accept no aliases where values go, so a "YAML bomb" is an error before it can expand.
  return bad ? undefined : ((doc.toJS() ?? {}) as Record<string, unknown>);
}

const checkGlossary: Checker = (root, line, add) => {
  if (!isMap(root)) return add(1, 'glossary.yml must map each concept to a list of terms, e.g. withdraw: [withdraw, 提现, retiro]');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ID_PATTERN.test(key)) add(line(pair.key as YamlNode), `concept '${key}' must be lowercase letters, digits and dashes`);
    if (!isSeq(pair.value) || pair.value.items.some((t) => !isScalar(t) || String((t as { value: unknown }).value).trim() === '')) {
      add(line(pair.key as YamlNode), `concept '${key}' must have a list of non-empty terms`);
    }
  }
};

const checkIntents: Checker = (root, line, add) => {
  if (!isMap(root)) return add(1, 'intents.yml must map each intent (greeting, thanks, goodbye, human, out-of-scope) to examples and replies');
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!ID_PATTERN.test(key)) add(line(pair.key as YamlNode), `intent '${key}' must be lowercase letters, digits and dashes`);
    const value = pair.value as YamlNode;
    if (!isMap(value)) {
      add(line(pair.key as YamlNode), `intent '${key}' must have 'examples' (and optionally 'replies') per language`);
      continue;
    }
    for (const field of value.items) {
      const name = isScalar(field.key) ? String(field.key.value) : '';
      if (name !== 'examples' && name !== 'replies')
        add(line(field.key as YamlNode), `unknown field '${name}' in intent '${key}' (allowed: examples, replies)`);
      else if (!isMap(field.value))
        add(line(field.key as YamlNode), `'${key}.${name}' must map language codes to ${name === 'examples' ? 'lists of phrases' : 'a reply'}`);
      else
        for (const l of field.value.items) {
          const ok = name === 'examples' ? isSeq(l.value) && l.value.items.every(isScalar) : isScalar(l.value);
          if (!ok)
            add(
              line(l.key as YamlNode),
              `'${key}.${name}.${String((l.key as { value?: unknown })?.value)}' must be ${name === 'examples' ? 'a list of phrases' : 'one text'}`,
            );
        }
    }
  }
};
