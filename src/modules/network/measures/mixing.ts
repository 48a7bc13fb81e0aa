/**
 * Who mixes with whom, by sector.
 *
 * Mixing matrix: for each sector pair, the observed ties, the possible pairs (nᵢ·nⱼ between two
 * sectors, nᵢ(nᵢ−1)/2 within one), the density (observed / possible) and the ties expected if the
 * territory's ties fell at random among all pairs (total ties × possible / all possible pairs).
 *
 * Gaps: sector pairs present in the territory whose observed ties fall below `threshold` × expected
 * (no ties at all is always a gap), ranked by how many services of the two sectors have no tie to
 * the other sector.
 *
 * E-I index (Krackhardt & Stern 1988): (E − I) / (E + I), with E the ties a sector's services have
 * to other sectors and I the ties inside it; −1 = closed on itself, +1 = only outward. For the
 * territory, E and I count every tie once.
 */
import type { ServiceGraph } from './graph';

export interface MixingCell {
  sectorA: string;
  sectorB: string;
  observed: number;
  possible: number;
  density: number | null;
  expected: number;
}

export function mixingMatrix(graph: ServiceGraph): MixingCell[] {
  const sectorOf = new Map(graph.nodes.map((n) => [n.id, n.sector]));
  const count = new Map<string, number>();
  for (const n of graph.nodes) count.set(n.sector, (count.get(n.sector) ?? 0) + 1);
  const sectors = [...count.keys()].sort();
  const key = (a: string, b: string) => (a <= b ? `${a}|${b}` : `${b}|${a}`);
  const observed = new Map<string, number>();
  for (const e of graph.edges) {
    const k = key(sectorOf.get(e.a)!, sectorOf.get(e.b)!);
    observed.set(k, (observed.get(k) ?? 0) + 1);
  }
  const n = graph.nodes.length;
  const allPairs = (n * (n - 1)) / 2;
  const totalTies = graph.edges.length;
  const cells: MixingCell[] = [];
  for (let i = 0; i < sectors.length; i++) {
    for (let j = i; j < sectors.length; j++) {
      const [a, b] = [sectors[i]!, sectors[j]!];
      const na = count.get(a)!;
      const nb = count.get(b)!;
      const possible = a === b ? (na * (na - 1)) / 2 : na * nb;
      const obs = observed.get(key(a, b)) ?? 0;
      cells.push({
        sectorA: a,
        sectorB: b,
        observed: obs,
        possible,
        density: possible > 0 ? obs / possible : null,
        expected: allPairs > 0 ? (totalTies * possible) / allPairs : 0,
      });
    }
  }
  return cells;
}

export interface Gap extends MixingCell {
  /** Services of sectorA with no tie to sectorB, plus services of sectorB with none to sectorA. */
  unconnectedServices: number;
}

export function gaps(graph: ServiceGraph, threshold = 0.5): Gap[] {
  const sectorOf = new Map(graph.nodes.map((n) => [n.id, n.sector]));
  const reaches = new Map<string, Set<string>>(); // service → sectors it has a tie to
  for (const e of graph.edges) {
    reaches.set(e.a, (reaches.get(e.a) ?? new Set()).add(sectorOf.get(e.b)!));
    reaches.set(e.b, (reaches.get(e.b) ?? new Set()).add(sectorOf.get(e.a)!));
  }
  const unconnected = (from: string, to: string) => graph.nodes.filter((n) => n.sector === from && !reaches.get(n.id)?.has(to)).length;
  return mixingMatrix(graph)
    .filter((c) => c.sectorA !== c.sectorB && c.possible > 0 && (c.observed === 0 || c.observed < threshold * c.expected))
    .map((c) => ({ ...c, unconnectedServices: unconnected(c.sectorA, c.sectorB) + unconnected(c.sectorB, c.sectorA) }))
    .sort((x, y) => y.unconnectedServices - x.unconnectedServices || x.observed - y.observed || x.sectorA.localeCompare(y.sectorA) || x.sectorB.localeCompare(y.sectorB));
}

export interface EiScore {
  sector: string | null;
  external: number;
  internal: number;
  index: number | null;
}

export function eiIndex(graph: ServiceGraph): { perSector: EiScore[]; territory: EiScore } {
  const sectorOf = new Map(graph.nodes.map((n) => [n.id, n.sector]));
  const tally = new Map<string, { external: number; internal: number }>();
  for (const s of new Set(sectorOf.values())) tally.set(s, { external: 0, internal: 0 });
  let external = 0;
  let internal = 0;
  for (const e of graph.edges) {
    const [sa, sb] = [sectorOf.get(e.a)!, sectorOf.get(e.b)!];
    if (sa === sb) {
      internal += 1;
      tally.get(sa)!.internal += 1;
    } else {
      external += 1;
      tally.get(sa)!.external += 1;
      tally.get(sb)!.external += 1;
    }
  }
  const score = (sector: string | null, ext: number, int: number): EiScore => ({ sector, external: ext, internal: int, index: ext + int > 0 ? (ext - int) / (ext + int) : null });
  return {
    perSector: [...tally.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([s, t]) => score(s, t.external, t.internal)),
    territory: score(null, external, internal),
  };
}
