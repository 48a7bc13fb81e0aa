/**
 * Issue 30's latency targets, side by side with the harness's other rows: the zone dashboard's full
 * load warm and cold (dashboard.ts), every network question region-wide and brokers for a zone and
 * the region (region.ts), both through one API process of their own over HTTP (fork-api.ts), and the
 * in-memory reference on the exported graphs (reference.ts). `--only dashboard,region,reference` runs
 * them by group.
 */
import type { Db } from '../../src/neo4j/driver';
import { benchConfig } from './setup';
import { benchDashboard } from './dashboard';
import { forkApi, stopApi } from './fork-api';
import { benchReference, type ReferenceResult } from './reference';
import { benchRegion } from './region';
import type { LatencyRow } from './stats';

/** The groups of rows, by the name `--only` takes. */
export const ISSUE30_GROUPS = ['dashboard', 'region', 'reference'] as const;
export type Issue30Group = (typeof ISSUE30_GROUPS)[number];

export interface Issue30Result {
  /** Where the API rows were measured. */
  api: string;
  rows: LatencyRow[];
  reference?: ReferenceResult;
}

export interface Issue30Options {
  zone: string;
  region: string;
  groups: Issue30Group[];
  /** Untimed dashboard loads before the warm ones. */
  warmup: number;
  /** Timed runs of each row (dashboard warm and cold loads, each region question, each reference measure). */
  runs: number;
  installReference: boolean;
  log: (line: string) => void;
}

export async function benchIssue30(db: Db, neo4jUri: string, opts: Issue30Options): Promise<Issue30Result> {
  // The forked API reads the same environment: which analytics path and result cache produced the rows.
  const config = benchConfig();
  const result: Issue30Result = {
    api: `a forked API process (fork-api.ts), over HTTP on loopback, NODE_ENV=${process.env.NODE_ENV ?? 'development'}, ANALYTICS_ENGINE=${config.ANALYTICS_ENGINE}, ANALYTICS_CACHE_MB=${config.ANALYTICS_CACHE_MB}`,
    rows: [],
  };
  const wants = (g: Issue30Group) => opts.groups.includes(g);
  if (wants('dashboard') || wants('region')) {
    const { child, url } = await forkApi(neo4jUri);
    try {
      if (wants('dashboard')) result.rows.push(...(await benchDashboard(db, url, { zone: opts.zone, warmup: opts.warmup, runs: opts.runs, coldRuns: opts.runs, log: opts.log })));
      if (wants('region')) result.rows.push(...(await benchRegion(db, url, { region: opts.region, zone: opts.zone, runs: opts.runs, log: opts.log })));
    } finally {
      await stopApi(child);
    }
  }
  if (wants('reference')) result.reference = await benchReference(db, { zone: opts.zone, region: opts.region, runs: opts.runs, install: opts.installReference, log: opts.log });
  return result;
}

const cell = (x: number | undefined) => (x === undefined ? '—' : x.toLocaleString('en'));

/** The rows in the bench's table: one table of latencies against their targets, one of ours against the references. */
export function issue30Table(scale: string, r: Issue30Result): string[] {
  const lines: string[] = [];
  if (r.rows.length) {
    lines.push('');
    lines.push(`| issue 30, ${scale}: through the API | p50 / p95 ms | first ms | runs | target p50 ms | met |`);
    lines.push('|---|---|---|---|---|---|');
    for (const row of r.rows) {
      const figures = row.error ? `**${row.error}** after ${cell(row.errorAfterMs)} ms` : `${cell(row.p50Ms)} / ${cell(row.p95Ms)}`;
      lines.push(
        `| ${row.name} | ${figures} | ${cell(row.firstMs)} | ${row.runs}${row.failed ? ` (+${row.failed} failed)` : ''} | ≤ ${cell(row.targetMs)} | ${row.met ? 'yes' : '**no**'} |`,
      );
    }
    lines.push(`${scale}: measured in ${r.api}; the dashboard with a zone key, the rest with an analyst key; "first" is each row's first answer, before the timed runs`);
    for (const row of r.rows) {
      if (row.note) lines.push(`${scale}: ${row.name}: ${row.note}`);
      if (row.breakdown)
        lines.push(`${scale}: ${row.name}, each operation's last answer from the load's start (p50 ms): ${row.breakdown.map((b) => `${b.operation} ${cell(b.p50Ms)}`).join(', ')}`);
    }
  }
  const ref = r.reference;
  if (ref) {
    lines.push('');
    lines.push(
      `| in memory, ${scale} | services / ties | ours p50 ms | python-igraph p50 ms | ours / igraph (≤ 2) | graphology-metrics p50 ms | ours / graphology | same answer |`,
    );
    lines.push('|---|---|---|---|---|---|---|---|');
    for (const row of ref.rows)
      lines.push(
        `| ${row.measure}, ${row.graph} | ${cell(row.nodes)} / ${cell(row.edges)} | ${cell(row.oursMs)} | ${cell(row.igraphMs)} | ${
          row.igraphRatio === undefined ? '—' : row.igraphRatio <= 2 ? String(row.igraphRatio) : `**${row.igraphRatio}**`
        } | ${cell(row.graphologyMs)} | ${row.graphologyRatio ?? '—'} | ${row.agreement} |`,
      );
    lines.push(
      `${scale}: graphs exported with ${ref.exported}; reference: ${ref.igraph}; algorithm times (graphs built first; ours' Louvain also describes its communities); builds ms: ${ref.builds
        .map((b) => `${b.graph} ours index ${cell(b.oursIndexMs)}, igraph ${cell(b.igraphMs)}, graphology ${cell(b.graphologyMs)}`)
        .join('; ')}`,
    );
  }
  return lines;
}
