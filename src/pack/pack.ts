import type { Article } from '../knowledge/article.js';
import type { Messages } from './messages.js';
import type { WordSet } from '../safety/word-set.js';
import type { CompiledGlossary, LanguageModel } from '../text/index.js';
import { contentHash } from '../util/hash.js';
import { checkPackShape, PackShapeError } from './pack-shape.js';

/** The pack format this code reads and writes; bump it when a reader of the old format would misread. */
export const PACK_VERSION = 4;
export const PACK_FORMAT = 'helpline-pack';
/** A pack folder's manifest.json names this format (src/pack/pack-folder.ts). */
export const MANIFEST_FORMAT = 'helpline-pack-folder';

/** Everything the bot needs at ask time, compiled from a knowledge folder. */
export interface PackData {
  /** Languages with articles, sorted. */
  languages: string[];
  /** The language answers fall back to when a question's language has no article. */
  defaultLang: string;
  /** Articles sorted by language, then id. */
  articles: Article[];
  /** The glossary's lookup tables, compiled at build. */
  glossary: CompiledGlossary;
  /** Conversational intents' replies per language. */
  replies: Record<string, Record<string, string>>;
  /** The BIP39 word lists (hashed) the secret finder needs: shipped here to keep the widget small. */
  wordLists?: WordSet[];
  /** The bot's own sentences (fallback, clarify, warnings …) for the pack's languages. */
  messages?: Record<string, Partial<Messages>>;
  languageModel: LanguageModel;
  /** The article classifier (see src/intent): a label per article with example questions, learned from its titles and questions. */
  classifier: unknown;
  /** The intent classifier: conversational intents (`@greeting`, `@human` …) against ARTICLE_LABEL. */
  intents: unknown;
  /** A yes/no classifier: does the message ask for a human? (absent without `human` intent examples) */
  asksForHuman?: unknown;
  /**
   * One MiniSearch index per language, each as a JSON string: parsing the pack only copies the strings,
   * and a language's index is parsed when a question in it first needs it. A pack folder's are already
   * decoded (src/pack/index-codec.ts unpackIndex), and only compiled data is split into a folder.
   */
  indexes: Record<string, string | object>;
  /** Build options that change answers, e.g. thresholds calibrated at build. */
  settings: Record<string, number>;
}

/** A loaded, verified pack. */
export interface Pack {
  version: number;
  hash: string;
  data: PackData;
  /** A pack folder's languages: present when the pack came from a manifest, absent for a single-file pack. */
  folder?: PackLanguages;
}

/** The languages of a pack opened from a folder: which are loaded, and loading the others. */
export interface PackLanguages {
  /** Parts loaded so far (pack languages). */
  readonly loaded: ReadonlySet<string>;
  /** The part that serves a language: its own, its base language's, else the default language's. */
  partFor(lang: string): string;
  /** Loads the part that serves `lang` (once; concurrent calls share one download). */
  load(lang: string): Promise<void>;
  /** Called after a part is loaded and merged into `data`. */
  onLoad(listener: (lang: string) => void): void;
}

/** Thrown when a pack cannot be used; the message says why and what to do. */
export class PackError extends Error {
  override name = 'PackError';
}

/** Serializes a pack: the same data always gives the same bytes. */
export function serializePack(data: PackData): string {
  const body = JSON.stringify(data);
  return `{"format":"${PACK_FORMAT}","version":${PACK_VERSION},"hash":"${contentHash(body)}","data":${body}}\n`;
}

const HEADER = /^\{"format":"([^"]*)","version":(\d+),"hash":"([0-9a-f]+)","data":/;

export type PackObject = { format?: unknown; version?: unknown; hash?: unknown; data?: unknown };

/**
 * Reads a single-file pack from its JSON text (or the parsed object) and verifies format, version and hash.
 * Throws a PackError that says what is wrong and how to fix it. (A pack folder: `loadPack` in load-pack.ts.)
 */
export function loadPack(source: string | PackObject): Pack {
  return loadSingle(source);
}

function loadSingle(source: string | PackObject): Pack {
  let format: unknown, version: unknown, hash: unknown, body: string, data: unknown;
  if (typeof source === 'string') {
    // Editors and some servers add a UTF-8 byte order mark: it is no part of the JSON.
    const text = source.replace(/^\uFEFF/, '').trim();
    const m = HEADER.exec(text);
    if (!m) {
      if (!text.startsWith('{')) throw new PackError('this is not a Helpline pack: expected JSON written by `helpline build`');
      let parsed: { format?: unknown; version?: unknown; hash?: unknown; data?: unknown };
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        throw new PackError(`the pack is not valid JSON (${(e as Error).message}): was the download cut short? Rebuild it with \`helpline build\``);
      }
      return loadSingle(parsed);
    }
    [, format, version, hash] = m;
    version = Number(version);
    body = text.slice(m[0].length, -1);
    checkHeader(format, version);
    if (contentHash(body) !== hash) throw new PackError('the pack is damaged: its content does not match its hash. Rebuild it with `helpline build`');
    try {
      data = JSON.parse(body);
    } catch (e) {
      throw new PackError(`the pack is not valid JSON (${(e as Error).message}): rebuild it with \`helpline build\``);
    }
  } else {
    ({ format, version, hash, data } = source ?? {});
    if (format === MANIFEST_FORMAT)
      throw new PackError(
        "this is a pack folder's manifest: pass a reader too, loadPack(manifest, (name) => fetch(new URL(name, manifestUrl)).then((r) => r.text()))",
      );
    checkHeader(format, version);
    if (contentHash(JSON.stringify(data)) !== hash)
      throw new PackError('the pack is damaged: its content does not match its hash. Rebuild it with `helpline build`');
  }
  const d = data as PackData;
  if (!d || !Array.isArray(d.articles) || !Array.isArray(d.languages))
    throw new PackError('the pack has no articles or languages: rebuild it with `helpline build`');
  try {
    checkPackShape(d);
  } catch (e) {
    if (e instanceof PackShapeError) throw new PackError(`the pack is damaged: ${e.message}. Rebuild it with \`helpline build\``);
    throw e;
  }
  return { version: version as number, hash: hash as string, data: d };
}

function checkHeader(format: unknown, version: unknown): void {
  if (format !== PACK_FORMAT) throw new PackError(`this is not a Helpline pack (format '${String(format)}'): build one with \`helpline build <dir>\``);
  if (version !== PACK_VERSION) {
    const hint = typeof version === 'number' && version > PACK_VERSION ? 'update Helpline to read it' : 'rebuild it with this version of `helpline build`';
    throw new PackError(`pack format version ${String(version)} is not supported (this Helpline reads version ${PACK_VERSION}): ${hint}`);
  }
}
