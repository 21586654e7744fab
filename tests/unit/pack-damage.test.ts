/**
 * Damaged packs whose hash still matches (edited and re-hashed, written by a broken tool) are refused with a
 * PackError naming the field, never a bare TypeError inside the bot; a byte order mark is tolerated.
 */
import { describe, expect, it } from 'vitest';
import { compileKnowledge } from '../../src/node/index.js';
import { loadPack, PackError, serializePack, type PackData } from '../../src/pack/pack.js';
import { createBot } from '../../src/bot/create-bot.js';
import { fixture } from '../helpers.js';

const { text } = compileKnowledge(fixture('kb-mini'));
const data = (): PackData => JSON.parse(JSON.stringify(loadPack(text).data));

describe('damaged packs', () => {
  const damage: [string, (d: any) => void, RegExp][] = [
    ['a classifier that is not one', (d) => (d.classifier = null), /data\.classifier is not an object/],
    ['a classifier without weights', (d) => delete d.classifier.weights, /data\.classifier\.weights is not a string/],
    ['a classifier whose weights are not base64', (d) => (d.classifier.weights = '%%%%'), /data\.classifier\.weights is not base64/],
    ['biases that do not match the labels', (d) => d.intents.bias.pop(), /data\.intents\.bias has \d+ values for \d+ labels/],
    [
      'text-learned labels the classifier does not have',
      (d) => (d.classifier.fromText = [d.classifier.labels.length]),
      /data\.classifier\.fromText names label \d+, of \d+/,
    ],
    ['an article without a body', (d) => delete d.articles[1].body, /data\.articles\[1\]\.body is not a string/],
    ['an index that is not a string', (d) => (d.indexes.en = {}), /data\.indexes\.en is not a string/],
    ['a glossary without phrases', (d) => delete d.glossary.phrases, /data\.glossary\.phrases is not an object/],
    ['a setting that is not a number', (d) => (d.settings.answer = 'high'), /data\.settings\.answer is not a number/],
    ['a default language without articles', (d) => (d.defaultLang = 'xx'), /data\.defaultLang 'xx' is not one of/],
    ['a language model entry without a script', (d) => (d.languageModel.en = {}), /data\.languageModel\.en\.script is not a string/],
  ];
  for (const [what, edit, message] of damage) {
    it(`refuses ${what}, as text and as an object, and so does createBot`, () => {
      const d = data();
      edit(d);
      const damaged = serializePack(d);
      for (const source of [damaged, JSON.parse(damaged)]) {
        expect(() => loadPack(source)).toThrow(PackError);
        expect(() => loadPack(source)).toThrow(message);
      }
      expect(() => createBot(damaged)).toThrow(PackError);
    });
  }

  it('loads a pack that starts with a UTF-8 byte order mark', () => {
    const pack = loadPack('\uFEFF' + text);
    expect(pack.data.languages).toEqual(['en', 'es', 'zh']);
    expect(loadPack('\uFEFF' + JSON.stringify(JSON.parse(text))).hash).toBe(pack.hash);
  });

  it('still loads every pack helpline build writes', () => {
    expect(() => loadPack(text)).not.toThrow();
    expect(() => loadPack(serializePack(data()))).not.toThrow();
  });
});
