import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in Türkçe, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: 'Destek', placeholder: 'Sorunuzu yazın…', send: 'Gönder', close: 'Kapat', minimize: 'Sohbeti kapat',
    human: 'Bir temsilciyle görüş', helpful: 'Bu yardımcı oldu mu?', yes: 'Evet', no: 'Hayır', thanks: 'Geri bildiriminiz için teşekkürler!',
    loading: 'Yanıtlar yükleniyor…', loadError: 'Üzgünüz, yardım merkezine şu anda ulaşılamıyor.', contact: 'Destekle iletişime geç',
    retry: 'Tekrar dene', didYouMean: 'Bunu mu demek istediniz…', suggested: 'Önerilen makaleler', you: 'Siz', bot: 'Asistan',
    email: 'E-posta adresiniz', describe: 'Sorununuzu anlatın', submit: 'Desteğe gönder',
    wholeArticle: 'Makalenin tamamını göster', newChat: 'Yeni sohbet', messages: 'Sohbet',
    badEmail: 'Lütfen geçerli bir e-posta adresi girin.',
    endChat: 'Sohbeti bitir', agent: 'Temsilci', skip: 'Geç',
    greeting: 'Merhaba! Size nasıl yardımcı olabiliriz? Sorunuzu yazın veya bir konu seçin.', topics: 'Sık sorulanlar', answersIn: 'Bu dillerde sorabilirsiniz:', openArticle: 'Yardım merkezinde aç', unread: 'yeni mesaj',
    humanUnavailable: "Şu anda bu sohbetten destek ekibine ulaşılamıyor. Lütfen onlarla doğrudan iletişime geçin.",
    notHelped: "Yardımcı olamadığımız için üzgünüz. Şunları deneyebilirsiniz:", rephrase: "Sorumu başka şekilde sor", commentHint: "Ne arıyordunuz? (isteğe bağlı)",
} satisfies LocaleStrings;
