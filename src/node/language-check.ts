/**
 * Two lint checks on languages, run in Node only (franc is too large for the browser bundle):
 * - `languageFolderProblem`: is a `<lang>/` folder's name a language code at all (`jp/` → did you mean ja?)
 * - `checkArticleLanguages`: is each article written in its folder's language (an article saved in the wrong
 *   folder)? Unicode-script rules decide between scripts (Cyrillic in `ja/`, kana in `zh/`, Hangul in `ja/`,
 *   Han without kana in `ja/` …); franc, restricted to the knowledge base's own languages of the same script,
 *   decides within one (Spanish in `en/`).
 */
import { readFileSync } from 'node:fs';
import { francAll } from 'franc';
import type { SourceArticle, Problem } from '../knowledge/article.js';

// ---------------------------------------------------------------------------------------------------------
// Language folders

const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** English name of a language code, or undefined when the code is not a known language. */
export function languageName(code: string): string | undefined {
  try {
    return languageNames.of(code);
  } catch {
    return undefined;
  }
}

/**
 * Valid language codes that are far more often a country code typed by mistake (`kr/` is Kanuri, but a
 * help center's `kr/` is Korean): accepted, with a warning.
 */
const COUNTRY_LOOKALIKES: Record<string, string> = { kr: 'ko', tw: 'zh-tw', br: 'pt-br', se: 'sv', ee: 'et' };

/** Codes to suggest for a near miss (`enn`, `es-`…): the common help-center languages. */
const COMMON = 'ar bg bn cs da de el en es et fa fi fr he hi hr hu id it ja ka kk ko lt lv ms nb nl pl pt ro ru sk sl sr sv sw th tl tr uk ur uz vi zh'.split(
  ' ',
);

/** The main language of a country code (`jp` → ja, `br` → pt-br, `tw` → zh-tw), if it is one. */
function languageOfCountry(code: string): string | undefined {
  if (!/^[a-z]{2}$/.test(code) || !regionNames.of(code.toUpperCase())) return undefined;
  try {
    const region = code.toUpperCase();
    const lang = new Intl.Locale(`und-${region}`).maximize().language;
    if (lang === 'und') return undefined;
    // zh-tw, not zh: Taiwan is not where Chinese defaults to; ja, not ja-jp: Japan is.
    return new Intl.Locale(lang).maximize().region === region ? lang : `${lang}-${code}`;
  } catch {
    return undefined;
  }
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return d[b.length];
}

/**
 * What is wrong with a language folder's name (lower case, already matching `LANG_PATTERN`), if anything:
 * unknown codes are errors (`jp` → did you mean ja?), old or three-letter codes that have a current
 * two-letter one are errors (`iw` → he, `eng` → en), and country codes that happen to be rare languages
 * (`kr` is Kanuri) are warnings. `others` are the knowledge base's other folders, preferred as suggestions.
 */
export function languageFolderProblem(name: string, others: string[] = []): { message: string; severity: Problem['severity'] } | undefined {
  const code = name.toLowerCase();
  let canonical: string | undefined;
  try {
    canonical = Intl.getCanonicalLocales(code)[0].toLowerCase();
  } catch {
    canonical = undefined;
  }
  const known = canonical !== undefined && languageName(code) !== undefined;
  if (known && canonical !== code) {
    return { severity: 'error', message: `folder '${name}' is an old or long code for ${languageName(code)}: rename it to ${canonical}` };
  }
  if (known) {
    const meant = COUNTRY_LOOKALIKES[code];
    if (meant && !others.includes(code)) {
      return {
        severity: 'warning',
        message: `folder '${name}' is the code of ${languageName(code)}; if you meant the language of ${regionNames.of(code.toUpperCase())}, rename it to ${meant}`,
      };
    }
    return undefined;
  }
  const [lang, ...rest] = code.split('-');
  let guess = languageOfCountry(code);
  if (!guess && rest.length && languageName(lang)) guess = lang; // en-xx: the language is right, the region is not
  if (!guess) {
    const near = [...others.filter((o) => o !== code), ...COMMON].find((c) => distance(c, code) === 1);
    guess = near;
  }
  const hint = guess ? `did you mean ${guess}?` : 'use an ISO 639-1 code such as en, zh, pt-br';
  return { severity: 'error', message: `folder '${name}' is not a known language code: ${hint} (its articles are read as '${code}')` };
}

// ---------------------------------------------------------------------------------------------------------
// Article languages

/**
 * Latin-script (and any same-script) check: an article is flagged when franc, restricted to the knowledge
 * base's languages of its script, scores another language above the folder's by more than this, averaged
 * over windows of WINDOW characters (franc's scores shrink as a text grows, so a fixed window keeps the
 * margin comparable between short and long articles). Measured on the sample knowledge base (en, es, 70
 * articles): correctly filed articles score their own language higher by at least 0.137 (never flagged);
 * the same articles filed in the other folder score the other language higher by at least 0.137; an article
 * two-thirds in another language by at least 0.056, half and half at most 0.046. 0.05 flags an article
 * mostly in another language and leaves the rest alone.
 */
