/**
 * `npm run bench:relay`: handoffs per second that `helpline relay` holds (each acknowledged only after its
 * COMMIT), with p50/p99 latency, for BENCH_SECONDS (default 30) with BENCH_CLIENTS (default 32) clients
 * POSTing at once; then how long the relay takes to start again on the database that run left (PGlite
 * opens it and the store reads every conversation into memory). The relay runs as its own process; figures go to bench/results/relay.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, stats } from './machine.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);

function start(db: string): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', "import('./src/cli/main.ts').then((m) => m.main(process.argv.slice(1)))", 'relay', '--port', '0', '--db', db, '--rate', '0'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1], ms: performance.now() - t0 });
    });
    child.once('exit', (code) => reject(new Error(`relay exited with ${code}`)));
  });
}

const stop = (child: ChildProcess) => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM')));

function folderSize(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) if (e.isFile()) n += statSync(join(e.parentPath, e.name)).size;
  return n;
}

function handoff(id: string) {
  const at = new Date().toISOString();
  return JSON.stringify({
    id,
    reason: 'requested',
    priority: 'normal',
    team: 'withdrawals',
    lang: 'en',
    topic: 'withdrawal-pending',
    // a realistic transcript: six turns, ~1.5 KB
    transcript: Array.from({ length: 6 }, (_, i) => ({ role: i % 2 ? 'bot' : 'user', text: `my USDT withdrawal to my wallet has been pending for two hours, tx ${id}-${i}, what do I do?`.repeat(2), at })),
    live: true,
    createdAt: at,
  });
}

async function run(): Promise<void> {
  const db = mkdtempSync(join(tmpdir(), 'helpline-bench-relay-'));
  const relay = await start(db);
  const latencies: number[] = [];
  let failed = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const id = `c${c}-${i}`;
        const t = performance.now();
        const res = await fetch(`${relay.url}/v1/handoffs`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id }, body: handoff(id) });
        await res.arrayBuffer();
        if (res.status === 201) latencies.push(performance.now() - t);
        else failed++;
      }
    }),
  );
  await stop(relay.child);
  const size = folderSize(db);
  const again = await start(db);
  await stop(again.child);
  const s = stats(latencies);
  const perSecond = latencies.length / SECONDS;
  const md = `# bench:relay

\`npm run bench:relay\` (bench/relay.ts): \`helpline relay\` as its own process on its default database (PGlite, a
folder; each handoff one transaction, answered 201 after COMMIT), ${CLIENTS} clients POSTing handoffs of ~1.5 KB (six turns) to
\`/v1/handoffs\` for ${SECONDS} s, each with its own Idempotency-Key.

| store | handoffs/s held | p50 | p99 | failed | data folder after the run | restart on that folder |
| --- | --- | --- | --- | --- | --- | --- |
| PGlite (--db <folder>) | ${perSecond.toFixed(0)} | ${s.median.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${failed} | ${(size / 2 ** 20).toFixed(1)} MiB, ${latencies.length} handoffs | ${again.ms.toFixed(0)} ms (process start included) |

A PostgreSQL server (\`--db postgres://…\`) is not measured here. PGlite is a full PostgreSQL in WASM inside the
relay's process, one transaction per write, one at a time; its start includes PGlite's own boot.

Machine: ${machine()}. Run on ${new Date().toISOString().slice(0, 10)}.
`;
  writeFileSync(join(root, 'bench', 'results', 'relay.md'), md);
  process.stdout.write(md);
  rmSync(db, { recursive: true, force: true });
}

await run();
