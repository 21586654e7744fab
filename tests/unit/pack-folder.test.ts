import { afterAll, describe, expect, it, vi } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPack, buildPackFolder, isFolderOutput, KnowledgeError, loadKnowledge } from '../../src/node/index.js';
import { createBot, loadPack, PackError, type Pack, type Reply } from '../../src/index.js';
import { fixture } from '../helpers.js';
import { packIndex, unpackIndex } from '../../src/pack/index-codec.js';
import { splitPack } from '../../src/pack/pack-folder.js';
import { packLanguageModel, unpackLanguageModel } from '../../src/pack/profile-codec.js';

const tmp = mkdtempSync(join(tmpdir(), 'helpline-folder-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const folder = join(tmp, 'pack');
const built = buildPackFolder(fixture('kb-mini'), folder + '/');
const single = join(tmp, 'pack.json');
buildPack(fixture('kb-mini'), single);

/** A reader over the folder that records what it was asked for, as a browser's network log would. */
function reader() {
  const asked: string[] = [];
  const read = async (name: string) => {
    asked.push(name);
    return readFileSync(join(folder, name), 'utf8');
  };
  return { asked, read };
}
/** A decoded index as MiniSearch's JSON: its Maps as the objects they were. */
const asJSON = (index: unknown) => JSON.stringify(index, (_, v) => (v instanceof Map ? Object.fromEntries(v) : v));
const manifest = () => JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8'));
const essence = (r: Reply) => ({
  kind: r.kind,
  lang: r.lang,
  article: r.article?.id,
  text: r.text,
  confidence: r.confidence,
  suggestions: r.suggestions,
  notices: r.notices,
  rule: r.debug?.rule,
});

const QUESTIONS = [
  { text: 'how much is the withdrawal fee', lang: 'en' },
  { text: 'my withdrawal is still pending', lang: 'en' },
  { text: 'I forgot my password', lang: 'en' },
  { text: '¿cuánto cuesta retirar?', lang: 'es' },
  { text: 'mi retiro sigue pendiente', lang: 'es' },
  { text: '提币手续费多少', lang: 'zh' },
  { text: '提现还没到账', lang: 'zh' },
  { text: '我的账户被盗了', lang: 'zh' },
  { text: 'hola', lang: 'es' },
  { text: 'I want to talk to a human', lang: 'en' },
  { text: 'Mein Konto wurde gehackt', lang: 'en' },
];

describe('pack folder', () => {
  it('writes a manifest and content-hashed files, one per language plus the shared part', () => {
    const m = manifest();
    expect(m).toMatchObject({ format: 'helpline-pack-folder', defaultLang: 'en' });
    // The languages with articles, and those the built-in intents speak, served by English beside a small part of their own.
    const withArticles = ['en', 'es', 'zh'];
    const without = Object.keys(m.languages).filter((l) => !withArticles.includes(l));
    expect(Object.keys(m.languages).sort()).toEqual([...withArticles, ...without].sort());
    expect(without).toEqual(expect.arrayContaining(['de', 'fr', 'pt', 'tr', 'vi']));
    const files = readdirSync(folder).sort();
    expect(files).toContain('manifest.json');
    for (const [lang, { files: names }] of Object.entries(m.languages) as [string, { files: string[] }][]) {
      expect(names[0]).toMatch(/^shared\.[0-9a-f]+\.json$/);
      expect(names.at(-1)).toMatch(new RegExp(`^${lang}\\.[0-9a-f]+\\.json$`));
      expect(names.length).toBe(withArticles.includes(lang) ? 2 : 3);
      if (!withArticles.includes(lang)) expect(names.slice(0, 2)).toEqual(m.languages.en.files);
      for (const n of names) expect(files).toContain(n);
    }
    expect(files.length).toBe(1 + 1 + withArticles.length + without.length);
    // The same knowledge, the same hash as the single file.
    expect(m.hash).toBe(loadPack(readFileSync(single, 'utf8')).hash);
    expect(built.files.map((f) => f.name).sort()).toEqual(files.filter((f) => f !== 'manifest.json'));
  });

  it('stores the search indexes packed, and reads back the very same index', () => {
    const { data } = loadPack(readFileSync(single, 'utf8'));
    for (const [lang, json] of Object.entries(data.indexes) as [string, string][]) {
      const packed = packIndex(json);
      expect(asJSON(unpackIndex(JSON.parse(JSON.stringify(packed)))), lang).toBe(json);
      // (After gzip too on a real knowledge base: the sample one's Chinese index 111 → 88 KB; these few articles are too few.)
      expect(JSON.stringify(packed).length, lang).toBeLessThan(JSON.stringify(json).length * 0.8);
    }
    // Not a MiniSearch index: kept as it is.
    const other = JSON.stringify({ serializationVersion: 2, index: [['a', { x: 1 }]], more: { index: 3 } });
    expect(asJSON(unpackIndex(packIndex(other)))).toBe(other);
    const cut = packIndex(data.indexes.en as string) as { index: { postings: string } };
    cut.index.postings = cut.index.postings.slice(0, -3);
    expect(() => unpackIndex(cut)).toThrow(RangeError);
  });

  it("writes the paragraphs' terms as places in the articles' terms, and the few they lack as they are", () => {
    const entry = (term: string) => [term, { '0': { '1': 1 } }];
    const index = (terms: string[]) => ({ serializationVersion: 2, documentCount: 1, index: terms.map(entry) });
    const json = JSON.stringify({ ...index(['deposit', 'fee', 'withdraw']), passages: index(['withdraw', 'fee', 'network']) });
    const packed = packIndex(json) as { index: { terms: string[] }; passages: { index: { termsAt: string; more: string[] } } };
    expect(packed.index.terms).toEqual(['deposit', 'fee', 'withdraw']);
    expect(packed.passages.index).not.toHaveProperty('terms');
    expect(packed.passages.index.more).toEqual(['network']);
    expect(asJSON(unpackIndex(packed))).toBe(json);
    // A place past both lists is damage, not a term.
    packed.passages.index.termsAt += 'I'; // 4 places on
    expect(() => unpackIndex(packed)).toThrow(/term place/);
  });

  it('stores the language profiles packed, and reads back the same profiles', () => {
    const { data } = loadPack(readFileSync(single, 'utf8'));
    const packed = JSON.parse(JSON.stringify(packLanguageModel(data.languageModel)));
    expect(JSON.stringify(unpackLanguageModel(packed))).toBe(JSON.stringify(data.languageModel));
    expect(JSON.stringify(packed).length).toBeLessThan(JSON.stringify(data.languageModel).length * 0.8);
    // Counts in any order, and a table it cannot write (a word with a space) kept as it is.
    const odd = { xx: { script: 'latin' as const, words: { b: 1, 'a b': 5 }, grams: { ' a ': 2, ' b ': 9, ' c ': 0 }, total: 6 } };
    expect(unpackLanguageModel(JSON.parse(JSON.stringify(packLanguageModel(odd))))).toEqual(odd);
  });

  it("gives each visitor the glossary terms of their language and script and the default language's, once", () => {
    const m = manifest();
    const part = (lang: string, i: number) => readFileSync(join(folder, m.languages[lang].files[i]), 'utf8');
    const han = /\p{Script=Han}/u;
    // Han terms only in the Chinese part; English and untagged Latin terms in the shared part; a lexicon term
    // only other Latin languages use, in their parts: an English visitor never downloads the Turkish "cekim".
    const shared = JSON.parse(part('en', 0)).glossary;
    expect(han.test(JSON.stringify(shared))).toBe(false);
    expect(JSON.parse(part('en', 1)).glossary).toBeUndefined();
    expect(shared.phrases.withdraw).toContain('retiro');
    expect(shared.phrases.withdraw).not.toContain('cekim');
    expect(shared.phrases.withdraw).not.toContain('saque');
    expect(JSON.parse(part('tr', 2)).glossary.phrases.withdraw).toContain('cekim');
    expect(JSON.parse(part('pt', 2)).glossary.phrases.withdraw).toContain('saque');
    expect(JSON.parse(part('es', 1)).glossary.phrases.withdraw ?? []).not.toContain('cekim');
    const zh = JSON.parse(part('zh', 1)).glossary;
    expect(Object.values(zh.unspaced).flat().length).toBeGreaterThan(100);
    expect(zh.phrases).toEqual({});
    expect(JSON.parse(part('en', 0)).glossary.phrases.withdraw).toContain('withdrawal');
  });

  it('loads one language first, and another once, when a question needs it', async () => {
    const { asked, read } = reader();
    const pack = await loadPack(manifest(), read, { lang: 'es' });
    expect(asked).toEqual(manifest().languages.es.files);
    const bot = createBot(pack, { lang: 'es' });
    expect((await bot.ask('¿cuánto cuesta retirar?')).article?.id).toBe('withdrawal-fees');
    expect(asked.length).toBe(2);
    const zh = await bot.ask('提币手续费多少');
    expect(zh).toMatchObject({ kind: 'answer', lang: 'zh' });
    expect(asked.slice(2)).toEqual([manifest().languages.zh.files[1]]);
    await bot.ask('提现还没到账');
    await createBot(pack).ask('提现要多少手续费');
    expect(asked.length).toBe(3);
  });

  it("keeps a folder's indexes decoded, and will not split them into a folder again", async () => {
    const pack = await loadPack(manifest(), reader().read, { lang: 'es' });
    expect(typeof pack.data.indexes.es).toBe('object');
    expect(() => splitPack(pack.data, { featureLanguages: new Map(), glossaryLanguages: new Map() })).toThrow(
      new PackError('this pack was opened from a pack folder: build the folder from the knowledge base (`helpline build <dir> -o <folder>/`)'),
    );
  });

  it("keeps a language without articles out of the default language's files: a German question loads its small part once", async () => {
    const { asked, read } = reader();
    const pack = await loadPack(manifest(), read, { lang: 'en' });
    expect(asked).toEqual(manifest().languages.en.files);
    const file = loadPack(readFileSync(single, 'utf8'));
    const question = 'Ich möchte mit einem Mitarbeiter sprechen';
    const reply = await createBot(pack, { lang: 'en' }).ask(question);
    expect(reply.lang).toBe('de');
    expect(essence(reply)).toEqual(essence(await createBot(file, { lang: 'en' }).ask(question)));
    expect(asked.slice(2)).toEqual([manifest().languages.de.files[2]]);
    await createBot(pack, { lang: 'en' }).ask('Mein Konto wurde gehackt');
    expect(asked.length).toBe(3);
    // Its part is small: sentences, replies and the rows only German examples produced (a third of the English
    // part here, whose conversational rows are pruned by how often a feature occurs: compile-pack.ts INTENT_TRAIN).
    const size = (n: string) => readFileSync(join(folder, n)).length;
    expect(size(manifest().languages.de.files[2])).toBeLessThan(size(manifest().languages.en.files[1]) / 3);
  });

  it('prepares a language before its first question: its part downloaded, the search box answering at once', async () => {
    const { asked, read } = reader();
    const pack = await loadPack(manifest(), read, { lang: 'en' });
    const bot = createBot(pack, { lang: 'en' });
    expect(pack.folder?.loaded.has('zh')).toBe(false);
    await bot.prepare('zh');
    expect(pack.folder?.loaded.has('zh')).toBe(true);
    expect(asked.slice(2)).toEqual([manifest().languages.zh.files[1]]);
    expect(bot.suggest('提币', { lang: 'zh' }).length).toBeGreaterThan(0);
    await bot.prepare('zh');
    await bot.prepare('zh-TW'); // served by the Chinese part: nothing more to download
    expect(asked.length).toBe(3);
  });

  it('answers every question as the single file does, whichever language a visitor starts in', async () => {
    const file = loadPack(readFileSync(single, 'utf8'));
    for (const start of ['en', 'es', 'zh']) {
      const pack = await loadPack(manifest(), reader().read, { lang: start });
      for (const q of QUESTIONS) {
        const [a, b] = [createBot(file, { lang: q.lang }), createBot(pack, { lang: q.lang })];
        expect(essence(await b.ask(q.text)), `${start}: ${q.text}`).toEqual(essence(await a.ask(q.text)));
      }
    }
  });

  it('loads two languages at once, each in slices, into the same pack as one after the other', async () => {
    const one = await loadPack(manifest(), reader().read, { lang: 'en' });
    await one.folder!.load('es');
    await one.folder!.load('zh');
    // A clock that says every step took long: each slice gives the thread away, so the two loads interleave.
    let now = 0;
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 20));
    try {
      const both = await loadPack(manifest(), reader().read, { lang: 'en' });
      await Promise.all([both.folder!.load('es'), both.folder!.load('zh')]);
      const pick = ({ glossary, classifier, intents, asksForHuman, articles, indexes }: Pack['data']) => ({
        glossary,
        classifier,
        intents,
        asksForHuman,
        articles,
        indexes,
      });
      expect(pick(both.data)).toEqual(pick(one.data));
    } finally {
      clock.mockRestore();
    }
  });

  it('emits each turn once and keeps the state as a single file does, when a language loads mid-answer', async () => {
    const pack = await loadPack(manifest(), reader().read, { lang: 'en' });
    const bot = createBot(pack, { lang: 'en' });
    const turns: string[] = [];
    bot.on('message', (t) => turns.push(`${t.role}:${t.text}`));
    await bot.ask('how much is the withdrawal fee');
    await bot.ask('提现还没到账');
    expect(turns).toEqual(['user:how much is the withdrawal fee', 'bot:How much does a withdrawal cost?', 'user:提现还没到账', expect.stringMatching(/^bot:/)]);
    expect(bot.state.turns.length).toBe(4);
  });

  it('opens from the file system: helpline ask/eval take the folder or its manifest', async () => {
    for (const path of [folder, join(folder, 'manifest.json')]) {
      const pack: Pack = loadKnowledge(path);
      expect(pack.folder?.loaded).toEqual(new Set(['en']));
      expect((await createBot(pack).ask('提币手续费多少')).article?.id).toBe('withdrawal-fees');
      expect(pack.folder?.loaded).toEqual(new Set(['en', 'zh']));
    }
  });

  it('refuses a damaged file, a manifest without a reader, and a manifest naming files outside the folder', async () => {
    const copy = join(tmp, 'damaged');
    cpSync(folder, copy, { recursive: true });
    const zhFile = manifest().languages.zh.files[1];
    writeFileSync(join(copy, zhFile), readFileSync(join(copy, zhFile), 'utf8').replace('提币', '提钱'));
    const pack = await loadPack(manifest(), (n) => readFileSync(join(copy, n), 'utf8'));
    await expect(pack.folder!.load('zh')).rejects.toThrow(/damaged or from another build/);
    expect(() => loadPack(manifest())).toThrow(/pass a reader/);
    await expect(loadPack('{"format":"x"}', () => '')).rejects.toThrow(PackError);
    const evil = join(tmp, 'evil');
    cpSync(folder, evil, { recursive: true });
    const m = manifest();
    m.languages.en.files = ['../pack.json'];
    writeFileSync(join(evil, 'manifest.json'), JSON.stringify(m));
    expect(() => loadKnowledge(evil)).toThrow(/outside its folder/);
  });

  it('a failed build leaves the previous folder as it was; a folder of other files is not replaced', () => {
    const before = readdirSync(folder).sort();
    const bad = join(tmp, 'bad-kb');
    cpSync(fixture('kb-mini'), bad, { recursive: true });
    writeFileSync(join(bad, 'en/account/broken.md'), '---\nid: Not Valid\n---\n');
    expect(() => buildPackFolder(bad, folder + '/')).toThrow(KnowledgeError);
    expect(readdirSync(folder).sort()).toEqual(before);
    const other = join(tmp, 'site');
    cpSync(bad, other, { recursive: true });
    expect(() => buildPackFolder(fixture('kb-mini'), other)).toThrow(/other files and no manifest.json/);
    expect(existsSync(join(other, 'en/account/broken.md'))).toBe(true);
    // A rebuild into the folder replaces it and leaves no temporary folders beside it.
    buildPackFolder(fixture('kb-mini'), folder);
    expect(readdirSync(tmp).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('takes a name ending with a slash, or an existing folder, as a folder', () => {
    expect(isFolderOutput('out/')).toBe(true);
    expect(isFolderOutput(folder)).toBe(true);
    expect(isFolderOutput(join(tmp, 'new.json'))).toBe(false);
  });
});
