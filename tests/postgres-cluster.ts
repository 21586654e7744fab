/**
 * A throwaway PostgreSQL cluster from Debian's packages (/usr/lib/postgresql/<version>/bin) for tests:
 * initdb into a temp folder, postgres on a free port of 127.0.0.1 with its socket in that folder, stopped and
 * removed after. Tests run it with fsync off (they test behaviour, not durability); bench:relay with fsync on. PostgreSQL refuses to run as root, so as root both run as `nobody`. Without the packages
 * the suite is skipped, unless REQUIRE_DB=1 (CI), where it fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Cluster {
  url: string;
  stop(): Promise<void>;
}

/** The newest installed server's bin folder, or undefined. */
export function postgresBin(): string | undefined {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return undefined;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'postgres')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(base, versions[0], 'bin') : undefined;
}

/** Whether the PostgreSQL suites run: they must when REQUIRE_DB=1, so a missing server fails them. */
export const havePostgres = Boolean(postgresBin()) || process.env.REQUIRE_DB === '1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) => Number(spawnSync('id', [flag, 'nobody'], { encoding: 'utf8' }).stdout.trim());
  return { uid: id('-u'), gid: id('-g') };
}

export async function startCluster(options: { fsync?: boolean } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/postgres); CI installs Debian's postgresql");
  const dir = mkdtempSync(join(tmpdir(), 'helpline-pg-'));
  const user = runAs();
  if (user) chownSync(dir, user.uid, user.gid);
  const data = join(dir, 'data');
  const init = spawnSync(join(bin, 'initdb'), ['-D', data, '-U', 'helpline', '--auth=trust', '-E', 'UTF8', '--no-sync'], { ...user, encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`initdb failed (${init.status}): ${init.stderr || init.error}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', `fsync=${options.fsync ? 'on' : 'off'}`],
    { ...user, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on('data', (d) => {
      log += d;
      if (/ready to accept connections/.test(log)) resolve();
    });
    void exited.then(() => reject(new Error(`postgres exited before it was ready: ${log}`)));
  });
  return {
    url: `postgresql://helpline@127.0.0.1:${port}/postgres`,
    async stop() {
      child.kill('SIGINT'); // fast shutdown
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
