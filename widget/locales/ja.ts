import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in 日本語, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: 'サポート', placeholder: '質問を入力してください…', send: '送信', close: '閉じる', minimize: 'チャットを閉じる',
    human: 'オペレーターと話す', helpful: 'この回答は役に立ちましたか？', yes: 'はい', no: 'いいえ', thanks: 'ご意見ありがとうございます！',
    loading: '読み込み中…', loadError: '申し訳ありません。現在ヘルプセンターに接続できません。', contact: 'サポートに連絡',
    retry: '再試行', didYouMean: 'もしかして…', suggested: 'おすすめの記事', you: 'あなた', bot: 'アシスタント',
    email: 'メールアドレス', describe: 'お困りの内容', submit: 'サポートに送信',
    wholeArticle: '記事全体を表示', newChat: '新しい会話', messages: '会話',
    badEmail: '有効なメールアドレスを入力してください。',
    endChat: 'チャットを終了', agent: '担当者', skip: 'スキップ',
    greeting: 'こんにちは！ご用件をお聞かせください。質問を入力するか、トピックを選んでください。', topics: 'よくある質問', answersIn: '対応している言語：', openArticle: 'ヘルプセンターで開く', unread: '件の新着メッセージ',
    humanUnavailable: "現在このチャットからサポートチームに連絡できません。直接お問い合わせください。",
    notHelped: "お役に立てず申し訳ありません。次の方法があります：", rephrase: "質問を言い換える", commentHint: "お探しの内容を教えてください（任意）",
} satisfies LocaleStrings;
