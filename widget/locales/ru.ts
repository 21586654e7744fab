import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in Русский, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: 'Поддержка', placeholder: 'Задайте вопрос…', send: 'Отправить', close: 'Закрыть', minimize: 'Закрыть чат',
    human: 'Связаться с оператором', helpful: 'Ответ помог?', yes: 'Да', no: 'Нет', thanks: 'Спасибо за отзыв!',
    loading: 'Загружаем ответы…', loadError: 'К сожалению, справочный центр сейчас недоступен.', contact: 'Написать в поддержку',
    retry: 'Повторить', didYouMean: 'Возможно, вы имели в виду…', suggested: 'Похожие статьи', you: 'Вы', bot: 'Помощник',
    email: 'Ваш email', describe: 'Опишите проблему', submit: 'Отправить в поддержку',
    wholeArticle: 'Показать статью целиком', newChat: 'Новый разговор', messages: 'Переписка',
    badEmail: 'Введите корректный адрес email.',
    endChat: 'Завершить чат', agent: 'Оператор', skip: 'Пропустить',
    greeting: 'Здравствуйте! Чем можем помочь? Задайте вопрос или выберите тему.', topics: 'Частые вопросы', answersIn: 'Можно спрашивать на этих языках:', openArticle: 'Открыть в справочном центре', unread: 'новых сообщений',
    humanUnavailable: "Сейчас из этого чата нельзя связаться со службой поддержки. Пожалуйста, напишите им напрямую.",
    notHelped: "Жаль, что ответ не помог. Вы можете:", rephrase: "Переформулировать вопрос", commentHint: "Что вы искали? (необязательно)",
} satisfies LocaleStrings;
