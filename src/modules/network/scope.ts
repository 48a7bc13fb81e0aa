/**
 * The scope every network query takes — a territory, a time window, sector and language filters —
 * checked once, and the territory's service subgraph loaded once per request and scope.
 */
import type { Context } from '../../context';
import type { TerritoryInput, TimeWindow, WorkingLanguage } from '../../__generated__/resolvers-types';
import { badInput, notFound, tooLarge } from '../../errors';
import { selectTerritory, type TerritorySelection } from '../territory/select';
import type { ServiceGraph, ServiceNode } from './measures/graph';
import type { AcquaintanceRow } from './model';
import * as q from './queries';

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

/** The services of the scope and the ties among them, in the window. Two territory-local queries. */
export async function loadSubgraph(ctx: Context, scope: Scope): Promise<Subgraph> {
  const key = JSON.stringify(scope);
  const cached = ctx.loaders.network.subgraphs.get(key);
  if (cached) return cached;
  const promise = (async () => {
    const opts = { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true };
    const nodes = await ctx.db.read<ServiceNode & Record<string, unknown>>(
      q.territoryServices[scope.territory.level],
      { territory: scope.territory.code, sectors: scope.sectors, languages: scope.languages },
      opts,
    );
    const ids = new Set(nodes.map((n) => n.id));
    const rows = nodes.length ? await ctx.db.read<AcquaintanceRow & Record<string, unknown>>(q.tiesFrom, { ids: [...ids], from: scope.from, to: scope.to }, opts) : [];
    const ties = rows.filter((t) => ids.has(t.b));
    return { graph: { nodes, edges: ties.map((t) => ({ a: t.a, b: t.b, strength: t.strength })) }, ties };
  })();
  ctx.loaders.network.subgraphs.set(key, promise);
  return promise;
}

/** Exact centrality is O(n·m): beyond this, a clear error instead of a long wait. */
export const MAX_EXACT_SERVICES = 3000;

export function assertExactSize(graph: ServiceGraph): void {
  if (graph.nodes.length > MAX_EXACT_SERVICES) throw tooLarge('territory', MAX_EXACT_SERVICES, graph.nodes.length, 'the territory');
}
