/**
 * The analytics cache: territory graphs as loaded (projections) and the answers computed from them,
 * shared by every request of this process and keyed by the graph version (neo4j/graph-version.ts)
 * with the exact scope and filter. A write bumps the version, so nothing computed before it is read
 * again; old entries simply age out of the LRU. Bounded by an estimate of the memory its entries
 * hold, and by a maximum age (the bound on staleness if a version bump was ever lost).
 *
 * A computation under way is shared too: a dashboard's panels asking for the same zone graph at
 * once load it once.
 */
import { LRUCache } from 'lru-cache';
import type { Config } from '../../config';
import { metrics } from '../../metrics';

interface Entry {
  value: unknown;
  bytes: number;
}

export type CacheOutcome = 'hit' | 'miss' | 'joined';

export class AnalyticsCache {
  private readonly done: LRUCache<string, Entry>;
  private readonly running = new Map<string, Promise<unknown>>();

  constructor(maxBytes: number, maxAgeMs: number) {
    this.done = new LRUCache<string, Entry>({ maxSize: maxBytes, ttl: maxAgeMs, sizeCalculation: (e) => Math.max(1, Math.ceil(e.bytes)) });
  }

  /** The cached value of `key`, or `compute`'s, stored once it resolves; a failure is not kept. */
  get<T>(key: string, kind: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.done.get(key);
    if (hit) return this.counted(kind, 'hit', Promise.resolve(hit.value as T));
    const running = this.running.get(key);
    if (running) return this.counted(kind, 'joined', running as Promise<T>);
    const promise = compute().then(
      (value) => {
        this.running.delete(key);
        this.done.set(key, { value, bytes: approximateBytes(value) });
        return value;
      },
      (err: unknown) => {
        this.running.delete(key);
        throw err;
      },
    );
    this.running.set(key, promise);
    return this.counted(kind, 'miss', promise);
  }

  get size(): { entries: number; bytes: number } {
    return { entries: this.done.size, bytes: this.done.calculatedSize };
  }

  clear(): void {
    this.done.clear();
  }

  private counted<T>(kind: string, outcome: CacheOutcome, value: Promise<T>): Promise<T> {
    metrics.analyticsCacheLookups.inc({ kind, outcome });
    return value;
  }
}

/**
 * A rough size in bytes of what a value holds: what V8 keeps for numbers, strings, arrays and
 * objects, with long arrays, maps and sets measured on a sample of their items. It only has to
 * rank entries for the LRU and keep the total near the configured bound.
 */
export function approximateBytes(value: unknown, depth = 0): number {
  if (value === null || value === undefined || typeof value === 'number' || typeof value === 'boolean') return 8;
  if (typeof value === 'string') return 16 + 2 * value.length;
  if (typeof value !== 'object') return 16;
  if (depth > 8) return 64;
  if (ArrayBuffer.isView(value)) return 64 + value.byteLength;
  if (Array.isArray(value)) return 32 + 8 * value.length + sampled(value, depth);
  if (value instanceof Map) return 64 + 16 * value.size + sampled([...value.keys()], depth) + sampled([...value.values()], depth);
  if (value instanceof Set) return 64 + 16 * value.size + sampled([...value], depth);
  let bytes = 32;
  for (const [k, v] of Object.entries(value)) bytes += 8 + 2 * k.length + approximateBytes(v, depth + 1);
  return bytes;
}

const SAMPLE = 32;

function sampled(items: readonly unknown[], depth: number): number {
  const n = items.length;
  if (n === 0) return 0;
  const k = Math.min(n, SAMPLE);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += approximateBytes(items[Math.floor((i * n) / k)], depth + 1);
  return (sum * n) / k;
}

let processCache: AnalyticsCache | null | undefined;

/** The process's cache, made on first use from the configuration; null when ANALYTICS_CACHE_MB is 0. */
export function sharedAnalyticsCache(config: Pick<Config, 'ANALYTICS_CACHE_MB' | 'ANALYTICS_CACHE_MAX_AGE_MS'>): AnalyticsCache | null {
  if (processCache === undefined) {
    processCache = config.ANALYTICS_CACHE_MB > 0 ? new AnalyticsCache(config.ANALYTICS_CACHE_MB * 1024 * 1024, config.ANALYTICS_CACHE_MAX_AGE_MS) : null;
    if (processCache) metrics.watchAnalyticsCache(processCache);
  }
  return processCache;
}
