import type { LocaleStrings } from '../locales.js';

/** The widget's UI strings in 한국어, loaded only for visitors whose UI language it is (locales.ts). */
export default {
    title: '고객센터', placeholder: '질문을 입력하세요…', send: '보내기', close: '닫기', minimize: '채팅 닫기',
    human: '상담원 연결', helpful: '도움이 되었나요?', yes: '네', no: '아니요', thanks: '의견 감사합니다!',
    loading: '불러오는 중…', loadError: '죄송합니다. 지금은 고객센터에 연결할 수 없습니다.', contact: '고객지원 문의',
    retry: '다시 시도', didYouMean: '혹시 이것을 찾으시나요…', suggested: '추천 문서', you: '나', bot: '도우미',
    email: '이메일', describe: '문제를 설명해 주세요', submit: '고객지원에 보내기',
    wholeArticle: '전체 글 보기', newChat: '새 대화', messages: '대화',
    badEmail: '올바른 이메일 주소를 입력하세요.',
    endChat: '채팅 종료', agent: '상담원', skip: '건너뛰기',
    greeting: '안녕하세요! 무엇을 도와드릴까요? 질문을 입력하거나 주제를 선택하세요.', topics: '자주 묻는 질문', answersIn: '지원하는 언어:', openArticle: '고객센터에서 열기', unread: '개의 새 메시지',
    humanUnavailable: "지금은 이 채팅으로 고객지원팀에 연결할 수 없습니다. 고객지원에 직접 문의해 주세요.",
    notHelped: "도움이 되지 못해 죄송합니다. 이렇게 해 보세요:", rephrase: "질문 다시 하기", commentHint: "무엇을 찾고 계셨나요? (선택)",
} satisfies LocaleStrings;
