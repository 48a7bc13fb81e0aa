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
import { adjacency, indexed, type ServiceGraph, type Tick } from './graph';

export function betweenness(graph: ServiceGraph, tick: Tick = () => {}): Map<string, number> {
  const { ids, offsets, targets } = indexed(graph);
  const n = ids.length;
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
      for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
        const w = targets[k]!;
        if (dist[w]! < 0) {
          dist[w] = dist[v]! + 1;
          order[tail++] = w;
        }
        if (dist[w] === dist[v]! + 1) sigma[w]! += sigma[v]!;
      }
    }
    // Back from the farthest: the predecessors of w are its neighbours one step closer to s.
    for (let h = tail - 1; h > 0; h--) {
      const w = order[h]!;
      for (let k = offsets[w]!; k < offsets[w + 1]!; k++) {
        const v = targets[k]!;
        if (dist[v] === dist[w]! - 1) delta[v]! += (sigma[v]! / sigma[w]!) * (1 + delta[w]!);
      }
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
  const { ids, offsets, targets, sector, tied } = indexed(graph);
  const out = new Map<string, BrokerageRoles>();
  ids.forEach((id, b) => {
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
  });
  return out;
}

export function constraint(graph: ServiceGraph, tick: Tick = () => {}): Map<string, number | null> {
  const { ids, offsets, targets, weights } = indexed(graph);
  const n = ids.length;
  const total = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let k = offsets[i]!; k < offsets[i + 1]!; k++) total[i]! += weights[k]!;
  // For node i: contactOf[j] === i marks i's contacts; indirect[j] gathers Σ_q p_iq p_qj.
  const contactOf = new Int32Array(n).fill(-1);
  const indirect = new Float64Array(n);
  const out = new Map<string, number | null>();
  ids.forEach((id, i) => {
    tick();
    if (offsets[i] === offsets[i + 1]) return out.set(id, null);
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
    return out.set(id, c);
  });
  return out;
}

export function isolates(graph: ServiceGraph): string[] {
  const { ids, neighbours } = adjacency(graph);
  return ids.filter((id) => neighbours.get(id)!.size === 0);
}
