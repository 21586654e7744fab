import { describe, expect, it } from 'vitest';
import { packLanguageModel, unpackLanguageModel } from '../../src/pack/profile-codec.js';
import {
  normalize,
  segment,
  analyze,
  Glossary,
  detectLanguage,
  trainLanguageModel,
  splitGlossary,
  mergeGlossaryParts,
  mergingGlossaryParts,
  CONCEPT,
} from '../../src/text/index.js';
import { CYRILLIC_LETTER, LATIN_LETTER } from '../../src/text/letters.js';
import { BUILTIN_GLOSSARY } from '../../src/lexicon/glossary.js';

describe('normalize', () => {
  it('folds width, case and Latin accents but keeps other scripts intact', () => {
    expect(normalize('ＵＳＤＴ　Depósito')).toBe('usdt deposito');
    expect(normalize('が出金')).toBe('が出金');
    expect(normalize('Вывёл й')).toBe('вывел й');
    expect(normalize('출금')).toBe('출금');
  });
  it('drops invisible characters and turns control characters into spaces', () => {
    expect(normalize('with\u200bdraw\u202e')).toBe('withdraw');
    expect(normalize('a\u0000b\ud800c')).toBe('a b c');
  });
});

describe('segment', () => {
  it('splits mixed scripts into runs and never splits CJK on whitespace alone', () => {
    expect(segment(normalize('USDT提现多久到账'))).toEqual([
      { text: 'usdt', script: 'latin' },
      { text: '提现多久到账', script: 'han' },
    ]);
    expect(segment('ビットコインの出金').map((r) => r.script)).toEqual(['han']);
    expect(segment('출금이 안돼요').map((r) => r.text)).toEqual(['출금이', '안돼요']);
    expect(segment('2段階認証 2차인증 5分钟').map((r) => r.text)).toEqual(['2段階認証', '2차인증', '5分钟']);
  });
});

describe('analyze', () => {
  const glossary = new Glossary({ withdraw: ['withdraw', '提现', '提币', '출금', 'retiro', 'вывод'], '2fa': ['2fa', 'two factor', 'google authenticator'] });
  it('makes CJK bigrams and finds glossary terms inside them', () => {
    const a = analyze('USDT提现多久到账', 'zh', glossary);
    expect(a.terms).toEqual(['usdt', '提现', '现多', '多久', '久到', '到账', '~withdraw']);
  });
  it('stems per language and matches glossary phrases after stemming', () => {
    expect(analyze('Withdrawals are slow', 'en', glossary).terms).toContain('~withdraw');
    expect(analyze('mis retiros', 'es', glossary).terms).toContain('~withdraw');
    expect(analyze('вывода нет', 'ru', glossary).terms).toContain('~withdraw');
    expect(analyze('set up Two-Factor auth', 'en', glossary).terms).toContain('~2fa');
    expect(analyze('출금이 안돼요', 'ko', glossary).terms).toContain('~withdraw');
    const spaced = new Glossary({ 'deposit-address': ['입금주소'], '2fa': ['2차인증', '2段階認証'] });
    expect(analyze('입금 주소 어디서 봐요', 'ko', spaced).terms).toContain('~deposit-address');
    expect(analyze('2차 인증 분실', 'ko', spaced).terms).toContain('~2fa');
    expect(analyze('2段階認証を設定', 'ja', spaced).terms).toContain('~2fa');
  });
});

