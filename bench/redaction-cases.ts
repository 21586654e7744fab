/**
 * Generated inputs for the redaction: seed phrases from the ten BIP39 lists in the shapes users paste them, with
 * typos, and labelled keys, cards, passwords and codes in the ten UI languages; and inputs that must stay as
 * they are (addresses, TXIDs, order ids, amounts, dates, prose). Shared by bench/redaction.ts and the property
 * tests (tests/unit/redact-*.test.ts).
 */
import fc from 'fast-check';
import { createRedactor } from '../src/safety/redact.js';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';

export const LISTS: Record<string, string[]> = {
  english,
  spanish,
  french,
  italian,
  czech,
  portuguese,
  japanese,
  korean,
  'simplified-chinese': simplifiedChinese,
  'traditional-chinese': traditionalChinese,
};
const LATIN = new Set(['english', 'spanish', 'french', 'italian', 'czech', 'portuguese']);

/** How a phrase is written: each joins the words (and may number them). */
export const SHAPES: Record<string, (words: string[], list: string) => string> = {
  spaces: (w, list) => w.join(list === 'japanese' ? '\u3000' : ' '),
  newlines: (w) => w.join('\n'),
  commas: (w) => w.join(', '),
  slashes: (w) => w.join('/'),
  underscores: (w) => w.join('_'),
  'numbered 1.': (w) => w.map((x, i) => `${i + 1}. ${x}`).join('\n'),
  'numbered (1)': (w) => w.map((x, i) => `(${i + 1}) ${x}`).join(' '),
  'numbered [1]': (w) => w.map((x, i) => `[${i + 1}] ${x}`).join(' '),
  'Word 1:': (w) => w.map((x, i) => `Word ${i + 1}: ${x}`).join('\n'),
  'JSON array': (w) => JSON.stringify(w),
  'zero-width joined': (w) => w.join('\u200b'),
  'full-width': (w) => w.map(fullWidth).join('\u3000'),
  quoted: (w) => `"${w.join(' ')}"`,
};
/** Japanese users also paste a phrase without any space. */
const JAPANESE_SHAPES: Record<string, (words: string[]) => string> = { 'no spaces': (w) => w.join('') };

export function fullWidth(s: string): string {
  return s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** Typing mistakes: a neighbouring key, a dropped, doubled or swapped letter. */
const KEYBOARD = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
function neighbour(c: string, pick: number): string {
  for (let r = 0; r < KEYBOARD.length; r++) {
    const i = KEYBOARD[r].indexOf(c);
    if (i < 0) continue;
    const near = [KEYBOARD[r][i - 1], KEYBOARD[r][i + 1], KEYBOARD[r - 1]?.[i], KEYBOARD[r + 1]?.[i]].filter(Boolean) as string[];
    return near[pick % near.length];
  }
  return c;
}
export const TYPOS = ['neighbouring key', 'dropped letter', 'doubled letter', 'swapped letters'] as const;
export function typo(word: string, kind: (typeof TYPOS)[number], at: number): string {
  const i = at % word.length;
  switch (kind) {
    case 'neighbouring key':
      return word.slice(0, i) + neighbour(word[i], at) + word.slice(i + 1);
    case 'dropped letter':
      return word.length > 3 ? word.slice(0, i) + word.slice(i + 1) : word;
    case 'doubled letter':
      return word.slice(0, i) + word[i] + word.slice(i);
    case 'swapped letters':
      return i + 1 < word.length ? word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2) : word;
  }
}

/** Text around a phrase, in several languages; some run straight on ("… can you check"). */
export const AROUND: [string, string][] = [
  ['', ''],
  ['my seed phrase is', 'can you check my wallet?'],
  ['Hi, here is my recovery phrase:', '. Please restore it.'],
  ['hola, mi frase semilla es', 'gracias'],
  ['我的助记词是', '怎么办'],
  ['私の復元フレーズは', 'です。'],
  ['제 복구 문구는', '입니다'],
  ['мои слова:', 'что делать?'],
  ['minha frase:', 'obrigado'],
];

