import { CYRILLIC_LETTER, CYRILLIC_RANGES, LATIN_LETTER, LATIN_RANGES } from '../text/letters.js';
import type { Found } from './found.js';

/**
 * Passwords and one-time codes, found by the label the user gives them and a link word, in en, zh, zh-TW, ja,
 * ko, es, ru, pt, tr, vi: "my password is …", "the password for my account is: …", "验证码是：123456",
 * "パスワードは「…」", "비밀번호는 …", "mi contraseña es …", "мой пароль …", "minha senha é …", "şifrem …",
 * "mật khẩu là …". Works on folded text (fold.ts): full-width digits and colons are ASCII already.
 */

const PASSWORD_LABEL = String.raw`password|passcode|passwd|pwd|pass\s*phrase|pin|contraseña|contrasena|clave|senha|пароль|пароля|паролем|şifre${LATIN_LETTER}{0,3}|sifre${LATIN_LETTER}{0,3}|parola${LATIN_LETTER}{0,3}|m[aậ]t\s+kh[aẩ]u|密码|密碼|口令|パスワード|暗証番号|비밀번호|비번|암호|패스워드`;
const CODE_LABEL =
  String.raw`2fa|otp|totp|mfa|g2fa|sms|authenticator|google\s+authenticator|code|c[oó]digo(?:\s+(?:de|do|da)\s+(?:verificaci[oó]n|verifica[cç][aã]o|seguridad|seguran[cç]a|google|autenticaci[oó]n|autentica[cç][aã]o|acceso|acesso|sms|2fa))?` +
  String.raw`|код${CYRILLIC_LETTER}{0,8}(?:\s+(?:подтверждения|из\s+(?:смс|sms)|2fa|безопасности|гугл|google))?|kod${LATIN_LETTER}{0,3}|doğrulama\s+kod${LATIN_LETTER}*|m[aã](?:\s+(?:x[aá]c\s+(?:nh[aậ]n|th[uự]c)|otp|2fa|b[aả]o\s+m[aậ]t))?` +
  String.raw`|验证码|驗證碼|动态码|動態碼|认证码|認證碼|校验码|校驗碼|谷歌验证器|谷歌驗證器|認証コード|確認コード|コード|인증\s*번호|인증\s*코드|otp\s*번호|보안\s*코드`;
/** "for my account", "de mi cuenta", "от аккаунта": what may stand between a label and its link word. */
const QUALIFIER = String.raw`\s+(?:for|of|to|on|de|da|do|для|от|của|cho)(?:\s+[${LATIN_RANGES}${CYRILLIC_RANGES}'’]+){1,3}?`;
/** The link: "is", "es", "é", "là", "是", "は", "는", ":", "=", and the possessive suffixes of Turkish. */
const LINK_WORD = String.raw`\s*(?:(?:is|was|are|es|era|é|foi|eh|là|la|это)(?![\p{L}])|[是为為はが는은이가:=\-—])`;
const LINK = String.raw`((?:${LINK_WORD})*\s*)`;
/** A qualifier needs a link word before the secret: "reset password for account 12345678" has none. */
const QUALIFIED_LINK = String.raw`(?:${QUALIFIER}((?:${LINK_WORD})+\s*)|${LINK})`;
const OPEN_QUOTE = `["'«“‘「『]`;
const CLOSE_QUOTE: Record<string, string> = { '"': '"', "'": "'", '«': '»', '“': '”', '‘': '’', '「': '」', '『': '』' };

/** A password: quoted (spaces allowed), or a run of non-space characters that are not CJK text around it. */
const PASSWORD = new RegExp(
  String.raw`(?<![\p{scx=Latin}\p{scx=Cyrillic}\d])(?:${PASSWORD_LABEL})(?![\p{Ll}])${QUALIFIED_LINK}(?:(${OPEN_QUOTE})([^"'»”’」』\n]{1,64})|([^\s\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}\p{scx=Hangul}、。]{4,64}))`,
  'giu',
);
const CODE = new RegExp(
  String.raw`(?<![\p{scx=Latin}\p{scx=Cyrillic}\d])(?:${CODE_LABEL})(?![\p{Ll}])${LINK}(${OPEN_QUOTE})?(\d{3}[ -]?\d{3}|\d{4,8})(?![\d\p{scx=Latin}])`,
  'giu',
);