export const LANGUAGE_MARGIN = 0.05;
export const WINDOW = 300;
/** Below this many characters of text, franc is unreliable (measured: errors start under ~80). */
const MIN_FRANC_TEXT = 100;
/** Below this many letters, the script rules say nothing. */
const MIN_LETTERS = 20;
/** Japanese text has kana for at least ~47% of its Han + kana characters (sample: 0.47–0.71), Chinese none. */
const KANA_SHARE = 0.2;

/** ISO 639-1 → 639-3 (franc's codes) for the languages franc tells apart within a script. */
const ISO3: Record<string, string> = {
  en: 'eng',
  es: 'spa',
  pt: 'por',
  fr: 'fra',
  de: 'deu',
  it: 'ita',
  nl: 'nld',
  tr: 'tur',
  vi: 'vie',
  id: 'ind',
  ms: 'zlm',
  pl: 'pol',
  cs: 'ces',
  sk: 'slk',
  ro: 'ron',
  hu: 'hun',
  sv: 'swe',
  da: 'dan',
  nb: 'nob',
  no: 'nob',
  fi: 'fin',
  et: 'ekk',
  lv: 'lvs',
  lt: 'lit',
  hr: 'hrv',
  sl: 'slv',
  sq: 'als',
  ca: 'cat',
  tl: 'tgl',
  sw: 'swh',
  af: 'afr',
  uz: 'uzn',
  az: 'azj',
  ru: 'rus',
  uk: 'ukr',
  bg: 'bul',
  sr: 'srp',
  mk: 'mkd',
  be: 'bel',
  kk: 'kaz',
  ar: 'arb',
  fa: 'pes',
  ur: 'urd',
  hi: 'hin',
  mr: 'mar',
  ne: 'npi',
};

/** Scripts whose letters are counted; the folder language's own script is added when missing. */
const SCRIPTS = [
  'Latn',
  'Cyrl',
  'Hani',
  'Kana',
  'Hang',
  'Grek',
  'Arab',
  'Hebr',
  'Thai',
  'Deva',
  'Beng',
  'Taml',
  'Telu',
  'Knda',
  'Mlym',
  'Gujr',
  'Guru',
  'Orya',
  'Sinh',
  'Geor',
  'Armn',
  'Ethi',
  'Khmr',
  'Laoo',
  'Mymr',
  'Tibt',
  'Thaa',
];
const patterns = new Map<string, RegExp>([['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/u]]);
function pattern(script: string): RegExp | undefined {
  if (!patterns.has(script)) {
    try {
      patterns.set(script, new RegExp(`\\p{Script=${script}}`, 'u'));
    } catch {
      return undefined;
    }
  }
  return patterns.get(script);
}

/** The script a language is written in (ISO 15924: Latn, Cyrl, Jpan, Kore, Hans …). */
function scriptOf(lang: string): string | undefined {
  try {
    return new Intl.Locale(lang).maximize().script;
  } catch {
    return undefined;
  }
}

/** The letter scripts that make up a writing system: Japanese is Han + kana, Korean is Hangul. */
function lettersOf(script: string): string[] {
  if (script === 'Jpan') return ['Hani', 'Kana'];
  if (script === 'Kore') return ['Hang'];
  if (script === 'Hans' || script === 'Hant') return ['Hani'];
  return [script];
}

const scriptNames = new Intl.DisplayNames(['en'], { type: 'script', fallback: 'code' });

/** A text line of an article, cleaned of Markdown, code and links, with its line in the file. */
interface Line {
  line: number;
  text: string;
}

function clean(text: string): string {
  return text
    .replace(/`[^`]*`/g, ' ')
    .replace(/\]\([^)]*\)/g, ']')
    .replace(/<[^>\s]+>/g, ' ')
    .replace(/\b(?:https?|mailto):\S+/g, ' ')
    .replace(/[*_#>[\]()|~=-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The article's title and body as lines with their numbers in the file (line 1 if the file can't be read). */
function linesOf(a: SourceArticle, read: (file: string) => string | undefined): Line[] {
  const raw = read(a.file);
  const out: Line[] = [];
  let fence = false;
  const push = (line: number, text: string) => {
    if (/^\s*(```|~~~)/.test(text)) fence = !fence;
    else if (!fence) {
      const t = clean(text);
      if (t) out.push({ line, text: t });
    }
  };
  const lines = raw?.replace(/^\uFEFF/, '').split(/\r?\n/);
  const end = lines && lines[0].trim() === '---' ? lines.findIndex((l, i) => i > 0 && l.trim() === '---') : -1;
  if (!lines || end < 0) {
    push(1, a.title);
    for (const l of a.body.split('\n')) push(1, l);
    return out;
  }
  const titleAt = lines.slice(1, end).findIndex((l) => /^title\s*:/.test(l));
  push(titleAt >= 0 ? titleAt + 2 : 1, a.title);
  lines.slice(end + 1).forEach((l, i) => push(end + 2 + i, l));
  return out;
}

