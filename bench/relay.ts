/**
 * `npm run bench:relay`: handoffs per second that `helpline relay` holds (each acknowledged only after its
 * COMMIT), with p50/p99 latency, for BENCH_SECONDS (default 30) with BENCH_CLIENTS (default 32) clients
 * POSTing at once; then how long the relay takes to start again on the database that run left (the store reads
 * every conversation into memory). Once on the embedded database (PGlite, a folder) and, when Debian's
 * PostgreSQL is installed (tests/postgres-cluster.ts; BENCH_POSTGRES=0 skips it), on a PostgreSQL server on this
 * machine: with its default durability (fsync on: a COMMIT is on the disk), and with fsync off (a COMMIT is in the
 * operating system's hands, as PGlite's is: its Node file system has no fsync). The relay runs as its own
 * process; figures go to bench/results/relay.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, statSync, writeFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { machine, stats } from './machine.js';
import { postgresBin, startCluster } from '../tests/postgres-cluster.js';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32);

function start(db: string): Promise<{ child: ChildProcess; url: string; ms: number }> {
  const t0 = performance.now();
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '-e', "import('./src/cli/main.ts').then((m) => m.main(process.argv.slice(1)))", 'relay', '--port', '0', '--db', db, '--rate', '0'],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
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

async function databaseSize(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  } finally {
    await client.end();
  }
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
    transcript: Array.from({ length: 6 }, (_, i) => ({
      role: i % 2 ? 'bot' : 'user',
      text: `my USDT withdrawal to my wallet has been pending for two hours, tx ${id}-${i}, what do I do?`.repeat(2),
      at,
    })),
    live: true,
    createdAt: at,
  });
}

/** One store: the burst, the size it left, the restart on it; a table row. */
async function measure(label: string, db: string, size: () => Promise<number>): Promise<string> {
  const relay = await start(db);
  const latencies: number[] = [];
  let failed = 0;
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; Date.now() < end; i++) {
        const id = `c${c}-${i}`;
        const t = performance.now();
        const res = await fetch(`${relay.url}/v1/handoffs`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': id },
          body: handoff(id),
        });
        await res.arrayBuffer();
        if (res.status === 201) latencies.push(performance.now() - t);
        else failed++;
      }
    }),
  );
  await stop(relay.child);
  const bytes = await size();
  const again = await start(db);
  await stop(again.child);
  const s = stats(latencies);
  const row = `| ${label} | ${(latencies.length / SECONDS).toFixed(0)} | ${s.median.toFixed(1)} ms | ${s.p99.toFixed(1)} ms | ${failed} | ${(bytes / 2 ** 20).toFixed(1)} MiB, ${latencies.length} handoffs | ${again.ms.toFixed(0)} ms (process start included) |`;
  process.stdout.write(row + '\n');
  return row;
}

async function run(): Promise<void> {
  const loadAtStart = loadavg()[0];
  const folder = mkdtempSync(join(tmpdir(), 'helpline-bench-relay-'));
  const rows = [await measure('PGlite (`--db <folder>`)', folder, async () => folderSize(folder))];
  rmSync(folder, { recursive: true, force: true });
  const bin = process.env.BENCH_POSTGRES === '0' ? undefined : postgresBin();
  let version = '';
  if (bin) {
    version = bin.split('/').at(-2) ?? '';
    for (const fsync of [true, false]) {
      const cluster = await startCluster({ fsync });
      try {
        rows.push(
          await measure(`PostgreSQL ${version} server (\`--db postgres://…\`), fsync ${fsync ? 'on (its default)' : 'off'}`, cluster.url, () =>
            databaseSize(cluster.url),
          ),
        );
      } finally {
        await cluster.stop();
      }
    }
  }
  const md = `## The relay's store (relay)

\`npm run bench:relay\` (bench/relay.ts): \`helpline relay\` as its own process, ${CLIENTS} clients POSTing handoffs of
~1.5 KB (six turns) to \`/v1/handoffs\` for ${SECONDS} s, each with its own Idempotency-Key; each handoff is one
transaction, answered 201 after its COMMIT. Then the relay is stopped and started again on what the run left
(it reads every conversation into memory).${SECONDS < 30 ? ` BENCH_SECONDS=${SECONDS}: shorter than the 30 s default, because the machine was busy (load ${loadAtStart.toFixed(1)} at the start).` : ''}

| store | handoffs/s held | p50 | p99 | failed | data after the run | restart on it |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

PGlite is a full PostgreSQL in WASM inside the relay's process, one transaction per write, one at a time; its
start includes PGlite's own boot. **PGlite does not fsync**: its Node file system (Emscripten's NODEFS) has no
fsync, so a COMMIT has reached the operating system, not the disk. An acknowledged handoff survives the relay's
crash (\`kill -9\`, tests/unit/relay-crash.test.ts) but not the machine's (power loss, kernel panic).
${bin ? `The server is Debian's PostgreSQL ${version} on this machine (tests/postgres-cluster.ts: a fresh cluster on 127.0.0.1, \`synchronous_commit=on\`), reached through \`pg\`, sharing the machine's two cores with the relay and the clients; its size is \`pg_database_size\` (the catalog included). With fsync on, every COMMIT waits for the disk: the durable choice. With fsync off it keeps PGlite's promise, for a like-for-like comparison.` : 'A PostgreSQL server was not measured in this run (no /usr/lib/postgresql/*/bin/postgres, or BENCH_POSTGRES=0).'} The relay's writes run one at a time on either store.

For comparison, the deleted append-only file store (fsync with group commit) held 650 handoffs/s, p50 35.8 ms,
p99 238.5 ms, restart 2.3 s (30 s run, an earlier day, lower load).

Machine: ${machine()}. Run on ${new Date().toISOString().slice(0, 10)}.
`;
  writeFileSync(join(root, 'bench', 'results', 'relay.md'), md);
  process.stdout.write(md);
}

await run();
