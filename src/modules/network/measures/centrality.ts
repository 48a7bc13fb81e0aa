/**
 * Who bridges.
 *
 * Betweenness (Freeman 1977, Brandes 2001 algorithm), unweighted and undirected: the share of
 * shortest paths between two other services that pass through a service, normalised by
 * (n−1)(n−2)/2 so that 1 means "on every shortest path".
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
import { adjacency, type ServiceGraph, type Tick } from './graph';

export function betweenness(graph: ServiceGraph, tick: Tick = () => {}): Map<string, number> {
  const { ids, neighbours } = adjacency(graph);
  const n = ids.length;
  // Integer indices and typed arrays: one breadth-first search per source stays cheap at a few thousand services.
  const index = new Map(ids.map((id, i) => [id, i]));
  const adj = ids.map((id) => [...neighbours.get(id)!].map((w) => index.get(w)!));
  const cb = new Float64Array(n);
  const dist = new Int32Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const order = new Int32Array(n);
  for (let s = 0; s < n; s++) {
    tick();
    dist.fill(-1);
    sigma.fill(0);
    delta.fill(0);
    dist[s] = 0;
    sigma[s] = 1;
    order[0] = s;
    let tail = 1;
    for (let head = 0; head < tail; head++) {
      const v = order[head]!;
      for (const w of adj[v]!) {
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1;
          order[tail++] = w;
        }
        if (dist[w] === dist[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    // Back from the farthest: the predecessors of w are its neighbours one step closer to s.
    for (let k = tail - 1; k > 0; k--) {
      const w = order[k]!;
      for (const v of adj[w]!) if (dist[v] === dist[w]! - 1) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      cb[w]! += delta[w]!;
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

export function brokerage(graph: ServiceGraph, tick: Tick = () => {}): Map<string, BrokerageRoles> {
  const { ids, neighbours } = adjacency(graph);
  const sectorOf = new Map(graph.nodes.map((n) => [n.id, n.sector]));
  const out = new Map<string, BrokerageRoles>();
  for (const b of ids) {
    tick();
    const roles: BrokerageRoles = { coordinator: 0, gatekeeper: 0, representative: 0, consultant: 0, liaison: 0 };
    const ns = [...neighbours.get(b)!];
    const gb = sectorOf.get(b);
    for (const a of ns) {
      for (const c of ns) {
        if (a === c || neighbours.get(a)!.has(c)) continue; // ordered open paths a → b → c
        const [ga, gc] = [sectorOf.get(a), sectorOf.get(c)];
        if (ga === gb && gb === gc) roles.coordinator += 1;
        else if (ga === gc) roles.consultant += 1;
        else if (gb === gc) roles.gatekeeper += 1;
        else if (ga === gb) roles.representative += 1;
        else roles.liaison += 1;
      }
    }
    out.set(b, roles);
  }
  return out;
}

export function constraint(graph: ServiceGraph, tick: Tick = () => {}): Map<string, number | null> {
  const { ids, neighbours, weight } = adjacency(graph);
  const total = new Map(ids.map((i) => [i, [...neighbours.get(i)!].reduce((sum, j) => sum + weight(i, j), 0)]));
  const p = (i: string, j: string) => (total.get(i)! > 0 ? weight(i, j) / total.get(i)! : 0);
  const out = new Map<string, number | null>();
  for (const i of ids) {
    tick();
    const contacts = neighbours.get(i)!;
    if (contacts.size === 0) {
      out.set(i, null);
      continue;
    }
    let c = 0;
    for (const j of contacts) {
      let indirect = 0;
      for (const q of contacts) if (q !== j) indirect += p(i, q) * p(q, j);
      c += (p(i, j) + indirect) ** 2;
    }
    out.set(i, c);
  }
  return out;
}

export function isolates(graph: ServiceGraph): string[] {
  const { ids, neighbours } = adjacency(graph);
  return ids.filter((id) => neighbours.get(id)!.size === 0);
}