const combined = new Map<string, { re: RegExp; scripts: string[] }>();
/** Letters per script (Hiragana and Katakana together as Kana), by runs: one regular expression per text. */
function countScripts(text: string, extra: string[]): { counts: Map<string, number>; letters: number } {
  const scripts = [...new Set([...SCRIPTS, ...extra])].filter((s) => pattern(s));
  const key = scripts.join(' ');
  if (!combined.has(key)) {
    const groups = scripts.map((s) => (s === 'Kana' ? '([\\p{Script=Hiragana}\\p{Script=Katakana}]+)' : `(\\p{Script=${s}}+)`));
    combined.set(key, { re: new RegExp(`${groups.join('|')}|(\\p{L}+)`, 'gu'), scripts });
  }
  const { re, scripts: order } = combined.get(key)!;
  const counts = new Map<string, number>();
  let letters = 0;
  for (const m of text.matchAll(re)) {
    const n = [...m[0]].length; // code points, not UTF-16 units
    if (!/\p{L}/u.test(m[0])) continue;
    letters += n;
    const g = m.findIndex((v, i) => i > 0 && v !== undefined);
    if (g <= order.length) counts.set(order[g - 1], (counts.get(order[g - 1]) ?? 0) + n);
  }
  return { counts, letters };
}

/**
 * `Russian (ru)` for the knowledge base's language of a script (franc picks among several: Spanish or
 * English), else the script's name: `Cyrillic text`.
 */
function describe(script: string, kbLangs: string[], text: string): string {
  const writing = script === 'Kana' ? 'Jpan' : script === 'Hang' ? 'Kore' : script;
  const langs = kbLangs.filter((l) => {
    const s = scriptOf(l);
    return s === writing || (writing === 'Hani' && (s === 'Hans' || s === 'Hant'));
  });
  let lang = langs[0];
  const only = langs.filter((l) => ISO3[l]).map((l) => ISO3[l]);
  if (only.length > 1) {
    const best = francAll(text.slice(0, 2048), { only, minLength: 1 })[0][0];
    lang = langs.find((l) => ISO3[l] === best) ?? lang;
  }
  if (lang) return `${languageName(lang) ?? lang} (${lang})`;
  if (writing === 'Jpan') return 'Japanese';
  if (writing === 'Kore') return 'Korean';
  if (writing === 'Hani') return 'Chinese';
  return `${scriptNames.of(writing)} text`;
}

/** A window franc reads: whole lines (long lines split at spaces), about WINDOW characters in all. */
interface Window {
  text: string;
  pieces: Line[];
}

function windows(lines: Line[]): Window[] {
  const pieces: Line[] = [];
  for (const l of lines) {
    let rest = l.text;
    while (rest.length > WINDOW * 1.5) {
      const cut = rest.lastIndexOf(' ', WINDOW);
      const at = cut > WINDOW / 2 ? cut : WINDOW;
      pieces.push({ line: l.line, text: rest.slice(0, at) });
      rest = rest.slice(at).trimStart();
    }
    if (rest) pieces.push({ line: l.line, text: rest });
  }
  const out: Window[] = [];
  const join = (w: Window, p: Line) => ((w.text += ' ' + p.text), w.pieces.push(p));
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last.text.length < WINDOW) join(last, p);
    else out.push({ text: p.text, pieces: [p] });
  }
  if (out.length > 1 && out[out.length - 1].text.length < WINDOW / 2) for (const p of out.pop()!.pieces) join(out[out.length - 1], p);
  return out;
}

export interface LanguageCheckOptions {
  /** franc's margin above which an article reads as another language of its script (default LANGUAGE_MARGIN) */
  margin?: number;
  /** reads an article's file, for line numbers (default: from disk) */
  read?: (file: string) => string | undefined;
}

/**
 * Flags articles whose text is in another language than their folder's: one warning per article, with the
 * file and the first line that reads as the other language.
 */
