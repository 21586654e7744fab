/**
 * Hostile input, generated: whatever a user (or a script posing as one) types, `ask()` resolves with a
 * valid reply, and no secret typed into the message comes back out in the reply, the state or an event.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { entropyToMnemonic } from '@scure/bip39';
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
import { compileKnowledge } from '../../src/node/index.js';
import { createBot, MAX_MESSAGE, type Bot } from '../../src/bot/create-bot.js';
import { redactSecrets } from '../../src/safety/redact.js';
import type { Pack } from '../../src/pack/pack.js';
import type { Reply } from '../../src/bot/reply.js';
import { fixture } from '../helpers.js';

let pack: Pack;
beforeAll(() => {
  pack = compileKnowledge(fixture('kb-mini')).pack;
});

// The bot logs and survives a bug inside `ask`; here any such log is a failure.
let errors: unknown[][] = [];
beforeEach(() => {
  errors = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
});
afterEach(() => {
  vi.restoreAllMocks();
});

const KINDS = ['answer', 'clarify', 'fallback', 'handoff', 'smalltalk'];
const SECRET_KINDS = ['mnemonic', 'private-key', 'extended-key', 'wif', 'card', 'password', 'code'];

/** Everything a conversation lets out: replies, the saved state, and every event. */
function watch(bot: Bot): { out: () => string } {
  const events: unknown[] = [];
  for (const name of ['message', 'answer', 'clarify', 'unanswered', 'handoff', 'feedback'] as const) bot.on(name, (payload) => events.push(payload));
  return { out: () => JSON.stringify([bot.state, events]) };
}

function expectValidReply(reply: Reply): void {
  expect(KINDS).toContain(reply.kind);
  expect(typeof reply.text).toBe('string');
  expect(reply.text.length).toBeGreaterThan(0);
  expect(reply.lang).toMatch(/^[a-z]{2,3}(-[a-z0-9]+)*$/i);
  expect(Number.isFinite(reply.confidence) && reply.confidence >= 0 && reply.confidence <= 1).toBe(true);
  expect(Array.isArray(reply.notices) && reply.notices.every((n) => typeof n === 'string')).toBe(true);
  expect(reply.redacted.every((k) => SECRET_KINDS.includes(k))).toBe(true);
  if (reply.kind === 'answer') expect(reply.article?.body).toBeTypeOf('string');
  if (reply.kind === 'clarify') expect(reply.suggestions?.length).toBeGreaterThan(0);
  if (reply.handoff) expect(reply.handoff.transcript.length).toBeGreaterThan(0);
  expect(() => JSON.stringify(reply)).not.toThrow();
  expect(errors).toEqual([]);
}

/** Pieces that break naive code: markup, injection, control and bidi characters, lone surrogates, mixed scripts. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '<a href="javascript:alert(1)">x</a>',
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '![x](https://evil.example/x.png)',
  '<iframe srcdoc="<script>1</script>">',
  '{{constructor.constructor("alert(1)")()}}',
  '${7*7}',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '```js\nalert(1)\n```',
  '<!--',
  '-->',
  '# heading',
  '> quote',
  '| a | b |\n|---|---|',
  '**bold**',
  '\\',
  '%00',
  '&lt;&gt;&amp;',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\r\n',
  '\r',
  '\u2028',
  '\u2029',
  '\u0085',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2067',
  '\u2069',
  '\u200b',
  '\u200d',
  '\u200f',
  '\ufeff',
  '\ufffd',
  '\ud800',
  '\udfff',
  '\udbff\udfff',
  '\u0301\u0301\u0301',
  'Z̷̢͈a̸l̵g̴o̷',
  '提现',
  '手续费',
  '到账',
  '出金',
  '出金できない',
  '출금',
  '출금이 안돼요',
  'retiro',
  'comisión',
  'вывод',
  'не пришёл',
  'withdraw',
  'fee',
  'USDT',
  'TRC20',
  '0x',
  '??!!',
  '!!!',
  'HELP',
  'SCAM',
  '🙂',
  '👨‍👩‍👧',
  '\t',
  ' ',
  '  ',
  '\n\n\n',
  '-',
  '.',
  '1',
  '99999999999',
];
const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'grapheme', maxLength: 8 }), fc.string({ unit: 'binary-ascii', maxLength: 4 })), {
    maxLength: 40,
  })
  .map((parts) => parts.join(''));
/** Any UTF-16 code unit, lone surrogates included: what a broken client can send. */
const codeUnits = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 120 });
/** A language hint as hostile as the text. */
const langHint = fc.option(
  fc.oneof(fc.constantFrom('en', 'zh', 'es', 'ja', 'ko', 'ru', 'xx', '', '__proto__', 'constructor', 'zh-Hant-TW'), fc.string({ maxLength: 12 })),
  { nil: undefined },
);

