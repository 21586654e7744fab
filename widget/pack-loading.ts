import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Pack } from 'helpline';
import { nextTask } from '../src/internal.js';
import { fetchPack } from './pack-loader.js';
import { visitorLanguages } from './pack-language.js';

export type Status = 'idle' | 'loading' | 'ready' | 'error';

/** What the element says about where its answers come from, and where the loading shows. */
export interface PackHost extends ReactiveControllerHost {
  /** the pack's URL (`pack` attribute) */
  pack: string;
  /** a `helpline api` URL: no pack is downloaded */
  api: string;
  /** a pack given as an object */
  packData?: Pack;
  /** the UI language attribute: which of a folder's languages to fetch first */
  lang: string;
  /** downloads the script-tag loader started */
  preloaded?: Map<string, Promise<string>>;
  status: Status;
  progress: { done: number; total: number } | undefined;
}

/**
 * Getting the bot ready, once: the pack downloaded (or given, or none with `api`), then `start(pack)` builds the
 * bot. `status` and `progress` on the element say how far it got; a failed load may be tried again.
 */
export class PackLoading implements ReactiveController {
  private pending?: Promise<void>;

  constructor(
    private readonly host: PackHost,
    /** builds the bot: from the pack, or with no pack for `api` */
    private readonly start: (pack: Pack | undefined) => void,
    /** the bot is ready: questions asked meanwhile can be answered */
    private readonly ready: () => void,
    /** readies answering in the visitor's language (its search index), in a task between building and answering */
    private readonly prepare: () => Promise<void>,
  ) {
    host.addController(this);
  }

  hostConnected(): void {}

  /** Resolves when ready or failed; callers during loading wait for the same load. */
  load(): Promise<void> {
    if (this.host.status !== 'loading' || !this.pending) this.pending = this.run();
    return this.pending;
  }

  private async run(): Promise<void> {
    const host = this.host;
    host.status = 'loading';
    try {
      if (host.api && !host.packData) this.start(undefined);
      else {
        const pack =
          host.packData ??
          (await fetchPack(host.pack, {
            languages: visitorLanguages(host.lang),
            preloaded: host.preloaded,
            onProgress: (done, total) => (host.progress = { done, total }),
          }));
        // A downloaded pack: building the bot, loading its index and answering are long, each gets a task of its
        // own so the page can paint between.
        if (!host.packData) await nextTask();
        this.start(pack);
        // A pack given as an object answers at once; its index builds meanwhile (for search-as-you-type).
        if (host.packData) void this.prepare();
        else {
          await nextTask();
          await this.prepare();
          await nextTask();
        }
      }
      host.status = 'ready';
      this.ready();
    } catch (e) {
      console.error('helpline: could not load the pack', e);
      host.status = 'error';
    }
  }
}
