import { CYRILLIC_LETTER, LATIN_LETTER } from '../text/letters.js';
import type { Found } from './found.js';

/**
 * Private keys by shape, and by the words users call them in the ten UI languages. Works on folded text
 * (fold.ts), so full-width characters and invisible separators are already plain.
 */

const B58 = '1-9A-HJ-NP-Za-km-z';
/** Not a piece of a longer string of letters and digits: a hex TXID holds 52 base58 characters in a row. */
const [FROM, TO] = ['(?<![0-9A-Za-z])', '(?![0-9A-Za-z])'];
/** BIP32 and SLIP-132 extended private keys (xprv, yprv, zprv, Yprv, Zprv, testnet tprv, uprv, vprv, Uprv, Vprv). */
const EXTENDED_KEY = new RegExp(String.raw`${FROM}[xyzuvtYZUV]prv[${B58}]{100,112}${TO}`, 'g');
/** WIF keys: mainnet uncompressed 5…, compressed K…/L…; testnet 9… and c…. Addresses are shorter. */
const WIF = new RegExp(String.raw`${FROM}(?:[59][${B58}]{50}|[KLc][${B58}]{51})${TO}`, 'g');
/** A Solana secret key: 64 bytes in base58. A transaction signature has the same shape, and is called one. */
const BASE58_64 = new RegExp(String.raw`${FROM}[${B58}]{86,90}${TO}`, 'g');
/** A secret key as a JSON byte array (Solana's id.json): 32 to 64 numbers up to 255. */
const BYTE_ARRAY = /\[\s*(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\s*,\s*){31,63}(?:25[0-5]|2[0-4]\d|1?\d?\d)\s*\]/g;
/** 64 hex digits is a private key, but also a TXID or a block hash: only a key when the user calls it one. */
const HEX_KEY = /(?<![0-9a-fA-FxX])(?:0[xX])?[0-9a-fA-F]{64}(?![0-9a-fA-F])/g;

/** What users call a private key in en, zh, zh-TW, ja, ko, es, ru, pt, tr, vi. */
export const KEY_LABEL = String.raw`priv(?:ate)?[\s_-]*key|privkey|secret[\s_-]*key|secret|私钥|私鑰|密钥|密鑰|秘钥|秘鑰|秘密鍵|秘密キー|プライベートキー|개인\s*키|프라이빗\s*키|비밀\s*키|clave\s+privada|llave\s+privada|chave\s+privada|приватн${CYRILLIC_LETTER}*\s+ключ${CYRILLIC_LETTER}*|секретн${CYRILLIC_LETTER}*\s+ключ${CYRILLIC_LETTER}*|закрыт${CYRILLIC_LETTER}*\s+ключ${CYRILLIC_LETTER}*|özel\s+anahtar${LATIN_LETTER}*|gizli\s+anahtar${LATIN_LETTER}*|kh[oó]a\s+ri[eê]ng|khoá\s+riêng|kh[oó]a\s+b[ií]\s+m[aậ]t|khoá\s+bí\s+mật`;
const KEY_WORD = new RegExp(String.raw`(?:${KEY_LABEL}|(?<![\p{L}])keys?(?![\p{L}]))`, 'iu');
/** Words for a transaction, its hash or signature: what a 64-hex or 88-base58 string usually is. */
const TX_WORD = new RegExp(
  String.raw`(?<![\p{L}])(?:tx(?:id|n|hash)?|hash|signature|sig|transaction|block|交易|哈希|雜湊|txハッシュ|トランザクション|트랜잭션|해시|транзакц${CYRILLIC_LETTER}*|хеш|хэш|transacci[oó]n|transa[cç][aã]o|i[şs]lem|giao\s+d[iị]ch|m[aã]\s+băm)(?![\p{L}])`,
  'iu',
);
const REACH = 60;

/** A label then a value: `PRIVATE_KEY=…`, `{"private_key": "…"}`, `secret key: …`. */
const LABELLED_VALUE = new RegExp(String.raw`(?:${KEY_LABEL})["']?\s*[:=]\s*["']?([A-Za-z0-9+/_\-]{16,}={0,2})`, 'giu');

export function findKeys(text: string, found: Found): void {
  for (const m of text.matchAll(EXTENDED_KEY)) found.add(m.index, m.index + m[0].length, 'extended-key');
  for (const m of text.matchAll(WIF)) found.add(m.index, m.index + m[0].length, 'wif');
  for (const m of text.matchAll(HEX_KEY)) if (calledKey(text, m.index, m.index + m[0].length, false)) found.add(m.index, m.index + m[0].length, 'private-key');
  for (const m of text.matchAll(BASE58_64)) if (calledKey(text, m.index, m.index + m[0].length, true)) found.add(m.index, m.index + m[0].length, 'private-key');
  for (const m of text.matchAll(BYTE_ARRAY)) found.add(m.index, m.index + m[0].length, 'private-key');
  for (const m of text.matchAll(LABELLED_VALUE)) {
    const at = m.index + m[0].length - m[1].length;
    found.add(at, at + m[1].length, 'private-key');
  }
}

/**
 * Whether a long hex or base58 string is a key: the nearest label before it decides (a "txid" closer than a
 * "key" makes it a transaction), else a key label after it. Unlabelled, a hex string is a hash; a 64-byte
 * base58 string is a key unless the text speaks of a transaction.
 */
function calledKey(text: string, from: number, to: number, keyUnlessTx: boolean): boolean {
  const before = text.slice(Math.max(0, from - REACH), from);
  const key = lastIndex(before, KEY_WORD);
  const tx = lastIndex(before, TX_WORD);
  if (key >= 0 || tx >= 0) return key > tx;
  const after = text.slice(to, to + REACH);
  if (KEY_WORD.test(after) && !TX_WORD.test(after)) return true;
  return keyUnlessTx && !TX_WORD.test(after);
}

function lastIndex(text: string, word: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(new RegExp(word.source, 'giu'))) at = m.index;
  return at;
}
