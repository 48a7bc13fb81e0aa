/** Prometheus metrics, served as text on /metrics. */
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

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
