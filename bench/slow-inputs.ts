/**
 * Inputs that once made the bot slow (issue: "no input that slows or silences the bot"), against normal
 * questions, in one run on the sample pack: each input's median `bot.ask()` time over fresh conversations,
 * and its ratio to the median of the crypto development set's questions. Bound: 20× a normal question.
 * Then a fuzz of FUZZ_INPUTS generated messages (fast-check: any Unicode, markup and mixed scripts, long texts,
 * a planted seed phrase or card in every tenth), each asked once in a fresh conversation: no throw, no planted
 * secret in the reply, the state or an event, and the slowest inputs, timed again, against the same bound.
 * Writes bench/results/slow-inputs.md. Run: npm run bench:slow-inputs
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { entropyToMnemonic } from '@scure/bip39';
import { wordlist as english } from '@scure/bip39/wordlists/english.js';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileKnowledge } from '../src/node/index.js';
import { createBot, MAX_MESSAGE } from '../src/bot/create-bot.js';
import { MAX_QUERY_TERMS } from '../src/search/search-index.js';
import { machine, stats } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const BOUND = 20;
const RUNS = 15;
const { pack } = compileKnowledge(join(root, 'knowledge'));
const normal = readFileSync(join(root, 'tests', 'eval', 'crypto.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l).text as string);

/** A deterministic text of `n` characters drawn from `chars`. */
const drawn = (n: number, chars: string) => Array.from({ length: n }, (_, i) => [...chars][(i * 7919) % [...chars].length]).join('');
const INPUTS: [string, string][] = [
  ['"验证码" × 2,000', '验证码'.repeat(2000)],
  [
    '4,800 characters of Chinese',
    drawn(4800, '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其已提现充值手续费'),
  ],
  ['4,800 characters of Korean', drawn(4800, '가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허출금입금수수료')],
  ['4,000 characters of English exchange words', 'withdraw my usdt deposit fee network '.repeat(110)],
  ['600 different made-up words', Array.from({ length: 600 }, (_, i) => 'w' + (i * 7919).toString(36)).join(' ')],
  ['4,000 digits', drawn(4000, '0123456789')],
  ['2,000 emoji', '🚀💰'.repeat(1000)],
  ['a pasted log line × 60', '2026-12-01T10:00:00Z ERROR withdraw txid=0xabc123 status=PENDING network=TRC20\n'.repeat(60)],
];

async function median(text: string, runs: number): Promise<number> {
  await createBot(pack).ask(text);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const bot = createBot(pack);
    const t = performance.now();
    await bot.ask(text);
    times.push(performance.now() - t);
  }
  return stats(times).median;
}

for (const q of normal.slice(0, 50)) await createBot(pack).ask(q);
const base: number[] = [];
for (const q of normal) base.push(await median(q, 3));
const normalMs = stats(base).median;
// One after another (asks timed side by side would each count the others' work), each run of the input beside
// a run of a normal question, so that both see the same load on a shared machine.
async function againstNormal(text: string, runs: number): Promise<{ again: number; normal: number }> {
  const [mine, theirs]: number[][] = [[], []];
  for (let i = 0; i < runs; i++) {
    for (const [q, into] of [
      [normal[(i * 37) % normal.length], theirs],
      [text, mine],
    ] as const) {
      const bot = createBot(pack);
      const t = performance.now();
      await bot.ask(q);
      into.push(performance.now() - t);
    }
  }
  return { again: stats(mine).median, normal: stats(theirs).median };
}
const rows: string[] = [];
let worst = 0;
for (const [name, text] of INPUTS) {
  await createBot(pack).ask(text);
  const { again: ms, normal: beside } = await againstNormal(text, RUNS);
  worst = Math.max(worst, ms / beside);
  rows.push(`| ${name} | ${text.length.toLocaleString('en')} | ${ms.toFixed(2)} | ${beside.toFixed(2)} | ${(ms / beside).toFixed(1)}× |`);
  console.log(name, ms.toFixed(2), (ms / beside).toFixed(1));
}

