import { CYRILLIC_LETTER, LATIN_LETTER } from '../text/letters.js';
import type { Found } from './found.js';

/**
 * Payment card numbers by Luhn and shape, in folded text (full-width digits are already ASCII, non-breaking
 * spaces plain). Groups may be split by one or two spaces, dashes, dots or slashes.
 */
/** Not inside a word: the digits of an address or a hash ("0x24f01130105338958513f…") are no card. */
const DIGIT_RUN = /(?<![\p{L}\d])\d+(?:(?: {1,2}|[-./]| ?[-./] ?)\d+)*(?![\p{L}\d])/gu;

/**
 * A number in one block that a nearby word calls an order, an id or a transaction is not a card, whatever its
 * checksum (one random 16-digit id in ten passes Luhn). In en, zh, zh-TW, ja, ko, es, ru, pt, tr, vi. Not "ref" or
 * "reference": a payment's reference may be the card number itself (the 100,000-input fuzz planted one).
 */
const NOT_A_CARD = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:order|orders|id|uid|user\s*id|txid|tx|transaction|invoice|ticket|tracking|case|account\s+(?:no|number)|phone|tel|pedido|orden|n[uú]mero\s+de\s+(?:pedido|orden|transacci[oó]n)|transacci[oó]n|заказ${CYRILLIC_LETTER}*|ордер${CYRILLIC_LETTER}*|номер\s+заказа|транзакц${CYRILLIC_LETTER}*|ид|ordem|transa[cç][aã]o|sipari[şs]${LATIN_LETTER}*|i[şs]lem|numara${LATIN_LETTER}*|đơn\s+hàng|mã\s+đơn|mã\s+giao\s+dịch|giao\s+dịch)(?![\p{L}])|订单号?|訂單號?|单号|單號|编号|編號|交易号|交易號|流水号|流水號|用户\s*id|注文番号|注文|番号|주문\s*번호|주문|번호|거래\s*id)[\s:：#№=.-]*$`,
  'iu',
);
/** Words that call it a card: nearer than an order word, they win ("order 123, card 4111…"). */
const CARD_WORD = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:card|visa|mastercard|amex|tarjeta|cart[aã]o|карт${CYRILLIC_LETTER}*|kart${LATIN_LETTER}*|thẻ)(?![\p{L}])|卡号?|卡號|カード|카드)`,
  'iu',
);
const NEAR = 32;

export function findCards(text: string, found: Found): void {
  for (const m of text.matchAll(DIGIT_RUN)) {
    const before = text.slice(Math.max(0, m.index - NEAR), m.index);
    // Ids are written as one block; a number grouped the way cards are printed is a card whatever the label says.
    if (NOT_A_CARD.test(before) && !CARD_WORD.test(before) && /^\d+$/.test(m[0])) continue;
    findCardsInRun(m[0], m.index, found);
  }
}

/**
 * Card numbers in a run of digit groups. Another number may share the run ("exp 12/25 4111 1111 …"), so
 * each stretch of groups written the way cards are (one block, 4-4-4-4…, or 4-6-5) is tried, longest first.
 */
function findCardsInRun(run: string, offset: number, found: Found): void {
  const groups = [...run.matchAll(/\d+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, digits: m[0] }));
  for (let i = 0; i < groups.length; i++) {
    let card = -1;
    for (let j = i; j < groups.length && j - i < 5; j++) {
      const stretch = groups.slice(i, j + 1);
      if (oneSeparator(run, stretch) && cardShaped(stretch.map((g) => g.digits.length)) && luhn(stretch.map((g) => g.digits).join(''))) card = j;
    }
    if (card < 0) continue;
    found.add(offset + groups[i].start, offset + groups[card].end, 'card');
    i = card;
  }
}

/** A card is written with one kind of separator throughout: "4111.1111.1111.1111", not a date and a number. */
function oneSeparator(run: string, groups: { start: number; end: number }[]): boolean {
  const seps = new Set(groups.slice(1).map((g, i) => run.slice(groups[i].end, g.start).trim() || ' '));
  return seps.size <= 1;
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
