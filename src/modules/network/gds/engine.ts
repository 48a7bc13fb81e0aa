/**
 * Network analytics on the database server with Neo4j Graph Data Science, for deployments where the
 * built-in path (measures/, computed in the API process) no longer fits: betweenness (brokers),
 * Louvain and Leiden (communities), weakly connected components.
 *
 * Each call projects the graph the API already loaded and filtered (`ServiceGraph`), runs one
 * algorithm in stream mode and drops the projection, under a name of its own, in one READ
 * transaction (so, on one server). Figures come back on the built-in path's scales: betweenness
 * normalised by (n−1)(n−2)/2, groups numbered from 1, largest first, then by smallest service id.
 *
 * The mapping (graph → projection rows, rows → figures) is pure and exported, so it is tested
 * without GDS; the rest needs a server with the plugin (tests/integration/gds.test.ts).
 */
import { randomUUID } from 'node:crypto';
import { badInput } from '../../../errors';
import { logger } from '../../../logger';
import { int, type Db, type RunOptions, type Tx } from '../../../neo4j/driver';
import { isolates } from '../measures/centrality';
import type { ServiceGraph } from '../measures/graph';
import * as q from './queries';

// ---------------------------------------------------------------------------------------------
// Pure mapping

export interface ProjectionRow {
  source: number;
  /** null: a service with no tie in this projection. */
  target: number | null;
  weight: number;
}

export interface Projection {
  /** Service id of each projected node id (the row indices). */
  ids: string[];
  rows: ProjectionRow[];
  relationships: number;
}

/**
 * What the relationship weight is: the tie's strength (Louvain, Leiden), or its length 1 / strength
 * for weighted betweenness, since GDS adds weights up as path costs. Ties of strength 0 have no
 * finite length and are left out of a `distance` projection, as weightedBetweenness never walks them.
 */
export type ProjectionWeight = 'strength' | 'distance';

/**
 * The projection of a graph, tie for tie as measures/graph.ts `adjacency` reads it: self-ties and
 * ties to services outside the graph dropped, parallel ties summed into one. Services are numbered
 * in id order and ties sorted by pair, so the same graph gives the same rows however it was loaded.
 */
export function projection(graph: ServiceGraph, weight: ProjectionWeight): Projection {
  const ids = [...new Set(graph.nodes.map((n) => n.id))].sort();
  const index = new Map(ids.map((id, i) => [id, i]));
  const n = ids.length;
  const summed = new Map<number, number>();
  for (const e of graph.edges) {
    const a = index.get(e.a);
    const b = index.get(e.b);
    if (a === undefined || b === undefined || a === b) continue;
    const key = a < b ? a * n + b : b * n + a;
    summed.set(key, (summed.get(key) ?? 0) + e.strength);
  }
  const rows: ProjectionRow[] = [];
  const tied = new Uint8Array(n);
  for (const key of [...summed.keys()].sort((x, y) => x - y)) {
    const strength = summed.get(key)!;
    if (weight === 'distance' && !(strength > 0)) continue;
    const [source, target] = [Math.floor(key / n), key % n];
    rows.push({ source, target, weight: weight === 'distance' ? 1 / strength : strength });
    tied[source] = tied[target] = 1;
  }
  const relationships = rows.length;
  for (let i = 0; i < n; i++) if (!tied[i]) rows.push({ source: i, target: null, weight: 0 });
  return { ids, rows, relationships };
}

export type ScoreRow = { nodeId: number; score: number };

/**
 * GDS betweenness rows on the built-in `betweenness` scale. On an undirected graph GDS already counts
 * each unordered pair once (BetweennessCentrality.java divides by 2; its documented undirected
 * example gives 9.5 where the pair count is 9.5): what is left is the normalisation by (n−1)(n−2)/2.
 * A sampled run sums the dependencies of `sampled` sources only: scaled by n / sampled, it
 * estimates the sum over all n (Brandes & Pich 2007). The estimate is biased: GDS draws sources in
 * node order, each with probability degree / maximum degree, until the sample is full
 * (RandomDegreeSelectionStrategy.java).
 */
export function normaliseBetweenness(rows: readonly ScoreRow[], ids: readonly string[], sampled?: number): Map<string, number> {
  const n = ids.length;
  const norm = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  const scale = sampled !== undefined && sampled < n ? n / sampled : 1;
  const out = new Map(ids.map((id) => [id, 0]));
  for (const r of rows) {
    const id = ids[r.nodeId];
    if (id !== undefined) out.set(id, (r.score * scale) / norm);
  }
  return out;
}

export type GroupRow = { nodeId: number; groupId: number };

