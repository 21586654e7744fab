/**
 * The shape of a pack's data, checked when it loads: a pack whose hash matches but whose content is not what
 * `helpline build` writes (edited by hand and re-hashed, written by a broken tool) is refused with a PackError
 * naming the field, instead of failing later inside the bot with a bare TypeError.
 */
export class PackShapeError extends Error {}

type Check = (value: unknown, path: string) => void;

const fail = (path: string, what: string): never => {
  throw new PackShapeError(`${path} ${what}`);
};
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const string: Check = (v, path) => void (typeof v === 'string' || fail(path, 'is not a string'));
const number: Check = (v, path) => void ((typeof v === 'number' && Number.isFinite(v)) || fail(path, 'is not a number'));
const object: Check = (v, path) => void (isObject(v) || fail(path, 'is not an object'));
const arrayOf =
  (item: Check): Check =>
  (v, path) => {
    if (!Array.isArray(v)) fail(path, 'is not a list');
    (v as unknown[]).forEach((x, i) => item(x, `${path}[${i}]`));
  };
const recordOf =
  (item: Check): Check =>
  (v, path) => {
    object(v, path);
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) item(x, `${path}.${k}`);
  };
const fields =
  (shape: Record<string, Check>, optional: Record<string, Check> = {}): Check =>
  (v, path) => {
    object(v, path);
    const o = v as Record<string, unknown>;
    for (const [k, check] of Object.entries(shape)) check(o[k], `${path}.${k}`);
    for (const [k, check] of Object.entries(optional)) if (o[k] !== undefined) check(o[k], `${path}.${k}`);
  };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const classifier: Check = (v, path) => {
  fields({ labels: arrayOf(string), bias: arrayOf(number), scale: number, weights: string }, { fromText: arrayOf(number) })(v, path);
  const c = v as { labels: string[]; bias: number[]; weights: string };
  if (c.bias.length !== c.labels.length) fail(`${path}.bias`, `has ${c.bias.length} values for ${c.labels.length} labels`);
  const bad = (c as { fromText?: number[] }).fromText?.find((i) => !Number.isInteger(i) || i < 0 || i >= c.labels.length);
  if (bad !== undefined) fail(`${path}.fromText`, `names label ${bad}, of ${c.labels.length}`);
  if (!BASE64.test(c.weights) || c.weights.length % 4 !== 0) fail(`${path}.weights`, 'is not base64');
};

const boolean: Check = (v, path) => void (typeof v === 'boolean' || fail(path, 'is not true or false'));
const article = fields(
  { id: string, lang: string, title: string, body: string },
  { category: string, tags: arrayOf(string), url: string, featured: boolean, popular: number },
);

const PACK_DATA = fields(
  {
    languages: arrayOf(string),
    defaultLang: string,
    articles: arrayOf(article),
    glossary: fields({ phrases: recordOf(string), unspaced: arrayOf(arrayOf(string)), maxWords: number }),
    replies: recordOf(recordOf(string)),
    languageModel: recordOf(fields({ script: string })),
    classifier,
    intents: classifier,
    indexes: recordOf(string),
    settings: recordOf(number),
  },
  { asksForHuman: classifier, messages: recordOf(object), wordLists: arrayOf(object) },
);

/** Throws a PackShapeError naming the first field that is not as `helpline build` writes it. */
export function checkPackShape(data: unknown): void {
  PACK_DATA(data, 'data');
  const d = data as { languages: string[]; defaultLang: string };
  if (!d.languages.length) fail('data.languages', 'is empty');
  if (!d.languages.includes(d.defaultLang)) fail('data.defaultLang', `'${d.defaultLang}' is not one of the pack's languages`);
}
