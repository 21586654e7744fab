import type { Article } from '../knowledge/article.js';
import { contentHash } from '../util/hash.js';
import { MANIFEST_FORMAT, PackError, PACK_VERSION, type Pack, type PackData, type PackLanguages } from './pack.js';
import type { Messages } from './messages.js';
import { decodeRows, type ClassifierData, type ClassifierRows, type DecodedClassifier } from '../intent/classifier.js';
import type { PackOrigins } from './compile-pack.js';
import { countScripts, mergingGlossaryParts, splitGlossary, type PackedGlossary } from '../text/index.js';
import { packIndex, unpackingIndex } from './index-codec.js';
import { packLanguageModel, unpackingLanguageModel } from './profile-codec.js';
import { nextTask, runAtOnce, runInTasks } from '../util/tasks.js';
import { mergeRows, packRows, splitWeights, unpackingRows, type PackedRows } from '../intent/rows.js';

/**
 * A pack folder (DESIGN.md "Pack folder"): `manifest.json` and content-hashed parts beside it. A visitor loads
 * the shared part and one language's part; other languages load when a question needs them. Put together, the
 * parts are the single-file pack's data exactly, so a folder answers as the file does.
 */
export { MANIFEST_FORMAT };
export const MANIFEST_FILE = 'manifest.json';

export interface PackManifest {
  format: typeof MANIFEST_FORMAT;
  /** The pack format version (the same as a single-file pack's). */
  version: number;
  /** The single-file pack's hash: the same knowledge gives the same hash in both forms. */
  hash: string;
  defaultLang: string;
  /** Per language, every file a visitor in that language loads (the shared part first), names relative to the manifest. */
  languages: Record<string, { files: string[] }>;
}

/** The classifiers' parts that every language needs: labels, biases and scale. */
type ClassifierHead = Omit<ClassifierData, 'weights'>;
const CLASSIFIERS = ['classifier', 'intents', 'asksForHuman'] as const;
type ClassifierName = (typeof CLASSIFIERS)[number];

/** What every visitor loads: language detection, the glossary, the secret finder's word lists, settings. */
interface SharedPart {
  part: 'shared';
  languages: string[];
  defaultLang: string;
  /** the glossary's terms in the default language's script (and in scripts no language part has) */
  glossary: PackedGlossary;
  wordLists?: PackData['wordLists'];
  /** packed: profile-codec.ts */
  languageModel: unknown;
  settings: PackData['settings'];
  classifiers: Partial<Record<ClassifierName, ClassifierHead>>;
}

/**
 * One language's articles, search index, sentences and intent replies, and the classifier rows of the
 * features its examples produced. A language the pack has no articles in (a Turkish visitor of an English
 * help center, answered in the default language) has a part too: its sentences, replies and the rows only
 * its examples produced, loaded after the default language's part; an English visitor never downloads it.
 */
interface LanguagePart {
  part: 'language';
  lang: string;
  articles: Article[];
  /** the language's search index, its terms' postings packed (index-codec.ts) */
  index?: unknown;
  /** the glossary's terms in this language's script, when it is not the default language's (Han: Chinese and Japanese) */
  glossary?: PackedGlossary;
  messages: Record<string, Partial<Messages>>;
  replies: Record<string, Record<string, string>>;
  /** The classifiers' rows of this part, in columns (rows.ts packRows) */
  rows: PackedRows;
}

/** The part that serves a language: its own, its base language's (zh-TW → zh), else the default language's. */
export function partFor(lang: string, languages: readonly string[], defaultLang: string): string {
  if (languages.includes(lang)) return lang;
  const base = lang.split('-')[0];
  return languages.includes(base) ? base : defaultLang;
}

/**
 * The parts of a folder: one per language with articles, and one per other language that has sentences,
 * replies or classifier rows of its own (they are served by the default language: `partFor` over the pack's
 * languages says so, and their part is loaded beside it).
 */
function partsOfFolder(data: PackData, featureLanguages: Map<number, Set<string>>): { parts: string[]; home: (lang: string) => string } {
  const { languages, defaultLang } = data;
  const own = new Set<string>();
  const consider = (lang: string) => {
    if (partFor(lang, languages, defaultLang) === defaultLang && lang !== defaultLang) own.add(lang);
  };
  for (const l of Object.keys(data.messages ?? {})) consider(l);
  for (const byLang of Object.values(data.replies)) for (const l of Object.keys(byLang)) consider(l);
  for (const langs of featureLanguages.values()) for (const l of langs) consider(l);
  return { parts: [...languages, ...[...own].sort()], home: (lang) => (own.has(lang) ? lang : partFor(lang, languages, defaultLang)) };
}

