/**
 * The scope every network query takes — a territory, a time window, sector and language filters —
 * checked once, and the territory's service subgraph loaded once per request and scope.
 */
import type { Context } from '../../context';
import type { TerritoryInput, TimeWindow, WorkingLanguage } from '../../__generated__/resolvers-types';
import { analyticsTimeout, badInput, notFound, tooLarge } from '../../errors';
import type { Row, RunOptions } from '../../neo4j/driver';
import { selectTerritory, type TerritorySelection } from '../territory/select';
import type { ServiceGraph, ServiceNode, Tick } from './measures/graph';
import type { AcquaintanceRow } from './model';
import * as q from './queries';
import { byPair, fromAllTime, fromWindow, type AllTimeTieRow, type WindowTieRow } from './tie-rows';

export interface Scope {
  territory: TerritorySelection;
  from: string | null;
  to: string | null;
  sectors: string[] | null;
  languages: string[] | null;
}

export interface ScopeArgs {
  territory: TerritoryInput;
  window?: TimeWindow | null;
  sectors?: string[] | null;
  language?: WorkingLanguage | null;
}

export async function parseScope(ctx: Context, args: ScopeArgs): Promise<Scope> {
  const from = args.window?.from ?? null;
  const to = args.window?.to ?? null;
  if (from && to && from > to) throw badInput('window', `from (${from}) is after to (${to})`);
  const territory = await selectTerritory(ctx, args.territory, 'territory');
  const sectors = args.sectors && args.sectors.length > 0 ? [...new Set(args.sectors)].sort() : null;
  if (sectors) {
    const rows = await ctx.db.read<{ code: string; known: boolean }>(q.sectorsExist, { codes: sectors });
    const unknown = rows.filter((r) => !r.known).map((r) => r.code);
    if (unknown.length) throw notFound('sectors', unknown.join(', '), 'sector');
  }
  const language = args.language ?? null;
  const languages = language === null ? null : language === 'BOTH' ? ['BOTH'] : [language, 'BOTH'];
  return { territory, from, to, sectors, languages };
}

export interface Subgraph {
  graph: ServiceGraph;
  ties: AcquaintanceRow[];
}

/** The services of the scope and the ties among them, in the window. Two territory-local queries, once per request. */
export async function loadSubgraph(ctx: Context, scope: Scope): Promise<Subgraph> {
  const key = JSON.stringify(scope);
  const cached = ctx.loaders.network.subgraphs.get(key);
  if (cached) return cached;
  const promise = (async () => {
    // One time budget for the whole load: each query gets what is left of it.
    const budget = analyticsBudget(ctx);
    const nodes = await ctx.db.read<ServiceNode & Record<string, unknown>>(
      q.territoryServices[scope.territory.level],
      { territory: scope.territory.code, sectors: scope.sectors, languages: scope.languages },
      budget.options(),
    );
    const ties = await loadTies(ctx, nodes.map((n) => n.id), scope, budget.options());
    budget.tick();
    return { graph: { nodes, edges: ties.map((t) => ({ a: t.a, b: t.b, strength: t.strength })) }, ties };
  })();
  ctx.loaders.network.subgraphs.set(key, promise);
  return promise;
}

/** The KNOWS ties among the given services, cut to the window, ordered by pair. */
async function loadTies(ctx: Context, ids: string[], window: Pick<Scope, 'from' | 'to'>, opts: RunOptions): Promise<AcquaintanceRow[]> {
  if (ids.length === 0) return [];
  const ties =
    window.from === null && window.to === null
      ? (await ctx.db.read<AllTimeTieRow & Row>(q.tiesAmong.allTime, { ids }, opts)).map(fromAllTime)
      : (await ctx.db.read<WindowTieRow & Row>(q.tiesAmong.window, { ids, from: window.from, to: window.to }, opts)).map(fromWindow);
  return ties.sort(byPair);
}

/** Exact centrality is O(n·m): beyond this, a clear error instead of a long wait. */
export const MAX_EXACT_SERVICES = 3000;

export function assertExactSize(graph: ServiceGraph): void {
  if (graph.nodes.length > MAX_EXACT_SERVICES) throw tooLarge('territory', MAX_EXACT_SERVICES, graph.nodes.length, 'the territory');
}

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
