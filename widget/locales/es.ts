import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in Español, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: 'Soporte', placeholder: 'Escribe tu pregunta…', send: 'Enviar', close: 'Cerrar', minimize: 'Cerrar el chat',
    human: 'Hablar con una persona', helpful: '¿Te fue útil?', yes: 'Sí', no: 'No', thanks: '¡Gracias por tu opinión!',
    loading: 'Cargando respuestas…', loadError: 'Lo sentimos, ahora no podemos conectar con el centro de ayuda.', contact: 'Contactar con soporte',
    retry: 'Reintentar', didYouMean: '¿Quisiste decir…?', suggested: 'Artículos sugeridos', you: 'Tú', bot: 'Asistente',
    email: 'Tu correo electrónico', describe: 'Describe tu problema', submit: 'Enviar a soporte',
    wholeArticle: 'Ver el artículo completo', newChat: 'Nueva conversación', messages: 'Conversación',
    badEmail: 'Introduce un correo electrónico válido.',
    endChat: 'Terminar chat', agent: 'Agente', skip: 'Omitir',
    greeting: '¡Hola! ¿En qué podemos ayudarte? Escribe tu pregunta o elige un tema.', topics: 'Temas frecuentes', answersIn: 'Puedes preguntar en:', openArticle: 'Abrir en el centro de ayuda', unread: 'mensajes nuevos',
    humanUnavailable: "Ahora no podemos contactar con el equipo de soporte desde este chat. Escríbeles directamente.",
    notHelped: "Lamentamos que no te haya servido. Puedes:", rephrase: "Reformular mi pregunta", commentHint: "¿Qué estabas buscando? (opcional)",
} satisfies LocaleStrings;
