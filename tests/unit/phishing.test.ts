import { describe, expect, it } from 'vitest';
import { analyze, Glossary } from '../../src/text/index.js';
import { BUILTIN_GLOSSARY } from '../../src/lexicon/glossary.js';
import { asksToShareSecret } from '../../src/safety/phishing.js';
import { DEFAULT_MESSAGES } from '../../src/pack/default-messages.js';
import { compileKnowledge } from '../../src/node/index.js';
import { createBot } from '../../src/bot/create-bot.js';

const glossary = new Glossary(BUILTIN_GLOSSARY);
const asks = (lang: string, text: string) => asksToShareSecret(analyze(text, lang, glossary));

// Native phrasings of "someone asks me for my secret" / "should I give it to you", in every language the bot speaks.
const SHARING: [string, string][] = [
  ['en', 'should I give you my seed phrase?'],
  ['en', 'support on Telegram asked for my 2FA code'],
  ['zh', '客服让我提供助记词，可以吗？'],
  ['zh', '有人在电报上问我要谷歌验证码'],
  ['zh-TW', '客服跟我要密碼，要給嗎'],
  ['ja', 'サポートにシードフレーズを教えてもいいですか？'],
  ['ja', 'テレグラムで認証コードを求められました'],
  ['ko', '상담원이 인증번호를 알려달라고 하는데 알려줘도 되나요?'],
  ['ko', '텔레그램에서 시드구문을 보내달라고 해요'],
  ['es', '¿tengo que darte mi frase semilla?'],
  ['es', 'me pidieron el código de verificación por whatsapp'],
  ['ru', 'поддержка в телеграме попросила мою сид-фразу'],
  ['ru', 'нужно ли сообщить вам пароль?'],
  ['pt', 'preciso te passar minha senha?'],
  ['pt', 'um atendente me pediu o código de verificação no whatsapp'],
  ['tr', 'destek ekibi şifremi istedi, vermeli miyim?'],
  ['vi', 'tôi có nên gửi cho bạn cụm từ khôi phục không?'],
  ['fr', 'dois je vous donner mon mot de passe ?'],
  ['de', 'der Support hat nach meinem Passwort gefragt'],
];
// Questions about the same secrets that hand nothing to anyone.
const ORDINARY: [string, string][] = [
  ['en', 'I forgot my password'],
  ['en', "I didn't receive the verification code"],
  ['en', 'the sms code was never sent'],
  ['en', 'how do I send usdt to another exchange'],
  ['zh', '告诉我怎么重置密码'],
  ['zh', '收不到验证码怎么办'],
  ['ja', 'パスワードを忘れました'],
  ['ko', '비밀번호를 잊어버렸어요'],
  ['es', 'olvidé mi contraseña'],
  ['ru', 'не приходит код подтверждения'],
  ['pt', 'esqueci minha senha'],
];

describe('the phishing guard', () => {
  it.each(SHARING)('sees a secret being handed over (%s: %s)', (lang, text) => expect(asks(lang, text)).toBe(true));
  it.each(ORDINARY)('leaves ordinary questions about secrets alone (%s: %s)', (lang, text) => expect(asks(lang, text)).toBe(false));

  it('has its warning in every language the bot speaks', () => {
    for (const lang of ['zh', 'zh-TW', 'ja', 'ko', 'es', 'ru', 'pt', 'tr', 'vi', 'fr', 'de']) {
      expect(DEFAULT_MESSAGES[lang]?.phishingWarning, lang).toBeTruthy();
      expect(DEFAULT_MESSAGES[lang].phishingWarning).not.toBe(DEFAULT_MESSAGES.en.phishingWarning);
    }
  });

  const { pack } = compileKnowledge('knowledge');
  it('warns every time, in the user language, and answers with the article on fake support', async () => {
    const bot = createBot(pack);
    for (const [lang, text] of SHARING.filter(([l]) => pack.data.languages.includes(l))) {
      const reply = await bot.ask(text, { lang });
      expect(reply.notices, text).toContain(DEFAULT_MESSAGES[lang].phishingWarning);
      expect(reply).toMatchObject({ kind: 'answer', article: { id: 'phishing-scam', lang }, debug: { rule: 'phishing-guard' } });
    }
  });

  it('says nothing of the kind on an ordinary question about a secret', async () => {
    const reply = await createBot(pack).ask('I forgot my password');
    expect(reply.notices).not.toContain(DEFAULT_MESSAGES.en.phishingWarning);
    expect(reply.debug?.rule).not.toBe('phishing-guard');
  });
});
