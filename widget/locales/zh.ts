import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in 简体中文, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: '客服中心', placeholder: '请输入您的问题…', send: '发送', close: '关闭', minimize: '关闭对话',
    human: '转人工客服', helpful: '这个回答有帮助吗？', yes: '有帮助', no: '没帮助', thanks: '感谢您的反馈！',
    loading: '正在加载…', loadError: '抱歉，帮助中心暂时无法访问。', contact: '联系客服',
    retry: '重试', didYouMean: '您是不是想问…', suggested: '推荐文章', you: '您', bot: '智能客服',
    email: '您的邮箱', describe: '请描述您的问题', submit: '提交给客服',
    wholeArticle: '查看全文', newChat: '新对话', messages: '对话记录',
    badEmail: '请输入有效的邮箱地址。',
    endChat: '结束对话', agent: '客服', skip: '跳过',
    greeting: '您好！请问有什么可以帮您？请输入问题或选择一个主题。', topics: '热门问题', answersIn: '支持以下语言：', openArticle: '在帮助中心打开', unread: '条新消息',
    humanUnavailable: "目前无法通过此对话联系客服团队，请直接联系客服。",
    notHelped: "抱歉，这个回答没能帮到您。您可以：", rephrase: "换个说法提问", commentHint: "您想找什么？（选填）",
} satisfies LocaleStrings;
