import { describe, expect, it } from 'vitest';
import { detectFrustration } from '../../src/bot/frustration.js';
import { createBot } from '../../src/bot/create-bot.js';
import { fixture, packOf } from '../helpers.js';

/** How users of an exchange write when they are angry, scared or desperate, as they would write it. */
export const UPSET: Record<string, string[]> = {
  en: [
    'This is a scam, where is my money?',
    'you guys are useless, I have been waiting for 3 days',
    "I'm going to call my lawyer",
    'WHY IS MY WITHDRAWAL STILL PENDING',
    'I lost all my savings, please help me',
    'worst exchange ever',
    'this is ridiculous, nobody answers',
    "I'm so frustrated with this app",
    "I'm panicking, my account was hacked and everything is gone",
    'give me my money back now',
  ],
  zh: [
    '你们是骗子吧，钱到底去哪了',
    '垃圾平台，提现三天了还没到',
    '再不处理我就报警',
    '太坑了，还我钱',
    '急死了，账户被盗了怎么办',
    '什么破交易所',
    '气死我了',
    '客服呢？？？有没有人管',
    '我快崩溃了，钱全没了',
    '再不给我解决我就去投诉你们',
  ],
  ja: [
    'これって詐欺じゃないですか',
    'ふざけるな、いつまで待たせるんだ',
    '最悪の取引所',
    'お金を返してください',
    '本当に困っています、助けてください',
    'もう我慢できない',
    '警察に相談します',
    'ありえない対応ですね',
    'いい加減にしてください',
    'アカウントが乗っ取られてパニックです',
  ],
  ko: [
    '이거 사기 아니에요?',
    '진짜 최악이네요',
    '제 돈 돌려주세요',
    '장난하냐 지금',
    '너무 화나요',
    '경찰에 신고할 거예요',
    '출금이 3일째 안 되는데 미치겠네',
    '제발 도와주세요',
    '답답해 죽겠어요',
    '왜 아무도 답을 안 해요?',
  ],
  es: [
    'esto es una estafa, devuélvanme mi dinero',
    'son unos ladrones',
    'pésimo servicio',
    'estoy harto de esperar',
    'voy a denunciarlos',
    'QUIERO MI DINERO YA',
    'no puede ser!!!',
    'estoy desesperado, perdí todo',
    'qué vergüenza de plataforma',
    'llevo tres días esperando y nadie responde',
  ],
  ru: [
    'вы мошенники, верните деньги',
    'где мои деньги?!',
    'это развод',
    'ужасная поддержка',
    'я напишу заявление в полицию',
    'сколько можно ждать',
    'я в отчаянии, пропали все деньги',
    'вы издеваетесь?',
    'это просто кошмар',
    'достали уже, третий день жду',
  ],
};

/** Ordinary questions, thanks and tickers in capitals: no human needed for these. */
export const CALM: Record<string, string[]> = {
  en: [
    'how do I withdraw USDT on TRC20?',
    'what is the fee for a BTC withdrawal',
    'thanks, that helped',
    'can I change my email address',
    "my deposit hasn't arrived yet, can you check? TXID 9f2c",
    'is there a minimum withdrawal amount?',
    'KYC USDT TRC20 ERC20 BEP20 fee?',
    'How long does KYC verification take?',
  ],
  zh: ['USDT提现多久到账', '怎么开启谷歌验证', '谢谢，问题解决了', '手续费是多少？', '我想修改绑定的手机号', 'KYC需要哪些材料'],
  ja: [
    '出金手数料はいくらですか',
    '二段階認証の設定方法を教えてください',
    'ありがとうございました',
    '入金はいつ反映されますか？',
    'KYCの審査にはどのくらいかかりますか',
  ],
  ko: ['출금 수수료가 얼마예요?', '구글 OTP 설정하는 방법 알려주세요', '감사합니다', '입금이 언제 반영되나요?', 'KYC 인증은 얼마나 걸리나요'],
  es: ['¿cuánto cuesta retirar USDT?', '¿cómo activo el 2FA?', 'gracias, ya funciona', '¿cuánto tarda la verificación KYC?', '¿puedo cambiar mi correo?'],
  ru: [
    'какая комиссия за вывод USDT?',
    'как включить двухфакторную аутентификацию',
    'спасибо, всё получилось',
    'сколько идёт проверка KYC?',
    'можно поменять почту?',
  ],
};

describe('detectFrustration', () => {
  for (const lang of Object.keys(UPSET)) {
    it(`hears anger and distress in ${lang}`, () => {
      const missed = UPSET[lang].filter((t) => !detectFrustration(t, lang));
      expect(missed).toEqual([]);
    });
    it(`stays quiet on calm ${lang} questions`, () => {
      const flagged = CALM[lang].filter((t) => detectFrustration(t, lang));
      expect(flagged).toEqual([]);
    });
  }

  it('hears shouting and repeated punctuation in any language, but not tickers in capitals', () => {
    expect(detectFrustration('WHERE IS MY DEPOSIT', 'en')).toBe(true);
    expect(detectFrustration('ГДЕ МОИ ДЕНЬГИ', 'ru')).toBe(true);
    expect(detectFrustration('hello???', 'en')).toBe(true);
    expect(detectFrustration('提现呢！！！', 'zh')).toBe(true);
    expect(detectFrustration('USDT BTC ETH', 'en')).toBe(false);
    expect(detectFrustration('really?', 'en')).toBe(false);
  });

  it("hears English anger in another language's conversation", () => {
    expect(detectFrustration('scam!! devuelvan mi dinero', 'es')).toBe(true);
    expect(detectFrustration('this exchange is a scam', 'zh')).toBe(true);
  });

  it('makes the bot offer a human early', async () => {
    const reply = await createBot(packOf(fixture('kb-mini'))).ask('垃圾平台，提现三天了还没到，再不处理我就报警');
    expect(reply.offerHuman).toBe(true);
  });
});