/**
 * Community or component ids (arbitrary numbers from GDS) renumbered as the built-in communities
 * are: from 1, largest first, then by smallest service id. `keep` leaves services out (the
 * isolates, which the built-in path counts apart rather than as communities of one).
 */
export function numberGroups(rows: readonly GroupRow[], ids: readonly string[], keep: (id: string) => boolean = () => true): Map<string, number> {
  const members = new Map<number, string[]>();
  for (const r of rows) {
    const id = ids[r.nodeId];
    if (id === undefined || !keep(id)) continue;
    const list = members.get(r.groupId);
    if (list) list.push(id);
    else members.set(r.groupId, [id]);
  }
  const ordered = [...members.values()].map((m) => m.sort()).sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
  const of = new Map<string, number>();
  ordered.forEach((m, i) => m.forEach((id) => of.set(id, i + 1)));
  return of;
}

/**
 * Newman–Girvan modularity of a partition, weighted, at resolution γ: Σ_c L_c / m − γ (d_c / 2m)²,
 * with m the summed tie weight, L_c the weight inside c and d_c the strength of c's services. The
 * formula graphology's Louvain reports (the built-in figure), computed here because GDS's stream
 * modes return no modularity.
 */
export function modularity(graph: ServiceGraph, of: ReadonlyMap<string, number>, resolution = 1): number {
  const { ids, rows, relationships } = projection(graph, 'strength');
  let m = 0;
  const inside = new Map<number, number>();
  const degree = new Map<number, number>();
  for (const r of rows.slice(0, relationships)) {
    const ca = of.get(ids[r.source]!);
    const cb = of.get(ids[r.target!]!);
    m += r.weight;
    if (ca !== undefined) degree.set(ca, (degree.get(ca) ?? 0) + r.weight);
    if (cb !== undefined) degree.set(cb, (degree.get(cb) ?? 0) + r.weight);
    if (ca !== undefined && ca === cb) inside.set(ca, (inside.get(ca) ?? 0) + r.weight);
  }
  if (m === 0) return 0;
  let qSum = 0;
  for (const [c, d] of degree) qSum += (inside.get(c) ?? 0) / m - resolution * (d / (2 * m)) ** 2;
  return qSum;
}

/** GDS 2.5 or later (calendar versions, 2025.x on, included). */
export function supportedGdsVersion(version: string): boolean {
  const match = /^(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major > 2 || (major === 2 && minor >= 5);
}

// ---------------------------------------------------------------------------------------------
// On the server

const PROCEDURE_NOT_FOUND = 'Neo.ClientError.Procedure.ProcedureNotFound';

/** The installed GDS version, or null where the plugin is not installed. */
export async function gdsVersion(db: Db): Promise<string | null> {
  try {
    const [row] = await db.read<{ gdsVersion: string }>(q.GDS_VERSION);
    return row?.gdsVersion ?? null;
  } catch (err) {
    if ((err as { code?: unknown }).code === PROCEDURE_NOT_FOUND) return null;
    throw err;
  }
}

/** Whether this server can take the GDS path: the plugin is installed, in a version this path is written for. */
export async function gdsAvailable(db: Db): Promise<boolean> {
  const version = await gdsVersion(db);
  return version !== null && supportedGdsVersion(version);
}

export interface GdsRunOptions {
  /** The transaction's timeout (ANALYTICS_TIMEOUT_MS); GDS stops an algorithm whose transaction is terminated. */
  timeoutMs?: number;
}

/**
 * Projects `rows` under a fresh name, runs `work` on it, and drops it, all in one READ transaction.
 * The catalog lives outside transactions: a graph whose attempt failed (or was retried by the
 * driver, with a new name) is dropped afterwards, and one that cannot be is logged, since it holds
 * server memory until dropped or the server restarts.
 */
export async function withProjection<T>(
  db: Db,
  purpose: string,
  rows: readonly ProjectionRow[],
  work: (tx: Tx, graphName: string) => Promise<T>,
  opts: GdsRunOptions = {},
): Promise<T> {
  const run: RunOptions = { analytics: true, ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }) };
  const projected: string[] = [];
  const dropped = new Set<string>();
  try {
    return await db.readTx(async (tx) => {
      const graphName = `bng_${purpose}_${randomUUID().replaceAll('-', '')}`;
      projected.push(graphName);
      await tx.run(q.PROJECT, { graphName, rows });
      const result = await work(tx, graphName);
      await tx.run(q.DROP, { graphName });
      dropped.add(graphName);
      return result;
    }, run);
  } finally {
    for (const graphName of projected.filter((name) => !dropped.has(name))) {
      await db.read(q.DROP, { graphName }, run).catch((err: unknown) => {
        logger.warn({ err, graphName }, 'GDS graph left in the catalog: drop it with gds.graph.drop');
      });
    }
  }
}

