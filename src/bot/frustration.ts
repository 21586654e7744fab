/**
 * Words of anger and distress in each language. A lexicon of our own: natural's sentiment analyzers cover
 * only some of these languages and their vocabularies cost more bytes than the whole widget budget allows.
 */
const LEXICON: Record<string, RegExp> = {
  en: /\b(scam(?:mer)?s?|fraud|thie(?:f|ves)|stole|useless|ridiculous|terrible|worst|angry|furious|unacceptable|wtf|fuck\w*|shit\w*|damn|sue|lawyer|police|lost all|where is my money|give me my money|disgusting|pathetic|joke|incompetent)\b/i,
  es: /\b(estafa\w*|ladr[oó]n\w*|robo|robaron|in[uú]til|horrible|p[eé]sim[oa]|vergüenza|verguenza|indignad\w*|mierda|carajo|joder|denuncia\w*|abogado|polic[ií]a|mi dinero)\b/i,
  ru: /(мошенни\w*|развод\w*|обман\w*|кидал\w*|ворует|украли|бесполезн\w*|ужасн\w*|отвратительн\w*|безобрази\w*|хрен\w*|черт|бля\w*|суд\b|полиц\w*|верните деньги|где мои деньги)/i,
  zh: /(骗子|骗局|诈骗|垃圾|太差|气死|坑人|黑平台|跑路|报警|投诉|退钱|还我钱|我的钱呢|什么破|搞什么)/,
  ja: /(詐欺|ふざけ|最悪|ひどい|酷い|返金しろ|金返せ|ありえない|使えない|いい加減|怒|訴え|警察)/,
  ko: /(사기|최악|짜증|화나|열받|어이없|장난하|돈\s*돌려|환불해|쓰레기|경찰|고소|미치겠)/,
};

/** True when a message sounds angry or distressed: the bot then offers a human early. */
export function detectFrustration(text: string, lang: string): boolean {
  const t = String(text ?? '').slice(0, 2000);
  if (/[!?！？]{3,}/.test(t)) return true;
  const letters = t.replace(/[^\p{L}]/gu, '');
  const upper = t.replace(/[^\p{Lu}]/gu, '');
  if (letters.length >= 12 && upper.length / letters.length > 0.7) return true;
  const base = lang.split('-')[0];
  return (LEXICON[base] ?? LEXICON.en).test(t) || (base !== 'en' && LEXICON.en.test(t));
}
