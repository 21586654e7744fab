/** Kinds of secret that never leave the user's browser. */
export type SecretKind = 'mnemonic' | 'private-key' | 'extended-key' | 'wif' | 'card' | 'password' | 'code';

/** A text with its secrets replaced, and what was found. */
export interface Redaction {
  text: string;
  found: SecretKind[];
}

const MASK = (kind: SecretKind) => `[${kind} removed]`;

const EXTENDED_KEY = /\b[xyzuvt]prv[1-9A-HJ-NP-Za-km-z]{100,112}\b/g;
const WIF = /\b[5KL][1-9A-HJ-NP-Za-km-z]{50,51}\b/g;
/** 64 hex digits is a private key, but also a TXID: only flagged when the user calls it a key. */
const HEX_KEY = /\b(?:0x)?[0-9a-fA-F]{64}\b/g;
const KEY_WORDS = /private|priv\s*key|secret|私钥|秘密鍵|프라이빗|개인\s*키|clave\s+privada|приватн|секретн/i;
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
/** "my password is …", "验证码是 …": a label, a link word, then the secret. */
const LABELLED = new RegExp(
  String.raw`(password|passcode|passwd|pwd|contraseña|contrasena|clave|пароль|密码|密碼|パスワード|비밀번호|비번` +
    String.raw`|2fa(?:\s*code)?|otp|verification code|auth(?:enticator)? code|google code|sms code|code|código|codigo|код|验证码|驗證碼|谷歌验证码|認証コード|確認コード|인증\s*번호|인증\s*코드|otp\s*번호)` +
    String.raw`(\s*(?:is|was|are|es|era|是|为|為|は|:|：|=|-|—|это)?\s*)((?=[^\s]*[\p{L}\p{N}])[^\s,，。.;；、]{4,64})`,
  'giu',
);
const CODE_KINDS = /2fa|otp|code|código|codigo|код|验证码|驗證碼|コード|번호|코드/i;

/**
 * Finds secrets a user may paste into a support chat and replaces them with a marker. Ordinary
 * addresses and transaction ids stay as they are: an agent needs them.
 */
export function redactSecrets(input: string): Redaction {
  const found = new Set<SecretKind>();
  const replace = (kind: SecretKind) => () => (found.add(kind), MASK(kind));
  let text = String(input ?? '');

  text = text.replace(EXTENDED_KEY, replace('extended-key'));
  text = text.replace(WIF, (m) => (/[0OIl]/.test(m) ? m : (found.add('wif'), MASK('wif'))));
  if (KEY_WORDS.test(text)) text = text.replace(HEX_KEY, replace('private-key'));
  text = text.replace(CARD, (m) => (luhn(m.replace(/\D/g, '')) ? (found.add('card'), MASK('card')) : m));
  text = text.replace(LABELLED, (m, label: string, sep: string, secret: string) => {
    if (secret.startsWith('[')) return m;
    const kind: SecretKind = CODE_KINDS.test(label) ? 'code' : 'password';
    if (kind === 'code' && !/\d/.test(secret)) return m;
    found.add(kind);
    return label + sep + MASK(kind);
  });
  return { text, found: [...found] };
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