export function checkArticleLanguages(articles: SourceArticle[], options: LanguageCheckOptions = {}): Problem[] {
  const margin = options.margin ?? LANGUAGE_MARGIN;
  const read =
    options.read ??
    ((file: string) => {
      try {
        return readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    });
  const kbLangs = [...new Set(articles.map((a) => a.lang))].sort();
  const problems: Problem[] = [];
  for (const a of articles) {
    const script = scriptOf(a.lang);
    if (!script) continue;
    const lines = linesOf(a, read);
    const warn = (line: number, message: string) =>
      problems.push({ file: a.file, line, severity: 'warning', message: `${message}: is it in the right language folder?` });
    const own = lettersOf(script);
    const name = `${languageName(a.lang) ?? a.lang} (${a.lang})`;

    // 1. Scripts: most letters must be in the folder language's own script.
    const all = lines.map((l) => l.text).join(' ');
    const { counts, letters } = countScripts(all, own);
    if (letters >= MIN_LETTERS) {
      const count = (s: string) => counts.get(s) ?? 0;
      const ownShare = own.reduce((n, s) => n + count(s), 0) / letters;
      const kana = count('Kana');
      const han = count('Hani');
      if (ownShare < 0.5) {
        const foreign = [...counts].filter(([s]) => !own.includes(s)).sort((x, y) => y[1] - x[1]);
        let top = foreign[0]?.[0];
        if (top === 'Hani' || top === 'Kana') top = kana >= KANA_SHARE * (kana + han) ? 'Kana' : 'Hani';
        if (top) {
          const theirs = top === 'Kana' ? ['Hani', 'Kana'] : [top];
          const sum = (c: Map<string, number>, of: string[]) => of.reduce((n, s) => n + (c.get(s) ?? 0), 0);
          const at = lines.find((l) => {
            const c = countScripts(l.text, own).counts;
            return sum(c, theirs) > sum(c, own);
          });
          const pctTop = Math.round((100 * sum(counts, theirs)) / letters);
          warn(
            at?.line ?? lines[0]?.line ?? 1,
            `reads as ${describe(top, kbLangs, all)}, not ${name}: ${pctTop}% of its letters are ${scriptNames.of(top === 'Kana' ? 'Jpan' : top)}`,
          );
          continue;
        }
      }
      // Japanese and Chinese share Han characters; kana tells them apart.
      if (script !== 'Jpan' && kana >= 10 && kana >= KANA_SHARE * (kana + han)) {
        const at = lines.find((l) => /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(l.text));
        warn(
          at?.line ?? 1,
          `reads as ${describe('Kana', kbLangs, all)}, not ${name}: it is written with kana (${Math.round((100 * kana) / (kana + han))}% of its Han and kana characters)`,
        );
        continue;
      }
      if (script === 'Jpan' && han >= MIN_LETTERS && kana < KANA_SHARE * (kana + han)) {
        const at = lines.find((l) => /\p{Script=Han}/u.test(l.text));
        warn(
          at?.line ?? 1,
          `reads as ${describe('Hani', kbLangs, all)}, not ${name}: Han characters with almost no kana (${Math.round((100 * kana) / (kana + han))}%)`,
        );
        continue;
      }
    }

    // 2. Within a script: franc, restricted to the knowledge base's languages of that script.
    const rivals = kbLangs.filter((l) => ISO3[l] && scriptOf(l) === script);
    if (!ISO3[a.lang] || rivals.length < 2) continue;
    const only = [...new Set(rivals.map((l) => ISO3[l]))];
    if (only.length < 2) continue;
    const parts = windows(lines);
    const total = parts.reduce((n, p) => n + p.text.length, 0);
    if (total < MIN_FRANC_TEXT) continue;
    const sums = new Map<string, number>();
    const seen: Array<{ window: Window; scores: Map<string, number> }> = [];
    for (const w of parts) {
      const result = francAll(w.text, { only, minLength: 1 });
      if (result[0][0] === 'und') continue;
      const scores = new Map(result);
      seen.push({ window: w, scores });
      for (const l of only) sums.set(l, (sums.get(l) ?? 0) + (scores.get(l) ?? 0) * w.text.length);
    }
    const mine = ISO3[a.lang];
    const mean = (l: string) => (sums.get(l) ?? 0) / total;
    const best = only.filter((l) => l !== mine).sort((x, y) => mean(y) - mean(x))[0];
    const lead = mean(best) - mean(mine);
    if (lead > margin) {
      const lang = rivals.find((l) => ISO3[l] === best)!;
      // The first window that reads as the other language, and in it the first line long enough to tell.
      const first = seen.find((r) => (r.scores.get(best) ?? 0) - (r.scores.get(mine) ?? 0) > margin)?.window ?? parts[0];
      const line = first.pieces.find((p) => p.text.length >= 40 && francAll(p.text, { only, minLength: 1 })[0][0] === best) ?? first.pieces[0];
      warn(line.line, `reads as ${languageName(lang) ?? lang} (${lang}), not ${name} (by ${lead.toFixed(2)}, flagged above ${margin})`);
    }
  }
  return problems;
}
