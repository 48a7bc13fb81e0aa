/**
 * The service network a measure works on: nodes (services with their primary sector, working
 * language and zone) and undirected weighted edges (KNOWS strength inside the time window).
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
  strength: number;
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
  weight(a: string, b: string): number;
}

export function adjacency(graph: ServiceGraph): Adjacency {
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
