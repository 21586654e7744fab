import { findMnemonics } from './mnemonic.js';

/** Kinds of secret that never leave the user's browser. */
export type SecretKind = 'mnemonic' | 'private-key' | 'extended-key' | 'wif' | 'card' | 'password' | 'code';

/** A text with its secrets replaced, and what was found. */
export interface Redaction {
  text: string;
  found: SecretKind[];
}

const MASK = (kind: SecretKind) => `[${kind} removed]`;

const EXTENDED_KEY = /\b[xyzuvt]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b/g;
/** Uncompressed (5…) and compressed (K…, L…) WIF keys in base58; addresses are shorter. */
const WIF = /\b[5KL][1-9A-HJ-NP-Za-km-z]{50,51}\b/g;
/** 64 hex digits is a private key, but also a TXID or a block hash: only a key when the user calls it one. */
const HEX_KEY = /\b(?:0x)?[0-9a-fA-F]{64}\b/g;
const KEY_WORDS = /priv(?:ate)?\s*key|secret|私钥|私鑰|秘密鍵|プライベートキー|프라이빗\s*키|개인\s*키|clave\s+privada|приватн\p{L}*\s+ключ|секретн\p{L}*\s+ключ|закрыт\p{L}*\s+ключ/iu;
/** How far before or after a hex string a key word still speaks of it. */
const KEY_WORD_REACH = 60;
/** Digits in groups split by single spaces or dashes; a card is 13 to 19 of them, from group to group. */
const DIGIT_RUN = /\b\d+(?:[ -]\d+)*\b/g;

/**
 * "my password is …", "验证码是 …", "パスワードは…", "비밀번호는 …", "mi contraseña es …", "мой пароль …":
 * a label, an optional link word, then the secret. Passwords must look like one (a digit, a symbol or an
 * inner capital) unless they follow a colon or an equals sign, so "my password is wrong" stays as it is.
 */
// One run of spaces unless a link word splits it: two adjacent \s* would make long blank runs quadratic.
const LINK = String.raw`(\s*(?:(?:is|was|es|era|是|为|為|は|が|는|은|이|가|это|[:：=\-—])\s*)?)`;
const PASSWORD = new RegExp(
  String.raw`(?<![a-z])(password|passcode|passwd|pwd|pass\s*phrase|contraseña|contrasena|пароль|пароля|密码|密碼|口令|パスワード|暗証番号|비밀번호|비번|암호)(?!\p{Ll})` +
    LINK +
    String.raw`(["'«“「『]?)([\x21-\x7E]{4,64})`,
  'giu',
);
/** "the 2FA code is 123456", "验证码：123456", "認証コードは123456", "인증번호 123456", "código 123456", "код 123456". */
const CODE = new RegExp(
  String.raw`(?<![a-z])(2fa|otp|totp|mfa|g2fa|code|c[oó]digo(?:\s+de\s+(?:verificaci[oó]n|seguridad|google|autenticaci[oó]n|acceso|sms))?` +
    String.raw`|код\p{L}{0,8}(?:\s+(?:подтверждения|из\s+(?:смс|sms)|2fa|безопасности|гугл|google))?` +
    String.raw`|验证码|驗證碼|动态码|動態碼|认证码|認證碼|校验码|コード|인증\s*번호|인증\s*코드|otp\s*번호|보안\s*코드)` +
    LINK +
    String.raw`(\d{3}[ -]?\d{3}|\d{4,8})(?!\d)`,
  'giu',
);
/** Codes that are not secrets: "error code 10004", "referral code 558812", "ошибка с кодом 10004". */
const NOT_SECRET_CODE = /(?:(?<![a-zа-яё])(?:error|referral|invite|invitation|promo|promotion|postal|zip|country|area|source|qr|colou?r|tx|transaction|ref|ошибк\p{L}*)|エラー|错误|錯誤)\s*(?:с\s+)?$/iu;
/** Only a bare "code" can be one of those; "verification code", "2FA", "验证码" are always secrets. */
const BARE_CODE = /^(?:code|c[oó]digo|код\p{L}*|コード)$/iu;
/** A digit, a symbol or an inner capital: what separates "Hunter2!" from "wrong". */
const PASSWORD_LIKE = /[\d\W_]|.[A-Z]/;
/** A colon, an equals sign, a long dash or quotes say that what follows is the password, whatever it looks like. */
const EXPLICIT = /[:：=—]/;
/** Sentence punctuation after a password: "!" and "?" may belong to it, so only the judgement ignores them. */
const SENTENCE_END = /[.,;:)"'»”」』]+$/;
const TRAILING_PUNCTUATION = /[.,;:!?)"'»”」』]+$/;

