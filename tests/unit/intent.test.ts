import { describe, expect, it } from 'vitest';
import { analyze, Glossary } from '../../src/text/index.js';
import { extractFeatures, hash } from '../../src/intent/features.js';
import { trainClassifier } from '../../src/intent/train.js';
import { Classifier, decodeRows, softmax } from '../../src/intent/classifier.js';
import { ByteReader, ByteWriter } from '../../src/intent/codec.js';
import { mergeRows, packRows, splitWeights, unpackRows } from '../../src/intent/rows.js';
import { fromBase64, toBase64 } from '../../src/util/base64.js';

const glossary = new Glossary({ withdraw: ['withdraw', '提现', 'retiro'], fee: ['fee', '手续费', 'comision'] });
const f = (text: string, lang = 'en') => extractFeatures(analyze(text, lang, glossary));
const examples = [
  ...[
    'withdrawal fee',
    'how much to withdraw',
    'fee for withdrawing usdt',
    'withdraw cost trc20',
    '提现手续费',
    '提现要多少手续费',
    'comision de retiro',
    'cuanto cuesta retirar',
  ].map((t) => ({ t, l: 'fees' })),
  ...[
    'forgot password',
    'reset my password',
    'cannot log in password',
    'change login password',
    '忘记密码',
    '密码重置',
    'olvide mi contraseña',
    'cambiar contraseña',
  ].map((t) => ({ t, l: 'password' })),
  ...['hello', 'hi there', 'good morning', '你好', 'hola', 'buenas'].map((t) => ({ t, l: '@greeting' })),
].map(({ t, l }) => ({ features: f(t, /[\u4e00-\u9fff]/.test(t) ? 'zh' : /contraseña|retir|comision|cuanto|hola|buenas/.test(t) ? 'es' : 'en'), label: l }));

describe('features', () => {
  it('are L2-normalized, sorted hashed ids with glossary concepts included', () => {
    const x = f('USDT withdrawal fee');
    expect(x.ids).toEqual([...x.ids].sort((a, b) => a - b));
    expect(Math.hypot(...x.values)).toBeCloseTo(1, 6);
    expect(x.ids).toContain(hash('t~withdraw'));
    expect(f('提现手续费', 'zh').ids).toEqual(expect.arrayContaining([hash('t~fee'), hash('t提现'), hash('u提')]));
  });
});

describe('trainClassifier', () => {
  const data = trainClassifier(examples, { epochs: 20, minCount: 1 });

  it('learns labels across languages and generalizes to unseen phrasings', () => {
    const clf = new Classifier(data);
    expect(clf.predict(f('what is the fee to withdraw btc'))[0].label).toBe('fees');
    expect(clf.predict(f('i forgot my password', 'en'))[0].label).toBe('password');
    expect(clf.predict(f('提现费用', 'zh'))[0].label).toBe('fees');
    const p = clf.predict(f('hola'));
    expect(p[0].label).toBe('@greeting');
    expect(p.reduce((s, x) => s + x.p, 0)).toBeCloseTo(1, 6);
  });

  it("predicts the same from a folder's parts, decoded and merged, as from the whole weights", () => {
    // Rows split by feature id parity, some rows in both parts (as a feature two languages share).
    const parts = splitWeights(data.weights, (id) => (id % 3 === 0 ? ['a', 'b'] : id % 2 ? ['a'] : ['b']));
    const rows = mergeRows(Object.values(unpackRows(packRows(parts))));
    expect(rows).toEqual(decodeRows(data.weights));
    const { weights: _, ...head } = data;
    const whole = new Classifier(data);
    const merged = new Classifier({ ...head, rows });
    for (const q of ['withdraw fee usdt', '忘记密码', 'hola']) expect(merged.predict(f(q))).toEqual(whole.predict(f(q)));
  });

  it('is deterministic and stores compact int8 weights', () => {
    expect(trainClassifier(examples, { epochs: 20, minCount: 1 })).toEqual(data);
    expect(data.labels).toEqual(['@greeting', 'fees', 'password']);
    expect(fromBase64(data.weights).length).toBeLessThan(examples.length * 400);
  });

  it('prunes harder with a larger prune share', () => {
    const lean = trainClassifier(examples, { epochs: 20, minCount: 1, prune: 0.3 });
    expect(lean.weights.length).toBeLessThan(data.weights.length);
  });
});

