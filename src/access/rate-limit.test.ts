/** The token bucket, on a clock the test moves by hand. */
import { RateLimiter } from './rate-limit';

describe('RateLimiter', () => {
  it('lets a burst of perMinute through, then refills continuously', () => {
    const limiter = new RateLimiter(60); // 60 per minute: one token per second
    const t0 = 1_000_000;
    const taken = Array.from({ length: 61 }, () => limiter.take('a', 1, t0));
    expect(taken.filter(Boolean)).toHaveLength(60); // the burst
    expect(taken[60]).toBe(false);
    expect(limiter.retryAfterSeconds('a', 1, t0)).toBe(1); // one token comes back in 1 s
    expect(limiter.take('a', 1, t0 + 500)).toBe(false); // half a token
    expect(limiter.take('a', 1, t0 + 1_000)).toBe(true); // 1 s: one token
    expect(limiter.take('a', 1, t0 + 1_000)).toBe(false);
    // No window edge: 30 s later exactly 30 tokens are back, not a fresh 60.
    const later = Array.from({ length: 31 }, () => limiter.take('a', 1, t0 + 31_000));
    expect(later.filter(Boolean)).toHaveLength(30);
  });

  it('keeps callers apart and charges a heavier request more', () => {
    const limiter = new RateLimiter(60);
    const t0 = 5_000_000;
    expect([limiter.take('key:x', 20, t0), limiter.take('key:x', 20, t0), limiter.take('key:x', 20, t0), limiter.take('key:x', 20, t0)]).toEqual([true, true, true, false]);
    expect(limiter.retryAfterSeconds('key:x', 20, t0)).toBe(20); // 20 tokens at one per second
    expect(limiter.take('key:y', 1, t0)).toBe(true); // another caller's bucket is full
  });
});