// The fuzz: generated inputs, one fresh conversation each, timed; a planted secret must never come back out.
const FUZZ_INPUTS = Number(process.env.FUZZ_INPUTS ?? 100_000);
const piece = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 120 }),
  fc.constantFrom('<script>alert(1)</script>', '](javascript:x)', '\u202e', '\u0000', '提现', '출금', 'вывод', 'usdt trc20', '验证码', '🚀', ' '),
  fc.string({ unit: fc.constantFrom(...'的一是了人我在有他这提现充值가나다라출금аоевывод abcxyz0123 '.split('')), maxLength: 600 }),
);
const message = fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' ').slice(0, MAX_MESSAGE));
const plant = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((e) => entropyToMnemonic(e, english)),
  fc.constantFrom('4111 1111 1111 1111', '5500-0000-0000-0004', '4012888888881881'),
);
const inputs = fc.sample(fc.tuple(message, fc.option(plant, { freq: 9 })), { numRuns: FUZZ_INPUTS, seed: 20261202 });
const leaks: { secret: string; text: string }[] = [];
let throws = 0;
const timed: { ms: number; text: string }[] = [];
for (const [text, secret] of inputs) {
  const input = secret ? `${text.slice(0, 1000)} ${secret} ${text.slice(1000, 2000)}` : text;
  const bot = createBot(pack);
  const events: unknown[] = [];
  for (const name of ['message', 'answer', 'clarify', 'unanswered', 'handoff'] as const) bot.on(name, (e) => events.push(e));
  const t = performance.now();
  try {
    const reply = await bot.ask(input);
    const ms = performance.now() - t;
    timed.push({ ms, text: input });
    if (secret && JSON.stringify([reply, bot.state, events]).includes(secret)) leaks.push({ secret, text: input });
  } catch {
    throws++;
  }
}
timed.sort((a, b) => b.ms - a.ms);
// One ask in a fresh conversation also pays for what happens once (a language's first question builds its
// search and model, a collection pauses the heap): the slowest first times are timed again, as the crafted
// inputs are, and an input is slow only if it is slow again.
const RETIMED = 40;
const slowest: { ms: number; text: string; again: number; normal: number }[] = [];
for (const x of timed.slice(0, RETIMED)) slowest.push({ ...x, ...(await againstNormal(x.text, 9)) });
slowest.sort((a, b) => b.again / b.normal - a.again / a.normal);
const fuzzWorst = slowest[0].again / slowest[0].normal;
const firstWorst = timed[0].ms / normalMs;
const show = (t: string) => JSON.stringify(t.length > 40 ? t.slice(0, 40) + '…' : t).replace(/\|/g, '\\|');

const md = `## Slow inputs: no message makes the bot slow

Each input's median \`bot.ask()\` time over ${RUNS} fresh conversations on the sample pack, each beside a fresh
conversation asking one of the crypto development set's questions (so both see the same load on a shared machine),
against those questions' median; over all ${normal.length} of them, before, the median was ${normalMs.toFixed(2)} ms. The bot reads at most
${MAX_MESSAGE.toLocaleString('en')} characters of a message, and search weighs at most ${MAX_QUERY_TERMS} of its terms (each once;
those the index knows first, rarest first: src/search/search-index.ts). Before that cap, "验证码" × 2,000 took
about 240× a normal question and 4,800 characters of Chinese about 40×.

Command: \`npm run bench:slow-inputs\` · ${machine()}

| input | characters | median ms | normal beside it, ms | × normal |
| --- | ---: | ---: | ---: | ---: |
${rows.join('\n')}

**Bound** (${BOUND}× a normal question): ${worst <= BOUND ? `met (worst ${worst.toFixed(1)}×)` : `**missed** (worst ${worst.toFixed(1)}×)`}.

**Fuzz**: ${inputs.length.toLocaleString('en')} generated messages (seed 20261202; any Unicode, markup, mixed scripts, up to
${MAX_MESSAGE.toLocaleString('en')} characters; a seed phrase or card number planted in about one in ten), each asked once in a fresh
conversation: ${throws} threw, ${leaks.length} let a planted secret out (reply, state or events)${leaks.length ? ':' : '.'}
${leaks.map((x) => `- ${JSON.stringify(x.secret)} at the end of ${JSON.stringify(x.text.slice(-60))}`).join('\n')}

The ${RETIMED} slowest first asks (the slowest took ${timed[0].ms.toFixed(0)} ms, ${firstWorst.toFixed(0)}×), each timed again: 9 fresh
conversations, each beside one asking a normal question (so both see the same load), medians; slowest again first:

| input (start) | characters | first ask ms | again, median ms | normal beside it, ms | × normal |
| --- | ---: | ---: | ---: | ---: | ---: |
${slowest
  .slice(0, 8)
  .map(
    (x) =>
      `| ${show(x.text)} | ${x.text.length.toLocaleString('en')} | ${x.ms.toFixed(2)} | ${x.again.toFixed(2)} | ${x.normal.toFixed(2)} | ${(x.again / x.normal).toFixed(1)}× |`,
  )
  .join('\n')}

Bound for the fuzz: ${fuzzWorst <= BOUND ? `met (slowest again ${fuzzWorst.toFixed(1)}×)` : `**missed** (slowest again ${fuzzWorst.toFixed(1)}×)`}.
`;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'slow-inputs.md'), md);
console.log(md);
// Missed bounds and leaks are reported in the table (as the other benches do), not as a failed run.