export interface PhraseCase {
  list: string;
  shape: string;
  words: string[];
  typed: string[];
  typos: number;
  before: string;
  after: string;
  /** the phrase as typed, without the text around it */
  phrase: string;
  /** sent as two messages, split after this many words (0: one message) */
  split: number;
}

export const phraseCase = (opts: { maxTypos?: number; lists?: string[] } = {}): fc.Arbitrary<PhraseCase> =>
  fc
    .record({
      list: fc.constantFrom(...(opts.lists ?? Object.keys(LISTS))),
      length: fc.constantFrom(11, 12, 15, 18, 24),
      // Uniform, as a wallet draws them: a biased draw repeats words that no real phrase repeats.
      picks: fc.noBias(fc.array(fc.nat(2047), { minLength: 24, maxLength: 24 })),
      shapeIndex: fc.nat(),
      typoCount: fc.integer({ min: 0, max: opts.maxTypos ?? 2 }),
      typoAt: fc.array(fc.record({ word: fc.nat(), at: fc.nat(), kind: fc.constantFrom(...TYPOS) }), { minLength: 2, maxLength: 2 }),
      around: fc.constantFrom(...AROUND),
      split: fc.constantFrom(0, 0, 0, 6, 8),
    })
    .map(({ list, length, picks, shapeIndex, typoCount, typoAt, around, split }) => {
      const words = picks.slice(0, length).map((i) => LISTS[list][i]);
      const typed = [...words];
      let typos = 0;
      if (LATIN.has(list)) {
        const used = new Set<number>();
        for (const t of typoAt.slice(0, typoCount)) {
          const w = t.word % length;
          if (used.has(w)) continue;
          const changed = typo(typed[w].normalize('NFC'), t.kind, t.at);
          if (changed !== typed[w].normalize('NFC')) {
            typed[w] = changed;
            used.add(w);
            typos++;
          }
        }
      }
      const shapes: Record<string, (w: string[], list: string) => string> = list === 'japanese' ? { ...SHAPES, ...JAPANESE_SHAPES } : SHAPES;
      const names = Object.keys(shapes);
      const shape = names[shapeIndex % names.length];
      const [before, after] = around;
      return { list, shape, words, typed, typos, before, after, phrase: shapes[shape](typed, list), split: split && split < length ? split : 0 };
    });

/**
 * How many words of the phrase a redacted text still holds: the text's words, less those of the text around
 * it and of the masks and numbering, counted against the phrase's words.
 */
export function keptWords(output: string, c: PhraseCase): number {
  const tokens = (s: string) =>
    s
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{L}\p{M}]+/gu) ?? [];
  const left = new Map<string, number>();
  for (const t of tokens(output)) left.set(t, (left.get(t) ?? 0) + 1);
  for (const t of [...tokens(c.before), ...tokens(c.after), 'mnemonic', 'removed', 'word']) if (left.has(t)) left.set(t, left.get(t)! - 1);
  let kept = 0;
  const phrase = c.typed.map((w) => w.normalize('NFKC').toLowerCase());
  if (c.shape === 'no spaces') {
    const flat = output.normalize('NFKC');
    return phrase.filter((w) => flat.includes(w)).length;
  }
  for (const w of phrase) {
    const n = left.get(w) ?? 0;
    if (n > 0) {
      kept++;
      left.set(w, n - 1);
    }
  }
  return kept;
}

/** The message or messages a case sends. */
export function messagesOf(c: PhraseCase): string[] {
  const join = (a: string, b: string) => [a, b].filter(Boolean).join(' ');
  if (!c.split) return [join(join(c.before, c.phrase), c.after)];
  const shape = SHAPES[c.shape] ?? SHAPES.spaces;
  return [join(c.before, shape(c.typed.slice(0, c.split), c.list)), join(shape(c.typed.slice(c.split), c.list), c.after)];
}

