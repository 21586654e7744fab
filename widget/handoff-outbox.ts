/**
 * Delivers handoffs to the exchange's webhook (`data-handoff-url`) or the relay and never loses one: each is
 * kept in localStorage until the server accepts it, retried with exponential backoff, and re-sent after a
 * reload. The handoff's id is the Idempotency-Key, so a retry after a lost response cannot create two tickets.
 *
 * Each handoff has a key of its own (`<prefix>:<id>`): two tabs writing one shared list overwrite each
 * other's additions (browsers sync localStorage between processes lazily), separate keys cannot.
 */
export type Delivery = 'sending' | 'retrying' | 'delivered' | 'failed';

export interface DeliveryResult {
  id: string;
  delivery: Delivery;
  /** the HTTP status of the last attempt (absent for a network error or timeout) */
  status?: number;
  /** the server's JSON answer once delivered (the relay's conversation and token) */
  body?: unknown;
}

export interface OutboxOptions {
  baseDelay?: number;
  maxDelay?: number;
  /** an attempt that has not answered after this many ms is aborted and retried */
  timeout?: number;
  fetch?: typeof fetch;
  /** extra request headers (the relay's visitor token) */
  headers?: Record<string, string>;
  /** where one item goes, when not to the outbox's URL */
  path?: (item: { id: string }) => string;
  onResult?: (result: DeliveryResult) => void;
}

/** Browsers refuse `keepalive` bodies over 64 KiB in total: bigger ones go as ordinary requests. */
export const KEEPALIVE_MAX = 60 * 1024;

type Item = { id: string; queuedAt?: number };

export class HandoffOutbox {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private sending = false;
  private again = false;
  private stopped = false;
  /** handoffs kept here when storage is denied (privacy modes): delivered while the page lives */
  private readonly memory = new Map<string, Item>();

  constructor(
    private readonly url: string,
    private readonly prefix = 'helpline:outbox',
    private readonly options: OutboxOptions = {},
  ) {
    this.migrate();
    globalThis.addEventListener?.('online', this.online);
  }

  /** Back online: what is pending goes now, not after the backoff's next wait (up to a minute). */
  private readonly online = () => {
    if (this.stopped || !this.pending().length) return;
    this.attempt = 0;
    void this.flush();
  };

  /** Queues a handoff (secrets already redacted) and tries to send everything pending. */
  send(payload: { id: string }): Promise<void> {
    this.stopped = false;
    this.write(payload.id, { ...payload, queuedAt: Date.now() });
    this.options.onResult?.({ id: payload.id, delivery: 'sending' });
    return this.flush();
  }

  /** Handoffs not yet accepted by the server, oldest first. */
  pending(): { id: string }[] {
    const items: Item[] = [...this.memory.values()];
    for (const key of this.keys()) {
      try {
        const item = JSON.parse(localStorage.getItem(key) ?? 'null');
        if (item && typeof item.id === 'string') items.push(item);
      } catch {
        /* a corrupt entry cannot be sent; it stays for a human to look at */
      }
    }
    return items.sort((a, b) => (a.queuedAt ?? 0) - (b.queuedAt ?? 0)).map(({ queuedAt: _, ...item }) => item as { id: string });
  }

  /**
   * Sends what is pending, oldest first. A failing handoff does not hold back the others; a call made while
   * a round is under way makes another round after it, so nothing waits for a reload.
   */
  async flush(): Promise<void> {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    clearTimeout(this.timer);
    let failed = false;
    try {
      do {
        this.again = false;
        for (const item of this.pending()) {
          if (this.stopped) return;
          if (!(await this.deliver(item))) failed = true;
        }
      } while (this.again && !this.stopped);
    } finally {
      this.sending = false;
    }
    if (failed && !this.stopped) {
      const { baseDelay = 1000, maxDelay = 60_000 } = this.options;
      const delay = Math.min(maxDelay, baseDelay * 2 ** this.attempt++);
      this.timer = setTimeout(() => void this.flush(), delay);
    } else if (!failed) this.attempt = 0;
  }

  /** One attempt; false when it should be tried again later. */
  private async deliver(item: { id: string }): Promise<boolean> {
    const body = JSON.stringify(item);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.options.timeout ?? 15_000);
    const report = (r: Omit<DeliveryResult, 'id'>) => this.options.onResult?.({ id: item.id, ...r });
    try {
      const res = await (this.options.fetch ?? fetch)(this.options.path?.(item) ?? this.url, {
        method: 'POST',
        headers: { ...this.options.headers, 'Content-Type': 'application/json', 'Idempotency-Key': item.id },
        body,
        // keepalive lets a handoff made just before the user leaves still go out, but only small bodies may use it
        keepalive: new TextEncoder().encode(body).length <= KEEPALIVE_MAX,
        signal: controller.signal,
      });
      if (res.ok) {
        this.remove(item.id);
        report({ delivery: 'delivered', status: res.status, body: await res.json().catch(() => undefined) });
        return true;
      }
      // 4xx other than 408/429 will never succeed: the user is told, rather than kept waiting forever.
      if (res.status < 500 && res.status !== 408 && res.status !== 429) {
        this.remove(item.id);
        report({ delivery: 'failed', status: res.status });
        return true;
      }
      report({ delivery: 'retrying', status: res.status });
    } catch {
      report({ delivery: 'retrying' });
    } finally {
      clearTimeout(timer);
    }
    return false;
  }

  /** Stops retrying (the element was removed). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    globalThis.removeEventListener?.('online', this.online);
  }

  private keys(): string[] {
    const keys: string[] = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const key = localStorage.key(i);
        if (key?.startsWith(this.prefix + ':')) keys.push(key);
      }
    } catch {
      /* storage denied */
    }
    return keys;
  }

  private write(id: string, item: Item): void {
    try {
      localStorage.setItem(`${this.prefix}:${id}`, JSON.stringify(item));
    } catch {
      this.memory.set(id, item);
    }
  }

  private remove(id: string): void {
    this.memory.delete(id);
    try {
      localStorage.removeItem(`${this.prefix}:${id}`);
    } catch {
      /* storage denied */
    }
  }

  /** Earlier versions kept one list under the prefix itself: its handoffs move to their own keys. */
  private migrate(): void {
    try {
      const legacy = localStorage.getItem(this.prefix);
      if (legacy === null) return;
      const list = JSON.parse(legacy);
      if (Array.isArray(list)) for (const item of list) if (item && typeof item.id === 'string') this.write(item.id, item);
      localStorage.removeItem(this.prefix);
    } catch {
      /* unreadable: leave it */
    }
  }
}