describe('trainClassifier with thousands of labels', () => {
  // 400 labels (above a full softmax's limit): each is a made-up coin, asked about with words every label shares.
  const letters = 'bcdfghjklmnpqrstvwxz';
  const coin = (i: number) => 'zo' + letters[i % 20] + 'a' + letters[Math.floor(i / 20) % 20] + 'u';
  const ask = ['how do i deposit', 'where is my', 'fee to withdraw', 'can i stake', 'price of', 'network for'];
  const train = Array.from({ length: 400 }, (_, i) => ask.slice(0, 5).map((q) => ({ features: f(`${q} ${coin(i)}`), label: `coin-${i}` }))).flat();
  const clf = new Classifier(trainClassifier(train));

  it('learns every label, against a sample of the others per example', () => {
    expect(clf.labels).toHaveLength(400);
    const right = Array.from({ length: 400 }, (_, i) => clf.predict(f(`${ask[5]} ${coin(i)} please`), 1)[0].label === `coin-${i}`);
    expect(right.filter(Boolean).length / 400).toBeGreaterThan(0.95);
  });

  it('returns the best few labels, highest first, with probabilities of all labels', () => {
    const top = clf.predict(f(`where is my ${coin(7)}`), 5);
    expect(top).toHaveLength(5);
    expect(top[0].label).toBe('coin-7');
    expect(top.map((t) => t.p)).toEqual(top.map((t) => t.p).sort((a, b) => b - a));
    expect(top).toEqual(clf.predict(f(`where is my ${coin(7)}`)).slice(0, 5));
  });
});

describe('codec', () => {
  it('round-trips varints and bytes through base64', () => {
    const w = new ByteWriter();
    for (const n of [0, 1, 127, 128, 300, 2 ** 31, 2 ** 40]) w.varint(n);
    w.byte(0xfe);
    const r = new ByteReader(fromBase64(toBase64(w.bytes())));
    expect([0, 1, 2, 3, 4, 5, 6].map(() => r.varint())).toEqual([0, 1, 127, 128, 300, 2 ** 31, 2 ** 40]);
    expect(r.byte()).toBe(0xfe);
    expect(r.done).toBe(true);
    expect(() => r.byte()).toThrow(RangeError);
  });

  it("packs several classifiers' rows into columns and decodes them into the arrays the classifier reads", () => {
    const rows = (entries: [number, [number, number][]][]) => {
      const w = new ByteWriter();
      let last = 0;
      for (const [id, pairs] of entries) {
        w.varint(id - last);
        last = id;
        w.varint(pairs.length);
        for (const [label, q] of pairs) {
          w.varint(label);
          w.byte(q & 0xff);
        }
      }
      return toBase64(w.bytes());
    };
    const weights = {
      a: rows([
        [
          5,
          [
            [0, 127],
            [3, -127],
            [300, 1],
          ],
        ],
        [2 ** 32 - 1, [[1, -1]]],
      ]),
      b: rows([
        [7, [[1, 5]]],
        [
          2 ** 31,
          [
            [0, -64],
            [1, 63],
          ],
        ],
      ]),
      empty: '',
    };
    const packed = packRows(weights);
    const decoded = Object.fromEntries(Object.entries(weights).map(([name, w]) => [name, decodeRows(w)]));
    expect(unpackRows(packed)).toEqual(decoded);
    expect(unpackRows(JSON.parse(JSON.stringify(packed)))).toEqual(decoded);
    expect(decoded.a.ids).toEqual(Uint32Array.from([5, 2 ** 32 - 1]));
    expect(decoded.a.weights).toEqual(Int8Array.from([127, -127, 1, -1]));
    // The ids are written once for both classifiers.
    expect(packed.ids.length).toBeLessThan(4 * 7 + 1);
    expect(() => unpackRows({ ...packed, rows: { a: packed.rows.a.slice(0, -1) } })).toThrow(RangeError);
    expect(() => unpackRows({ ...packed, rows: { a: packed.rows.a + 'A' } })).toThrow(RangeError);
  });

  it('writes and reads base64 as Node does, and refuses what is not base64', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 255, 256, 100_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + n) & 0xff);
      const text = Buffer.from(bytes).toString('base64');
      expect(toBase64(bytes)).toBe(text);
      expect(fromBase64(text)).toEqual(bytes);
      expect(fromBase64(text.replace(/=+$/, ''))).toEqual(bytes);
    }
    for (const bad of ['A', 'AB=C', 'ab$d', 'A===', 'é']) expect(() => fromBase64(bad), bad).toThrow();
  });

  it('softmax is stable for large logits', () => {
    expect(softmax([1000, 1000])).toEqual([0.5, 0.5]);
  });
});
