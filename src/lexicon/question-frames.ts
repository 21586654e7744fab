import type { Script } from '../text/script.js';

/*
 * How people ask about something, per language, with `{}` where the exchange term goes. The intent model
 * learns in-scope questions from these frames filled with lexicon terms of the language's script: without
 * them, every sentence it has seen in Korean or Japanese is a greeting, a request for a human or out of
 * scope, so "코인이 상장폐지될 때 제 잔고는 어떻게 처리되나요" (what becomes of my balance when a coin is delisted) on an
 * English help center is declined as out of scope.
 */

/** Question frames per language, in its own phrasing. */
export const QUESTION_FRAMES: Record<string, readonly string[]> = {
  en: ['how do i {}', 'what is {}', 'why is my {} not working', 'how long does {} take', 'i have a problem with {}', 'can i use {} in the app', 'what happens to my {}', 'question about {}'],
  zh: ['{}怎么弄', '怎么{}', '{}是什么意思', '为什么我的{}不行', '{}要多久', '{}有问题', '请问{}怎么操作', '我的{}怎么了'],
  'zh-TW': ['{}怎麼用', '請問怎麼{}', '{}是什麼', '為什麼我的{}不行', '{}要多久', '{}有問題', '我的{}怎麼了', '想問一下{}'],
  ja: ['{}の方法を教えてください', '{}とは何ですか', '{}ができません', '{}はどのくらいかかりますか', '{}について質問があります', '{}はどうなりますか', 'アプリで{}したい', '{}がうまくいかない'],
  ko: ['{} 어떻게 하나요', '{} 뭐예요', '{} 안 돼요', '{} 얼마나 걸리나요', '{} 관련 질문 있어요', '{} 되면 어떻게 되나요', '앱에서 {} 하는 방법', '{} 문제 있어요'],
  es: ['cómo hago {}', 'qué es {}', 'por qué no funciona {}', 'cuánto tarda {}', 'tengo un problema con {}', 'puedo hacer {} desde la app', 'qué pasa con mi {}', 'una consulta sobre {}'],
  ru: ['как сделать {}', 'что такое {}', 'почему не работает {}', 'сколько занимает {}', 'проблема с {}', 'можно ли {} в приложении', 'что будет с {}', 'вопрос по {}'],
  pt: ['como faço {}', 'o que é {}', 'por que não funciona {}', 'quanto tempo demora {}', 'estou com problema no {}', 'posso fazer {} pelo app', 'o que acontece com {}', 'dúvida sobre {}'],
  tr: ['{} nasıl yapılır', '{} nedir', '{} neden çalışmıyor', '{} ne kadar sürer', '{} ile ilgili sorunum var', 'uygulamada {} yapabilir miyim', '{} olursa ne olur', '{} hakkında bir sorum var'],
  vi: ['làm sao để {}', '{} là gì', 'tại sao {} không được', '{} mất bao lâu', 'tôi gặp vấn đề với {}', 'có thể {} trên app không', '{} thì sao', 'cho hỏi về {}'],
  fr: ['comment faire {}', "qu'est-ce que {}", 'pourquoi {} ne marche pas', 'combien de temps pour {}', "j'ai un problème avec {}", "puis-je faire {} dans l'appli", 'que se passe-t-il avec {}', 'une question sur {}'],
  de: ['wie mache ich {}', 'was ist {}', 'warum funktioniert {} nicht', 'wie lange dauert {}', 'ich habe ein problem mit {}', 'kann ich {} in der app machen', 'was passiert mit {}', 'frage zu {}'],
};

/** The scripts a language's lexicon terms are written in (a term of another script does not fill its frames). */
export const FRAME_SCRIPTS: Record<string, readonly Script[]> = {
  zh: ['han'],
  'zh-TW': ['han'],
  ja: ['han', 'kana'],
  ko: ['hangul'],
  ru: ['cyrillic'],
};
