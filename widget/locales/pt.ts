import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in Português, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: 'Suporte', placeholder: 'Digite sua pergunta…', send: 'Enviar', close: 'Fechar', minimize: 'Fechar o chat',
    human: 'Falar com um atendente', helpful: 'Isso ajudou?', yes: 'Sim', no: 'Não', thanks: 'Obrigado pelo feedback!',
    loading: 'Carregando respostas…', loadError: 'Desculpe, a central de ajuda está indisponível no momento.', contact: 'Falar com o suporte',
    retry: 'Tentar de novo', didYouMean: 'Você quis dizer…', suggested: 'Artigos sugeridos', you: 'Você', bot: 'Assistente',
    email: 'Seu e-mail', describe: 'Descreva seu problema', submit: 'Enviar ao suporte',
    wholeArticle: 'Ver o artigo completo', newChat: 'Nova conversa', messages: 'Conversa',
    badEmail: 'Informe um e-mail válido.',
    endChat: 'Encerrar chat', agent: 'Atendente', skip: 'Pular',
    greeting: 'Olá! Como podemos ajudar? Digite sua pergunta ou escolha um tema.', topics: 'Temas mais procurados', answersIn: 'Você pode perguntar em:', openArticle: 'Abrir na central de ajuda', unread: 'novas mensagens',
    humanUnavailable: "No momento não é possível falar com o suporte por este chat. Entre em contato diretamente.",
    notHelped: "Que pena que não ajudou. Você pode:", rephrase: "Reformular minha pergunta", commentHint: "O que você estava procurando? (opcional)",
} satisfies LocaleStrings;
