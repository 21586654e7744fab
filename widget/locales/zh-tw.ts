import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in 繁體中文, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: '客服中心', placeholder: '請輸入您的問題…', send: '傳送', close: '關閉', minimize: '關閉對話',
    human: '轉接真人客服', helpful: '這個回答有幫助嗎？', yes: '有幫助', no: '沒幫助', thanks: '感謝您的回饋！',
    loading: '載入中…', loadError: '抱歉，說明中心暫時無法連線。', contact: '聯絡客服',
    retry: '重試', didYouMean: '您是不是想問…', suggested: '推薦文章', you: '您', bot: '智慧客服',
    email: '您的電子郵件', describe: '請描述您的問題', submit: '送出給客服',
    wholeArticle: '查看全文', newChat: '新對話', messages: '對話紀錄',
    badEmail: '請輸入有效的電子郵件地址。',
    endChat: '結束對話', agent: '客服', skip: '略過',
    greeting: '您好！請問有什麼可以幫您？請輸入問題或選擇一個主題。', topics: '熱門問題', answersIn: '支援以下語言：', openArticle: '在說明中心開啟', unread: '則新訊息',
    humanUnavailable: "目前無法透過此對話聯絡客服團隊，請直接聯絡客服。",
    notHelped: "抱歉，這個回答沒能幫到您。您可以：", rephrase: "換個說法提問", commentHint: "您想找什麼？（選填）",
} satisfies LocaleStrings;