const fileName = (stem: string, text: string) => `${stem}.${contentHash(text)}.json`;

/**
 * Splits pack data into a manifest and its files (name → text). `origins` (compilePackWithOrigins) says which
 * languages' examples each classifier feature came from, and the languages of lexicon terms; a feature it does
 * not know goes to the default language, a glossary key to every visitor.
 */
export function splitPack(data: PackData, origins: PackOrigins): { manifest: PackManifest; files: Map<string, string> } {
  // A folder opened decodes its indexes and classifier rows for answering; only compiled data splits.
  if (Object.values(data.indexes).some((i) => typeof i !== 'string'))
    throw new PackError('this pack was opened from a pack folder: build the folder from the knowledge base (`helpline build <dir> -o <folder>/`)');
  const { featureLanguages } = origins;
  const { languages, defaultLang } = data;
  const { parts, home } = partsOfFolder(data, featureLanguages);
  const rowParts = new Map<number, string[]>();
  for (const [id, langs] of featureLanguages) {
    const homes = new Set([...langs].map(home));
    // A row the default language's part has is not repeated in the parts loaded beside it.
    if (homes.has(defaultLang)) for (const h of homes) if (!languages.includes(h)) homes.delete(h);
    rowParts.set(id, [...homes]);
  }
  const partsOf = (id: number) => rowParts.get(id) ?? [defaultLang];

  const glossaries = splitGlossary(data.glossary, glossaryPartsOf(data, origins.glossaryLanguages, home));
  const shared: SharedPart = {
    part: 'shared',
    languages,
    defaultLang,
    glossary: glossaries.shared ?? { phrases: {}, unspaced: {}, maxWords: 1 },
    ...(data.wordLists ? { wordLists: data.wordLists } : {}),
    languageModel: packLanguageModel(data.languageModel),
    settings: data.settings,
    classifiers: {},
  };
  const weights: Partial<Record<ClassifierName, Record<string, string>>> = {};
  for (const name of CLASSIFIERS) {
    const c = data[name] as ClassifierData | undefined;
    if (!c) continue;
    const { weights: w, ...head } = c;
    shared.classifiers[name] = head;
    weights[name] = splitWeights(w, partsOf);
  }

  const files = new Map<string, string>();
  const sharedText = JSON.stringify(shared);
  const sharedName = fileName('shared', sharedText);
  files.set(sharedName, sharedText);
  const manifest: PackManifest = { format: MANIFEST_FORMAT, version: PACK_VERSION, hash: contentHash(JSON.stringify(data)), defaultLang, languages: {} };
  for (const lang of parts) {
    const messages: Record<string, Partial<Messages>> = {};
    for (const [l, m] of Object.entries(data.messages ?? {})) if (home(l) === lang) messages[l] = m;
    const replies: Record<string, Record<string, string>> = {};
    for (const [name, byLang] of Object.entries(data.replies)) {
      for (const [l, text] of Object.entries(byLang)) if (home(l) === lang) (replies[name] ??= {})[l] = text;
    }
    const part: LanguagePart = {
      part: 'language',
      lang,
      articles: data.articles.filter((a) => a.lang === lang),
      ...(data.indexes[lang] !== undefined ? { index: packIndex(data.indexes[lang] as string) } : {}),
      ...(glossaries[lang] ? { glossary: glossaries[lang] } : {}),
      messages,
      replies,
      rows: packRows(Object.fromEntries(Object.entries(weights).map(([name, parts]) => [name, parts[lang] ?? '']))),
    };
    const text = JSON.stringify(part);
    const name = fileName(lang, text);
    files.set(name, text);
    manifest.languages[lang] = { files: languages.includes(lang) ? [sharedName, name] : [...manifest.languages[defaultLang].files, name] };
  }
  return { manifest, files };
}

/**
 * Where a glossary key goes: a visitor needs the terms of their language and those of the default language
 * and English (users mix in English words, and a question in a language without articles is read in the
 * default language's part). So the shared part holds the default language's script, but for keys only other
 * languages' lexicon terms make (the Turkish "cekim", in the part a Turkish question loads), terms with no
 * letters and scripts no language part is written in; a term in another script goes to the parts written in it.
 */