async function askOnce(text: string, lang?: string): Promise<void> {
  const bot = createBot(pack);
  const reply = await bot.ask(text, lang === undefined ? undefined : { lang });
  expectValidReply(reply);
  expect(() => createBot(pack, { state: bot.state })).not.toThrow();
}

describe('ask() on generated hostile input', () => {
  it('answers arbitrary Unicode, code units and lone surrogates with a valid reply', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), langHint, askOnce), { numRuns: 2000 });
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 200 }), langHint, askOnce), { numRuns: 1500 });
    await fc.assert(fc.asyncProperty(codeUnits, langHint, askOnce), { numRuns: 1500 });
  });

  it('answers markup, injection, control and bidi characters and mixed scripts with a valid reply', async () => {
    await fc.assert(fc.asyncProperty(hostileText, langHint, askOnce), { numRuns: 2500 });
  });

  it('answers 100,000-character messages', async () => {
    const huge = fc
      .tuple(
        fc.oneof(hostileText, codeUnits).filter((s) => s.length > 0),
        fc.integer({ min: 0, max: 3 }),
      )
      .map(([seed, pad]) => {
        const text = seed.repeat(Math.ceil(100_000 / seed.length)).slice(0, 100_000 - pad);
        return text;
      });
    await fc.assert(
      fc.asyncProperty(huge, async (text) => {
        expect(text.length).toBeGreaterThan(99_000);
        await askOnce(text);
      }),
      { numRuns: 60 },
    );
  });

  it('keeps a long conversation valid: many hostile turns on one bot, restored from its own state', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.oneof(hostileText, codeUnits), langHint), { minLength: 1, maxLength: 25 }), async (turns) => {
        let bot = createBot(pack);
        for (const [i, [text, lang]] of turns.entries()) {
          expectValidReply(await bot.ask(text, lang === undefined ? undefined : { lang }));
          // Half way, reload the conversation the way the widget does after a page reload.
          if (i === turns.length >> 1) bot = createBot(pack, { state: JSON.parse(JSON.stringify(bot.state)) });
        }
        expect(bot.state.turns.length).toBeLessThanOrEqual(100);
        const h = bot.handoff();
        expect(h.transcript.length).toBe(bot.state.turns.length);
      }),
      { numRuns: 120 },
    );
  });

  it('keeps search, suggest, show and feedback safe on the same input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, codeUnits), langHint, async (text, lang) => {
        const bot = createBot(pack);
        expect(Array.isArray(bot.search(text, { lang }))).toBe(true);
        expect(Array.isArray(bot.suggest(text, { lang }))).toBe(true);
        expectValidReply(await bot.show(text));
        bot.feedback(text, false, text);
      }),
      { numRuns: 800 },
    );
  });
});

const LISTS = [english, spanish, french, italian, czech, portuguese, japanese, korean, simplifiedChinese, traditionalChinese];
/**
 * Mnemonics as wallets make them, from uniformly random entropy. fast-check leans towards small values
 * (all-zero entropy gives "abandon abandon … about"), so its bytes are hashed into entropy first.
 */
const mnemonic = fc
  .tuple(fc.constantFrom(...LISTS), fc.constantFrom(16, 20, 24, 28, 32), fc.uint8Array({ minLength: 1, maxLength: 8 }))
  .map(([list, size, seed]) => {
    const entropy = createHash('sha256').update(seed).digest().subarray(0, size);
    const words = entropyToMnemonic(entropy, list).split(list === japanese ? '\u3000' : ' ');
    return { kind: 'mnemonic', secret: words.join(list === japanese ? '\u3000' : ' '), words };
  });
