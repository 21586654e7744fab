import { CYRILLIC_LETTER, LATIN_LETTER } from '../text/letters.js';
/**
 * Words of anger and distress in each language. A lexicon of our own: natural's SentimentAnalyzer covers
 * English and Spanish only, bundles at ~730 KB gzip (it loads every vocabulary), and its AFINN scores call
 * "withdrawal" and "minimum" negative, so it flags ordinary exchange questions (docs/handoff-and-safety.md).
 */
const LEXICON: Record<string, RegExp> = {
  en: /\b(scam(?:mer)?s?|fraud|thie(?:f|ves)|stole|useless|ridiculous|terrible|horrible|worst|angry|furious|frustrat\w*|unacceptable|wtf|fuck\w*|shit\w*|damn|sue|lawyer|police|lost (?:all|everything)|where is my money|give me my money|my money back|disgusting|pathetic|(?:this is|is this|what a|such a) joke|incompetent|panic\w*|desperate|scared|nobody (?:answers|replies|helps)|no one (?:answers|replies|helps)|still waiting|fed up|sick of)\b/i,
  es: new RegExp(
    String.raw`(?<![\p{L}])(estafa${LATIN_LETTER}*|fraude|ladr[oó]n${LATIN_LETTER}*|robo|robaron|in[uú]til${LATIN_LETTER}*|horrible|p[eé]sim[oa]|vergüenza|verguenza|indignad${LATIN_LETTER}*|hart[oa]s?|desesperad${LATIN_LETTER}*|mierda|carajo|joder|basura|denuncia${LATIN_LETTER}*|abogado|polic[ií]a|mi dinero|devu[eé]lv${LATIN_LETTER}*|perd[ií] todo|nadie (?:responde|contesta|ayuda)|no puede ser)(?![\p{L}])`,
    'iu',
  ),
  ru: new RegExp(
    String.raw`(мошенни${CYRILLIC_LETTER}*|развод${CYRILLIC_LETTER}*|обман${CYRILLIC_LETTER}*|кидал${CYRILLIC_LETTER}*|ворует|украли|бесполезн${CYRILLIC_LETTER}*|ужасн${CYRILLIC_LETTER}*|отвратительн${CYRILLIC_LETTER}*|безобрази${CYRILLIC_LETTER}*|кошмар${CYRILLIC_LETTER}*|издева${CYRILLIC_LETTER}*|отчаяни${CYRILLIC_LETTER}*|достали|надоело|бесит|хрен${CYRILLIC_LETTER}*|черт|бля${CYRILLIC_LETTER}*|(?<!\p{L})суд(?!\p{L})|полиц${CYRILLIC_LETTER}*|верните деньги|где мои деньги|пропали (?:все )?деньги|сколько можно)`,
    'iu',
  ),
  zh: /(骗子|骗局|诈骗|垃圾|太差|气死|坑人|太坑|黑平台|跑路|报警|投诉|退钱|还我钱|我的钱呢|什么破|搞什么|急死|崩溃|有没有人(?:管|理|回)|绝望|受不了)/,
  ja: /(詐欺|ふざけ|最悪|ひどい|酷い|返金しろ|金返せ|お金を返して|ありえない|使えない|いい加減|怒|訴え|警察|我慢でき|困って|助けて|パニック|許せない|腹が立)/,
  ko: /(사기|최악|짜증|화나|화가|열받|어이없|장난하|돈\s*돌려|환불해|쓰레기|경찰|고소|미치겠|제발|답답|빡치|아무도)/,
};

/** Tickers and acronyms that exchange users write in capitals without shouting. */
const ACRONYMS = /^(?:USDT|USDC|BUSD|DOGE|SHIB|TXID|HASH|MEMO)$/;
/** Words in capitals that make a shout; shorter ones are mostly tickers (BTC, ETH, KYC, 2FA). */
const SHOUT_LETTERS = 8;

/** True when a message sounds angry or distressed: the bot then offers a human early. */
export function detectFrustration(text: string, lang: string): boolean {
  const t = String(text ?? '').slice(0, 2000);
  if (/[!?！？]{3,}/.test(t)) return true;
  if (shouts(t)) return true;
  const base = String(lang ?? '').split('-')[0];
  const lexicon = Object.hasOwn(LEXICON, base) ? LEXICON[base] : LEXICON.en;
  return lexicon.test(t) || (lexicon !== LEXICON.en && LEXICON.en.test(t));
}

/** Mostly capitals in words of four letters or more, leaving tickers and acronyms aside. */
function shouts(text: string): boolean {
  const words = (text.match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => !/\d/.test(w) && [...w].length >= 4 && !ACRONYMS.test(w));
  const letters = words.join('');
  const upper = letters.replace(/[^\p{Lu}]/gu, '');
  return letters.length >= SHOUT_LETTERS && upper.length / letters.length > 0.7;
}
