/**
 * Who bridges.
 *
 * Betweenness (Freeman 1977, Brandes 2001 algorithm), undirected: the share of shortest paths
 * between two other services that pass through a service, normalised by (n−1)(n−2)/2 so that 1
 * means "on every shortest path". Unweighted (`betweenness`: every tie of the filtered graph is one
 * step), or on distances 1 / weight (`weightedBetweenness`, Dijkstra in place of breadth-first
 * search, as networkx does with `weight=`: equal lengths are compared exactly, so paths tie only when
 * their lengths add up to the same float).
 *
 * Strength (Barrat et al. 2004): a node's weighted degree, the summed weights of its ties.
 *
 * Brokerage roles (Gould & Fernandez 1989), with sector as the group: for every open triad a–b–c
 * (a and c tied to broker b, not to each other), b plays one role:
 *   coordinator     a, b, c all in one sector
 *   consultant      a and c share a sector, b is from another (itinerant broker)
 *   gatekeeper      b shares the sector of c, the receiver: b lets a outsider in
 *   representative  b shares the sector of a, the sender: b speaks for its own to outside
 *   liaison         all three in different sectors
 * KNOWS ties have no direction, so each open triad is read both ways (a→b→c and c→b→a): a triad
 * where b shares a sector with exactly one end counts once as gatekeeper and once as
 * representative; the other roles count twice. Counts are therefore of ordered paths.
 *
 * Constraint (Burt 1992): cᵢ = Σⱼ (pᵢⱼ + Σ_q pᵢ_q p_qⱼ)², over i's contacts j and q ≠ i, j, with
 * pᵢⱼ the share of i's tie strength that goes to j. High = i's contacts all know each other
 * (no brokerage opportunity); low = i bridges otherwise separate contacts. Undefined (null) for isolates.
 */
import { adjacency, indexed, type ServiceGraph, type Tick } from './graph';
import { sampledBetweenness, type SamplingOptions } from './sampled-betweenness';

export function betweenness(graph: ServiceGraph, tick: Tick = () => {}): Map<string, number> {
  const { ids, offsets, targets } = indexed(graph);
  const n = ids.length;
  const cb = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    tick();
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = order[head]!;
      const next = dist[v]! + 1;
      const paths = sigma[v]!;
      for (let k = offsets[v]!, end = offsets[v + 1]!; k < end; k++) {
        const w = targets[k]!;
        const dw = dist[w]!;
        if (dw < 0) {
          dist[w] = next;
          sigma[w] = paths;
          order[tail++] = w;
        } else if (dw === next) sigma[w]! += paths;
      }
    }
    // Back from the farthest: the predecessors of w are its neighbours one step closer to s.
    for (let h = tail - 1; h > 0; h--) {
      const w = order[h]!;
      const share = (1 + delta[w]!) / sigma[w]!;
      const before = dist[w]! - 1;
      for (let k = offsets[w]!, end = offsets[w + 1]!; k < end; k++) {
        const v = targets[k]!;
        if (dist[v] === before) delta[v]! += sigma[v]! * share;
      }
      cb[w]! += delta[w]!;
    }
    // Only the services this search reached need resetting.
    for (let h = 0; h < tail; h++) {
      const v = order[h]!;
      dist[v] = -1;
      delta[v] = 0;
    }
  }
  // Each unordered pair was counted from both ends: halve, then normalise.
  const norm = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  return new Map(ids.map((id, i) => [id, cb[i]! / 2 / norm]));
}

export interface BrokerageRoles {
  coordinator: number;
  gatekeeper: number;
  representative: number;
  consultant: number;
  liaison: number;
}

/** The node indices of `only` (every node without it): the per-node measures below may be asked for a few services. */
function selected(ids: readonly string[], only: readonly string[] | undefined): number[] {
  if (only === undefined) return ids.map((_, i) => i);
  const index = new Map(ids.map((id, i) => [id, i]));
  return only.map((id) => index.get(id)).filter((i): i is number => i !== undefined);
}

