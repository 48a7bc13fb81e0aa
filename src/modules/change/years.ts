/**
 * Every year's graph from one read of the territory's encounters: per tie, the database sums each
 * calendar year's encounters (weight, count, distinct days) in one pass, and the tie conditions of
 * the filter are applied here, year by year, as the windowed tie query applies them in Neo4j
 * (network/tie-filter.ts `filterCypher`): the same sums in the same order, the same comparisons.
 */
import type { ServiceGraph, ServiceNode, TieEdge } from '../network/measures/graph';
import type { TieFilterSpec } from '../network/tie-filter';
import { byPair } from '../network/tie-rows';
import type { YearWindow } from './series';

/** A year's sums of one tie's encounters that pass the filter's encounter conditions: [year, weight, count, distinct days]. */
export type YearSums = [year: number, weight: number, count: number, days: number];

/** A row of the year-sums query: a service and its ties to higher ids, each [other, its years]. */
export interface YearSumsRow {
  a: string;
  ties: Array<[b: string, years: YearSums[]]>;
}

/** The years with at least one encounter, in order. */
export function yearsWithEncounters(rows: readonly YearSumsRow[]): number[] {
  const years = new Set<number>();
  for (const row of rows) for (const [, sums] of row.ties) for (const [year] of sums) years.add(year);
  return [...years].sort((x, y) => x - y);
}

/** The graph of each year: the services, and the ties whose year sums pass the filter's tie conditions. */
export function graphsByYear(
  services: ServiceNode[],
  rows: readonly YearSumsRow[],
  years: readonly YearWindow[],
  spec: Pick<TieFilterSpec, 'minWeight' | 'minCount' | 'minMeetings'>,
): ServiceGraph[] {
  const edges = new Map<number, TieEdge[]>(years.map((y) => [y.year, []]));
  for (const row of rows)
    for (const [b, sums] of row.ties)
      for (const [year, weight, count, days] of sums) {
        if (count === 0 || count < spec.minCount || weight < spec.minWeight) continue;
        if (spec.minMeetings > 1 && days < spec.minMeetings) continue;
        edges.get(year)?.push({ a: row.a, b, strength: weight, count });
      }
  return years.map((y) => ({ nodes: services, edges: (edges.get(y.year) ?? []).sort(byPair) }));
}
