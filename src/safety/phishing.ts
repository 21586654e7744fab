import { CONCEPT, Glossary, type Analysis } from '../text/index.js';
import { SHARING_CUES } from './sharing-cues.js';

/** The secrets no one from support ever asks for, as the built-in lexicon's concepts. */
const SECRETS = new Set(['seed-phrase', 'password', 'fund-password', 'verification-code', '2fa'].map((c) => CONCEPT + c));

let cues: Glossary | undefined;

/**
 * True when a message names a secret beside a word that hands it over or a channel scammers use: "should I
 * give you my seed phrase?", "support on Telegram asked for my 2FA code", "客服让我提供助记词". Naming a
 * secret alone ("I forgot my password") is an ordinary question.
 */
export function asksToShareSecret(a: Analysis): boolean {
  if (!a.terms.some((t) => SECRETS.has(t))) return false;
  cues ??= new Glossary(SHARING_CUES);
  return (
    cues.match(
      a.unspaced.split(' '),
      a.words.map((w, i) => [w, a.stems[i]]),
    ).length > 0
  );
}

/** Compiles the cues in steps, ahead of the first message that names a secret (the bot's warm-up). */
export function* preparingCues(): Generator<void, void> {
  cues ??= new Glossary(yield* Glossary.compiling(SHARING_CUES));
}

const SCAM = CONCEPT + 'scam';

/**
 * The article that warns about scams and fake support: a title about scams, and of those the one whose body
 * names the most of the secrets never to share. Undefined when no title is about scams.
 */
export function scamArticle<A extends { id: string; title: string; body: string }>(articles: A[], analyzeText: (text: string) => Analysis): A | undefined {
  let best: A | undefined;
  let bestScore = -1;
  for (const a of articles) {
    if (!analyzeText(a.title).terms.includes(SCAM)) continue;
    const named = new Set(analyzeText(a.body).terms.filter((t) => SECRETS.has(t))).size;
    if (named > bestScore) [best, bestScore] = [a, named];
  }
  return best;
}