describe('Glossary', () => {
  it("matches a word as written before its stem, so another language's stemmer cannot rename it", () => {
    const g = new Glossary({ fee: ['taxa'], tax: ['tax'] });
    expect(analyze('qual a taxa de saque', 'pt', g).terms.filter((t) => t.startsWith('~'))).toEqual(['~fee']);
    expect(analyze('crypto tax report', 'en', g).terms.filter((t) => t.startsWith('~'))).toEqual(['~tax']);
  });

  it('splits its compiled tables into parts that merge back exactly, and takes more terms on load', () => {
    const compiled = Glossary.compile({ withdraw: ['withdrawal', 'cash out', 'retiro', '提币', '提現', 'вывод'], fee: ['fee', '手续费', 'комиссия'] });
    const parts = splitGlossary(compiled, (t) => (/[а-я]/.test(t) ? ['ru'] : /\p{Script=Han}/u.test(t) ? ['zh', 'ja'] : ['shared']));
    expect(Object.keys(parts).sort()).toEqual(['ja', 'ru', 'shared', 'zh']);
    expect(parts.shared.unspaced).toEqual({});
    expect(mergeGlossaryParts([parts.shared, parts.zh, parts.ja, parts.ru])).toEqual(compiled);
    const g = new Glossary(mergeGlossaryParts([parts.shared]));
    const concepts = (text: string, lang: string) => analyze(text, lang, g).terms.filter((t) => t.startsWith('~'));
    expect(concepts('cash out fee', 'en')).toEqual(['~withdraw', '~fee']);
    expect(concepts('提币手续费', 'zh')).toEqual([]);
    g.load(mergeGlossaryParts([parts.shared, parts.zh]));
    expect(concepts('提币手续费', 'zh').sort()).toEqual(['~fee', '~withdraw']);
    expect(concepts('комиссия', 'ru')).toEqual([]);
  });
});

describe('detectLanguage', () => {
  const glossary = new Glossary({ withdraw: ['withdraw', 'retiro', 'retirar'], fee: ['fee', 'fees', 'comision'] });
  const model = trainLanguageModel(
    {
      en: [
        'How do I withdraw my money to another wallet',
        'What is the fee for a withdrawal',
        'my deposit has not arrived yet, what should I do',
        'how long does verification take',
      ],
      es: [
        'Cómo retiro mi dinero a otra billetera',
        'Cuál es la comisión de retiro',
        'mi depósito no ha llegado todavía, qué hago',
        'cuánto tarda la verificación',
      ],
      zh: ['如何提币到其他钱包', '提现手续费是多少', '我的充值还没有到账怎么办', '实名认证需要多久'],
      ja: ['他のウォレットに出金する方法', '出金手数料はいくらですか', '入金がまだ反映されません', '本人確認にはどのくらいかかりますか'],
      ko: ['다른 지갑으로 출금하는 방법', '출금 수수료는 얼마인가요', '입금이 아직 안 들어왔어요', '본인인증 얼마나 걸려요'],
      ru: ['Как вывести деньги на другой кошелек', 'Какая комиссия за вывод', 'мой депозит еще не пришел', 'сколько длится верификация'],
    },
    glossary,
  );
  const lang = (text: string, prior?: string) => detectLanguage(text, model, { prior, glossary }).lang;

  it('does not give a thin profile (a language without articles) the words it has never seen', () => {
    // English from many articles, Vietnamese from a handful of chat phrases: the English question's words
    // that neither knows must not count for the smaller profile.
    const english = Array.from({ length: 60 }, (_, i) => `article ${i} explains how the ledger wallet and the firmware update work on the exchange`);
    const thin = trainLanguageModel({ en: english, vi: ['xin chao', 'cam on ban', 'toi muon noi chuyen voi nhan vien', 'tam biet'] }, glossary, ['en']);
    expect(detectLanguage('my nano x will not turn on after the update', thin, {}).lang).toBe('en');
    expect(detectLanguage('toi muon noi chuyen voi nhan vien ho tro', thin, {}).lang).toBe('vi');
  });

  it('decides by script first', () => {
    expect(lang('USDT提现多久到账')).toBe('zh');
    expect(lang('USDTの出金が遅い')).toBe('ja');
    expect(lang('usdt 출금')).toBe('ko');
    expect(lang('usdt вывод')).toBe('ru');
  });
  it('tells Latin languages apart by their own words, not by shared terms', () => {
    expect(lang('withdraw usdt trc20 como')).toBe('es');
    expect(lang('how long does my withdrawal take')).toBe('en');
    expect(lang('cuanto tarda mi retiro')).toBe('es');
  });
  it('keeps the conversation language for short text with no evidence', () => {
    expect(lang('usdt fee?', 'es')).toBe('es');
    expect(lang('usdt fee?', 'en')).toBe('en');
    expect(detectLanguage('usdt fee?', model, { prior: 'es', glossary }).confident).toBe(false);
  });
  it("reads words named like an object's properties as words, in a pack and in a folder", () => {
    // "constructor" once scored NaN in every profile that inherited it, and the question went to whichever came first.
    for (const m of [JSON.parse(JSON.stringify(model)), unpackLanguageModel(packLanguageModel(model))]) {
      expect(detectLanguage('why does the constructor of my withdrawal fail', m, { glossary }).lang).toBe('en');
      expect(detectLanguage('por qué falla el constructor de mi retiro', m, { glossary }).lang).toBe('es');
      expect(detectLanguage('__proto__ toString cuanto tarda mi retiro', m, { glossary }).lang).toBe('es');
    }
  });
  it('tells Chinese from Japanese in Han-only text', () => {
    expect(lang('出金手数料')).toBe('ja');
    expect(lang('提现手续费')).toBe('zh');
  });
});

