/**
 * The service network a measure works on: nodes (services with their primary sector, working
 * language and zone) and undirected weighted edges (KNOWS ties that pass the tie filter, weighted by
 * their weighted strength).
 */
export interface ServiceNode {
  id: string;
  sector: string;
  language: 'FR' | 'NL' | 'BOTH';
  zone: string | null;
}

export interface TieEdge {
  a: string;
  b: string;
  /** The tie's weight for weighted measures: its weighted strength under the tie filter. */
  strength: number;
  /** Its encounters (the plain count), when loaded. */
  count?: number;
}

export interface ServiceGraph {
  nodes: ServiceNode[];
  edges: TieEdge[];
}

/** Called once per unit of work by long measures: throws to stop them (a time limit). */
export type Tick = () => void;

/** Neighbour sets and edge weights, by node id. */
export interface Adjacency {
  ids: string[];
  neighbours: Map<string, Set<string>>;
  weight: (a: string, b: string) => number;
}

/**
 * Built once per graph: brokers asks for betweenness, constraint, roles and degrees of the same
 * zone, and building the adjacency of a few hundred thousand ties costs more than some of them.
 * (A loaded graph is never changed afterwards.)
 */
export function once<T>(cache: WeakMap<ServiceGraph, T>, build: (graph: ServiceGraph) => T): (graph: ServiceGraph) => T {
  return (graph) => {
    const hit = cache.get(graph);
    if (hit) return hit;
    const built = build(graph);
    cache.set(graph, built);
    return built;
  };
}

export const adjacency = once(new WeakMap<ServiceGraph, Adjacency>(), buildAdjacency);

function buildAdjacency(graph: ServiceGraph): Adjacency {
  const neighbours = new Map<string, Set<string>>(graph.nodes.map((n) => [n.id, new Set<string>()]));
  const weights = new Map<string, number>();
  const key = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const e of graph.edges) {
    if (e.a === e.b || !neighbours.has(e.a) || !neighbours.has(e.b)) continue;
    neighbours.get(e.a)!.add(e.b);
    neighbours.get(e.b)!.add(e.a);
    weights.set(key(e.a, e.b), (weights.get(key(e.a, e.b)) ?? 0) + e.strength);
  }
  return { ids: graph.nodes.map((n) => n.id), neighbours, weight: (a, b) => weights.get(key(a, b)) ?? 0 };
}

/**
 * The same network with integer node indices, for the measures that visit every pair of neighbours
 * (betweenness, brokerage, constraint): neighbours in compressed rows (`targets[offsets[i]..offsets[i+1]]`,
 * in the order the edges came), their summed weights alongside, and a bit matrix for "are a and c tied?".
 * Strings and Maps cost too much at a zone of a thousand services and a few hundred thousand ties.
 */
export interface IndexedGraph {
  ids: string[];
  offsets: Int32Array;
  targets: Int32Array;
  weights: Float64Array;
  /** Sector of each node as a small integer (equal integers = same sector). */
  sector: Int32Array;
  tied: (a: number, c: number) => boolean;
}

export const indexed = once(new WeakMap<ServiceGraph, IndexedGraph>(), buildIndexed);

function buildIndexed(graph: ServiceGraph): IndexedGraph {
  const { ids, neighbours, weight } = adjacency(graph);
  const n = ids.length;
  const index = new Map(ids.map((id, i) => [id, i]));
  const offsets = new Int32Array(n + 1);
  ids.forEach((id, i) => (offsets[i + 1] = offsets[i]! + neighbours.get(id)!.size));
  const targets = new Int32Array(offsets[n]!);
  const weights = new Float64Array(offsets[n]!);
  const bits = new Uint8Array(Math.ceil((n * n) / 8));
  ids.forEach((id, i) => {
    let k = offsets[i]!;
    for (const w of neighbours.get(id)!) {
      const j = index.get(w)!;
      targets[k] = j;
      weights[k++] = weight(id, w);
      bits[(i * n + j) >> 3]! |= 1 << ((i * n + j) & 7);
    }
  });
  const sectors = new Map<string, number>();
  const sector = Int32Array.from(graph.nodes, (node) => sectors.get(node.sector) ?? (sectors.set(node.sector, sectors.size), sectors.size - 1));
  return { ids, offsets, targets, weights, sector, tied: (a, c) => (bits[(a * n + c) >> 3]! & (1 << ((a * n + c) & 7))) !== 0 };
}
