/** Summaries of timings, shared by the harness and the writers' rows. */

/** The p-th percentile (nearest rank) of the samples; 0 with none. */
export const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

/** The middle value; of an even count, the mean of the two middle ones (NaN with none). */
export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Milliseconds as the rows print them: whole above 10, two decimals below. */
export const ms = (x: number) => (x >= 10 ? Math.round(x) : Math.round(x * 100) / 100);

/** Milliseconds a call took (and its answer). */
export async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/**
 * A row of issue 30's latency targets, measured through the API: the p50 and p95 of the timed runs,
 * the first answer before them, or the error the API answered (its code) and after how long.
 */
export interface LatencyRow {
  name: string;
  /** The target the p50 is held to (issue 30). */
  targetMs: number;
  /** Timed runs behind p50 and p95. */
  runs: number;
  p50Ms?: number;
  p95Ms?: number;
  /** The first answer, before the timed runs (nothing warm yet in the API for this question). */
  firstMs?: number;
  /** The API's error code when it answered an error (TOO_LARGE, ANALYTICS_TIMEOUT, …), instead of timings. */
  error?: string;
  /** When the error came. */
  errorAfterMs?: number;
  met: boolean;
  /** Runs that answered an error (a dashboard load with a failed request), left out of p50 and p95. */
  failed?: number;
  /** For a dashboard load: when each operation's last answer came, from the load's start (p50 over the runs), slowest first. */
  breakdown?: Array<{ operation: string; p50Ms: number }>;
  /** What else the row needs said (how the write before a cold load went). */
  note?: string;
}

export function latencyRow(name: string, targetMs: number, samples: number[], extra: Partial<LatencyRow> = {}): LatencyRow {
  if (extra.error !== undefined || samples.length === 0) return { name, targetMs, runs: samples.length, ...extra, met: false };
  const p50Ms = ms(percentile(samples, 50));
  return { name, targetMs, runs: samples.length, p50Ms, p95Ms: ms(percentile(samples, 95)), ...extra, met: p50Ms <= targetMs };
}
