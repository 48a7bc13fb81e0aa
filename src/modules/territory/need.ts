/**
 * Cold data beside warm data: intersectoral gaps weighted by the need of the places they leave
 * unconnected ("gaps where need is highest"). A service's need weight is an indicator of its quartier
 * (population, unemployment … or income, where less is more need) relative to the mean over the
 * territory's services' quartiers: 1 is an average place, 2 twice the need. A service whose quartier
 * has no figure weighs 1 (neutral) and is counted as such, never given an invented value.
 */
import type { Gap } from '../network/measures/mixing';
import type { ServiceGraph } from '../network/measures/graph';

export type NeedDirection = 'HIGH' | 'LOW';

export interface NeedWeights {
  weight: Map<string, number>;
  /** Services whose quartier has no figure for the indicator (weight 1). */
  missing: number;
}

/** Weights from each service's quartier value (null: no figure), HIGH or LOW meaning more need. */
export function needWeights(values: ReadonlyMap<string, number | null>, direction: NeedDirection): NeedWeights {
  const known = [...values.values()].filter((v): v is number => v !== null && v > 0);
  const mean = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  const weight = new Map<string, number>();
  let missing = 0;
  for (const [id, v] of values) {
    if (v === null || v <= 0 || mean === 0) {
      weight.set(id, 1);
      missing += 1;
    } else weight.set(id, direction === 'HIGH' ? v / mean : mean / v);
  }
  return { weight, missing };
}

export interface NeedGap extends Gap {
  /** The need weights of the services the gap leaves unconnected, summed. */
  need: number;
}

/**
 * The gaps ranked by need: for each sector pair, the services of A with no tie to B and of B with none
 * to A (the gap's `unconnectedServices`), each counted by its need weight instead of 1.
 */
export function gapsByNeed(graph: ServiceGraph, gaps: readonly Gap[], weights: NeedWeights): NeedGap[] {
  const sectorOf = new Map(graph.nodes.map((n) => [n.id, n.sector]));
  const reaches = new Map<string, Set<string>>();
  for (const e of graph.edges) {
    reaches.set(e.a, (reaches.get(e.a) ?? new Set()).add(sectorOf.get(e.b)!));
    reaches.set(e.b, (reaches.get(e.b) ?? new Set()).add(sectorOf.get(e.a)!));
  }
  const need = (from: string, to: string) =>
    graph.nodes.filter((n) => n.sector === from && !reaches.get(n.id)?.has(to)).reduce((sum, n) => sum + (weights.weight.get(n.id) ?? 1), 0);
  return gaps
    .map((g) => ({ ...g, need: Math.round((need(g.sectorA, g.sectorB) + need(g.sectorB, g.sectorA)) * 1000) / 1000 }))
    .sort((x, y) => y.need - x.need || y.unconnectedServices - x.unconnectedServices || x.sectorA.localeCompare(y.sectorA) || x.sectorB.localeCompare(y.sectorB));
}
