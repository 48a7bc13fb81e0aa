/**
 * Network measures on graphs small enough to count by hand. G1:
 *
 *     m1 ── m2          sectors: m* mental health (M), d* disability (D), h1 housing (H), y1 youth (Y)
 *      \   /
 *       m3 ── d1 ── d2
 *              |
 *              h1          y1 (isolate)
 */
import { brokerage, betweenness, constraint, isolates } from './centrality';
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
