import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { generateMnemonic, validateMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { wordlist as spanish } from '@scure/bip39/wordlists/spanish.js';
import { wordlist as french } from '@scure/bip39/wordlists/french.js';
import { wordlist as italian } from '@scure/bip39/wordlists/italian.js';
import { wordlist as czech } from '@scure/bip39/wordlists/czech.js';
import { wordlist as portuguese } from '@scure/bip39/wordlists/portuguese.js';
import { wordlist as japanese } from '@scure/bip39/wordlists/japanese.js';
import { wordlist as korean } from '@scure/bip39/wordlists/korean.js';
import { wordlist as simplifiedChinese } from '@scure/bip39/wordlists/simplified-chinese.js';
import { wordlist as traditionalChinese } from '@scure/bip39/wordlists/traditional-chinese.js';
import { redactSecrets, luhn } from '../../src/safety/redact.js';
import { scanMnemonics } from '../../src/safety/mnemonic.js';
import { listsFor } from '../../src/safety/word-lists.js';
import { generate, generateDeferred } from '../../tools/gen-bip39.js';
import { root } from '../helpers.js';

const findMnemonics = (text: string) => scanMnemonics(text, listsFor()).spans;

/**
 * Each official list, with the way its users write a mnemonic and a sentence around it. Japanese, Korean
 * and Chinese writers glue the sentence to the first or last word.
 */
const LISTS = [
  { name: 'english', words: english, sep: ' ', before: 'Hi, here is my recovery phrase:', after: '. Can you restore my wallet?' },
  { name: 'spanish', words: spanish, sep: ' ', before: 'Hola, esta es mi frase semilla:', after: '. ¿Pueden recuperar mi billetera?' },
  { name: 'french', words: french, sep: ' ', before: 'Bonjour, voici ma phrase de récupération :', after: '. Pouvez-vous m’aider ?' },
  { name: 'italian', words: italian, sep: ' ', before: 'Ciao, ecco la mia frase di recupero:', after: '. Potete aiutarmi?' },
  { name: 'czech', words: czech, sep: ' ', before: 'Dobrý den, tady je moje fráze pro obnovení:', after: '. Můžete mi pomoct?' },
  { name: 'portuguese', words: portuguese, sep: ' ', before: 'Olá, esta é a minha frase de recuperação:', after: '. Podem me ajudar?' },
  { name: 'japanese', words: japanese, sep: '\u3000', before: 'こんにちは。私の復元フレーズは', after: 'です。ウォレットを復元できますか？' },
  { name: 'korean', words: korean, sep: ' ', before: '안녕하세요. 제 복구 문구는', after: '입니다. 지갑을 복구해 주실 수 있나요?' },
  { name: 'simplified-chinese', words: simplifiedChinese, sep: ' ', before: '你好，我的助记词是', after: '。能帮我恢复钱包吗？' },
  { name: 'traditional-chinese', words: traditionalChinese, sep: '，', before: '你好，我的助記詞是', after: '能幫我恢復錢包嗎？' },
];
const STRENGTHS = { 12: 128, 18: 192, 24: 256 } as const;

/** True when any `n` consecutive words of the mnemonic survive in the text. */
function leaks(text: string, words: string[], sep: string, n = 3): boolean {
  for (let i = 0; i + n <= words.length; i++)
    if (
      text.normalize('NFKD').includes(
        words
          .slice(i, i + n)
          .join(sep)
          .normalize('NFKD'),
      )
    )
      return true;
  return false;
}

describe('redactSecrets: BIP39 mnemonics', () => {
  for (const list of LISTS) {
    for (const [count, strength] of Object.entries(STRENGTHS)) {
      it(`finds ${count}-word ${list.name} mnemonics, alone and inside sentences`, () => {
        for (let i = 0; i < 4; i++) {
          const phrase = generateMnemonic(list.words, strength);
          expect(validateMnemonic(phrase, list.words)).toBe(true);
          const words = phrase.split(list.words === japanese ? '\u3000' : ' ');
          expect(words).toHaveLength(Number(count));
          const written = words.join(list.sep);
          const inputs = [
            written,
            `${list.before} ${written}${list.after}`,
            `${list.before}${written}${list.after}`,
            `${list.before}\n${words.map((w, n) => `${n + 1}. ${w}`).join('\n')}`,
            written.normalize('NFC'),
            written.normalize('NFKD'),
          ];
          for (const input of inputs) {
            const { text, found } = redactSecrets(input);
            expect(found, input).toEqual(['mnemonic']);
            expect(text).toContain('[mnemonic removed]');
            expect(leaks(text, words, list.sep), text).toBe(false);
            expect(leaks(text, words, '\n', 2), text).toBe(false);
          }
          // The words around the mnemonic are the user's question: they stay, but for a particle or character
          // glued to the last word, which may go with it.
          const around = redactSecrets(`${list.before} ${written}${list.after}`).text;
          expect(around.endsWith(list.after.replace(/^(?:です|입니다|\p{Script=Han})/u, '')), around).toBe(true);
        }
      });
    }
  }

  it('knows every word of every list, in the forms users type them', () => {
    for (const list of LISTS) {
      const all = list.words.join(list.sep);
      expect(findMnemonics(all), list.name).toEqual([[0, all.length]]);
      expect(findMnemonics(all.normalize('NFC')), list.name).toHaveLength(1);
      expect(findMnemonics(all.toUpperCase()), list.name).toHaveLength(1);
    }
    // Spanish, French, Czech and Portuguese users often leave the accents out.
    const plain = generateMnemonic(spanish, 128).normalize('NFKD').replace(/\p{M}/gu, '');
    expect(redactSecrets(`mi semilla: ${plain}`).found).toEqual(['mnemonic']);
  });

  it('takes 11 words for a phrase (one forgotten), and 10 list words for ordinary text', () => {
    const words = generateMnemonic(english, 128).split(' ');
    const eleven = `please check these: ${words.slice(0, 11).join(' ')}. Thanks`;
    expect(redactSecrets(eleven)).toEqual({ text: 'please check these: [mnemonic removed]. Thanks', found: ['mnemonic'] });
    const ten = `please check these: ${words.slice(0, 10).join(' ')}. Thanks`;
    expect(redactSecrets(ten)).toEqual({ text: ten, found: [] });
  });

  it('takes Chinese characters as a mnemonic only when they are separated, as wallets show them', () => {
    const chars = generateMnemonic(simplifiedChinese, 128).split(' ');
    const joined = chars.join('');
    expect(redactSecrets(joined)).toEqual({ text: joined, found: [] });
    expect(redactSecrets(chars.join('、')).found).toEqual(['mnemonic']);
    expect(redactSecrets(chars.join(' , ')).found).toEqual(['mnemonic']);
  });

  it('keeps the committed word data in step with @scure/bip39, within its size budget', () => {
    const committed = readFileSync(join(root, 'src/safety/bip39-data.ts'), 'utf8');
    expect(committed).toBe(generate());
    expect(gzipSync(committed, { level: 9 }).length).toBeLessThanOrEqual(18 * 1024);
    expect(readFileSync(join(root, 'src/safety/bip39-deferred.ts'), 'utf8')).toBe(generateDeferred());
  });
});

describe('redactSecrets: keys and cards', () => {
  const hex = 'e8f32e723decf4051aefac8e2c93c9c5b214313817cdb01a1494b917c8436b35';

  it('removes a 64-hex key when the user calls it a key, in any of the six languages', () => {
    for (const input of [
      `my private key is ${hex}`,
      `priv key: 0x${hex}`,
      `${hex} <- this is my private key, is it safe?`,
      `我的私钥是 ${hex}`,
      `秘密鍵は ${hex} です`,
      `제 개인 키는 ${hex} 입니다`,
      `mi clave privada es 0x${hex}`,
      `мой приватный ключ ${hex}`,
    ]) {
      const { text, found } = redactSecrets(input);
      expect(found, input).toEqual(['private-key']);
      expect(text).not.toContain(hex);
    }
  });

  it('removes extended private keys and WIF keys, and keeps extended public keys', () => {
    const xprv = 'xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3TGtRBeJgk33yuGBxrMPHi';
    const xpub = 'xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265TMg7usUDFdp6W1EGMcet8';
    const wif = '5HueCGU8rMjxEXxiPuD5BDku4MkFqeZyd4dZ1jvhTVqvbTLvyTJ';
    const compressed = 'KwdMAjGmerYanjeui5SHS7JkmpZvVipYvB2LJGU1ZxJwYvP98617';
    const r = redactSecrets(`xprv: ${xprv}\nxpub: ${xpub}\nwif ${wif} and ${compressed}`);
    expect(r.found.sort()).toEqual(['extended-key', 'wif']);
    for (const secret of [xprv, wif, compressed]) expect(r.text).not.toContain(secret);
    expect(r.text).toContain(xpub);
  });

  it('removes card numbers that pass Luhn, and keeps other long numbers', () => {
    for (const card of ['4111 1111 1111 1111', '4242-4242-4242-4242', '5555555555554444', '378282246310005']) {
      const { text, found } = redactSecrets(`I paid with card ${card} yesterday`);
      expect(found, card).toEqual(['card']);
      expect(text).toBe('I paid with card [card removed] yesterday');
    }
    // A number written next to the card shares its run of digits, and must not hide it.
    for (const input of ['exp 12/25 4111 1111 1111 1111', 'paid 5 4111 1111 1111 1111 today', 'amex 3782 822463 10005, cvv 123']) {
      const { text, found } = redactSecrets(input);
      expect(found, input).toEqual(['card']);
      expect(text.replace(/\D/g, '').length, text).toBeLessThan(5);
    }
    expect(luhn('4111111111111112')).toBe(false);
    for (const number of ['order 4111111111111112', 'UID 1234567890123456', 'phone +86 138 0013 8000', 'order id 41111111111111110000']) {
      expect(redactSecrets(number)).toEqual({ text: number, found: [] });
    }
  });

  it('leaves addresses, transaction ids and hashes as they are: agents need them', () => {
    const ordinary = [
      'withdrew to 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa',
      'my address 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy is not credited',
      'sent to bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq yesterday',
      'taproot bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297',
      'ETH deposit to 0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe not arrived',
      'USDT TRC20 to TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7 still pending',
      'XRP rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh tag 1234567',
      'SOL 7EcDhSYGxXyscszYEp35KHN8vvw3svAuLKTzXwCFLtV',
      'txid f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16 has 0 confirmations',
      `tx hash 0x${hex}`,
      `我的提币交易哈希是 ${hex}，还没到账`,
      `TXID: ${hex}. My password is fine but the deposit is missing`,
    ];
    for (const text of ordinary) expect(redactSecrets(text), text).toEqual({ text, found: [] });
  });
});

describe('redactSecrets: passwords and codes the user labels', () => {
  // [message, secret, kind]: native phrasing in the six languages of the widget.
  const labelled: [string, string, 'password' | 'code'][] = [
    ['my password is Hunter2!x, can you check my account', 'Hunter2!x', 'password'],
    ['Password: correcthorse', 'correcthorse', 'password'],
    ['my 2FA code is 482913 but it says invalid', '482913', 'code'],
    ['the google authenticator code 551 204 is not accepted', '551 204', 'code'],
    ['验证码是 735190', '735190', 'code'],
    ['我的密码是abc123456，登录不了', 'abc123456', 'password'],
    ['谷歌验证码：204918，一直提示错误', '204918', 'code'],
    ['パスワードはSakura2024です', 'Sakura2024', 'password'],
    ['認証コードは 630145 です。ログインできません', '630145', 'code'],
    ['비밀번호는 qwer1234! 입니다', 'qwer1234!', 'password'],
    ['인증번호 882301 입력했는데 안돼요', '882301', 'code'],
    ['mi contraseña es Perro_2024 y no puedo entrar', 'Perro_2024', 'password'],
    ['el código de verificación es 119283', '119283', 'code'],
    ['мой пароль Qwerty123, не могу войти', 'Qwerty123', 'password'],
    ['код подтверждения 447120 не приходит... вернее пришёл', '447120', 'code'],
    ['Пароль: zaq1xsw2', 'zaq1xsw2', 'password'],
  ];
  for (const [message, secret, kind] of labelled) {
    it(`removes the ${kind} in "${message}"`, () => {
      const { text, found } = redactSecrets(message);
      expect(found).toEqual([kind]);
      expect(text).not.toContain(secret);
      expect(text).toContain(`[${kind} removed]`);
    });
  }
});

describe('redactSecrets: no false positives', () => {
  const questions: Record<string, string[]> = {
    en: [
      'I forgot my password, how do I reset it?',
      'my password is wrong and I cannot log in',
      'change password please',
      'I lost my 2FA device, how do I reset Google Authenticator?',
      'withdrawal failed with error code 10004',
      'what is the referral code 558812 for?',
      'why is my account frozen after a password/2FA change?',
      'how long does a USDT TRC20 withdrawal take? it has been 2 hours',
      'I sent 0.5 BTC on 2024-03-01 at 14:30, order 90012345',
      'How do I enable 2FA with an authenticator app?',
      'what does the seed phrase do, should I share it with support?',
    ],
    zh: [
      '我忘记密码了，怎么重置？',
      '验证码收不到怎么办',
      '提币一直显示处理中，已经两个小时了',
      '谷歌验证器丢了怎么办',
      '为什么我的账户被冻结了',
      '错误码 10004 是什么意思',
      '助记词要不要发给客服？',
    ],
    ja: [
      'パスワードを忘れました。どうすればいいですか？',
      'パスワードは何文字必要ですか',
      '認証コードが届きません',
      '出金が反映されません。もう3時間経ちます',
      '二段階認証をリセットしたい',
      'エラーコード 10004 が出ます',
    ],
    ko: [
      '비밀번호를 잊어버렸어요',
      '비밀번호는 어떻게 바꾸나요?',
      '인증번호가 안 와요',
      '출금이 3시간째 처리 중이에요',
      '구글 OTP를 분실했어요',
      '계정이 동결되었어요',
    ],
    es: [
      'olvidé mi contraseña, ¿cómo la cambio?',
      'mi contraseña es incorrecta y no puedo entrar',
      'no me llega el código de verificación',
      '¿cuánto tarda un retiro de USDT?',
      'mi cuenta está bloqueada, ¿por qué?',
      'me sale el código de error 10004',
    ],
    ru: [
      'Я забыл пароль, как его восстановить?',
      'Пароль не подходит',
      'не приходит код подтверждения',
      'вывод USDT висит уже 3 часа',
      'ошибка с кодом 10004 при выводе',
      'почему заблокирован аккаунт?',
    ],
  };
  for (const [lang, list] of Object.entries(questions)) {
    it(`leaves ordinary support questions in ${lang} alone`, () => {
      for (const q of list) expect(redactSecrets(q), q).toEqual({ text: q, found: [] });
    });
  }

  it('leaves the evaluation questions and the knowledge articles alone', () => {
    const texts: [string, string][] = [];
    for (const file of ['tests/eval/crypto.jsonl', 'tests/eval/crypto-holdout.jsonl']) {
      const path = join(root, file);
      if (!existsSync(path)) continue;
      for (const line of readFileSync(path, 'utf8').split('\n').filter(Boolean)) texts.push([file, JSON.parse(line).text]);
    }
    const walk = (dir: string) => {
      if (!existsSync(dir)) return;
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.(md|yml)$/.test(name)) texts.push([path, readFileSync(path, 'utf8')]);
      }
    };
    walk(join(root, 'knowledge'));
    walk(join(root, 'tests/fixtures/kb-mini'));
    expect(texts.length).toBeGreaterThan(10);
    for (const [file, text] of texts) expect(redactSecrets(text).found, file).toEqual([]);
  });
});