describe('letters of stem patterns', () => {
  it('match every letter of the Latin and Cyrillic languages the bot speaks, and nothing else', () => {
    const latin = new RegExp(`^${LATIN_LETTER}+$`, 'u');
    const cyrillic = new RegExp(`^${CYRILLIC_LETTER}+$`, 'u');
    // Turkish, Spanish, Portuguese, Vietnamese, French, German, in both cases
    for (const word of ['şifreniz', 'ŞİFRENİZ', 'doğrulamayı', 'contraseña', 'estafadores', 'verificação', 'mậtkhẩucủatôi', 'ưu', 'ĐƯỢC', 'cœurdéjà', 'größe'])
      expect(word, word).toMatch(latin);
    for (const word of ['паролем', 'ЗАКАЗЫ', 'ещё', 'транзакцию']) expect(word, word).toMatch(cyrillic);
    for (const other of ['1', ' ', '-', '_', '密码', 'パス', '비번', '×', '÷', '𝐀']) {
      expect(other, other).not.toMatch(latin);
      expect(other, other).not.toMatch(cyrillic);
    }
  });
});

describe('glossary work in steps', () => {
  it('compiles and merges the built-in lexicon in many short steps, to the same tables as at once', () => {
    const data = Object.fromEntries(Object.entries(BUILTIN_GLOSSARY).slice(0, 60));
    let steps = 0;
    const compiling = Glossary.compiling(data);
    let r = compiling.next();
    for (; !r.done; r = compiling.next()) steps++;
    expect(r.value).toEqual(Glossary.compile(data));
    expect(steps).toBeGreaterThan(10);
    const parts = splitGlossary(r.value, (t) => (/[а-я]/.test(t) ? ['ru'] : /\p{Script=Han}/u.test(t) ? ['zh'] : ['shared']));
    const merging = mergingGlossaryParts(Object.values(parts));
    steps = 0;
    let m = merging.next();
    for (; !m.done; m = merging.next()) steps++;
    expect(m.value).toEqual(mergeGlossaryParts(Object.values(parts)));
    expect(steps).toBeGreaterThan(1);
  });
});

describe('unspaced glossary terms', () => {
  it('are found in a text as by trying every term, concepts in the table order', () => {
    const compiled = Glossary.compile({ ...BUILTIN_GLOSSARY, one: ['币'], astral: ['𠀀𠀁'] });
    const glossary = new Glossary(compiled);
    const everyTerm = (text: string) => [...new Set(compiled.unspaced.filter(([t]) => text.includes(t)).map(([, c]) => CONCEPT + c))];
    const texts = [
      '提币手续费是多少？充值没到账',
      '出金が反映されません。入金アドレスはどこ',
      '입금 주소 출금 2차 인증',
      '𠀀𠀁币',
      '币',
      ...compiled.unspaced.slice(0, 400).map(([t], i) => `${t}${compiled.unspaced[(i * 7) % compiled.unspaced.length][0]}的`),
    ];
    for (const text of texts) expect(glossary.match([text], []), text).toEqual(everyTerm(text));
  });
});
