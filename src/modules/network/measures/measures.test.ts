/**
 * Network measures on graphs small enough to count by hand. G1:
 *
 *     m1 ── m2          sectors: m* mental health (M), d* disability (D), h1 housing (H), y1 youth (Y)
 *      \   /
 *       m3 ── d1 ── d2
 *              |
 *              h1          y1 (isolate)
 */
import { brokerage, brokerRanking, betweenness, constraint, isolates, strength, weightedBetweenness } from './centrality';
import type { ServiceGraph } from './graph';
import { eiIndex, gaps, mixingMatrix } from './mixing';

const node = (id: string, sector: string) => ({ id, sector, language: 'FR' as const, zone: 'SUD' });
const edge = (a: string, b: string, strength = 1) => ({ a, b, strength });

const G1: ServiceGraph = {
  nodes: [node('m1', 'M'), node('m2', 'M'), node('m3', 'M'), node('d1', 'D'), node('d2', 'D'), node('h1', 'H'), node('y1', 'Y')],
  edges: [edge('m1', 'm2'), edge('m2', 'm3'), edge('m1', 'm3'), edge('m3', 'd1'), edge('d1', 'd2'), edge('d1', 'h1')],
};

describe('mixing matrix (G1: 7 services, 21 possible pairs, 6 ties)', () => {
  const cell = (a: string, b: string) => mixingMatrix(G1).find((c) => c.sectorA === a && c.sectorB === b)!;
  it('counts observed ties, possible pairs, density and expected ties', () => {
    expect(cell('D', 'M')).toEqual({ sectorA: 'D', sectorB: 'M', observed: 1, possible: 6, density: 1 / 6, expected: (6 * 6) / 21 }); // m3–d1; 2×3 pairs
    expect(cell('M', 'M')).toEqual({ sectorA: 'M', sectorB: 'M', observed: 3, possible: 3, density: 1, expected: (6 * 3) / 21 }); // the triangle
    expect(cell('D', 'D')).toMatchObject({ observed: 1, possible: 1, density: 1 }); // d1–d2
    expect(cell('H', 'H')).toMatchObject({ observed: 0, possible: 0, density: null }); // one housing service: no pair
    expect(mixingMatrix(G1)).toHaveLength(10); // 4 sectors: 4 + 6 cells
  });

  it('ranks gaps by services left unconnected', () => {
    // H–M: h1 + m1, m2, m3 = 4; M–Y: 3 + 1 = 4; D–Y: 2 + 1 = 3; H–Y: 1 + 1 = 2. D–M (1 tie ≥ 0.5 × 1.71) is no gap.
    expect(gaps(G1).map((g) => [g.sectorA, g.sectorB, g.unconnectedServices])).toEqual([
      ['H', 'M', 4],
      ['M', 'Y', 4],
      ['D', 'Y', 3],
      ['H', 'Y', 2],
    ]);
    // With a stricter threshold D–M (1 observed < 1 × 1.71 expected) becomes a gap: m1, m2 reach no D; d2 reaches no M → 3.
    expect(gaps(G1, 1).find((g) => g.sectorA === 'D' && g.sectorB === 'M')?.unconnectedServices).toBe(3);
  });

  it('E-I index per sector and for the territory', () => {
    const { perSector, territory } = eiIndex(G1);
    // internal: 3 (M triangle) + 1 (d1–d2) = 4; external: m3–d1, d1–h1 = 2 → (2 − 4) / 6
    expect(territory).toEqual({ sector: null, external: 2, internal: 4, index: -1 / 3 });
    expect(perSector).toEqual([
      { sector: 'D', external: 2, internal: 1, index: 1 / 3 },
      { sector: 'H', external: 1, internal: 0, index: 1 },
      { sector: 'M', external: 1, internal: 3, index: -0.5 },
      { sector: 'Y', external: 0, internal: 0, index: null }, // an isolate: undefined, not 0
    ]);
  });
});

