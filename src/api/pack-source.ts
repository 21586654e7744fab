/**
 * The pack behind `helpline api`: loaded once per process, every language of a folder at once (a server
 * answers everyone), and swapped for a new one when the pack file or folder changes. A request takes the
 * current pack when it starts and keeps it to the end, so a swap never changes a reply half way.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { watch as chokidar, type FSWatcher } from 'chokidar';
import { loadKnowledge } from '../node/index.js';
import { MANIFEST_FILE } from '../pack/pack-folder.js';
import type { Pack } from '../pack/pack.js';

export interface PackSource {
  /** The pack now; undefined until the first load has finished. */
  readonly current: Pack | undefined;
  /** Resolves when the first pack is loaded (rejects if it cannot be). */
  readonly ready: Promise<Pack>;
  close(): Promise<void>;
}

export interface PackSourceOptions {
  /** Watch the pack and swap in a new one when it changes (default true for a pack file or folder). */
  watch?: boolean;
  /** How long to wait after a change for the rest of a build to land. */
  debounceMs?: number;
  /** A new pack was swapped in, or a changed pack could not be read (the old one keeps answering). */
  onReload?: (result: { pack?: Pack; error?: Error }) => void;
}

/** A pack folder with every language loaded: the server should not download on a visitor's first question. */
async function loadAll(path: string): Promise<Pack> {
  const pack = loadKnowledge(path);
  if (pack.folder) await Promise.all(pack.data.languages.map((l) => pack.folder!.load(l)));
  return pack;
}

/**
 * What to watch for a pack path: a folder's manifest is written last (atomically, with the folder renamed in),
 * so the parent directory is watched; a pack file's directory too (editors and builds save by rename).
 */
function watchTarget(path: string): { dir: string; name: string } {
  const full = resolve(path);
  return basename(full) === MANIFEST_FILE ? { dir: dirname(dirname(full)), name: basename(dirname(full)) } : { dir: dirname(full), name: basename(full) };
}

export function openPackSource(path: string, options: PackSourceOptions = {}): PackSource {
  let current: Pack | undefined;
  const isKnowledgeFolder = statSync(path).isDirectory() && !existsSync(join(path, MANIFEST_FILE));
  const ready = loadAll(path).then((p) => (current = p));
  // Awaited by whoever starts the server; a process that never asks must not crash on the rejection.
  ready.catch(() => {});
  let watcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  let loading: Promise<void> = Promise.resolve();
  // A knowledge folder is compiled once at start (seconds to minutes): serve a built pack to get hot swaps.
  if ((options.watch ?? true) && !isKnowledgeFolder) {
    const { dir, name } = watchTarget(path);
    watcher = chokidar(dir, {
      ignoreInitial: true,
      depth: 1,
      ignored: (p: string) => p !== dir && !basename(p).startsWith(name) && basename(dirname(p)) !== name,
    });
    const reload = () => {
      loading = loading.then(async () => {
        try {
          const pack = await loadAll(path);
          if (pack.hash === current?.hash) return;
          current = pack;
          options.onReload?.({ pack });
        } catch (error) {
          // Half-written or damaged: keep answering from the pack we have; the next change tries again.
          options.onReload?.({ error: error as Error });
        }
      });
    };
    watcher.on('all', () => {
      clearTimeout(timer);
      timer = setTimeout(reload, options.debounceMs ?? 200);
    });
  }
  return {
    get current() {
      return current;
    },
    ready,
    async close() {
      clearTimeout(timer);
      await watcher?.close();
      await loading;
    },
  };
}