/**
 * Finds secrets a user may paste into a support chat and replaces them with a marker. Ordinary
 * addresses and transaction ids stay as they are: an agent needs them. Seed phrases are found once the
 * BIP39 word lists are registered: by `createBot` (from the pack) or by importing `helpline/node`.
 */
export function redactSecrets(input: string): Redaction {
  const found = new Set<SecretKind>();
  const mask = (kind: SecretKind) => (found.add(kind), MASK(kind));
  let text = String(input ?? '');

  const mnemonics = findMnemonics(text);
  for (let i = mnemonics.length - 1; i >= 0; i--) {
    const [from, to] = mnemonics[i];
    text = text.slice(0, from) + mask('mnemonic') + text.slice(to);
  }
  text = text.replace(EXTENDED_KEY, () => mask('extended-key'));
  text = text.replace(WIF, () => mask('wif'));
  text = text.replace(HEX_KEY, (m, at: number, all: string) => (calledKey(all, at, at + m.length) ? mask('private-key') : m));
  text = text.replace(DIGIT_RUN, (run) => redactCards(run, () => mask('card')));
  text = text.replace(CODE, (m, label: string, link: string, _code: string, at: number, all: string) =>
    BARE_CODE.test(label) && NOT_SECRET_CODE.test(all.slice(Math.max(0, at - 24), at)) ? m : label + link + mask('code'),
  );
  text = text.replace(PASSWORD, (m, label: string, link: string, quote: string, raw: string) => {
    const secret = raw.replace(SENTENCE_END, '');
    const core = raw.replace(TRAILING_PUNCTUATION, '');
    if (core.length < 4 || core.startsWith('[')) return m;
    // "password/2FA change": a secret glued to its label starts with a letter or digit.
    if (!link && !quote && !/^[\p{L}\p{N}]/u.test(core)) return m;
    if (!PASSWORD_LIKE.test(core) && !quote && !EXPLICIT.test(link)) return m;
    return label + link + quote + mask('password') + raw.slice(secret.length);
  });
  return { text, found: [...found] };
}

/** Longest secret the redaction must see whole: a 24-word mnemonic with wide separators fits easily. */
const SECRET_REACH = 1000;

/**
 * The first `max` characters of a text, redacted. It redacts before it cuts: a cut through a mnemonic or a
 * card number would leave the part before the cut unrecognized, and kept.
 */
export function redactHead(input: string, max: number): Redaction {
  const { text, found } = redactSecrets(String(input ?? '').slice(0, max + SECRET_REACH));
  return { text: text.slice(0, max), found };
}

function calledKey(text: string, from: number, to: number): boolean {
  return KEY_WORDS.test(text.slice(Math.max(0, from - KEY_WORD_REACH), from)) || KEY_WORDS.test(text.slice(to, to + KEY_WORD_REACH));
}

/**
 * Card numbers in a run of digit groups. Another number may share the run ("exp 12/25 4111 1111 …"), so
 * each stretch of groups written the way cards are (one block, 4-4-4-4…, or 4-6-5) is tried, longest first.
 */
function redactCards(run: string, mask: () => string): string {
  const groups = [...run.matchAll(/\d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
  let out = '';
  let done = 0;
  for (let i = 0; i < groups.length; i++) {
    let card = -1;
    for (let j = i; j < groups.length && j - i < 5; j++) {
      const stretch = groups.slice(i, j + 1);
      if (cardShaped(stretch.map((g) => g.digits.length)) && luhn(stretch.map((g) => g.digits).join(''))) card = j;
    }
    if (card < 0) continue;
    out += run.slice(done, groups[i].start) + mask();
    done = groups[card].end;
    i = card;
  }
  return out + run.slice(done);
}

function cardShaped(lengths: number[]): boolean {
  const total = lengths.reduce((a, b) => a + b, 0);
  if (total < 13 || total > 19) return false;
  if (lengths.length === 1 || /^4,6,[45]$/.test(lengths.join())) return true;
  return lengths.slice(0, -1).every((n) => n === 4) && lengths[lengths.length - 1] <= 4;
}

/** The Luhn checksum that every payment card number passes. */
export function luhn(digits: string): boolean {
  if (digits.length < 13 || digits.length > 19 || /^(\d)\1+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return sum % 10 === 0;
}
