/**
 * Throughput and latency of `helpline api`: the real command in its own process, over the sample pack and a
 * 30,000-file pack folder (bench/synthetic-kb.ts, built with the real `helpline build -o folder/`), each
 * loaded with POST /v1/ask for 30 s by keep-alive clients asking the crypto evaluation sets' questions (each
 * request a fresh conversation, as many visitors are). Writes bench/results/api.md.
 * Run: npm run bench:api [-- --seconds 30 --concurrency 8 --files 30000]
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { machine, stats } from './machine.js';
import { models, writeSynthetic } from './synthetic-kb.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'bench', '.work', 'api');
const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '30' }, concurrency: { type: 'string', default: '8' }, files: { type: 'string', default: '30000' } },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const FILES = Number(values.files);
const cli = join(root, 'bin', 'helpline.js');

const questions = ['crypto.jsonl', 'crypto-holdout.jsonl'].flatMap((f) =>
  readFileSync(join(root, 'tests', 'eval', f), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { text: string; lang?: string }),
);

/** Starts `helpline api` on a free port; resolves with its URL once /v1/health says the pack is loaded. */
async function startApi(kb: string): Promise<{ url: string; child: ChildProcess; loadSeconds: number; rssMB: () => number }> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-old-space-size=8192', cli, 'api', '--kb', kb, '--port', '0'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((ok, fail) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /on (http:\/\/\S+) /.exec(out);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`helpline api exited (${code}) before listening`)));
  });
  for (;;) {
    const res = await fetch(`${url}/v1/health`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const rssMB = () => Number(execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).trim()) / 1024;
  return { url, child, loadSeconds: (performance.now() - started) / 1000, rssMB };
}

/** `CONCURRENCY` clients, each asking one question after the other over a kept-alive connection, for `SECONDS`. */
async function load(url: string): Promise<{ requests: number; errors: number; rps: number; p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { hostname, port } = new URL(url);
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const ask = (body: string) =>
    new Promise<number>((ok) => {
      const req = request(
        { hostname, port, path: '/v1/ask', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => ok(res.statusCode ?? 0));
        },
      );
      req.on('error', () => ok(0));
      req.end(body);
    });
  // A warm-up: a language's first question parses its search index (once per process).
  const firsts = [...new Map(questions.map((q) => [q.lang, q])).values()];
  for (const q of [...firsts, ...questions.slice(0, 50)]) await ask(JSON.stringify(q));
  const end = performance.now() + SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const q = questions[next++ % questions.length];
        const t = performance.now();
        const status = await ask(JSON.stringify({ text: q.text, lang: q.lang }));
        latencies.push(performance.now() - t);
        if (status !== 200) errors++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const s = stats(latencies);
  return { requests: latencies.length, errors, rps: latencies.length / elapsed, p50: s.median, p99: s.p99 };
}

mkdirSync(work, { recursive: true });
const samplePack = join(work, 'sample.json');
execFileSync(process.execPath, [cli, 'build', join(root, 'knowledge'), '-o', samplePack], { stdio: ['ignore', 'ignore', 'inherit'] });
const bigDir = join(work, `kb-${FILES}`);
const bigPack = join(work, `pack-${FILES}`) + '/';
if (!existsSync(join(bigPack, 'manifest.json'))) {
  rmSync(bigDir, { recursive: true, force: true });
  writeSynthetic(bigDir, FILES, models(join(root, 'knowledge')), join(root, 'knowledge'));
  console.log(`building a ${FILES}-file pack folder (minutes)…`);
  execFileSync(process.execPath, ['--max-old-space-size=8192', cli, 'build', bigDir, '-o', bigPack], { stdio: ['ignore', 'inherit', 'ignore'] });
}

const rows: string[] = [];
for (const [name, kb] of [
  ['sample (210 articles, single file)', samplePack],
  [`${FILES.toLocaleString('en')} files (pack folder)`, bigPack],
] as const) {
  const api = await startApi(kb);
  try {
    const r = await load(api.url);
    const rss = api.rssMB();
    console.log(
      `${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50.toFixed(1)} ms, p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors, ${rss.toFixed(0)} MB, ready in ${api.loadSeconds.toFixed(1)} s`,
    );
    rows.push(
      `| ${name} | ${r.requests} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.errors} | ${api.loadSeconds.toFixed(1)} | ${rss.toFixed(0)} |`,
    );
  } finally {
    api.child.kill('SIGTERM');
  }
}

writeFileSync(
  join(root, 'bench', 'results', 'api.md'),
  `## The answer API (api)

Command: \`npm run bench:api\` · ${machine()}. The real \`helpline api\` in its own process (one Node process: run one
per core behind a load balancer, it keeps no conversation state); ${CONCURRENCY} keep-alive clients in the bench's process
ask the ${questions.length} questions of tests/eval/crypto*.jsonl in turn for ${SECONDS} s per pack, each as a new
conversation. Latency is the client's, request sent to reply read. "Ready" is process start to \`/v1/health\` 200
(every language of a folder loaded); memory is the server's resident set after the run.

| pack | requests | requests/s | p50 ms | p99 ms | errors | ready s | RSS MB |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
${rows.join('\n')}
`,
);
console.log('wrote bench/results/api.md');