/** Codes that are not secrets: "error code 10004", "referral code 558812", "network code 1234", "код ошибки". */
const NOT_SECRET_CODE = new RegExp(
  String.raw`(?:(?<![\p{L}])(?:error|referral|invite|invitation|promo|promotion|postal|zip|country|area|source|qr|colou?r|tx|transaction|ref|reference|network|product|bank|swift|branch|sort|tracking|order|coupon|voucher|ошибк${CYRILLIC_LETTER}*|hata|lỗi|giới\s+thiệu|mời)\s*(?:с\s+)?|エラー|错误|錯誤|邀请|邀請|推荐|推薦|오류|에러)$`,
  'iu',
);
/** Codes named after what they are not: "código de error", "código postal", "код ошибки". */
const NOT_SECRET_AFTER =
  /^\s*(?:de\s+(?:error|erro|referido|indicação|convite|invitación|promoción)|postal|ошибки|ошибка|приглашения|hatası|lỗi|giới\s+thiệu)/iu;
/** Only a bare "code" can be one of those; "verification code", "2FA", "验证码" are always secrets. */
const BARE_CODE = new RegExp(String.raw`^(?:code|c[oó]digo|код${CYRILLIC_LETTER}*|kod${LATIN_LETTER}*|m[aã]|コード|sms|pin)$`, 'iu');
/** A digit, a symbol or an inner capital: what separates "Hunter2!" from "wrong". */
const PASSWORD_LIKE = /[\d\p{P}\p{S}_]|.\p{Lu}/u;
/** A colon, an equals sign or a long dash says that what follows is the password, whatever it looks like. */
const EXPLICIT = /[:=—]/;
const TRAILING_PUNCTUATION = /[.,;:!?)"'»”」』*_~]+$/;
/** "!" and "?" may belong to a password: only a full stop, comma, semicolon or closing bracket ends it. */
const SENTENCE_END = /(?:[.,;:)"'»”」』*~]|\.\.\.)+$/;

/** The patterns findLabelled runs, the costliest to compile (redact.ts warms them up one by one). */
export const LABELLED_PATTERNS = [CODE, PASSWORD];

export function findLabelled(text: string, found: Found): void {
  for (const m of text.matchAll(CODE)) {
    const [all, link, , digits] = m;
    const label = all.slice(0, all.length - digits.length - (m[2]?.length ?? 0) - link.length);
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (BARE_CODE.test(label.trim()) && (NOT_SECRET_CODE.test(before) || NOT_SECRET_AFTER.test(text.slice(m.index + label.length)))) continue;
    const at = m.index + all.length - digits.length;
    found.add(at, at + digits.length, 'code');
  }
  for (const m of text.matchAll(PASSWORD)) {
    const [all, qualifiedLink, plainLink, quote, quoted, bare] = m;
    const link = qualifiedLink ?? plainLink;
    if (quote) {
      const end = m.index + all.length;
      if (end < text.length && text[end] !== CLOSE_QUOTE[quote]) continue;
      if (quoted.trim().length < 2) continue;
      found.add(end - quoted.length, end, 'password');
      continue;
    }
    const secret = bare.replace(SENTENCE_END, '');
    const core = bare.replace(TRAILING_PUNCTUATION, '');
    // Markdown and brackets start prose ("пароля **вывод", "password [link]"), not a password.
    if (core.length < 4 || /^[[(*_~]/.test(core)) continue;
    // "password/2FA change": a secret glued to its label starts with a letter or digit.
    if (!link && !/^[\p{L}\p{N}]/u.test(core)) continue;
    // After a colon any typed word may be the password ("Password: correcthorse"), but prose in other scripts
    // follows colons too ("пароль: минимум 8 символов"): without a digit or symbol, only ASCII counts.
    if (!PASSWORD_LIKE.test(core) && !(EXPLICIT.test(link) && /^[\x21-\x7E]+$/.test(core))) continue;
    const at = m.index + all.length - bare.length;
    found.add(at, at + secret.length, 'password');
  }
}