export function brokerage(graph: ServiceGraph, tick: Tick = () => {}, only?: readonly string[]): Map<string, BrokerageRoles> {
  const { ids, offsets, targets, sector, tied } = indexed(graph);
  const out = new Map<string, BrokerageRoles>();
  for (const b of selected(ids, only)) {
    const id = ids[b]!;
    tick();
    const roles: BrokerageRoles = { coordinator: 0, gatekeeper: 0, representative: 0, consultant: 0, liaison: 0 };
    const gb = sector[b]!;
    for (let x = offsets[b]!; x < offsets[b + 1]!; x++) {
      const a = targets[x]!;
      const ga = sector[a]!;
      for (let y = offsets[b]!; y < offsets[b + 1]!; y++) {
        const c = targets[y]!;
        if (a === c || tied(a, c)) continue; // ordered open paths a → b → c
        const gc = sector[c]!;
        if (ga === gb && gb === gc) roles.coordinator += 1;
        else if (ga === gc) roles.consultant += 1;
        else if (gb === gc) roles.gatekeeper += 1;
        else if (ga === gb) roles.representative += 1;
        else roles.liaison += 1;
      }
    }
    out.set(id, roles);
  }
  return out;
}

export function constraint(graph: ServiceGraph, tick: Tick = () => {}, only?: readonly string[]): Map<string, number | null> {
  const { ids, offsets, targets, weights } = indexed(graph);
  const n = ids.length;
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = offsets[i]!; k < offsets[i + 1]!; k++) total[i]! += weights[k]!;
  // For node i: contactOf[j] === i marks i's contacts; indirect[j] gathers Σ_q p_iq p_qj.
  const contactOf = new Int32Array(n).fill(-1);
  const indirect = new Float64Array(n);
  const out = new Map<string, number | null>();
  for (const i of selected(ids, only)) {
    const id = ids[i]!;
    tick();
    if (offsets[i] === offsets[i + 1]) {
      out.set(id, null);
      continue;
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      contactOf[targets[k]!] = i;
      indirect[targets[k]!] = 0;
    }
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const q = targets[k]!;
      const piq = total[i]! > 0 ? weights[k]! / total[i]! : 0;
      if (piq === 0 || total[q]! === 0) continue;
      for (let m = offsets[q]!; m < offsets[q + 1]!; m++) {
        const j = targets[m]!;
        if (contactOf[j] === i) indirect[j]! += piq * (weights[m]! / total[q]!); // j ≠ q: no self-ties
      }
    }
    let c = 0;
    for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
      const pij = total[i]! > 0 ? weights[k]! / total[i]! : 0;
      c += (pij + indirect[targets[k]!]!) ** 2;
    }
    out.set(id, c);
  }
  return out;
}

export function isolates(graph: ServiceGraph): string[] {
  const { ids, neighbours } = adjacency(graph);
  return ids.filter((id) => neighbours.get(id)!.size === 0);
}

/** Betweenness on distances 1 / weight (a tie of weight 4 is a quarter of a step). Ties of weight 0 are not walked. */
export function weightedBetweenness(graph: ServiceGraph, tick: Tick = () => {}): Map<string, number> {
  const { ids, offsets, targets, weights } = indexed(graph);
  const n = ids.length;
  const length = Float64Array.from(weights, (w) => (w > 0 ? 1 / w : Infinity));
  const cb = new Float64Array(n);
  const dist = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const settled = new Uint8Array(n);
  const order = new Int32Array(n);
  const preds: number[][] = Array.from({ length: n }, () => []);
  // A binary heap of (distance, node) with stale entries skipped when popped.
  const heapNode = new Int32Array(targets.length + n + 1);
  const heapKey = new Float64Array(targets.length + n + 1);
  let size = 0;
  const push = (v: number, key: number) => {
    let i = size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (heapKey[parent]! <= key) break;
      heapNode[i] = heapNode[parent]!;
      heapKey[i] = heapKey[parent]!;
      i = parent;
    }
    heapNode[i] = v;
    heapKey[i] = key;
  };
  const pop = (): number => {
    const top = heapNode[0]!;
    const lastNode = heapNode[--size]!;
    const lastKey = heapKey[size]!;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && heapKey[child + 1]! < heapKey[child]!) child += 1;
      if (heapKey[child]! >= lastKey) break;
      heapNode[i] = heapNode[child]!;
      heapKey[i] = heapKey[child]!;
      i = child;
    }
    heapNode[i] = lastNode;
    heapKey[i] = lastKey;
    return top;
  };
  for (let s = 0; s < n; s++) {
    tick();
    dist.fill(Infinity);
    sigma.fill(0);
    delta.fill(0);
    settled.fill(0);
    for (const p of preds) p.length = 0;
    dist[s] = 0;
    sigma[s] = 1;
    size = 0;
    push(s, 0);
    let count = 0;
    while (size > 0) {
      const v = pop();
      if (settled[v]) continue;
      settled[v] = 1;
      order[count++] = v;
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = targets[k]!;
        if (settled[w]) continue;
        const vw = dist[v]! + length[k]!;
        if (vw < dist[w]!) {
          dist[w] = vw;
          sigma[w] = sigma[v]!;
          preds[w]!.length = 0;
          preds[w]!.push(v);
          push(w, vw);
        } else if (vw === dist[w]) {
          sigma[w]! += sigma[v]!;
          preds[w]!.push(v);
        }
      }
    }
    for (let h = count - 1; h > 0; h--) {
      const w = order[h]!;
      for (const v of preds[w]!) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      cb[w]! += delta[w]!;
    }
  }
  const norm = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
  return new Map(ids.map((id, i) => [id, cb[i]! / 2 / norm]));
}