/** A Visa-like number that passes Luhn, written as wallets and users write it. */
const card = fc.tuple(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 14, maxLength: 14 }), fc.constantFrom(' ', '-', '')).map(([body, sep]) => {
  const digits = [4, ...body];
  const sum = digits.reduce((acc, d, i) => {
    const fromRight = digits.length - i; // the check digit will sit at position 0 from the right
    const doubled = fromRight % 2 === 1 ? d * 2 : d;
    return acc + (doubled > 9 ? doubled - 9 : doubled);
  }, 0);
  const all = [...digits, (10 - (sum % 10)) % 10].join('');
  return { kind: 'card', secret: all.match(/.{1,4}/g)!.join(sep), words: [all] };
});
const PASSWORD_LABELS = ['my password is ', 'password: ', '我的密码是', 'パスワードは', '비밀번호는 ', 'mi contraseña es ', 'мой пароль '];
const password = fc
  .tuple(fc.constantFrom(...PASSWORD_LABELS), fc.stringMatching(/^[A-Za-z]{3,8}[0-9]{2,4}[!#%*]?[A-Za-z]{0,3}$/))
  .map(([label, secret]) => ({ kind: 'password', secret: label + secret, words: [secret] }));
const CODE_LABELS = ['my 2fa code is ', '验证码是 ', '认证码：', '認証コードは', '인증번호 ', 'código de verificación: ', 'код подтверждения '];
const code = fc.tuple(fc.constantFrom(...CODE_LABELS), fc.integer({ min: 0, max: 999_999 })).map(([label, n]) => {
  const digits = String(n).padStart(6, '0');
  return { kind: 'code', secret: label + digits, words: [digits] };
});
const secret = fc.oneof(mnemonic, card, password, code);

/** True when the secret, or any three consecutive words of a mnemonic, got out. */
function leaked(out: string, s: { kind: string; words: string[] }): boolean {
  const text = out.normalize('NFKD');
  if (s.kind === 'mnemonic') {
    for (let i = 0; i + 3 <= s.words.length; i++) {
      const window = s.words.slice(i, i + 3).map((w) => JSON.stringify(w.normalize('NFKD')).slice(1, -1));
      if (new RegExp(window.map(escape).join('[\\s\\u3000,]+')).test(text)) return true;
    }
    return false;
  }
  // Digits stand alone: a 6-digit code may well occur inside a longer number such as a probability.
  const digitsOnly = s.words[0].replace(/\D/g, '') === s.words[0];
  return s.words.some((w) => new RegExp(digitsOnly ? `(?<![\\d.])${escape(w)}(?!\\d)` : escape(w)).test(text));
}
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('secrets in hostile messages', () => {
  it('never lets a generated secret out, wherever it sits in the message', async () => {
    const filler = fc.oneof(hostileText, fc.string({ unit: 'grapheme', maxLength: 60 }));
    // Long fillers put secrets next to the length limit, where the message is cut.
    const long = fc.integer({ min: MAX_MESSAGE - 400, max: MAX_MESSAGE + 100 }).map((n) => 'withdraw usdt '.repeat(n / 14 + 1).slice(0, n));
    await fc.assert(
      fc.asyncProperty(fc.oneof({ arbitrary: filler, weight: 9 }, { arbitrary: long, weight: 1 }), filler, secret, langHint, async (before, after, s, lang) => {
        const bot = createBot(pack);
        const { out } = watch(bot);
        const message = `${before} ${s.secret} ${after}`;
        const reply = await bot.ask(message, lang === undefined ? undefined : { lang });
        expectValidReply(reply);
        bot.feedback('withdrawal-fees', false, message);
        const handoff = bot.handoff();
        const everything = JSON.stringify([reply, handoff]) + out();
        expect(leaked(everything, s), `${s.kind}: ${s.secret}`).toBe(false);
        if (message.slice(0, MAX_MESSAGE).includes(s.secret)) expect(reply.redacted).toContain(s.kind);
      }),
      { numRuns: 2500 },
    );
  });

  it('redacts adversarial 100,000-character strings without stalling', () => {
    const blank = ' '.repeat(99_990);
    const cases = [
      'code' + blank + 'x',
      'password' + blank + '\u0001',
      'код'.repeat(33_000),
      '1 '.repeat(50_000),
      '4111 '.repeat(20_000),
      'abandon '.repeat(12_500),
      '的 '.repeat(50_000),
      'password' + ' is'.repeat(33_000),
      'private key' + blank + 'ab'.repeat(32),
      ('abandon ' + '1.'.repeat(10) + '!').repeat(5000),
      'x1 '.repeat(33_000),
      'K'.repeat(100_000),
      'a'.repeat(100_000),
    ];
    for (const text of cases) {
      const { text: out } = redactSecrets(text);
      expect(typeof out).toBe('string');
    }
  });
});
