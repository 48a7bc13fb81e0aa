/** Prometheus metrics, served as text on /metrics. */
import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

/** Past this many operation names, further names are counted under one (clients choose names). */
const OPERATIONS_MAX = 1_000;
const OTHER_OPERATIONS = '(other)';

/** One labelled series of a histogram: counts per bucket (the last is +Inf), sum and count. */
export class HistogramSeries {
  private readonly counts: Float64Array;
  private sum = 0;
  private count = 0;

  constructor(
    private readonly bounds: readonly number[],
    readonly labels: string,
  ) {
    this.counts = new Float64Array(bounds.length + 1);
  }

  observe(value: number): void {
    let i = 0;
    while (i < this.bounds.length && value > (this.bounds[i] as number)) i++;
    this.counts[i] = (this.counts[i] as number) + 1;
    this.sum += value;
    this.count += 1;
  }

  /** Prometheus text lines: cumulative buckets, then sum and count. */
  render(name: string): string {
    let cumulative = 0;
    const lines = this.bounds.map((bound, i) => {
      cumulative += this.counts[i] as number;
      return `${name}_bucket{${this.labels},le="${bound}"} ${cumulative}`;
    });
    lines.push(`${name}_bucket{${this.labels},le="+Inf"} ${this.count}`, `${name}_sum{${this.labels}} ${this.sum}`, `${name}_count{${this.labels}} ${this.count}`);
    return `${lines.join('\n')}\n`;
  }
}

const escapeLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

/**
 * A histogram by GraphQL operation name (and outcome, when outcomes are given), kept here and
 * written in Prometheus text by /metrics. prom-client checks and hashes the label set of every
 * observation, even through a labelled child: the two observations of each operation were
 * 15–20 µs of a service detail's request (profiled). Here an operation's series are found once per
 * request by name, and an observation is a bucket search and three additions.
 */
export class OperationHistogram {
  private readonly byOperation = new Map<string, readonly HistogramSeries[]>();

  constructor(
    private readonly name: string,
    private readonly help: string,
    private readonly outcomes: readonly string[],
    private readonly bounds: readonly number[],
  ) {}

  /** The operation's series: one per outcome, in the order given (one when there are no outcomes). */
  of(operation: string): readonly HistogramSeries[] {
    const known = this.byOperation.get(operation);
    if (known) return known;
    const name = this.byOperation.size < OPERATIONS_MAX ? operation : OTHER_OPERATIONS;
    const label = `operation="${escapeLabel(name)}"`;
    const series =
      this.byOperation.get(name) ??
      (this.outcomes.length ? this.outcomes.map((o) => new HistogramSeries(this.bounds, `${label},outcome="${o}"`)) : [new HistogramSeries(this.bounds, label)]);
    this.byOperation.set(name, series);
    return series;
  }

  render(): string {
    const series = [...this.byOperation.values()].flat();
    return `# HELP ${this.name} ${this.help}\n# TYPE ${this.name} histogram\n${series.map((s) => s.render(this.name)).join('')}`;
  }
}

/** A gauge whose value is read when /metrics is scraped. */
function gauge(name: string, help: string, read: () => number | Promise<number>): void {
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(await read());
    },
  });
}

export const metrics = {
  neo4jQueries: new Counter({
    name: 'neo4j_queries_total',
    help: 'Statements sent to Neo4j, by query name',
    labelNames: ['query'] as const,
    registers: [registry],
  }),
  /** Transactions run again after a transient error (deadlock, lock) outlasted the driver's own retries. */
  neo4jTransientRetries: new Counter({
    name: 'neo4j_transient_retries_total',
    help: 'Transactions run again by the server after a transient Neo4j error outlasted the driver retries, by access mode',
    labelNames: ['mode'] as const,
    registers: [registry],
  }),
  /** Incremental tie refreshes run by writers (ties.ts). */
  tieRefreshes: new Counter({
    name: 'ties_refreshes_total',
    help: 'Incremental tie refreshes run inside write transactions',
    registers: [registry],
  }),
  /** Lookups in the analytics cache (modules/network/analytics-cache.ts). */
  analyticsCacheLookups: new Counter({
    name: 'analytics_cache_lookups_total',
    help: 'Analytics cache lookups, by what was looked up (a territory graph, an answer) and outcome: hit, miss, or joined (the same computation already under way)',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  }),
  /** The cache's size and hit ratio, read when /metrics is scraped. */
  watchAnalyticsCache(cache: { readonly size: { entries: number; bytes: number } }): void {
    const lookups = this.analyticsCacheLookups;
    gauge('analytics_cache_entries', 'Entries held by the analytics cache', () => cache.size.entries);
    gauge('analytics_cache_bytes', 'Estimated bytes held by the analytics cache (bounded by ANALYTICS_CACHE_MB)', () => cache.size.bytes);
    gauge('analytics_cache_hit_ratio', 'Share of analytics cache lookups answered from the cache (hits and joined computations) since the process started', async () => {
      const values = (await lookups.get()).values;
      const total = values.reduce((sum, v) => sum + v.value, 0);
      const served = values.filter((v) => v.labels.outcome !== 'miss').reduce((sum, v) => sum + v.value, 0);
      return total > 0 ? served / total : 0;
    });
  },
  /** GraphQL operation latency, by operation name and outcome. */
  operationDuration: new OperationHistogram(
    'graphql_operation_duration_seconds',
    'GraphQL operation latency, by operation name and outcome',
    ['ok', 'error'],
    [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  ),
  /** Neo4j round trips per GraphQL operation. */
  operationRoundTrips: new OperationHistogram('graphql_operation_neo4j_round_trips', 'Neo4j round trips per GraphQL operation', [], [0, 1, 2, 3, 5, 8, 13, 21, 50]),
};

/** Everything /metrics serves: the registry's metrics, then the per-operation histograms. */
export async function metricsText(): Promise<string> {
  return `${await registry.metrics()}${metrics.operationDuration.render()}${metrics.operationRoundTrips.render()}`;
}
