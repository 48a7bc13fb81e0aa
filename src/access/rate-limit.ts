/**
 * A per-key rate limit (per client address without a key): a fixed one-minute window per caller,
 * in process memory. Behind several replicas each enforces its own share; a shared store (Redis)
 * would be the next step, not needed on one machine.
 */
export class RateLimiter {
  private windowStart = Date.now();
  private readonly counts = new Map<string, number>();

  constructor(private readonly perMinute: number) {}

  /** True when the caller may go ahead; counts the request. */
  take(caller: string, now = Date.now()): boolean {
    if (now - this.windowStart >= 60_000) {
      this.windowStart = now;
      this.counts.clear();
    }
    const used = (this.counts.get(caller) ?? 0) + 1;
    this.counts.set(caller, used);
    return used <= this.perMinute;
  }

  /** Seconds until the current window ends, for Retry-After. */
  retryAfterSeconds(now = Date.now()): number {
    return Math.max(1, Math.ceil((60_000 - (now - this.windowStart)) / 1000));
  }
}
