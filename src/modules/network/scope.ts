/**
 * The scope every network query takes — a territory, a time window, sector and language filters,
 * the tie filter (what counts as knowing each other, tie-filter.ts) — checked once, and the
 * territory's service subgraph loaded once per request and scope.
 */
import { pseudonymised } from '../../access/principal';
import { checkTerritoryArgs } from '../../access/zone-scope';
import type { Context } from '../../context';
import type { TerritoryInput, TieFilter, TimeWindow, WorkingLanguage } from '../../__generated__/resolvers-types';
import { analyticsTimeout, badInput, notFound, tooLarge } from '../../errors';
import type { Row, RunOptions } from '../../neo4j/driver';
import { GRAPH_VERSION_READ, versionKey, type GraphVersionRow } from '../../neo4j/graph-version';
import { selectTerritory, type TerritorySelection } from '../territory/select';
import { pairKey } from './measures/acquaintances';
import { hypergeometricBackbone, type Backbone } from './measures/backbone';
import type { ServiceGraph, ServiceNode, Tick } from './measures/graph';
import type { AcquaintanceRow } from './model';
import * as q from './queries';
import { allowedInitiatives, filterParams, parseTieFilter, type TieFilterSpec, type TieQueryFilter } from './tie-filter';
import { byPair, fromAllTime, fromWindow, unpackAllTime, unpackInitiatives, unpackStrength, unpackWindow, type AllTimeTieRow, type PackedRow, type WindowTieRow } from './tie-rows';

export interface Scope {
  territory: TerritorySelection;
  from: string | null;
  to: string | null;
  sectors: string[] | null;
  languages: string[] | null;
  /** What counts as a tie, defaults filled in (reported as `appliedTieFilter`). */
  ties: TieFilterSpec;
  /** The initiatives whose encounters count, resolved from the filter's kinds; null: all. */
  initiatives: string[] | null;
}

export interface ScopeArgs {
  territory: TerritoryInput;
  window?: TimeWindow | null;
  sectors?: string[] | null;
  language?: WorkingLanguage | null;
  ties?: TieFilter | null;
}

/** The tie filter of a question without a territory (introductions, edition impact): checked, kinds resolved. */
export async function parseTies(ctx: Context, input: TieFilter | null | undefined): Promise<Pick<Scope, 'ties' | 'initiatives'>> {
  const ties = parseTieFilter(input);
  return { ties, initiatives: await allowedInitiatives(ctx, ties) };
}

/** The filter as the tie queries take it. */
export const queryFilter = (scope: Pick<Scope, 'from' | 'to' | 'ties' | 'initiatives'>): TieQueryFilter => ({
  from: scope.from,
  to: scope.to,
  initiatives: scope.initiatives,
  evidence: scope.ties.evidence,
  minWeight: scope.ties.minWeight,
  minCount: scope.ties.minCount,
  minMeetings: scope.ties.minMeetings,
  backbone: scope.ties.backbone,
});

/**
 * The backbone of a filter (null without one), once per request, window and initiatives: the
 * two-mode graph of the whole region's services × meetings of the window and initiative kinds, so a
 * pair is judged the same whatever territory is asked about and whichever question asks (a zone's
 * questions, an introduction path, an edition's impact, an export).
 */
export function backboneOf(ctx: Context, f: TieQueryFilter): Promise<Backbone | null> {
  const spec = f.backbone;
  if (spec === null) return Promise.resolve(null);
  const key = { from: f.from, to: f.to, initiatives: f.initiatives, spec };
  return memo(ctx, `backbone|${JSON.stringify(key)}`, async () => {
    const rows = await ctx.db.read<{ services: string[] }>(q.backboneMeetings, { from: f.from, to: f.to, initiatives: f.initiatives }, analyticsBudget(ctx).options());
    return hypergeometricBackbone(
      rows.map((r) => r.services),
      spec,
    );
  });
}

/** Query parameters of a filter, the backbone's kept pairs included: what every tie query takes. */
export async function tieParams(ctx: Context, f: TieQueryFilter) {
  const backbone = await backboneOf(ctx, f);
  return filterParams(f, backbone ? [...backbone.kept] : null);
}

/**
 * The scope of a network question or export, from any door: the window checked (whole months for
 * callers under the small-cell rule), the territory found and, for a zone key, inside its zone.
 */
