/**
 * One example of every shape issue 14 lists, in each language it applies to. Nothing here registers word
 * lists or creates a bot: `redactSecrets` must know all ten BIP39 lists by itself.
 */
import { describe, expect, it } from 'vitest';
import { createRedactor, redactSecrets } from '../../src/safety/redact.js';
import { listsFor } from '../../src/safety/word-lists.js';
import { BIP39_LISTS } from '../../src/safety/bip39-data.js';
import { fullWidth, LISTS, SHAPES, typo } from '../../bench/redaction-cases.js';

/** Twelve words of a list, spread over it (the same every run). */
const twelve = (list: string) => Array.from({ length: 12 }, (_, i) => LISTS[list][(i * 173 + 41) % 2048]);
const SEP: Record<string, string> = { japanese: '\u3000' };
const phraseOf = (list: string) => twelve(list).join(SEP[list] ?? ' ');

function expectMasked(input: string, words: string[]) {
  const { text, found } = redactSecrets(input);
  expect(found, input).toContain('mnemonic');
  const kept = words.filter(
    (w) =>
      text.normalize('NFKC').includes(` ${w.normalize('NFKC')} `) ||
      text
        .normalize('NFKC')
        .split(/[\s,"/_\n\u200b\u3000]+/)
        .includes(w.normalize('NFKC')),
  );
  expect(kept.length, text).toBeLessThanOrEqual(0);
}

describe('seed phrases, without any bot or registration', () => {
  it('knows all ten official lists', () => {
    expect(
      listsFor()
        .map((l) => l.set.lang)
        .sort(),
    ).toEqual(BIP39_LISTS.map((s) => s.lang).sort());
    for (const list of Object.keys(LISTS)) expectMasked(phraseOf(list), twelve(list));
  });

  for (const [shape, write] of Object.entries(SHAPES)) {
    it(`finds a phrase written as ${shape}, in every list`, () => {
      for (const list of Object.keys(LISTS)) {
        if (shape === 'full-width' && !/^[\x21-\x7e\u00c0-\u024f]+$/u.test(twelve(list).join(''))) continue;
        expectMasked(`here: ${write(twelve(list), list)}`, twelve(list));
      }
    });
  }

  it('finds a Japanese phrase written without spaces, and keeps the sentence around it', () => {
    const words = twelve('japanese');
    const { text } = redactSecrets(`私のフレーズは${words.join('')}です。どうすればいいですか`);
    expect(text).toBe('私のフレーズは[mnemonic removed]です。どうすればいいですか');
  });

  it('finds phrases with one or two typos, and of 11 words', () => {
    const words = twelve('english');
    const kinds = ['neighbouring key', 'dropped letter', 'doubled letter', 'swapped letters'] as const;
    for (const kind of kinds) {
      for (const [a, b] of [
        [0, 5],
        [3, 11],
        [6, 7],
      ]) {
        const typed = words.map((w, i) => (i === a || i === b ? typo(w, kind, 1) : w));
        const { text } = redactSecrets(`my phrase is ${typed.join(' ')} please`);
        const kept = typed.filter((w) => text.split(/\s+/).includes(w));
        expect(kept.length, `${kind}: ${text}`).toBeLessThanOrEqual(2);
      }
    }
    expect(redactSecrets(`my seed: ${words.slice(0, 11).join(' ')}`).text).toBe('my seed: [mnemonic removed]');
  });

  it('finds a phrase after pasted code that repeats its words (found by the 100,000-input fuzz)', () => {
    const phrase = 'chimney shallow soon pool east road fitness sand client spend west script';
    expectMasked(`<script>alert(1)</script> <script>alert(1)</script> ${phrase} `, phrase.split(' '));
  });

  it('takes a typo that made a function word for the phrase’s, between list items: "miel/your/zorroo"', () => {
    const words = 'muela/miel/your/zorroo/siesta/tarea/día/cinco/mozo/grúa/tres';
    expect(redactSecrets(`Hi, here is my recovery phrase: ${words} . Please restore it.`).text).toBe(
      'Hi, here is my recovery phrase: [mnemonic removed] . Please restore it.',
    );
  });

  it('pairs the two parts of a split phrase however each list reads the cut, typos included', () => {
    const first = '私の復元フレーズは 1. botanico\n2. episodio\n3. almeno\n4. cosmico\n5. sclerare\n6. pannello\n7. identico\n8. fluoro';
    const r = createRedactor();
    expect(r.redact(first).found).toEqual([]);
    const second = r.redact('1. speranza\n2. pergmena\n3. sruzzo です。');
    expect(second.text).toBe('1. [mnemonic removed] です。');
    expect(second.previous).toBe('私の復元フレーズは 1. [mnemonic removed]');
    // Two typos at the start of the first part, everyday words ("history") beside them: all of it is the phrase.
    const r2 = createRedactor();
    r2.redact('hola, mi frase semilla es (1) isx (2) netqork (3) history (4) absorb (5) cable (6) garden');
    const next = r2.redact('(1) mango (2) pilot (3) ribbon (4) salad (5) tunnel (6) vessel gracias');
    expect(next.previous).toBe('hola, mi frase semilla es (1) [mnemonic removed]');
    expect(next.text).toBe('(1) [mnemonic removed] gracias');
  });

  it('masks only the phrase: the words after it stay', () => {
    const en = phraseOf('english');
    expect(redactSecrets(`my seed is ${en} can you check`).text).toBe('my seed is [mnemonic removed] can you check');
    expect(redactSecrets(`${en}… can you check`).text).toBe('[mnemonic removed]… can you check');
    const zh = twelve('simplified-chinese').join(' ');
    expect(redactSecrets(`我的助记词 ${zh} 怎么办`).text).toBe('我的助记词 [mnemonic removed] 怎么办');
  });

  it('catches a phrase continued over two messages, and masks the first part again', () => {
    for (const [a, b] of [
      [6, 6],
      [8, 4],
      [4, 8],
    ]) {
      const words = twelve('english');
      const r = createRedactor();
      const first = r.redact(`my words are ${words.slice(0, a).join(' ')}`);
      const second = r.redact(`${words.slice(a, a + b).join(' ')} thanks`);
      expect(second.found).toEqual(['mnemonic']);
      expect(second.previous, `${a}+${b}`).toBe('my words are [mnemonic removed]');
      expect(second.text).toBe('[mnemonic removed] thanks');
      expect(first.text).toContain(words[0]); // what was known then; `previous` replaces it
    }
  });

  it('takes a message of nothing but six or more list words for part of a phrase', () => {
    expect(redactSecrets('legal winner thank year wave sausage').text).toBe('[mnemonic removed]');
    expect(redactSecrets('1. legal 2. winner 3. thank 4. year 5. wave 6. sausage').found).toEqual(['mnemonic']);
    const question = 'how long does a withdrawal take';
    expect(redactSecrets(question)).toEqual({ text: question, found: [] });
  });

  it('takes a pack’s own lists in addition to the official ones, never instead', () => {
    expectMasked(phraseOf('english'), twelve('english'));
    expect(redactSecrets(phraseOf('english'), { wordLists: [] }).found).toEqual(['mnemonic']);
    expect(redactSecrets(phraseOf('korean'), { wordLists: [BIP39_LISTS[0]] }).found).toEqual(['mnemonic']);
  });
});

const HEX = 'e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35';

describe('keys', () => {
  const byLanguage: [string, string][] = [
    ['en', `{"private_key": "${HEX}"}`],
    ['en', `PRIVATE_KEY=${HEX}`],
    ['en', `my key is 0x${HEX}`],
    ['en', `my private key is ${HEX}`],
    ['zh', `我的私钥是 ${HEX}`],
    ['zh', `密钥：${HEX}`],
    ['zh-TW', `我的私鑰 ${HEX}`],
    ['zh-TW', `密鑰是 ${HEX}`],
    ['ja', `秘密鍵は ${HEX} です`],
    ['ko', `비밀키 ${HEX}`],
    ['ko', `제 개인 키는 ${HEX}`],
    ['es', `mi clave privada es ${HEX}`],
    ['ru', `мой приватный ключ ${HEX}`],
    ['pt', `minha chave privada é ${HEX}`],
    ['tr', `özel anahtar: ${HEX}`],
    ['vi', `khóa riêng của tôi ${HEX}`],
  ];
  for (const [lang, input] of byLanguage) {
    it(`removes a labelled hex key (${lang}): ${input.slice(0, 24)}`, () => {
      const { text, found } = redactSecrets(input);
      expect(found).toEqual(['private-key']);
      expect(text).not.toContain(HEX.slice(8, 24));
    });
  }

  it('removes WIF (also testnet), extended private keys of every version, Solana secret keys', () => {
    const b58 = (n: number, seed: number) =>
      Array.from({ length: n }, (_, i) => '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'[(i * 7 + seed) % 58]).join('');
    const secrets: [string, string][] = [
      ['wif', '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ'],
      ['wif', 'KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617'],
      ['wif', 'cMahea7zqjxrtgAbB7LSGbcQUr1uX1ojuat9jZodMN87JcbXMTcA'],
      ['wif', '92Pg46rUhgTT7romnV7iGW6W1gbGdeezqdbJCzShkCsYNzyyNcc'],
      ...['xprv', 'yprv', 'zprv', 'Yprv', 'Zprv', 'tprv'].map((p, i): [string, string] => ['extended-key', p + b58(107, i)]),
      ['private-key', b58(88, 3)],
      ['private-key', `[${Array.from({ length: 64 }, (_, i) => (i * 37) % 256).join(',')}]`],
    ];
    for (const [kind, secret] of secrets) {
      const { text, found } = redactSecrets(`here is my key ${secret} ok?`);
      expect(found, secret).toEqual([kind]);
      expect(text).toBe(`here is my key [${kind} removed] ok?`);
    }
  });

  it('keeps a hex TXID whole, though 52 of its characters in a row look like a WIF key', () => {
    const text = 'txid b0d453bcac10c521ec56cd2f3ea653fb5cdd15e951935d327968dc23f23b31ca has 0 confirmations';
    expect(redactSecrets(text)).toEqual({ text, found: [] });
  });

  it('keeps a Solana transaction signature the user calls one', () => {
    const sig = '5VERv8NMvzbJMEkV8xnrLkEaWRtSz9CosKDYjCJjBRnbJLgp8uirBgmQpjKhoR4tjF3ZpRzrFmBV6UjKdiSZkQUW';
    expect(redactSecrets(`my tx signature ${sig}`).found).toEqual([]);
  });
});

describe('cards', () => {
  it('removes cards with any separator, and in full-width digits', () => {
    for (const card of [
      '4111.1111.1111.1111',
      '4111/1111/1111/1111',
      '4111  1111  1111  1111',
      '4111\u00a01111\u00a01111\u00a01111',
      fullWidth('4111 1111 1111 1111'),
      '4111-1111-1111-1111',
    ]) {
      expect(redactSecrets(`card ${card} please`).text, card).toBe('card [card removed] please');
    }
  });

  it('keeps a Luhn-valid number that a nearby word calls an order, id or txid, in the ten languages', () => {
    for (const label of [
      'order',
      'order id',
      'UID',
      'txid',
      'invoice',
      '订单号',
      '訂單號',
      '注文番号',
      '주문번호',
      'pedido',
      'número de pedido',
      'заказ',
      'номер заказа',
      'ordem',
      'sipariş',
      'mã đơn',
    ]) {
      const text = `${label} 4111111111111111 not credited`;
      expect(redactSecrets(text), label).toEqual({ text, found: [] });
    }
    expect(redactSecrets('order 123, card 4111111111111111').found).toEqual(['card']);
    // Ids are one block; grouped as cards are printed, it is a card whatever the label (found by the fuzz).
    expect(redactSecrets('usdt trc20 ref 5500-0000-0000-0004').text).toBe('usdt trc20 ref [card removed]');
    // "ref" is no id word: a payment's reference may be the card (the fuzz planted "ref 4012888888881881").
    expect(redactSecrets('ref 4012888888881881').text).toBe('ref [card removed]');
  });
});

describe('passwords and codes', () => {
  const passwords: [string, string, string][] = [
    ['en', 'my password is: hunter22', 'hunter22'],
    ['en', 'my password is "correct horse battery"', 'correct horse battery'],
    ['en', 'the password for my account is Tr0ub4dor', 'Tr0ub4dor'],
    ['en', `password: ${fullWidth('Pass1234')}`, fullWidth('Pass1234')],
    ['zh', '密码是：abc12345', 'abc12345'],
    ['zh-TW', '我的密碼是 abc12345', 'abc12345'],
    ['ja', 'パスワードは「さくら 2024」です', 'さくら 2024'],
    ['ko', '비밀번호는 qwer1234! 입니다', 'qwer1234!'],
    ['es', 'mi contraseña es Perro_2024', 'Perro_2024'],
    ['ru', 'мой пароль: Сибирь2024', 'Сибирь2024'],
    ['pt', 'minha senha é Gato#77', 'Gato#77'],
    ['tr', 'şifrem Kedi1234', 'Kedi1234'],
    ['vi', 'mật khẩu là Meo12345', 'Meo12345'],
  ];
  for (const [lang, input, secret] of passwords) {
    it(`removes the password (${lang}): ${input}`, () => {
      const { text, found } = redactSecrets(input);
      expect(found).toEqual(['password']);
      expect(text).not.toContain(secret);
    });
  }

  const codes: [string, string][] = [
    ['en', 'google authenticator 492817'],
    ['en', `my 2FA code is ${fullWidth('492817')}`],
    ['zh', '验证码是：492817'],
    ['zh', '验证码「492817」怎么办'],
    ['zh-TW', '驗證碼 492817'],
    ['ja', '認証コードは492817です'],
    ['ko', '인증번호 492817'],
    ['es', 'el código de verificación es 492817'],
    ['ru', 'код подтверждения 492817'],
    ['pt', 'código de verificação: 492817'],
    ['tr', 'doğrulama kodu 492817'],
    ['vi', 'mã xác nhận là 492817'],
  ];
  for (const [lang, input] of codes) {
    it(`removes the code (${lang}): ${input}`, () => {
      const { text, found } = redactSecrets(input);
      expect(found).toEqual(['code']);
      expect(text).not.toContain('492817');
      expect(text.normalize('NFKC')).not.toContain('492817');
    });
  }

  it('keeps the words around a code whole', () => {
    expect(redactSecrets('验证码是123456怎么办').text).toBe('验证码是[code removed]怎么办');
    expect(redactSecrets('my password is hunter22… can you check').text).toBe('my password is [password removed]… can you check');
  });

  it('keeps codes that are no secret', () => {
    for (const text of [
      'network code 1234',
      'error code 10004',
      'referral code 558812',
      'código de error 10004',
      'код ошибки 10004',
      'hata kodu 10004',
      'mã lỗi 10004',
      '邀请码 558812',
      'reset password for account 12345678',
    ]) {
      expect(redactSecrets(text), text).toEqual({ text, found: [] });
    }
  });
});