function glossaryPartsOf(data: PackData, keyLanguages: Map<string, Set<string>>, home: (lang: string) => string): (term: string) => string[] {
  const family = (s: string | undefined) => (s === 'kana' ? 'han' : s);
  const scriptOf = (lang: string) => family(data.languageModel[lang]?.script);
  const own = scriptOf(data.defaultLang);
  return (term) => {
    const scripts = Object.keys(countScripts(term)).map(family);
    if (!scripts.length) return ['shared'];
    if (scripts.includes(own)) {
      const langs = [...(keyLanguages.get(term) ?? [])];
      const parts = [...new Set(langs.map(home))];
      const everyone = !langs.length || langs.includes('en') || parts.includes(data.defaultLang);
      return everyone ? ['shared'] : parts;
    }
    const langs = data.languages.filter((l) => scripts.includes(scriptOf(l)));
    return langs.length ? langs : ['shared'];
  };
}

/** Reads a file of a pack folder by its name relative to the manifest (fetch in a browser, the file system in Node). */
export type PackFileReader = (name: string) => Promise<string> | string;

/** Checks that a manifest is one this code reads; throws a PackError saying what to do. */
export function checkManifest(source: unknown): PackManifest {
  const m = source as Partial<PackManifest> | null;
  if (!m || m.format !== MANIFEST_FORMAT)
    throw new PackError(`this is not a Helpline pack manifest (format '${String(m?.format)}'): build one with \`helpline build <dir> -o <folder>/\``);
  if (m.version !== PACK_VERSION) {
    const hint = typeof m.version === 'number' && m.version > PACK_VERSION ? 'update Helpline to read it' : 'rebuild it with this version of `helpline build`';
    throw new PackError(`pack format version ${String(m.version)} is not supported (this Helpline reads version ${PACK_VERSION}): ${hint}`);
  }
  if (typeof m.defaultLang !== 'string' || !m.languages || typeof m.languages !== 'object' || !m.languages[m.defaultLang]?.files?.length) {
    throw new PackError('the pack manifest names no files for its default language: rebuild it with `helpline build`');
  }
  return m as PackManifest;
}

/** Parses one file of a pack folder and checks it against the hash in its name. */
function parsePart(name: string, text: string): SharedPart | LanguagePart {
  const hash = /\.([0-9a-f]+)\.json$/.exec(name)?.[1];
  if (!hash || contentHash(text) !== hash)
    throw new PackError(
      `the pack file ${name} is damaged or from another build: its content does not match its name. Rebuild the folder with \`helpline build\``,
    );
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PackError(`the pack file ${name} is not valid JSON (${(e as Error).message}): rebuild the folder with \`helpline build\``);
  }
}

/**
 * Opens a pack folder from its manifest: loads the files of `lang` (the default language when absent or not in
 * the pack) and returns a pack whose other languages load on demand through `pack.folder`.
 */
export async function loadPackFolder(manifestSource: unknown, read: PackFileReader, options: { lang?: string } = {}): Promise<Pack> {
  const manifest = checkManifest(manifestSource);
  const packLangs = Object.keys(manifest.languages);
  const first = partFor(options.lang ?? manifest.defaultLang, packLangs, manifest.defaultLang);
  const names = manifest.languages[first].files;
  // Each file is checked and parsed as it arrives, in a task of its own, and the pack put together in short
  // slices: a page stays responsive meanwhile.
  const parts = await Promise.all(names.map(async (n) => parsePart(n, await read(n))));
  // the last file's parse is a task of its own (a long one on a slow phone): assembling starts in the next
  await nextTask();
  return runInTasks(assemble(manifest, names, parts, read));
}

/**
 * A pack from a manifest and the texts of one language's files (name → text), synchronously; other
 * languages load through `read` when asked for.
 */
export function openPackFolder(manifestSource: unknown, texts: Map<string, string>, read: PackFileReader): Pack {
  return runAtOnce(
    assemble(
      checkManifest(manifestSource),
      [...texts.keys()],
      [...texts].map(([name, text]) => parsePart(name, text)),
      read,
    ),
  );
}