/** Redacts a case's messages as a conversation does (createRedactor); the texts kept, one per line. */
export function redactCase(c: PhraseCase): string {
  const r = createRedactor();
  const out: string[] = [];
  for (const m of messagesOf(c)) {
    const { text, previous } = r.redact(m);
    if (previous !== undefined) out[out.length - 1] = previous;
    out.push(text);
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------------------
// Keys, cards, passwords and codes in the ten UI languages.

export const UI_LANGS = ['en', 'zh', 'zh-TW', 'ja', 'ko', 'es', 'ru', 'pt', 'tr', 'vi'] as const;
export type UiLang = (typeof UI_LANGS)[number];
export type LabelledKind = 'private-key' | 'card' | 'password' | 'code';

/** Templates per kind and language; `$` is the secret. */
export const LABELLED: Record<LabelledKind, Record<UiLang, string[]>> = {
  'private-key': {
    en: ['my private key is $', 'PRIVATE_KEY=$', '{"private_key": "$"}', 'my key is 0x$', 'secret key: $'],
    zh: ['我的私钥是 $', '密钥：$'],
    'zh-TW': ['我的私鑰是 $', '密鑰 $'],
    ja: ['秘密鍵は $ です', 'プライベートキー：$'],
    ko: ['제 개인 키는 $ 입니다', '비밀키: $'],
    es: ['mi clave privada es $'],
    ru: ['мой приватный ключ $', 'секретный ключ: $'],
    pt: ['minha chave privada é $'],
    tr: ['özel anahtarım $', 'özel anahtar: $'],
    vi: ['khóa riêng của tôi là $', 'khóa bí mật: $'],
  },
  card: {
    en: ['I paid with card $ yesterday', 'card number $'],
    zh: ['我的卡号 $'],
    'zh-TW': ['我的卡號 $'],
    ja: ['カード番号 $ です'],
    ko: ['카드 번호 $'],
    es: ['mi tarjeta $'],
    ru: ['номер карты $'],
    pt: ['meu cartão $'],
    tr: ['kart numaram $'],
    vi: ['số thẻ $'],
  },
  password: {
    en: ['my password is $', 'password: $', 'the password for my account is $', 'pwd=$'],
    zh: ['我的密码是$', '密码：$'],
    'zh-TW': ['我的密碼是 $'],
    ja: ['パスワードは$です', 'パスワード：「$」'],
    ko: ['비밀번호는 $ 입니다'],
    es: ['mi contraseña es $'],
    ru: ['мой пароль $', 'Пароль: $'],
    pt: ['minha senha é $'],
    tr: ['şifrem $', 'şifre: $'],
    vi: ['mật khẩu là $', 'mật khẩu: $'],
  },
  code: {
    en: ['my 2FA code is $', 'google authenticator $', 'the verification code is $'],
    zh: ['验证码是：$', '验证码「$」'],
    'zh-TW': ['驗證碼是 $'],
    ja: ['認証コードは $ です'],
    ko: ['인증번호 $'],
    es: ['el código de verificación es $'],
    ru: ['код подтверждения $'],
    pt: ['código de verificação: $'],
    tr: ['doğrulama kodu $'],
    vi: ['mã xác nhận là $', 'mã OTP $'],
  },
};

const HEX = '0123456789abcdef';
const B58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const pickFrom = (alphabet: string, n: number) =>
  fc.array(fc.nat(alphabet.length - 1), { minLength: n, maxLength: n }).map((a) => a.map((i) => alphabet[i]).join(''));

/** A card number that passes Luhn, written with one of the separators users use. */
export const cardNumber = fc
  .record({
    body: fc.array(fc.nat(9), { minLength: 15, maxLength: 15 }),
    prefix: fc.constantFrom('4', '5'),
    sep: fc.constantFrom('', ' ', '-', '.', '/', '  ', '\u00a0'),
    wide: fc.boolean(),
  })
  .map(({ body, prefix, sep, wide }) => {
    const digits = prefix + body.slice(1).join('');
    const withCheck = digits + luhnDigit(digits);
    const written = withCheck.match(/.{4}/g)!.join(sep);
    return wide ? fullWidth(written) : written;
  });

function luhnDigit(partial: string): string {
  let sum = 0;
  for (let i = 0; i < partial.length; i++) {
    let d = Number(partial[partial.length - 1 - i]);
    if (i % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

export const secretOf: Record<LabelledKind, fc.Arbitrary<string>> = {
  'private-key': pickFrom(HEX, 64),
  card: cardNumber,
  password: fc
    .record({
      word: fc.constantFrom('Hunter', 'sakura', 'Perro', 'qwer', 'zaq1xsw', 'Tr0ub4dor', 'пароль', 'Şifre'),
      n: fc.nat(9999),
      sym: fc.constantFrom('', '!', '#', '_', '$'),
      wide: fc.boolean(),
    })
    .map(({ word, n, sym, wide }) => (wide ? fullWidth(`${word}${n}${sym}`) : `${word}${n}${sym}`)),
  code: fc.record({ n: fc.integer({ min: 100000, max: 999999 }), wide: fc.boolean() }).map(({ n, wide }) => (wide ? fullWidth(String(n)) : String(n))),
};

export interface LabelledCase {
  kind: LabelledKind;
  lang: UiLang;
  text: string;
  secret: string;
}

export const labelledCase = (kind: LabelledKind, lang: UiLang): fc.Arbitrary<LabelledCase> =>
  fc
    .record({
      template: fc.constantFrom(...LABELLED[kind][lang]),
      secret: secretOf[kind],
      tail: fc.constantFrom('', ' please help', '. 怎么办', ', can you check'),
    })
    .map(({ template, secret, tail }) => ({
      kind,
      lang,
      secret,
      text: template.replace('$', secret) + tail,
    }));

/** True when any part of the secret that identifies it (6 characters of it in a row) is still in the text. */
export function leaksSecret(output: string, secret: string): boolean {
  const o = output.normalize('NFKC').replace(/[\s\u00a0.\-/]/g, '');
  const s = secret.normalize('NFKC').replace(/[\s\u00a0.\-/]/g, '');
  if (s.length <= 8) return o.includes(s);
  for (let i = 0; i + 8 <= s.length; i += 4) if (o.includes(s.slice(i, i + 8))) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs that hold no secret.

export const NOT_SECRET: Record<string, fc.Arbitrary<string>> = {
  'BTC address': fc.oneof(
    pickFrom(B58, 33).map((s) => `withdrew to 1${s}`),
    pickFrom('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 38).map((s) => `sent to bc1q${s} yesterday`),
    pickFrom('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58).map((s) => `taproot bc1p${s}`),
  ),
  'ETH address': pickFrom(HEX, 40).map((s) => `ETH deposit to 0x${s} not arrived`),
  'TRON address': pickFrom(B58, 33).map((s) => `USDT TRC20 to T${s} still pending`),
  'SOL address': pickFrom(B58, 43).map((s) => `my SOL address ${s}`),
  TXID: fc.oneof(
    pickFrom(HEX, 64).map((s) => `txid ${s} has 0 confirmations`),
    pickFrom(HEX, 64).map((s) => `tx hash 0x${s}`),
    pickFrom(HEX, 64).map((s) => `我的提币交易哈希是 ${s}，还没到账`),
    pickFrom(B58, 88).map((s) => `Solana tx signature ${s}`),
  ),
  'order id': fc
    .record({
      n: fc.array(fc.nat(9), { minLength: 16, maxLength: 19 }),
      label: fc.constantFrom('order', 'order id', 'Order #', 'UID', '订单号', '訂單號', '注文番号', '주문번호', 'pedido', 'заказ', 'sipariş', 'mã đơn'),
    })
    .map(({ n, label }) => `${label} ${n.join('')} is not credited`),
  amount: fc
    .record({ a: fc.nat(99999), b: fc.nat(99), coin: fc.constantFrom('BTC', 'USDT', 'ETH', 'SOL') })
    .map(({ a, b, coin }) => `I sent ${a}.${b} ${coin} and received ${Math.floor(a / 2)},${b} ${coin}`),
  date: fc
    .date({ min: new Date('2015-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
    .map((d) => `on ${d.toISOString().slice(0, 10)} at ${d.toISOString().slice(11, 16)}, also ${d.toLocaleDateString('en-GB')}`),
  'network code': fc.nat(9999).map((n) => `network code ${n}, error code 1${n}, referral code ${n}55`),
};
