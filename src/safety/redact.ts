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
const KEY_WORDS = /priv(?:ate)?\s*key|secret|私钥|私鑰|秘密鍵|プライベートキー|프라이빗\s*키|개인\s*키|clave\s+privada|приватн\w*\s+ключ|секретн\w*\s+ключ|закрыт\w*\s+ключ/i;
/** How far before or after a hex string a key word still speaks of it. */
const KEY_WORD_REACH = 60;
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;

/**
 * "my password is …", "验证码是 …", "パスワードは…", "비밀번호는 …", "mi contraseña es …", "мой пароль …":
 * a label, an optional link word, then the secret. Passwords must look like one (a digit, a symbol or an
 * inner capital) unless they follow a colon or an equals sign, so "my password is wrong" stays as it is.
 */
const LINK = String.raw`(\s*(?:is|was|es|era|是|为|為|は|が|는|은|이|가|это|[:：=\-—])?\s*)`;
const PASSWORD = new RegExp(
  String.raw`(?<![a-z])(password|passcode|passwd|pwd|pass\s*phrase|contraseña|contrasena|пароль|пароля|密码|密碼|口令|パスワード|暗証番号|비밀번호|비번|암호)(?!\p{Ll})` +
    LINK +
    String.raw`(["'«“「『]?)([\x21-\x7E]{4,64})`,
  'giu',
);
/** "the 2FA code is 123456", "验证码：123456", "認証コードは123456", "인증번호 123456", "código 123456", "код 123456". */
const CODE = new RegExp(
  String.raw`(?<!(?:error|referral|invite|invitation|promo|promotion|postal|zip|country|area|source|qr|colou?r|tx|transaction|ref|ошибк\p{L}*|エラー|错误|錯誤)\s*(?:с\s+)?)(?<![a-z])` +
    String.raw`(2fa|otp|totp|mfa|g2fa|code|c[oó]digo(?:\s+de\s+(?:verificaci[oó]n|seguridad|google|autenticaci[oó]n|acceso|sms))?` +
    String.raw`|код\p{L}*(?:\s+(?:подтверждения|из\s+(?:смс|sms)|2fa|безопасности|гугл|google))?` +
    String.raw`|验证码|驗證碼|动态码|動態碼|认证码|認證碼|校验码|コード|인증\s*번호|인증\s*코드|otp\s*번호|보안\s*코드)` +
    LINK +
    String.raw`(\d{3}[ -]?\d{3}|\d{4,8})(?!\d)`,
  'giu',
);
/** A digit, a symbol or an inner capital: what separates "Hunter2!" from "wrong". */
const PASSWORD_LIKE = /[\d\W_]|.[A-Z]/;
/** A colon, an equals sign, a long dash or quotes say that what follows is the password, whatever it looks like. */
const EXPLICIT = /[:：=—]/;
const TRAILING_PUNCTUATION = /[.,;)"'»”」』]+$/;

/**
 * Finds secrets a user may paste into a support chat and replaces them with a marker. Ordinary
 * addresses and transaction ids stay as they are: an agent needs them.
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
  text = text.replace(CARD, (m) => (luhn(m.replace(/\D/g, '')) ? mask('card') : m));
  text = text.replace(CODE, (_m, label: string, link: string) => label + link + mask('code'));
  text = text.replace(PASSWORD, (m, label: string, link: string, quote: string, raw: string) => {
    const secret = raw.replace(TRAILING_PUNCTUATION, '');
    if (secret.length < 4 || secret.startsWith('[')) return m;
    if (!PASSWORD_LIKE.test(secret) && !quote && !EXPLICIT.test(link)) return m;
    return label + link + quote + mask('password') + raw.slice(secret.length);
  });
  return { text, found: [...found] };
}

function calledKey(text: string, from: number, to: number): boolean {
  return KEY_WORDS.test(text.slice(Math.max(0, from - KEY_WORD_REACH), from)) || KEY_WORDS.test(text.slice(to, to + KEY_WORD_REACH));
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
