/**
 * `networkChange`: the scope parsed as every network question parses it, then every calendar year's
 * graph: from one read of each tie's yearly sums, the tie conditions applied per year here
 * (years.ts); with a backbone, which is judged on each year's meetings, each year's graph loaded
 * through the network scope as the question with that year as the window. The pure series
 * (series.ts) is computed over them.
 *
 * Round trips: the scope's (parseScope: the territory, plus the sectors and the initiative kinds when
 * given), the territory's services (1) and the yearly sums (1). With a backbone, then one per year
 * with encounters and its meetings (2 each), at most MAX_YEARS years. With the
 * analytics cache, the graph version is read too (1), and a question asked before at that version
 * costs the scope's and that.
 */
import type { Context } from '../../context';
import type { QueryNetworkChangeArgs } from '../../__generated__/resolvers-types';
import { badInput } from '../../errors';
import { cypher, type NamedQuery, type Row } from '../../neo4j/driver';
import type { ServiceGraph } from '../network/measures/graph';
import { analyticsBudget, loadGraph, loadServices, parseScope, queryFilter, sharedAnswer, type AnalyticsBudget, type Scope } from '../network/scope';
import { appliedTieFilter, encounterCondition, filterParams, filterVariant } from '../network/tie-filter';
import type { NetworkChangeRow } from './model';
import { calendarYears, COMMUNITY_MATCH_THRESHOLD, networkSeries, type YearPoint, type YearWindow } from './series';
import { graphsByYear, yearsWithEncounters, type YearSumsRow } from './years';

/** Years one question may span: each is a load of the territory's ties. */
export const MAX_YEARS = 30;
/** Years loaded at once: enough to overlap the database and this process, few enough to leave the database to other questions. */
const YEARS_AT_ONCE = 3;

/** `work` on every item, at most `width` at once; the answers in the items' order. */
async function inTurn<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return out;
}

/** One statement per shape of the encounter condition. */
const yearSumsQueries = new Map<string, NamedQuery>();

/**
 * Per tie of the territory, each calendar year's sums of the encounters that count (window,
 * initiative kinds, evidence kinds; the backbone is left out, judged per year where it applies):
 * [year, weight, count, distinct days]. Weights are summed in
 * encounter order, adding 0.0 for other years' encounters, which leaves a float sum unchanged: the
 * same figure the windowed tie query gives for that year alone.
 */
function yearSumsQuery(scope: Scope): { query: NamedQuery; params: Record<string, unknown> } {
  const filter = { ...queryFilter(scope), backbone: null };
  const variant = filterVariant(filter);
  let query = yearSumsQueries.get(variant);
  if (!query) {
    const condition = encounterCondition(filter);
    query = cypher(
      `change.yearSums.${variant}`,
      `UNWIND $ids AS id MATCH (s:Service {id: id})
       WITH s, COLLECT { MATCH (s)-[k:KNOWS]->(t:Service) WHERE t.id IN $ids
         WITH t, k, [i IN range(0, size(k.dates) - 1) ${condition ? `WHERE ${condition}` : ''}] AS idx WHERE size(idx) > 0
         WITH t, k, idx, reduce(ys = [], i IN idx | CASE WHEN k.dates[i].year IN ys THEN ys ELSE ys + k.dates[i].year END) AS years
         RETURN [t.id, [y IN years | [y, reduce(w = 0.0, i IN idx | w + CASE WHEN k.dates[i].year = y THEN k.weights[i] ELSE 0.0 END),
                 size([i IN idx WHERE k.dates[i].year = y]),
                 size([j IN range(0, size(idx) - 1) WHERE k.dates[idx[j]].year = y AND (j = 0 OR k.dates[idx[j]] <> k.dates[idx[j - 1]])])]]] } AS ties
       WHERE size(ties) > 0
       RETURN s.id AS a, ties`,
    );
    yearSumsQueries.set(variant, query);
  }
  return { query, params: filterParams(filter) };
}

export async function networkChange(ctx: Context, args: QueryNetworkChangeArgs): Promise<NetworkChangeRow> {
  // Arguments first: a bad one is refused before any query runs.
  const resolution = args.resolution ?? 1;
  if (!(resolution > 0 && resolution <= 10)) throw badInput('resolution', 'must be above 0 and at most 10');
  const seed = args.seed ?? 1;
  if (!Number.isInteger(seed) || seed < 0) throw badInput('seed', 'must be a whole number, 0 or more');
  // One time limit for the whole series: each year's load is checked against what is left.
  const budget = analyticsBudget(ctx);
  const scope = await parseScope(ctx, args);
  // The series holds no person and no figure a caller's role changes: one answer per graph version for every caller.
  const years = await sharedAnswer(ctx, 'networkChange', { scope, resolution, seed }, () => yearSeries(ctx, scope, { resolution, seed }, budget));
  return { years, resolution, seed, communityMatchThreshold: COMMUNITY_MATCH_THRESHOLD, appliedTieFilter: appliedTieFilter(scope.ties) };
}

async function yearSeries(ctx: Context, scope: Scope, louvain: { resolution: number; seed: number }, budget: AnalyticsBudget): Promise<YearPoint[]> {
  const services = await loadServices(ctx, scope, budget);
  // The built-in Louvain whatever ANALYTICS_ENGINE says: a database projection per year would cost a round trip each.
  const measure = (graphs: Array<YearWindow & { graph: ServiceGraph }>) =>
    networkSeries(graphs, { ...louvain, threshold: COMMUNITY_MATCH_THRESHOLD, border: scope.languages === null }, budget.tick);
  const { query, params } = yearSumsQuery(scope);
  const rows = services.length ? await ctx.db.read<YearSumsRow & Row>(query, { ...params, ids: services.map((s) => s.id) }, budget.options()) : [];
  const withEncounters = yearsWithEncounters(rows);
  const years = checkedYears(withEncounters, scope);
  if (scope.ties.backbone === null) {
    // Every year from the one read: the tie conditions are applied per year here (years.ts).
    const graphs = graphsByYear(services, rows, years, scope.ties);
    return measure(years.map((y, i) => ({ ...y, graph: graphs[i]! })));
  }
  // A backbone is judged per year on that year's meetings: each year loaded as the question with that
  // window, a few at a time (one year's load waits on the database while another's rows are unpacked).
  const graphs = await inTurn(years, YEARS_AT_ONCE, async (y) => {
    budget.tick();
    // A year with no encounter has no tie: nothing to read.
    const graph = withEncounters.includes(y.year) ? await loadGraph(ctx, { ...scope, from: y.from, to: y.to }) : { nodes: services, edges: [] };
    return { ...y, graph };
  });
  return measure(graphs);
}

function checkedYears(withEncounters: number[], scope: Scope): YearWindow[] {
  const years = calendarYears(withEncounters, scope);
  if (years.length > MAX_YEARS) throw badInput('window', `spans ${years.length} calendar years with data; at most ${MAX_YEARS} in one question: narrow the window`);
  return years;
}
