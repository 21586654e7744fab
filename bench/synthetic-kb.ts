/**
 * Synthetic knowledge bases for the scale benchmark, made from the sample knowledge base's own text:
 * each synthetic article takes a real article of its language as a model and recombines its title,
 * questions and body with sentences of other articles. Each article is about its own coin (a made-up
 * ticker that replaces the real ones, as an exchange's per-coin pages do), which grows the vocabulary
 * the way a real, larger knowledge base would. Deterministic: the same size and seed give the same text.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readKnowledge } from '../src/node/index.js';
import { mulberry32 } from '../src/intent/train.js';
import type { SourceArticle } from '../src/knowledge/article.js';

export const LANGS = ['en', 'zh', 'ja', 'ko', 'es', 'ru'] as const;
const TICKER = /\b(?:USDT|USDC|BTC|ETH|XRP|SOL|TON|BNB|TRX|XLM|ATOM|DOGE|LTC)\b/gi;
const SYLLABLES = ['ka', 've', 'lo', 'mi', 'zu', 'ra', 'ne', 'to', 'qi', 'da', 'xo', 'pe', 'su', 'fy', 'gor', 'bex', 'nul', 'tar', 'vin', 'zed'];

/** A made-up ticker for article `i`, the same in every language (KAVE, MIZUX …). */
export function ticker(i: number): string {
  let s = '';
  let n = i + 7;
  do {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0);
  return s.toUpperCase();
}

interface Model {
  articles: SourceArticle[];
  /** body lines of every article of the language (paragraphs, list items, headings) */
  lines: string[];
}

/** The sample knowledge base's articles, by language. */
export function models(knowledge: string): Record<string, Model> {
  const read = readKnowledge(knowledge);
  const out: Record<string, Model> = {};
  for (const lang of LANGS) {
    const articles = read.articles.filter((a) => a.lang === lang).sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!articles.length) throw new Error(`the sample knowledge base has no '${lang}' articles`);
    out[lang] = { articles, lines: articles.flatMap((a) => a.body.split('\n').filter((l) => l.trim() && !l.startsWith('#'))) };
  }
  return out;
}

/** Joins the start of one question to the end of another, at word (or, unspaced, character) boundaries. */
function recombine(a: string, b: string, random: () => number): string {
  const spaced = a.includes(' ') && b.includes(' ');
  const pa = spaced ? a.split(' ') : [...a];
  const pb = spaced ? b.split(' ') : [...b];
  const head = pa.slice(0, Math.max(1, Math.floor(pa.length * (0.4 + random() * 0.3))));
  const tail = pb.slice(Math.floor(pb.length * (0.4 + random() * 0.3)));
  return head.concat(tail).join(spaced ? ' ' : '');
}

/**
 * `total` article files spread evenly over the six languages: article `i` exists in every language that
 * reaches it (ids are shared, as translations are), so 1,000 files are 167 or 166 articles per language.
 */
export function* syntheticArticles(total: number, byLang: Record<string, Model>, seed = 42): Generator<SourceArticle> {
  // The same id is the same article translated: models follow English ids, or the language's own where it lacks one.
  const ids = byLang.en.articles.map((a) => a.id);
  for (const [k, lang] of LANGS.entries()) {
    const count = Math.floor((total + LANGS.length - 1 - k) / LANGS.length);
    const { articles, lines } = byLang[lang];
    const byId = new Map(articles.map((a) => [a.id, a]));
    const random = mulberry32(seed + lang.charCodeAt(0) * 31 + lang.charCodeAt(1));
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    for (let i = 0; i < count; i++) {
      const coin = ticker(i);
      const withCoin = (s: string) => s.replace(TICKER, coin);
      const id = `${ids[i % ids.length]}-${coin.toLowerCase()}`;
      const model = byId.get(ids[i % ids.length]) ?? articles[i % articles.length];
      const title = withCoin(model.title) !== model.title ? withCoin(model.title) : `${coin}: ${model.title}`;
      const questions: string[] = [];
      for (let q = 0; q < 4; q++) {
        const a = pick(model.questions);
        let text = q % 2 ? recombine(a, pick(model.questions), random) : a;
        text = withCoin(text);
        if (q < 2 && !text.includes(coin)) text += (/\s/.test(text) ? ' ' : '') + coin.toLowerCase();
        questions.push(text);
      }
      const own = model.body.split('\n');
      const start = Math.floor(random() * Math.max(1, own.length / 2));
      const body = [...own.slice(start, start + 4 + Math.floor(random() * 8)), '', pick(lines), pick(lines)].map(withCoin).join('\n');
      yield {
        id,
        lang,
        title,
        category: model.category,
        tags: [...model.tags, coin.toLowerCase()],
        questions: [...new Set(questions)],
        body,
        file: `${lang}/${model.category}/${id}.md`,
      };
    }
  }
}

/** Writes a synthetic knowledge folder (with the sample's glossary and intents); returns the file count. */
export function writeSynthetic(dir: string, count: number, byLang: Record<string, Model>, knowledge: string): number {
  rmSync(dir, { recursive: true, force: true });
  let files = 0;
  const made = new Set<string>();
  const yaml = (s: string) => JSON.stringify(s);
  for (const a of syntheticArticles(count, byLang)) {
    const folder = join(dir, a.lang, a.category);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(
      join(dir, a.file),
      `---\nid: ${a.id}\ntitle: ${yaml(a.title)}\ntags: [${a.tags.map(yaml).join(', ')}]\nquestions:\n${a.questions.map((q) => `  - ${yaml(q)}`).join('\n')}\n---\n${a.body}\n`,
    );
    files++;
  }
  for (const name of ['glossary.yml', 'intents.yml']) if (existsSync(join(knowledge, name))) copyFileSync(join(knowledge, name), join(dir, name));
  return files;
}