/** Strength (weighted degree): the summed weights of each node's ties. */
export function strength(graph: ServiceGraph): Map<string, number> {
  const { ids, offsets, weights } = indexed(graph);
  return new Map(
    ids.map((id, i) => {
      let total = 0;
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) total += weights[k]!;
      return [id, total];
    }),
  );
}

export type BetweennessWeighting = 'UNWEIGHTED' | 'INVERSE_WEIGHT';

export interface BrokerFigures {
  serviceId: string;
  degree: number;
  /** Weighted degree: summed weighted strength of its ties. */
  strength: number;
  betweenness: number;
  constraint: number | null;
  roles: BrokerageRoles;
}

/** How betweenness was computed: exactly, or sampled with a bound on every service's error. */
export interface BetweennessAccuracy {
  method: 'EXACT' | 'SAMPLED';
  samples: number | null;
  errorBound: number;
  confidence: number;
}

export interface BrokerRanking {
  brokers: BrokerFigures[];
  isolates: string[];
  serviceCount: number;
  accuracy: BetweennessAccuracy;
}

/**
 * Every service's position as a bridge, ranked by betweenness (then id), the first `first` of them;
 * and the isolates. Betweenness is sampled when `sampling` is given (sampled-betweenness.ts), or
 * given exact (`betweenness`, computed elsewhere: Graph Data Science).
 * Constraint and brokerage roles, which visit every pair of a service's neighbours, are worked out
 * for the services listed only.
 */
export function brokerRanking(
  graph: ServiceGraph,
  opts: { weighting: BetweennessWeighting; first: number; sampling?: SamplingOptions | null; betweenness?: Map<string, number> | null },
  tick: Tick = () => {},
): BrokerRanking {
  let between: Map<string, number>;
  let accuracy: BetweennessAccuracy = { method: 'EXACT', samples: null, errorBound: 0, confidence: 1 };
  if (opts.betweenness) {
    between = opts.betweenness;
  } else if (opts.sampling && opts.weighting === 'UNWEIGHTED') {
    const sampled = sampledBetweenness(graph, opts.sampling, tick);
    between = sampled.values;
    accuracy = { method: 'SAMPLED', samples: sampled.samples, errorBound: sampled.errorBound, confidence: sampled.confidence };
  } else {
    between = opts.weighting === 'INVERSE_WEIGHT' ? weightedBetweenness(graph, tick) : betweenness(graph, tick);
  }
  const strengths = strength(graph);
  const { ids, offsets } = indexed(graph);
  const degreeOf = new Map(ids.map((id, i) => [id, offsets[i + 1]! - offsets[i]!]));
  const top = graph.nodes
    .map((n) => ({ id: n.id, betweenness: between.get(n.id)! }))
    .sort((x, y) => y.betweenness - x.betweenness || x.id.localeCompare(y.id))
    .slice(0, opts.first);
  const listed = top.map((t) => t.id);
  const con = constraint(graph, tick, listed);
  const roles = brokerage(graph, tick, listed);
  const brokers = top.map((t) => ({
    serviceId: t.id,
    degree: degreeOf.get(t.id) ?? 0,
    strength: strengths.get(t.id) ?? 0,
    betweenness: t.betweenness,
    constraint: con.get(t.id) ?? null,
    roles: roles.get(t.id)!,
  }));
  return { brokers, isolates: isolates(graph), serviceCount: graph.nodes.length, accuracy };
}
