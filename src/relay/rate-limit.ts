/**
 * A token bucket per client: `perMinute` requests a minute, bursts up to the same number. Buckets that have
 * refilled are forgotten, so a flood of addresses cannot grow memory without bound.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private sweepAt = 0;

  constructor(private readonly perMinute: number) {}

  /** True when the client may make a request now. */
  take(client: string, now = Date.now()): boolean {
    if (this.perMinute <= 0) return true;
    const rate = this.perMinute / 60_000;
    const b = this.buckets.get(client) ?? { tokens: this.perMinute, at: now };
    b.tokens = Math.min(this.perMinute, b.tokens + (now - b.at) * rate);
    b.at = now;
    const ok = b.tokens >= 1;
    if (ok) b.tokens -= 1;
    this.buckets.set(client, b);
    if (now > this.sweepAt) this.sweep(now, rate);
    return ok;
  }

  private sweep(now: number, rate: number): void {
    this.sweepAt = now + 60_000;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) * rate >= this.perMinute) this.buckets.delete(k);
  }
}
