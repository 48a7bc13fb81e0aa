/**
 * Rate limiting per caller, after authentication: a verified key is limited by its key id, and a
 * request without a valid key by its client address (so invented keys share their sender's budget
 * and nobody can spend someone else's by presenting a prefix of their key).
 *
 * A token bucket per caller: it holds at most `perMinute` tokens (the burst) and refills
 * continuously at `perMinute` per minute, so there is no window edge where twice the rate passes.
 * In process memory: behind several replicas each enforces its own share (docs/security.md).
 */
export interface Bucket {
  tokens: number;
  at: number;
}

/** Buckets kept at most; past this, full ones (idle callers) are dropped first. */
const MAX_BUCKETS = 50_000;

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(private readonly perMinute: number) {
    this.perMs = perMinute / 60_000;
  }

  /** True when the caller may go ahead; takes `cost` tokens (an export costs more than a query). */
  take(caller: string, cost = 1, now = Date.now()): boolean {
    const bucket = this.refilled(caller, now);
    if (bucket.tokens < cost) return false;
    bucket.tokens -= cost;
    return true;
  }

  /** Seconds until `cost` tokens are there again, for Retry-After. */
  retryAfterSeconds(caller: string, cost = 1, now = Date.now()): number {
    const bucket = this.refilled(caller, now);
    return Math.max(1, Math.ceil((cost - bucket.tokens) / this.perMs / 1000));
  }

  private refilled(caller: string, now: number): Bucket {
    let bucket = this.buckets.get(caller);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.prune(now);
      bucket = { tokens: this.perMinute, at: now };
      this.buckets.set(caller, bucket);
      return bucket;
    }
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.perMs);
    bucket.at = now;
    return bucket;
  }

  /** Drops the buckets that have refilled (their callers are idle); if none has, the oldest half. */
  private prune(now: number): void {
    for (const [caller, b] of this.buckets) if (b.tokens + (now - b.at) * this.perMs >= this.perMinute) this.buckets.delete(caller);
    if (this.buckets.size < MAX_BUCKETS) return;
    let drop = this.buckets.size / 2;
    for (const caller of this.buckets.keys()) {
      if (drop-- <= 0) break;
      this.buckets.delete(caller);
    }
  }
}
