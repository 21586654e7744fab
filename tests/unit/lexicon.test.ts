import { describe, expect, it } from 'vitest';
import { analyze, Glossary } from '../../src/text/index.js';
import { BUILTIN_GLOSSARY } from '../../src/lexicon/glossary.js';

const glossary = new Glossary(BUILTIN_GLOSSARY);
const concepts = (text: string, lang: string) => analyze(text, lang, glossary).terms.filter((t) => t.startsWith('~'));

describe('the built-in exchange lexicon', () => {
  // Questions as users type them, each expected to name the concept an English article says in English words.
  const cases: [string, string, string][] = [
    ['card', 'en', 'what is the daily limit of the Binance card'],
    ['card', 'es', '¿cuál es el límite diario de mi tarjeta?'],
    ['card', 'pt', 'qual o limite diário do cartão?'],
    ['card', 'ru', 'какой дневной лимит по карте'],
    ['card', 'ja', 'カードの利用上限はいくらですか'],
    ['card', 'ko', '카드 한도가 얼마예요'],
    ['card', 'zh', '我的卡片每天能刷多少'],
    ['card', 'tr', 'kartımın günlük limiti ne kadar'],
    ['card', 'fr', 'quelle est la limite de ma carte'],
    ['card', 'de', 'wie hoch ist das Limit meiner Karte'],
    ['vote', 'en', 'how do I vote in the fan token poll'],
    ['vote', 'pt', 'onde eu voto na enquete do meu time'],
    ['vote', 'es', 'cómo votar con mis fan tokens'],
    ['vote', 'ru', 'как проголосовать фан-токенами'],
    ['vote', 'zh', '怎么用粉丝代币投票'],
    ['vote', 'ko', '팬 토큰으로 투표하는 방법'],
    ['accelerate', 'en', 'can you speed up my bitcoin transaction'],
    ['accelerate', 'zh', '比特币转账能加速吗'],
    ['accelerate', 'ko', '비트코인 전송 가속할 수 있나요'],
    ['accelerate', 'ru', 'можно ли ускорить транзакцию биткоина'],
    ['accelerate', 'es', '¿se puede acelerar mi transacción de bitcoin?'],
    ['cooling-off', 'en', 'how do I set a cooling-off period for futures'],
    ['cooling-off', 'zh', '怎么给合约设置冷静期'],
    ['cooling-off', 'ru', 'хочу запретить себе торговать фьючерсами'],
    ['cooling-off', 'ko', '선물 거래 쿨링오프 설정'],
    ['video', 'en', 'what must the video proof show for a p2p appeal'],
    ['video', 'es', 'qué debe mostrar el video que adjunto a mi reclamo'],
    ['video', 'ja', 'アピール用の動画には何を映せばいいですか'],
    ['video', 'ko', '이의제기 영상에 뭘 찍어야 하나요'],
    ['video', 'zh', '申诉需要录什么视频'],
    ['video', 'ru', 'что снять на видео для апелляции'],
    ['grid', 'en', 'how does the spot grid bot make money'],
    ['grid', 'zh', '网格交易怎么赚钱'],
    ['grid', 'ja', 'グリッドボットはどうやって儲けるんですか'],
    ['grid', 'ko', '그리드 봇은 어떻게 수익을 내나요'],
    ['grid', 'ru', 'как работает сеточный бот'],
    ['report', 'en', 'how do i report a scam'],
    ['report', 'zh', '我被骗了，怎么举报'],
    ['report', 'ja', '詐欺を通報したい'],
    ['report', 'ko', '사기 신고는 어떻게 하나요'],
    ['report', 'es', 'cómo puedo denunciar una estafa'],
    ['report', 'pt', 'como denunciar um golpe'],
    ['report', 'ru', 'как пожаловаться на мошенника'],
    ['telegram', 'ru', 'в телеграме пишет человек якобы из поддержки'],
    ['telegram', 'zh', '电报上有人说自己是客服'],
    ['twitter', 'ja', 'ツイッターでサポートを名乗る人からDMが来た'],
    ['eea', 'en', 'why do users in the EEA need to verify again'],
    ['eea', 'en', "i'm in the EU, why verify again"],
    ['eea', 'ru', 'я живу в ЕС, зачем снова проходить верификацию'],
    ['eea', 'es', 'vivo en la Unión Europea, por qué tengo que verificar otra vez'],
    ['eea', 'zh', '欧盟用户为什么要重新认证'],
    ['fiat', 'ja', 'ユーロで銀行へ引き出せますか'],
    ['fiat', 'ko', '유로 입금은 어떻게 하나요'],
    ['spot', 'ja', 'スポットの約定履歴を確認したい'],
    ['margin', 'ja', 'マージン取引の損益を確認する方法は？'],
    ['maker-taker', 'ja', 'ポストオンリーの注文がすぐキャンセルされた'],
    ['flexible', 'ko', '유연 예치 상품은 언제든지 환매되나요'],
    ['history', 'ko', '계정 잔고 명세서를 PDF로 내려받고 싶어요'],
    ['litecoin', 'ru', 'какой stratum адрес для майнинга лайткоина'],
    ['litecoin', 'en', 'stratum url for ltc mining'],
    ['bitcoin', 'zh', '比特币转账一直没确认'],
    ['bitcoin', 'ja', 'ビットコインの送金が届かない'],
    ['bitcoin', 'ko', '비트코인 출금이 안 돼요'],
    ['ethereum', 'ru', 'как вывести эфириум на кошелек'],
    ['ethereum', 'ko', '이더리움 입금 주소가 어디예요'],
    ['dogecoin', 'zh', '狗狗币可以提到哪个网络'],
    ['internal-transfer', 'en', 'move usdt from spot into futures'],
    ['internal-transfer', 'en', 'How to Transfer Funds to the Futures Wallet'],
    ['internal-transfer', 'es', 'cómo paso usdt de spot a futuros'],
    ['reverify', 'en', 'Why Do I Need to Re-verify My Account'],
    ['reverify', 'ru', 'пришло письмо с просьбой снова пройти верификацию'],
    ['reverify', 'zh', '为什么要重新认证'],
    ['reverify', 'ja', 'なぜ再認証が必要なのですか'],
    ['reverify', 'ko', '왜 재인증을 해야 하나요'],
    ['reverify', 'es', 'por qué tengo que verificar otra vez mi cuenta'],
    ['reverify', 'pt', 'por que preciso verificar novamente minha conta'],
    ['futures', 'ru', 'почему баланс на фьючерсном счете уменьшился'],
    ['defi', 'en', 'How to Create a DeFi Wallet'],
    ['defi', 'ko', '앱에서 디파이 지갑 만드는 법'],
    ['defi', 'ja', 'デファイのウォレットを作りたい'],
    ['defi', 'ru', 'как подключить дефи кошелек'],
  ];
  for (const [concept, lang, text] of cases) {
    it(`reads ~${concept} in ${lang}: ${text}`, () => expect(concepts(text, lang)).toContain('~' + concept));
  }

  it('leaves everyday words of other languages alone', () => {
    // Portuguese "eu" is "I", not the European Union.
    expect(concepts('eu nem coloquei meus nfts à venda', 'pt')).not.toContain('~eea');
  });

  it('gives each term one concept', () => {
    const owner = new Map<string, string>();
    for (const [concept, terms] of Object.entries(BUILTIN_GLOSSARY))
      for (const term of terms) {
        expect(owner.get(term) ?? concept, `'${term}' in ${owner.get(term)} and ${concept}`).toBe(concept);
        owner.set(term, concept);
      }
  });
});
