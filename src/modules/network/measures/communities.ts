/**
 * Communities: clusters of services more tied among themselves than to the rest, by Louvain's
 * modularity optimisation (Blondel et al. 2008) as graphology-communities-louvain implements it, on
 * the filtered network with tie weights (weighted strength). Deterministic for a seed: the nodes go
 * in by id and the algorithm draws from a seeded generator.
 *
 * Services with no tie are not a community: they are counted apart (`isolates`). Communities are
 * numbered from 1, largest first (ties broken by their smallest service id), so the same graph and
 * seed give the same numbers.
 */
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import { Random } from '../../../seed/random';
import { once, type ServiceGraph } from './graph';

export interface CommunityOptions {
  /** Louvain's resolution γ: above 1, more and smaller communities; below 1, fewer and larger. */
  resolution: number;
  seed: number;
}

export interface Community {
  index: number;
  services: string[];
  /** Services per primary sector and per working language, largest first. */
  sectors: Array<{ key: string; services: number }>;
  languages: Array<{ key: string; services: number }>;
  /** Ties with both ends inside, and their summed weight. */
  internalTies: number;
  internalWeight: number;
}

export interface CommunityLink {
  a: number;
  b: number;
  ties: number;
  weight: number;
}

export interface CommunityPartition {
  /** Newman–Girvan modularity of the partition (weighted, at the resolution asked). */
  modularity: number;
  communities: Community[];
  /** Ties between two communities, summed per pair (a < b). */
  between: CommunityLink[];
  /** Services with no tie under the filter. */
  isolates: string[];
  /** Community of each tied service. */
  of: Map<string, number>;
}

/** Services per key (a sector, a language, a quartier), most first, then by key. */
export const servicesPer = (keys: string[]) =>
  [...keys.reduce((m, k) => m.set(k, (m.get(k) ?? 0) + 1), new Map<string, number>())]
    .map(([key, services]) => ({ key, services }))
    .sort((x, y) => y.services - x.services || (x.key < y.key ? -1 : 1));

export function detectCommunities(network: ServiceGraph, opts: CommunityOptions): CommunityPartition {
  const { graph, isolates } = louvainGraph(network);
  if (graph.order === 0) return { modularity: 0, communities: [], between: [], isolates, of: new Map() };
  const random = new Random(opts.seed);
  const result = louvain.detailed(graph, { getEdgeWeight: 'weight', resolution: opts.resolution, rng: () => random.next() });
  const of = new Map<string, number>();
  graph.forEachNode((id) => of.set(id, result.communities[id]!));
  return described(network, graph, of, result.modularity, isolates);
}

/**
 * The tied services of the network and their summed tie weights, in id order; the services with no
 * tie apart. Built once per loaded graph (never changed afterwards), like the measures' indexed form.
 */
const louvainGraph = once(new WeakMap<ServiceGraph, { graph: Graph<Record<string, never>, { weight: number }>; isolates: string[] }>(), buildLouvainGraph);

function buildLouvainGraph(network: ServiceGraph) {
  const graph = new Graph<Record<string, never>, { weight: number }>({ type: 'undirected', multi: false, allowSelfLoops: false });
  const tied = new Set(network.edges.filter((e) => e.a !== e.b).flatMap((e) => [e.a, e.b]));
  const nodes = [...network.nodes].sort((x, y) => (x.id < y.id ? -1 : 1));
  for (const n of nodes) if (tied.has(n.id)) graph.addNode(n.id);
  for (const e of [...network.edges].sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : 1))) {
    if (e.a === e.b || !graph.hasNode(e.a) || !graph.hasNode(e.b)) continue;
    if (graph.hasEdge(e.a, e.b)) graph.updateEdgeAttribute(e.a, e.b, 'weight', (w) => (w ?? 0) + e.strength);
    else graph.addEdge(e.a, e.b, { weight: e.strength });
  }
  const isolates = nodes.filter((n) => !graph.hasNode(n.id)).map((n) => n.id);
  return { graph, isolates };
}

/**
 * A partition of the tied services (`found`: any community label per service, from Louvain here or
 * from Graph Data Science) described: renumbered largest first, then by smallest member; each
 * community's sectors, languages and internal ties; the ties between communities.
 */
export function describePartition(network: ServiceGraph, found: ReadonlyMap<string, number>, modularity: number, isolates: string[]): CommunityPartition {
  const { graph } = louvainGraph(network);
  if (graph.order === 0) return { modularity: 0, communities: [], between: [], isolates, of: new Map() };
  return described(network, graph, found, modularity, isolates);
}

function described(
  network: ServiceGraph,
  graph: ReturnType<typeof louvainGraph>['graph'],
  found: ReadonlyMap<string, number>,
  modularity: number,
  isolates: string[],
): CommunityPartition {
  const members = new Map<number, string[]>();
  graph.forEachNode((id) => {
    const c = found.get(id)!;
    const list = members.get(c);
    if (list) list.push(id);
    else members.set(c, [id]);
  });
  const ordered = [...members.values()].map((ids) => ids.sort()).sort((x, y) => y.length - x.length || (x[0]! < y[0]! ? -1 : 1));
  const of = new Map<string, number>();
  ordered.forEach((ids, i) => ids.forEach((id) => of.set(id, i + 1)));

  const byId = new Map(network.nodes.map((n) => [n.id, n]));
  const internal = ordered.map(() => ({ ties: 0, weight: 0 }));
  const links = new Map<string, CommunityLink>();
  graph.forEachEdge((_e, attrs, a, b) => {
    const [ca, cb] = [of.get(a)!, of.get(b)!];
    if (ca === cb) {
      internal[ca - 1]!.ties += 1;
      internal[ca - 1]!.weight += attrs.weight;
      return;
    }
    const [x, y] = ca < cb ? [ca, cb] : [cb, ca];
    const link = links.get(`${x}|${y}`) ?? { a: x, b: y, ties: 0, weight: 0 };
    link.ties += 1;
    link.weight += attrs.weight;
    links.set(`${x}|${y}`, link);
  });
  const communities = ordered.map((ids, i) => ({
    index: i + 1,
    services: ids,
    sectors: servicesPer(ids.map((id) => byId.get(id)!.sector)),
    languages: servicesPer(ids.map((id) => byId.get(id)!.language)),
    internalTies: internal[i]!.ties,
    internalWeight: internal[i]!.weight,
  }));
  const between = [...links.values()].sort((x, y) => x.a - y.a || x.b - y.b);
  return { modularity, communities, between, isolates, of };
}