export async function parseScope(ctx: Context, args: ScopeArgs): Promise<Scope> {
  const from = args.window?.from ?? null;
  const to = args.window?.to ?? null;
  if (from && to && from > to) throw badInput('window', `from (${from}) is after to (${to})`);
  if (pseudonymised(ctx.principal)) assertWholeMonths(from, to);
  // The filter is checked before any query, like the window.
  const ties = parseTieFilter(args.ties);
  if (ctx.principal.role === 'zone') await checkTerritoryArgs(ctx, { territory: args.territory }, 'this question');
  const territory = await selectTerritory(ctx, args.territory, 'territory');
  const sectors = args.sectors && args.sectors.length > 0 ? [...new Set(args.sectors)].sort() : null;
  if (sectors) {
    const rows = await ctx.db.read<{ code: string; known: boolean }>(q.sectorsExist, { codes: sectors });
    const unknown = rows.filter((r) => !r.known).map((r) => r.code);
    if (unknown.length) throw notFound('sectors', unknown.join(', '), 'sector');
  }
  const language = args.language ?? null;
  const languages = language === null ? null : language === 'BOTH' ? ['BOTH'] : [language, 'BOTH'];
  return { territory, from, to, sectors, languages, ties, initiatives: await allowedInitiatives(ctx, ties) };
}

const isLastDayOfMonth = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).getUTCDate() === 1;

/** Windows in whole calendar months: two windows a day apart subtract to that day's few people. */
function assertWholeMonths(from: string | null, to: string | null): void {
  if (from && !from.endsWith('-01')) throw badInput('window.from', `for zone and observatory keys a window starts on the 1st of a month (got ${from})`);
  if (to && !isLastDayOfMonth(to)) throw badInput('window.to', `for zone and observatory keys a window ends on the last day of a month (got ${to})`);
}

export interface Subgraph {
  graph: ServiceGraph;
  ties: AcquaintanceRow[];
}

/**
 * Once per request and key (several fields of one request share a load), and through the analytics
 * cache once per graph version (requests share it). The key's first part names what is cached.
 */
function memo<T>(ctx: Context, key: string, load: () => Promise<T>): Promise<T> {
  const cached = ctx.loaders.network.loads.get(key);
  if (cached) return cached as Promise<T>;
  const cache = ctx.analytics;
  const promise = cache ? graphVersion(ctx).then((version) => cache.get(`${version}|${key}`, key.slice(0, key.indexOf('|')), load)) : load();
  ctx.loaders.network.loads.set(key, promise);
  return promise;
}

/** The graph version, read once per request (neo4j/graph-version.ts), with the day: some answers are as of today. */
function graphVersion(ctx: Context): Promise<string> {
  ctx.loaders.network.graphVersion ??= ctx.db.read<GraphVersionRow & Row>(GRAPH_VERSION_READ).then((rows) => `${versionKey(rows[0])}|${ctx.today}`);
  return ctx.loaders.network.graphVersion;
}

/**
 * An answer computed from the scope's graph, once per graph version for every request asking the
 * same question of the same scope (`parts`: the scope and every argument the answer depends on).
 * The answer must not depend on the caller: disclosure is applied to it afterwards, per request.
 */
export function sharedAnswer<T>(ctx: Context, question: string, parts: unknown, compute: () => T | Promise<T>): Promise<T> {
  return memo(ctx, `${question}|${JSON.stringify(parts)}`, async () => compute());
}

/** The services of the scope and their ties, packed, at a width; two territory-local queries under one time budget. */
async function loadPacked(ctx: Context, scope: Scope, width: q.PackedWidth): Promise<{ nodes: ServiceNode[]; rows: PackedRow[] }> {
  const budget = analyticsBudget(ctx);
  const nodes = await loadServices(ctx, scope, budget);
  const rows = nodes.length
    ? await ctx.db.read<PackedRow & Row>(
        q.tiesPacked(width, queryFilter(scope), scope.territory.level),
        { ids: nodes.map((n) => n.id), ...(await tieParams(ctx, queryFilter(scope))) },
        budget.options(),
      )
    : [];
  budget.tick();
  return { nodes, rows };
}

/** The services of the scope (nodes only), once per request and scope: measures check the size before reading ties. */
export function loadServices(ctx: Context, scope: Scope, budget = analyticsBudget(ctx)): Promise<ServiceNode[]> {
  const { territory, sectors, languages } = scope;
  return memo(ctx, `services|${JSON.stringify({ territory, sectors, languages })}`, () =>
    ctx.db.read<ServiceNode & Row>(q.territoryServices[territory.level], { territory: territory.code, sectors, languages }, budget.options()),
  );
}

/**
 * The service network of the scope: nodes and the ties that pass the filter, weighted by their
 * weighted strength. For the measures. Below the region it is the full load's graph: both statements
 * walk every tie of the scope's services, which costs the same whatever they return, so a dashboard's
 * panels and its map share one walk. A region's full rows are many times its graph's, and it has its own.
 */