export interface GdsBetweennessOptions extends GdsRunOptions {
  /** On distances 1 / strength, as `weightedBetweenness`; else every tie is one step, as `betweenness`. */
  weighted: boolean;
  /** Source nodes to sample (approximate betweenness); unset or ≥ the node count: exact. */
  samplingSize?: number;
  /**
   * Seed of the sampling, for the same estimate run after run. It makes the run single-threaded:
   * GDS's threads draw the sample from one shared generator, in whatever order they run.
   */
  seed?: number;
}

export async function gdsBetweenness(db: Db, graph: ServiceGraph, opts: GdsBetweennessOptions): Promise<Map<string, number>> {
  const p = projection(graph, opts.weighted ? 'distance' : 'strength');
  // No tie, no path between two services: GDS is not asked (its weight property would not even exist).
  if (p.relationships === 0) return normaliseBetweenness([], p.ids);
  const sampled = opts.samplingSize !== undefined && opts.samplingSize < p.ids.length ? Math.max(1, Math.floor(opts.samplingSize)) : undefined;
  const config: Record<string, unknown> = {
    ...(opts.weighted ? { relationshipWeightProperty: 'weight' } : {}),
    ...(sampled === undefined ? {} : { samplingSize: int(sampled), ...(opts.seed === undefined ? {} : { samplingSeed: int(opts.seed), concurrency: int(1) }) }),
  };
  const rows = await withProjection(db, 'betweenness', p.rows, (tx, graphName) => tx.run<ScoreRow>(q.BETWEENNESS, { graphName, config }), opts);
  return normaliseBetweenness(rows, p.ids, sampled);
}

export type GdsCommunityAlgorithm = 'LOUVAIN' | 'LEIDEN';

export interface GdsCommunityOptions extends GdsRunOptions {
  algorithm: GdsCommunityAlgorithm;
  /** Leiden's γ. GDS's Louvain has no resolution: only 1 is accepted with it. */
  resolution: number;
  /** Leiden's random seed. GDS's Louvain draws nothing at random: run single-threaded, it needs no seed. */
  seed: number;
}

export interface GdsPartition {
  /** Community of each tied service, numbered as the built-in communities are. */
  of: Map<string, number>;
  /** Of this partition, at the resolution asked (computed here: GDS's stream modes return none). */
  modularity: number;
  /** Services with no tie: not a community. */
  isolates: string[];
}

export async function gdsCommunities(db: Db, graph: ServiceGraph, opts: GdsCommunityOptions): Promise<GdsPartition> {
  if (opts.algorithm === 'LOUVAIN' && opts.resolution !== 1) throw badInput('resolution', 'the Graph Data Science Louvain has no resolution: use 1, or LEIDEN');
  const p = projection(graph, 'strength');
  const alone = isolates(graph).sort(); // in id order, as the built-in lists them
  if (p.relationships === 0) return { of: new Map(), modularity: 0, isolates: alone };
  // One thread, as GDS's own seeded examples run: with several, the outcome may depend on their scheduling.
  const config: Record<string, unknown> =
    opts.algorithm === 'LEIDEN'
      ? { relationshipWeightProperty: 'weight', gamma: opts.resolution, randomSeed: int(opts.seed), concurrency: int(1) }
      : { relationshipWeightProperty: 'weight', concurrency: int(1) };
  const query = opts.algorithm === 'LEIDEN' ? q.LEIDEN : q.LOUVAIN;
  const rows = await withProjection(db, opts.algorithm.toLowerCase(), p.rows, (tx, graphName) => tx.run<GroupRow>(query, { graphName, config }), opts);
  const apart = new Set(alone);
  const of = numberGroups(rows, p.ids, (id) => !apart.has(id));
  return { of, modularity: modularity(graph, of, opts.resolution), isolates: alone };
}

/** Weakly connected components: the component of every service (an isolate is one of its own), numbered from 1, largest first. */
export async function gdsComponents(db: Db, graph: ServiceGraph, opts: GdsRunOptions = {}): Promise<Map<string, number>> {
  const p = projection(graph, 'strength');
  if (p.relationships === 0) return new Map(p.ids.map((id, i) => [id, i + 1])); // all of size 1, ids in order
  const rows = await withProjection(db, 'wcc', p.rows, (tx, graphName) => tx.run<GroupRow>(q.WCC, { graphName, config: {} }), opts);
  return numberGroups(rows, p.ids);
}