describe('brokers (G1)', () => {
  it('betweenness, normalised by (n−1)(n−2)/2 = 15', () => {
    const b = betweenness(G1);
    expect(b.get('m3')).toBeCloseTo(6 / 15); // {m1, m2} × {d1, d2, h1}
    expect(b.get('d1')).toBeCloseTo(7 / 15); // {m1, m2, m3} × {d2, h1} + d2–h1
    for (const id of ['m1', 'm2', 'd2', 'h1', 'y1']) expect(b.get(id)).toBe(0);
  });

  it('Gould–Fernandez roles over ordered open paths', () => {
    const r = brokerage(G1);
    // m3: m1→m3→d1, m2→m3→d1 (representative), and back (gatekeeper)
    expect(r.get('m3')).toEqual({ coordinator: 0, gatekeeper: 2, representative: 2, consultant: 0, liaison: 0 });
    // d1: m3→d1→d2 gatekeeper, d2→d1→m3 representative, m3↔h1 liaison ×2, d2→d1→h1 representative, h1→d1→d2 gatekeeper
    expect(r.get('d1')).toEqual({ coordinator: 0, gatekeeper: 2, representative: 2, consultant: 0, liaison: 2 });
    expect(r.get('m1')).toEqual({ coordinator: 0, gatekeeper: 0, representative: 0, consultant: 0, liaison: 0 }); // closed triangle
  });

  it('coordinator and consultant on two paths of three', () => {
    const same: ServiceGraph = { nodes: [node('a', 'M'), node('b', 'M'), node('c', 'M')], edges: [edge('a', 'b'), edge('b', 'c')] };
    const itinerant: ServiceGraph = { nodes: [node('a', 'M'), node('b', 'D'), node('c', 'M')], edges: [edge('a', 'b'), edge('b', 'c')] };
    expect(brokerage(same).get('b')).toMatchObject({ coordinator: 2 });
    expect(brokerage(itinerant).get('b')).toMatchObject({ consultant: 2 });
  });

  it('Burt constraint', () => {
    const c = constraint(G1);
    // m1: j=m2 (1/2 + 1/2·1/3)² = 4/9; j=m3 (1/2 + 1/2·1/2)² = 9/16 → 4/9 + 9/16
    expect(c.get('m1')).toBeCloseTo(4 / 9 + 9 / 16);
    // m3: j=m1, m2 each (1/3 + 1/3·1/2)² = 1/4; j=d1 (1/3)² = 1/9
    expect(c.get('m3')).toBeCloseTo(1 / 2 + 1 / 9);
    expect(c.get('d1')).toBeCloseTo(1 / 3); // three unconnected contacts: 3 × (1/3)²
    expect(c.get('h1')).toBe(1); // a single contact constrains fully
    expect(c.get('y1')).toBeNull();
  });

  it('isolates', () => {
    expect(isolates(G1)).toEqual(['y1']);
  });

  it('edge cases: empty graph and a single sector', () => {
    const empty: ServiceGraph = { nodes: [], edges: [] };
    expect(mixingMatrix(empty)).toEqual([]);
    expect(eiIndex(empty).territory.index).toBeNull();
    expect(betweenness(empty).size).toBe(0);
    const one: ServiceGraph = { nodes: [node('a', 'M'), node('b', 'M')], edges: [edge('a', 'b')] };
    expect(gaps(one)).toEqual([]); // no cross-sector pair exists
    expect(eiIndex(one).territory).toEqual({ sector: null, external: 0, internal: 1, index: -1 });
  });
});

describe('time limit', () => {
  it('the long measures call tick once per node, so a time limit can stop them', () => {
    let ticks = 0;
    betweenness(G1, () => void (ticks += 1));
    expect(ticks).toBe(7);
    const stop = () => {
      throw new Error('out of time');
    };
    expect(() => betweenness(G1, stop)).toThrow('out of time');
    expect(() => constraint(G1, stop)).toThrow('out of time');
    expect(() => brokerage(G1, stop)).toThrow('out of time');
  });
});

/**
 * Weighted measures on G2, a square whose two sides have different weights (tie length = 1 / weight):
 *
 *     a ──(1)── b          lengths: a–b 1, b–d 1, a–c 1/4, c–d 1/4
 *     |         |
 *    (4)       (1)
 *     |         |
 *     c ──(4)── d
 */
const G2: ServiceGraph = {
  nodes: [node('a', 'M'), node('b', 'D'), node('c', 'H'), node('d', 'M')],
  edges: [edge('a', 'b', 1), edge('b', 'd', 1), edge('a', 'c', 4), edge('c', 'd', 4)],
};

describe('weighted measures (G2)', () => {
  it("strength (weighted degree): the summed weights of a node's ties", () => {
    expect(Object.fromEntries(strength(G2))).toEqual({ a: 5, b: 2, c: 8, d: 5 }); // a: 1 + 4; b: 1 + 1; c: 4 + 4; d: 1 + 4
  });

  it('unweighted betweenness: every node carries half of one pair, 1/6 once normalised', () => {
    // a–d: via b or via c (b ½, c ½); b–c: via a or via d (a ½, d ½). Normalised by (4 − 1)(4 − 2)/2 = 3.
    for (const v of betweenness(G2).values()) expect(v).toBeCloseTo(1 / 6, 12);
  });

  it('betweenness on distances 1/weight: the strong side carries a–d; b–c still splits', () => {
    // a–d: a–c–d = 1/2 < a–b–d = 2 → c carries it (1). b–c: b–a–c = 1 + 1/4 = b–d–c → a ½, d ½.
    // a–b: direct 1 < a–c–d–b 1.5; b–d likewise; a–c, c–d direct. Normalised by 3: c 1/3, a and d 1/6, b 0.
    const w = weightedBetweenness(G2);
    expect(w.get('c')).toBeCloseTo(1 / 3, 12);
    expect(w.get('a')).toBeCloseTo(1 / 6, 12);
    expect(w.get('d')).toBeCloseTo(1 / 6, 12);
    expect(w.get('b')).toBe(0);
  });

  it('brokerRanking: ranks by the chosen betweenness, with degree and strength beside', () => {
    const top = brokerRanking(G2, { weighting: 'INVERSE_WEIGHT', first: 2 });
    expect(top.brokers.map((b) => [b.serviceId, b.degree, b.strength])).toEqual([
      ['c', 2, 8],
      ['a', 2, 5], // a and d tie at 1/6: by id
    ]);
    expect(brokerRanking(G2, { weighting: 'UNWEIGHTED', first: 4 }).brokers.map((b) => b.serviceId)).toEqual(['a', 'b', 'c', 'd']); // all 1/6: by id
  });
});