/** A pack from a checked manifest and its parsed parts (`names`: the files they came from), in steps. */
function* assemble(manifest: PackManifest, names: string[], parts: (SharedPart | LanguagePart)[], read: PackFileReader): Generator<void, Pack> {
  const shared = parts.find((p): p is SharedPart => p.part === 'shared');
  if (!shared) throw new PackError('the pack folder has no shared part among the files its manifest names: rebuild it with `helpline build`');
  const heads = shared.classifiers;
  const rows: Partial<Record<ClassifierName, ClassifierRows[]>> = {};
  const glossaries = [shared.glossary];
  const data: PackData = {
    languages: shared.languages,
    defaultLang: shared.defaultLang,
    articles: [],
    // merged with the first language part that has terms of its own (merging twice is slow in a browser)
    glossary: yield* mergingGlossaryParts(parts.some((p) => p.part === 'language' && p.glossary) ? [] : glossaries),
    replies: {},
    ...(shared.wordLists ? { wordLists: shared.wordLists } : {}),
    messages: {},
    languageModel: yield* unpackingLanguageModel(shared.languageModel),
    classifier: undefined,
    intents: undefined,
    indexes: {},
    settings: shared.settings,
  };
  const loaded = new Set<string>();
  const listeners: ((lang: string) => void)[] = [];

  /**
   * Adds languages' parts to the data, keeping the order a single-file pack has (articles by language then id,
   * replies by language). The slow pieces are worked out in steps, then put in at once: a question asked
   * meanwhile sees the pack before or after a language, never half of it.
   */
  function* add(got: (SharedPart | LanguagePart)[]): Generator<void, void> {
    for (const part of got) if (part.part === 'language' && !loaded.has(part.lang)) yield* addPart(part);
  }
  function* addPart(part: LanguagePart): Generator<void, void> {
    const index = part.index === undefined ? undefined : yield* unpackingIndex(part.index);
    const weights = yield* unpackingRows(part.rows);
    const glossary = part.glossary && (yield* mergingGlossaryParts([...glossaries, part.glossary]));
    yield;
    const classifiers: Partial<Record<ClassifierName, DecodedClassifier>> = {};
    for (const name of CLASSIFIERS) {
      const head = heads[name];
      if (!head) continue;
      const list = [...(rows[name] ?? []), ...(weights[name] ? [weights[name]] : [])];
      classifiers[name] = { ...head, rows: list.length ? mergeRows(list) : decodeRows('') };
      yield;
    }
    data.articles.push(...part.articles);
    data.articles.sort((a, b) => (a.lang === b.lang ? (a.id < b.id ? -1 : 1) : a.lang < b.lang ? -1 : 1));
    if (index) data.indexes[part.lang] = index;
    if (glossary) {
      glossaries.push(part.glossary!);
      data.glossary = glossary;
    }
    Object.assign(data.messages!, part.messages);
    for (const [name, byLang] of Object.entries(part.replies)) {
      data.replies[name] = Object.fromEntries(Object.entries({ ...data.replies[name], ...byLang }).sort(([a], [b]) => (a < b ? -1 : 1)));
    }
    for (const name of CLASSIFIERS) {
      if (weights[name]) (rows[name] ??= []).push(weights[name]);
      if (classifiers[name]) (data as unknown as Record<string, unknown>)[name] = classifiers[name];
    }
    loaded.add(part.lang);
  }
  yield* add(parts);
  if (!loaded.size) throw new PackError('the pack folder has no language part among the files its manifest names: rebuild it with `helpline build`');

  const pending = new Map<string, Promise<void>>();
  // One language at a time: each adds its rows and terms to what the one before it merged (two at once, in
  // slices, would each merge without the other's).
  let adding: Promise<unknown> = Promise.resolve();
  const folder: PackLanguages = {
    loaded,
    partFor: (lang) => partFor(lang, Object.keys(manifest.languages), data.defaultLang),
    load(lang) {
      const target = folder.partFor(lang);
      if (loaded.has(target)) return Promise.resolve();
      let p = pending.get(target);
      if (!p) {
        const own = manifest.languages[target]?.files.filter((n) => !names.includes(n)) ?? [];
        p = Promise.all(own.map(async (n) => parsePart(n, await read(n))))
          .then((got) => {
            const added = adding.then(() => runInTasks(add(got)));
            adding = added.catch(() => {});
            return added;
          })
          .then(() => {
            if (!loaded.has(target))
              throw new PackError(`the pack folder's manifest names no file for language '${target}': rebuild it with \`helpline build\``);
            for (const l of listeners) l(target);
          })
          .finally(() => pending.delete(target));
        pending.set(target, p);
      }
      return p;
    },
    onLoad: (listener) => void listeners.push(listener),
  };
  return { version: manifest.version, hash: manifest.hash, data, folder };
}
