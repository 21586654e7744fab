import type { GlossaryData } from '../text/index.js';

/*
 * Words that hand something to someone, or name the channels scammers write from, in the languages the bot
 * speaks. Beside a secret (src/safety/phishing.ts) they make "should I give you my seed phrase?" or
 * "support on Telegram asked for my 2FA code". They are directed ("give you", "asked for my"), so "the code
 * was never sent" or "tell me how to reset my password" are ordinary questions. Written as normalize()
 * leaves them (lower case, no Latin accents); spaced terms are stemmed for en, es and ru only.
 */
export const SHARING_CUES: GlossaryData = {
  share: [
    /* en */ 'give you', 'give it to', 'give my', 'gave my', 'send you', 'send it to', 'send my', 'sent my', 'share my', 'shared my', 'tell you',
      'told them', 'told him', 'asked for my', 'asking for my', 'asks for my', 'asked me for', 'asking me for', 'ask me for', 'wants my',
      'want my', 'wanted my', 'hand over', 'provide my', 'dm', 'direct message',
    /* zh */ '给你', '发给你', '发给客服', '告诉你', '告诉客服', '索要', '要我的', '问我要', '让我发', '让我提供', '私信', '分享给', '交出', '给客服',
    /* zh-TW */ '給你', '發給你', '告訴你', '索取', '跟我要', '私訊', '傳給你', '讓我提供', '給客服',
    /* ja */ '教えても', '教えるべき', '教えてと', '送っても', '送ってと', '渡しても', '聞かれ', '求められ', '要求され', '伝えても', '共有しても',
    /* ko */ '알려줘도', '알려드려야', '보내줘도', '보내드려야', '달라고', '요구', '공유해도', '알려달라', '보내달라',
    /* es */ 'darte', 'darle', 'dartela', 'enviarte', 'mandarte', 'decirte', 'compartir mi', 'me pidio', 'me pidieron', 'me piden', 'me pide',
      'te doy', 'le doy', 'te envio', 'te mando', 'debo dar', 'debo enviar', 'debo compartir',
    /* ru */ 'дать вам', 'отправить вам', 'прислать вам', 'сообщить вам', 'скинуть вам', 'сказать вам', 'просит', 'попросил', 'попросила',
      'попросили', 'просят', 'требует', 'требуют', 'запросил', 'запросили',
    /* pt */ 'te passar', 'te dar', 'te enviar', 'te mandar', 'passar minha', 'passar meu', 'me pediu', 'me pediram', 'me pedindo', 'me pede',
      'me pedem', 'compartilhar minha', 'compartilhar meu', 'devo passar', 'devo enviar', 'devo informar',
    /* tr */ 'vermem', 'vereyim', 'vermeli miyim', 'gondermem', 'gondereyim', 'paylasmam', 'istedi', 'istiyor', 'istediler', 'istiyorlar',
      'soylemem', 'soyleyeyim',
    /* vi */ 'gui cho ban', 'gui cho ho', 'cung cap cho', 'chia se', 'dua cho', 'yeu cau cung cap', 'hoi xin', 'noi cho ban',
    /* fr */ 'vous donner', 'te donner', 'vous envoyer', 'partager mon', 'partager ma', 'me demande', 'me demandent', 'communiquer mon',
      'communiquer ma', 'dois je donner', 'dois je envoyer',
    /* de */ 'ihnen geben', 'dir geben', 'ihnen senden', 'ihnen schicken', 'dir schicken', 'mitteilen', 'verlangt', 'fragt nach', 'gefragt',
      'herausgeben', 'weitergeben',
  ],
  channel: ['telegram', 'whatsapp', 'discord', 'wechat', 'kakaotalk', 'zalo', 'телеграм', 'телеграме', 'телеграмм', 'ватсап', '电报', '微信', 'テレグラム', '텔레그램', '카톡'],
};
