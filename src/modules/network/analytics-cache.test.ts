/** The analytics cache on its own: hits, shared computations, failures not kept, the memory bound. */
import { AnalyticsCache, approximateBytes } from './analytics-cache';

it('computes once, then answers from the cache; concurrent askers share one computation', async () => {
  const cache = new AnalyticsCache(1_000_000, 60_000);
  let runs = 0;
  const compute = async () => {
    runs += 1;
    await new Promise((r) => setTimeout(r, 10));
    return { figure: 42 };
  };
  const [a, b] = await Promise.all([cache.get('v1|graph|x', 'graph', compute), cache.get('v1|graph|x', 'graph', compute)]);
  expect(a).toBe(b);
  expect(await cache.get('v1|graph|x', 'graph', compute)).toBe(a);
  expect(runs).toBe(1); // one run for three askers
  await cache.get('v2|graph|x', 'graph', compute); // another graph version is another key
  expect(runs).toBe(2);
});

it('does not keep a failure: the next asker computes again', async () => {
  const cache = new AnalyticsCache(1_000_000, 60_000);
  await expect(cache.get('k|a', 'a', () => Promise.reject(new Error('timeout')))).rejects.toThrow('timeout');
  expect(await cache.get('k|a', 'a', () => Promise.resolve(7))).toBe(7);
  expect(cache.size.entries).toBe(1);
});

it('stays within its memory bound, dropping the least recently used', async () => {
  const cache = new AnalyticsCache(100_000, 60_000);
  const big = () => Promise.resolve(new Float64Array(4_000)); // 32,064 bytes each: three fit in 100,000
  for (const key of ['a', 'b', 'c', 'd']) await cache.get(`v|${key}`, 'x', big);
  expect(cache.size.entries).toBe(3);
  expect(cache.size.bytes).toBeLessThanOrEqual(100_000);
  let recomputed = false;
  await cache.get('v|a', 'x', () => {
    recomputed = true;
    return big();
  });
  expect(recomputed).toBe(true); // 'a' was the oldest
});

it('estimates sizes from what values hold, sampling long lists', () => {
  expect(approximateBytes(1)).toBe(8);
  expect(approximateBytes('abcd')).toBe(16 + 8);
  const edges = Array.from({ length: 10_000 }, (_, i) => ({ a: `s${String(i)}`, b: 'sX', strength: 1 }));
  const one = approximateBytes(edges[0]);
  // 32 for the array, 8 per slot, and 10,000 objects like the first (ids of 2–5 characters: within 6 bytes each)
  expect(Math.abs(approximateBytes(edges) - (32 + 8 * 10_000 + 10_000 * one))).toBeLessThan(10_000 * 6);
});