export function loadGraph(ctx: Context, scope: Scope): Promise<ServiceGraph> {
  return memo(ctx, `graph|${JSON.stringify(scope)}`, async () => {
    if (scope.territory.level !== 'region') return (await loadSubgraph(ctx, scope)).graph;
    const { nodes, rows } = await loadPacked(ctx, scope, 'strength');
    return { nodes, edges: unpackStrength(rows).sort(byPair) };
  });
}

/** The services of the scope and the initiatives behind each tie in the window. */
export function loadTieInitiatives(ctx: Context, scope: Scope): Promise<{ nodes: ServiceNode[]; ties: Array<{ a: string; b: string; initiatives: string[] }> }> {
  return memo(ctx, `initiatives|${JSON.stringify(scope)}`, async () => {
    const { nodes, rows } = await loadPacked(ctx, scope, 'initiatives');
    return { nodes, ties: unpackInitiatives(rows).sort(byPair) };
  });
}

/** The services of the scope and every figure of their ties in the window, ordered by pair. */
export function loadSubgraph(ctx: Context, scope: Scope): Promise<Subgraph> {
  return memo(ctx, `full|${JSON.stringify(scope)}`, async () => {
    const { nodes, rows } = await loadPacked(ctx, scope, 'full');
    const ties = (q.columnsOf(queryFilter(scope)) === 'allTime' ? unpackAllTime(rows) : unpackWindow(rows)).sort(byPair);
    return { graph: { nodes, edges: ties.map((t) => ({ a: t.a, b: t.b, strength: t.weight, count: t.strength })) }, ties };
  });
}

/** Given ties (a < b) of the scope, every figure of the encounters that count. For one page of acquaintances. */
export async function loadTiesOfPairs(ctx: Context, scope: Scope, pairs: Array<{ a: string; b: string }>): Promise<AcquaintanceRow[]> {
  if (pairs.length === 0) return [];
  const opts = { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true };
  const filter = queryFilter(scope);
  const params = { pairs, ...(await tieParams(ctx, filter)) };
  const rows =
    q.columnsOf(filter) === 'allTime'
      ? (await ctx.db.read<AllTimeTieRow & Row>(q.tiesOfPairs(filter), params, opts)).map(fromAllTime)
      : (await ctx.db.read<WindowTieRow & Row>(q.tiesOfPairs(filter), params, opts)).map(fromWindow);
  return rowsOfPairs(rows, pairs);
}

const pairIndexes = new WeakMap<AcquaintanceRow[], Map<string, AcquaintanceRow>>();

/** The rows of the given pairs (a < b), in the pairs' order. A list's index is kept with it: a cached load serves many pages. */
export function rowsOfPairs(rows: AcquaintanceRow[], pairs: Array<{ a: string; b: string }>): AcquaintanceRow[] {
  let index = pairIndexes.get(rows);
  if (!index) {
    index = new Map(rows.map((r) => [pairKey(r), r]));
    pairIndexes.set(rows, index);
  }
  const byKey = index;
  return pairs.map((p) => byKey.get(pairKey(p))).filter((r): r is AcquaintanceRow => r !== undefined);
}

/** Exact weighted betweenness is O(n·m log n): beyond this, a clear error instead of a long wait. */
export const MAX_EXACT_SERVICES = 3000;

export function assertExactSize(services: unknown[]): void {
  if (services.length > MAX_EXACT_SERVICES) throw tooLarge('territory', MAX_EXACT_SERVICES, services.length, 'the territory');
}

/**
 * Above this many services, betweenness is sampled (measures/sampled-betweenness.ts) rather than
 * exact: the exact measure's work grows as services × ties, the sample's barely with size.
 */
export const EXACT_BETWEENNESS_SERVICES = 1500;

/** The sampled measure's bound: every service within 0.01 of its exact betweenness, with probability 0.95. */
export const BETWEENNESS_SAMPLING = { errorBound: 0.01, failureProbability: 0.05, seed: 1 } as const;

/**
 * The analytics time limit (ANALYTICS_TIMEOUT_MS) of one request. `options()` gives a query what is
 * left of it; `tick()`, called by the measures computed here rather than in Neo4j, throws
 * ANALYTICS_TIMEOUT once it is spent.
 */
export interface AnalyticsBudget {
  tick: Tick;
  options(): RunOptions;
}

export function analyticsBudget(ctx: Context, startedAt = Date.now()): AnalyticsBudget {
  const limitMs = ctx.config.ANALYTICS_TIMEOUT_MS;
  const elapsed = () => Date.now() - startedAt;
  const tick = () => {
    if (elapsed() >= limitMs) throw analyticsTimeout(limitMs);
  };
  return {
    tick,
    options: () => {
      tick();
      return { timeoutMs: Math.max(1, limitMs - elapsed()), analytics: true };
    },
  };
}
