/**
 * Inputs that once made the bot slow (issue: "no input that slows or silences the bot"), against normal
 * questions, in one run on the sample pack: each input's median `bot.ask()` time over fresh conversations,
 * and its ratio to the median of the crypto development set's questions. Bound: 20× a normal question.
 * Writes bench/results/slow-inputs.md. Run: npm run bench:slow-inputs
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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
const normal = readFileSync(join(root, 'tests', 'eval', 'crypto.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).text as string);

/** A deterministic text of `n` characters drawn from `chars`. */
const drawn = (n: number, chars: string) => Array.from({ length: n }, (_, i) => [...chars][(i * 7919) % [...chars].length]).join('');
const INPUTS: [string, string][] = [
  ['"验证码" × 2,000', '验证码'.repeat(2000)],
  ['4,800 characters of Chinese', drawn(4800, '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其已提现充值手续费')],
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
const rows: string[] = [];
let worst = 0;
for (const [name, text] of INPUTS) {
  const ms = await median(text, RUNS);
  worst = Math.max(worst, ms / normalMs);
  rows.push(`| ${name} | ${text.length.toLocaleString('en')} | ${ms.toFixed(2)} | ${(ms / normalMs).toFixed(1)}× |`);
  console.log(name, ms.toFixed(2), (ms / normalMs).toFixed(1));
}

const md = `## Slow inputs: no message makes the bot slow

Each input's median \`bot.ask()\` time (${RUNS} fresh conversations) on the sample pack, against the median of the
crypto development set's ${normal.length} questions (${normalMs.toFixed(2)} ms), in one run. The bot reads at most
${MAX_MESSAGE.toLocaleString('en')} characters of a message, and search weighs at most ${MAX_QUERY_TERMS} of its terms (each once;
those the index knows first, rarest first: src/search/search-index.ts). Before that cap, "验证码" × 2,000 took
about 240× a normal question and 4,800 characters of Chinese about 40×.

Command: \`npm run bench:slow-inputs\` · ${machine()}

| input | characters | median ms | × normal |
| --- | ---: | ---: | ---: |
${rows.join('\n')}

**Bound** (${BOUND}× a normal question): ${worst <= BOUND ? `met (worst ${worst.toFixed(1)}×)` : `**missed** (worst ${worst.toFixed(1)}×)`}.
`;
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
writeFileSync(join(root, 'bench', 'results', 'slow-inputs.md'), md);
console.log(md);
if (worst > BOUND) process.exitCode = 1;
