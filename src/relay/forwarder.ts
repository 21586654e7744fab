/**
 * Forwards the store's jobs to the helpdesk webhook, signed (`X-Helpline-Signature: t=…,v1=…`, the scheme of
 * src/node/webhook.ts) with the job's number as Idempotency-Key, oldest first. A failed delivery is retried
 * with exponential backoff capped at `maxDelay`, for as long as it takes: a helpdesk down for a day gets
 * everything once it is back, and a restart resumes from the store. Jobs of one conversation keep their
 * order: a conversation's later jobs wait for its first.
 */
import { signWebhook, SIGNATURE_HEADER } from '../node/webhook.js';
import type { Job, RelayStore } from './store.js';

export interface ForwarderOptions {
  url: string;
  secret: string;
  baseDelay?: number;
  maxDelay?: number;
  /** per attempt */
  timeout?: number;
  log?: (line: string) => void;
}

export class Forwarder {
  private timer?: ReturnType<typeof setTimeout>;
  private running = false;
  private again = false;
  private stopped = false;
  /** seq → attempts so far and when the next may start */
  private readonly backoff = new Map<number, { attempts: number; next: number }>();

  constructor(
    private readonly store: RelayStore,
    private readonly options: ForwarderOptions,
  ) {
    if (!options.secret) throw new Error('forwarding to a helpdesk needs a secret to sign with (HELPLINE_WEBHOOK_SECRET)');
  }

  /** Something new was stored: deliver it (and anything due). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async run(): Promise<void> {
    this.running = true;
    clearTimeout(this.timer);
    try {
      do {
        this.again = false;
        const blocked = new Set<string>();
        const due: Job[] = [];
        const now = Date.now();
        for (const job of this.store.pending()) {
          if (blocked.has(job.conversation)) continue;
          blocked.add(job.conversation); // one at a time per conversation: order kept
          if ((this.backoff.get(job.seq)?.next ?? 0) <= now) due.push(job);
        }
        const delivered: number[] = [];
        // conversations in parallel (bounded), each conversation's jobs in order
        for (let i = 0; i < due.length && !this.stopped; i += 8) {
          const batch = due.slice(i, i + 8);
          const ok = await Promise.all(batch.map((j) => this.deliver(j)));
          batch.forEach((j, k) => ok[k] && delivered.push(j.seq));
        }
        if (delivered.length) {
          await this.store.done(delivered);
          this.again = true; // the next job of each of those conversations may go now
        }
      } while (this.again && !this.stopped);
    } catch (e) {
      // the store could not record a delivery (disk full?): those jobs go again later; the helpdesk dedupes
      this.options.log?.(`relay: could not record forwarded jobs: ${(e as Error).message}; retrying`);
      if (!this.stopped) this.timer = setTimeout(() => this.kick(), this.options.maxDelay ?? 5 * 60_000);
      return;
    } finally {
      this.running = false;
    }
    this.schedule();
  }

  /** Wakes up when the earliest failed job is due again. */
  private schedule(): void {
    if (this.stopped) return;
    const pending = new Set(this.store.pending().map((j) => j.seq));
    for (const seq of this.backoff.keys()) if (!pending.has(seq)) this.backoff.delete(seq);
    const next = Math.min(...[...this.backoff.values()].map((b) => b.next));
    if (Number.isFinite(next)) this.timer = setTimeout(() => this.kick(), Math.max(0, next - Date.now()));
  }

  private async deliver(job: Job): Promise<boolean> {
    const body = JSON.stringify({ type: job.kind, ...job.body });
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': `helpline-${job.conversation}-${job.seq}`,
          [SIGNATURE_HEADER]: signWebhook(body, this.options.secret),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeout ?? 15_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) {
        this.backoff.delete(job.seq);
        return true;
      }
      this.failed(job, `HTTP ${res.status}`);
    } catch (e) {
      this.failed(job, (e as Error).message);
    }
    return false;
  }

  private failed(job: Job, why: string): void {
    const { baseDelay = 1000, maxDelay = 5 * 60_000 } = this.options;
    const b = this.backoff.get(job.seq) ?? { attempts: 0, next: 0 };
    b.attempts++;
    // full jitter on the upper half: many relays retrying the same helpdesk do not come back in step
    const delay = Math.min(maxDelay, baseDelay * 2 ** Math.min(b.attempts - 1, 30));
    b.next = Date.now() + delay / 2 + (Math.random() * delay) / 2;
    this.backoff.set(job.seq, b);
    if (b.attempts === 1 || b.attempts % 10 === 0)
      this.options.log?.(
        `relay: forwarding ${job.kind} of ${job.conversation} failed (${why}), attempt ${b.attempts}; retrying, at most every ${maxDelay / 1000} s`,
      );
  }
}
