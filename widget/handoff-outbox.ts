/**
 * Delivers handoffs to the exchange's webhook (`data-handoff-url`) and never loses one: each is kept in
 * localStorage until the server accepts it, retried with exponential backoff, and re-sent after a reload.
 * The handoff's id is the Idempotency-Key, so a retry after a lost response cannot create two tickets.
 */
export class HandoffOutbox {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private attempt = 0;
  private sending = false;

  constructor(
    private readonly url: string,
    private readonly key = 'helpline:outbox',
    private readonly options: { baseDelay?: number; maxDelay?: number; fetch?: typeof fetch } = {},
  ) {}

  /** Queues a handoff (secrets already redacted) and tries to send everything pending. */
  send(payload: { id: string }): Promise<void> {
    const pending = this.pending().filter((p) => p.id !== payload.id);
    this.store([...pending, payload]);
    return this.flush();
  }

  /** Handoffs not yet accepted by the server. */
  pending(): { id: string }[] {
    try {
      const list = JSON.parse(localStorage.getItem(this.key) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  }

  /** Sends what is pending, oldest first; on failure schedules a retry. */
  async flush(): Promise<void> {
    if (this.sending) return;
    this.sending = true;
    clearTimeout(this.timer);
    try {
      for (const item of this.pending()) {
        const res = await (this.options.fetch ?? fetch)(this.url, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Idempotency-Key': item.id },
          body: JSON.stringify(item),
          keepalive: true,
        });
        // 4xx other than 408/429 will never succeed: drop it rather than retry forever.
        if (!res.ok && (res.status >= 500 || res.status === 408 || res.status === 429)) throw new Error(`HTTP ${res.status}`);
        this.store(this.pending().filter((p) => p.id !== item.id));
      }
      this.attempt = 0;
    } catch {
      const { baseDelay = 1000, maxDelay = 60_000 } = this.options;
      const delay = Math.min(maxDelay, baseDelay * 2 ** this.attempt++);
      this.timer = setTimeout(() => void this.flush(), delay);
    } finally {
      this.sending = false;
    }
  }

  /** Stops retrying (the element was removed). */
  stop(): void {
    clearTimeout(this.timer);
  }

  private store(list: { id: string }[]): void {
    try {
      localStorage.setItem(this.key, JSON.stringify(list));
    } catch {
      /* storage denied: the in-flight attempt is all we can do */
    }
  }
}
