/**
 * What installing Helpline costs a user: packs the package as it would be published (`npm pack`, which builds
 * dist/ through `prepare`), installs the tarball with `--omit=dev` into an empty project in a temporary folder,
 * and measures node_modules (bytes on disk, package count, the largest packages). It then checks the installed
 * package works: `import` of each entry point, the `helpline` command, and the clear error of `require`.
 * Writes bench/results/install.md and reassembles bench/RESULTS.md. Run: npm run bench:install
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine } from './machine.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Targets from issue 15: an `--omit=dev` install of the tarball. */
const TARGET_MB = 20;
const GOAL_MB = 10;
const TARGET_PACKAGES = 20;

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
const mb = (bytes: number) => (bytes / 1e6).toFixed(1);

/** Bytes of the files under a folder (their length, as `du --apparent-size` counts), links not followed. */
function sizeOf(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += sizeOf(path);
    else if (entry.isFile()) total += lstatSync(path).size;
  }
  return total;
}

const work = mkdtempSync(join(tmpdir(), 'helpline-bench-install-'));
try {
  console.log('… npm pack (builds dist/ through prepare)');
  const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', work], root)) as {
    filename: string;
    size: number;
    unpackedSize: number;
    entryCount: number;
  }[];
  const tarball = join(work, packed[0].filename);

  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'install-bench', version: '1.0.0', private: true, type: 'module' }));
  console.log(`… npm install --omit=dev ${packed[0].filename}`);
  const started = performance.now();
  // --prefer-offline: packages already in npm's cache are not fetched again.
  npm(['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
  const seconds = (performance.now() - started) / 1000;

  const modules = join(app, 'node_modules');
  const lock = JSON.parse(readFileSync(join(modules, '.package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dev?: boolean }> };
  const installed = Object.entries(lock.packages).filter(([path]) => path.startsWith('node_modules/'));
  const total = sizeOf(modules);
  // What the disk gives it, in whole blocks, as `du` counts (more than the files' bytes: many small files).
  const disk = Number(execFileSync('du', ['-sk', modules], { encoding: 'utf8' }).split('\t')[0]) * 1024;
  const sizes = installed
    .map(([path, p]) => ({ name: path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length), version: p.version ?? '', path, bytes: 0 }))
    .map((p) => ({
      ...p,
      bytes: sizeOf(join(app, p.path)) - installed.filter(([q]) => q !== p.path && q.startsWith(p.path + '/')).reduce((s, [q]) => s + sizeOf(join(app, q)), 0),
    }))
    .sort((a, b) => b.bytes - a.bytes);

  // The installed package works as a user meets it.
  const node = (code: string) => execFileSync(process.execPath, ['--input-type=module', '-e', code], { cwd: app, encoding: 'utf8' }).trim();
  const checks: string[] = [];
  node("const h = await import('helpline'); if (typeof h.createBot !== 'function' || typeof h.loadPack !== 'function') throw new Error('no createBot');");
  checks.push("`import { createBot, loadPack } from 'helpline'`");
  node("const n = await import('helpline/node'); if (typeof n.buildPack !== 'function') throw new Error('no buildPack');");
  checks.push("`import { buildPack } from 'helpline/node'`");
  node(
    "import { createRequire } from 'node:module'; const r = createRequire(import.meta.url); for (const p of ['helpline/helpline.js', 'helpline/knowledge-format.schema.json', 'helpline/package.json', 'helpline/knowledge/intents.yml']) r.resolve(p);",
  );
  checks.push('`helpline/helpline.js`, `helpline/knowledge-format.schema.json`, `helpline/package.json` and `helpline/knowledge/*` resolve');
  const required = node(
    "import { createRequire } from 'node:module'; try { createRequire(import.meta.url)('helpline'); console.log('loaded') } catch (e) { console.log(e.message) }",
  );
  if (!/helpline is an ES module/.test(required)) throw new Error(`require('helpline') should explain that helpline is an ES module, got: ${required}`);
  checks.push(`\`require('helpline')\` throws "${required.split(':')[0]}: …"`);
  const version = execFileSync(process.execPath, [join(modules, 'helpline', 'bin', 'helpline.js'), '--version'], { cwd: app, encoding: 'utf8' }).trim();
  checks.push(`\`npx helpline --version\` prints ${version}`);

  const met = (value: number, target: number) => (value <= target ? 'met' : '**not met**');
  const count = installed.length;
  const md = `## Install: what \`npm install helpline\` costs

Command: \`npm run bench:install\` · ${machine()}

\`npm pack\` of this tree (built by \`prepare\`), then \`npm install --omit=dev <tarball>\` into an empty project
(${seconds.toFixed(1)} s, npm's cache warm).

| | figure | target |
| --- | ---: | --- |
| tarball | ${(packed[0].size / 1e6).toFixed(2)} MB, ${packed[0].entryCount} files (${mb(packed[0].unpackedSize)} MB unpacked) | |
| node_modules | **${mb(total)} MB** of files (${mb(disk)} MB on disk, as \`du\` counts) | ≤ ${TARGET_MB} MB: ${met(disk / 1e6, TARGET_MB)}; goal ${GOAL_MB} MB: ${met(disk / 1e6, GOAL_MB)} |
| packages | **${count}** (helpline and ${count - 1} dependencies) | ≤ ${TARGET_PACKAGES}: ${met(count, TARGET_PACKAGES)} |

Largest packages (MB of files, nested dependencies counted apart): ${sizes
    .slice(0, 8)
    .map((p) => `${p.name} ${p.version} ${mb(p.bytes)}`)
    .join(', ')}.

Checked on the installed copy: ${checks.join('; ')}.
`;
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'install.md'), md);
  console.log(`\n${md}`);
  console.log(`installed size ${mb(total)} MB (${mb(disk)} MB on disk), ${count} packages`);
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'index.ts'), '--assemble'], { cwd: root, stdio: 'inherit' });
  if (disk / 1e6 > TARGET_MB || count > TARGET_PACKAGES) process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
