import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in Tiếng Việt, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: 'Hỗ trợ', placeholder: 'Nhập câu hỏi của bạn…', send: 'Gửi', close: 'Đóng', minimize: 'Đóng trò chuyện',
    human: 'Nói chuyện với nhân viên', helpful: 'Câu trả lời có hữu ích không?', yes: 'Có', no: 'Không', thanks: 'Cảm ơn phản hồi của bạn!',
    loading: 'Đang tải câu trả lời…', loadError: 'Xin lỗi, hiện không thể kết nối tới trung tâm trợ giúp.', contact: 'Liên hệ hỗ trợ',
    retry: 'Thử lại', didYouMean: 'Có phải bạn muốn hỏi…', suggested: 'Bài viết gợi ý', you: 'Bạn', bot: 'Trợ lý',
    email: 'Email của bạn', describe: 'Mô tả vấn đề của bạn', submit: 'Gửi tới bộ phận hỗ trợ',
    wholeArticle: 'Xem toàn bộ bài viết', newChat: 'Cuộc trò chuyện mới', messages: 'Cuộc trò chuyện',
    badEmail: 'Vui lòng nhập email hợp lệ.',
    endChat: 'Kết thúc', agent: 'Nhân viên', skip: 'Bỏ qua',
    greeting: 'Xin chào! Chúng tôi có thể giúp gì cho bạn? Hãy đặt câu hỏi hoặc chọn một chủ đề.', topics: 'Chủ đề phổ biến', answersIn: 'Bạn có thể hỏi bằng:', openArticle: 'Mở trong trung tâm trợ giúp', unread: 'tin nhắn mới',
    humanUnavailable: "Hiện không thể liên hệ đội hỗ trợ qua cuộc trò chuyện này. Vui lòng liên hệ trực tiếp với họ.",
    notHelped: "Rất tiếc câu trả lời chưa giúp được bạn. Bạn có thể:", rephrase: "Đặt lại câu hỏi", commentHint: "Bạn đang tìm gì? (không bắt buộc)",
} satisfies LocaleStrings;
