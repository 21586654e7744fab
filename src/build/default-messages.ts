import type { Messages } from '../bot/messages.js';
import { ENGLISH } from '../bot/messages.js';

/**
 * The bot's own sentences in the sample knowledge base's languages. They are compiled into each pack for
 * its languages, so the browser bundle carries English only.
 */
export const DEFAULT_MESSAGES: Record<string, Messages> = {
  en: ENGLISH,
  zh: {
    fallback: '抱歉，这个问题我无法在这里解答。我可以回答关于账户、实名认证、充值、提现、手续费和交易的问题。',
    clarify: '您是想问以下哪个问题？',
    offerHuman: '需要为您转接人工客服吗？',
    handoff: '正在为您转接人工客服，客服人员会在这里回复您。',
    handoffUrgent: '请立即按以上步骤操作。我已优先通知客服团队，客服人员会在这里联系您。',
    notInLanguage: '这篇文章暂时没有您的语言版本，以下是{{lang}}版本。',
    secretWarning: '您的消息中似乎包含机密信息（助记词、私钥、密码、验证码或银行卡号），已为您删除。我们的工作人员绝不会索要这些信息，请勿透露给任何人。',
    empty: '请输入您的问题。',
    greeting: '您好！请问有什么可以帮您？可以问我账户、实名认证、充提币、手续费或交易相关的问题。',
    thanks: '不客气！还有其他可以帮您的吗？',
    goodbye: '再见，祝您交易顺利！',
  },
  ja: {
    fallback: '申し訳ありませんが、その質問にはお答えできません。アカウント、本人確認、入金・出金、手数料、取引についてお答えできます。',
    clarify: 'もしかして、次のどれかでしょうか？',
    offerHuman: 'サポート担当者におつなぎしましょうか？',
    handoff: 'この会話をサポートチームに引き継ぎます。担当者がこちらで返信します。',
    handoffUrgent: '今すぐ上記の手順を行ってください。サポートチームにも優先で連絡しました。担当者がこちらでご連絡します。',
    notInLanguage: 'この記事はまだお客様の言語では用意されていないため、{{lang}}版を表示します。',
    secretWarning: 'メッセージから秘密情報（リカバリーフレーズ、秘密鍵、パスワード、認証コード、カード番号）と思われる部分を削除しました。当社スタッフがこれらを尋ねることは決してありません。誰にも教えないでください。',
    empty: 'ご質問を入力してください。',
    greeting: 'こんにちは！アカウント、本人確認、入出金、手数料、取引について何でも聞いてください。',
    thanks: 'どういたしまして！ほかにお手伝いできることはありますか？',
    goodbye: 'ご利用ありがとうございました。安全なお取引を！',
  },
  ko: {
    fallback: '죄송하지만 그 질문에는 답변드릴 수 없어요. 계정, 본인인증, 입금·출금, 수수료, 거래에 대해 답변드릴 수 있습니다.',
    clarify: '혹시 다음 중 하나를 찾으시나요?',
    offerHuman: '상담원과 연결해 드릴까요?',
    handoff: '대화를 고객지원팀에 연결합니다. 상담원이 이곳에서 답변드릴 거예요.',
    handoffUrgent: '지금 바로 위 단계를 진행해 주세요. 고객지원팀에도 긴급으로 알렸으며, 상담원이 이곳에서 연락드릴 거예요.',
    notInLanguage: '이 문서는 아직 한국어로 제공되지 않아 {{lang}} 버전으로 보여드립니다.',
    secretWarning: '메시지에서 비밀 정보(복구 문구, 개인 키, 비밀번호, 인증 코드, 카드 번호)로 보이는 부분을 삭제했습니다. 저희 직원은 절대 이런 정보를 요구하지 않으니 누구에게도 알려주지 마세요.',
    empty: '질문을 입력해 주세요.',
    greeting: '안녕하세요! 계정, 본인인증, 입출금, 수수료, 거래에 대해 물어보세요.',
    thanks: '천만에요! 더 도와드릴 일이 있을까요?',
    goodbye: '안녕히 가세요. 안전한 거래 되세요!',
  },
  es: {
    fallback: 'Lo siento, no puedo ayudarte con eso aquí. Puedo responder preguntas sobre tu cuenta, verificación, depósitos, retiros, comisiones y trading.',
    clarify: '¿Quisiste decir alguna de estas?',
    offerHuman: '¿Quieres hablar con una persona de nuestro equipo de soporte?',
    handoff: 'Paso esta conversación a nuestro equipo de soporte. Un agente te responderá aquí.',
    handoffUrgent: 'Sigue estos pasos ahora mismo. También avisé con prioridad a nuestro equipo de soporte; un agente te contactará aquí.',
    notInLanguage: 'Este artículo aún no está disponible en tu idioma; aquí lo tienes en {{lang}}.',
    secretWarning: 'Eliminé de tu mensaje algo que parecía un dato secreto (frase de recuperación, clave privada, contraseña, código o número de tarjeta). Nuestro personal nunca te lo pedirá: no lo compartas con nadie.',
    empty: 'Escribe tu pregunta, por favor.',
    greeting: '¡Hola! Pregúntame sobre tu cuenta, verificación, depósitos, retiros, comisiones o trading.',
    thanks: '¡De nada! ¿Te ayudo con algo más?',
    goodbye: '¡Hasta luego y opera con seguridad!',
  },
  ru: {
    fallback: 'К сожалению, с этим я здесь помочь не могу. Я отвечаю на вопросы об аккаунте, верификации, пополнении, выводе, комиссиях и торговле.',
    clarify: 'Возможно, вы имели в виду одно из этого?',
    offerHuman: 'Соединить вас с сотрудником поддержки?',
    handoff: 'Передаю разговор нашей службе поддержки. Оператор ответит вам здесь.',
    handoffUrgent: 'Выполните эти шаги прямо сейчас. Я также срочно уведомил службу поддержки, оператор свяжется с вами здесь.',
    notInLanguage: 'Эта статья пока недоступна на вашем языке, вот версия на языке «{{lang}}».',
    secretWarning: 'Я удалил из вашего сообщения то, что похоже на секретные данные (сид-фразу, приватный ключ, пароль, код или номер карты). Наши сотрудники никогда их не запрашивают: никому их не сообщайте.',
    empty: 'Пожалуйста, напишите ваш вопрос.',
    greeting: 'Здравствуйте! Спросите меня об аккаунте, верификации, пополнении, выводе, комиссиях или торговле.',
    thanks: 'Пожалуйста! Чем ещё могу помочь?',
    goodbye: 'До свидания, удачной торговли!',
  },
};

