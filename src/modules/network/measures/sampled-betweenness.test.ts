/** Sampled betweenness (Riondato–Kornaropoulos) against exact Brandes, on graphs counted by hand and on a random one. */
import { betweenness } from './centrality';
import type { ServiceGraph } from './graph';
import { sampleSize, sampledBetweenness } from './sampled-betweenness';

const graphOf = (ids: string[], ties: Array<[string, string]>): ServiceGraph => ({
  nodes: ids.map((id) => ({ id, sector: 'X', language: 'FR', zone: 'Z' })),
  edges: ties.map(([a, b]) => ({ a, b, strength: 1, count: 1 })),
});

it('sizes the sample as Riondato and Kornaropoulos do', () => {
  // VD 6: ⌊log₂ 4⌋ + 1 = 3; ln(1/0.1) = 2.3026; 0.5 / 0.1² × 5.3026 = 265.13 → 266
  expect(sampleSize(6, 0.1, 0.1)).toBe(266);
  // VD 2: no service can lie inside a path; the capacity term is 1: 50 × (1 + 2.3026) = 165.13 → 166
  expect(sampleSize(2, 0.1, 0.1)).toBe(166);
});

it('on a path a–b–c–d–e, estimates b 0.5, c 0.667, d 0.5 within the stated bound', () => {
  const path = graphOf(
    ['a', 'b', 'c', 'd', 'e'],
    [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'e'],
    ],
  );
  // exact: b lies on a–c, a–d, a–e (3 of the 6 pairs without b) = 0.5; c on a–d, a–e, b–d, b–e = 4/6; d like b
  const exact = betweenness(path);
  const est = sampledBetweenness(path, { errorBound: 0.1, failureProbability: 0.1, seed: 7 });
  // From a, the farthest service is 4 steps away: VD ≤ 2 × 4 + 1 = 9
  expect(est.vertexDiameterBound).toBe(9);
  // ε on our scale 0.1 is 0.1 × 3/5 = 0.06 on theirs: ⌊log₂ 7⌋ + 1 = 3; 0.5 / 0.0036 × 5.3026 = 736.5 → 737
  expect(est.samples).toBe(737);
  expect(est.confidence).toBeCloseTo(0.9);
  for (const [id, value] of exact) expect(Math.abs((est.values.get(id) ?? NaN) - value)).toBeLessThanOrEqual(0.1);
  expect(est.values.get('a')).toBe(0); // an end of every path through it
});

it('counts the paths on both sides of a square: b and d each carry half of a–c', () => {
  // a–b–c and a–d–c are both shortest; b and d each lie on half of the a–c paths (1/2 of one pair of 3) = 1/6
  const square = graphOf(
    ['a', 'b', 'c', 'd'],
    [
      ['a', 'b'],
      ['b', 'c'],
      ['c', 'd'],
      ['d', 'a'],
    ],
  );
  const est = sampledBetweenness(square, { errorBound: 0.02, failureProbability: 0.05, seed: 3 });
  for (const id of ['a', 'b', 'c', 'd']) expect(est.values.get(id)).toBeCloseTo(1 / 6, 1);
});

it('a random graph of 300 services: every estimate within ε of exact Brandes, the same for the same seed', () => {
  let state = 12345;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const ids = Array.from({ length: 300 }, (_, i) => `s${String(i).padStart(3, '0')}`);
  const ties = new Map<string, [string, string]>();
  // A few hubs tie many services, as network days do, and the rest a handful each.
  for (const [i, id] of ids.entries()) {
    const wanted = i < 10 ? 40 : 3;
    for (let k = 0; k < wanted; k++) {
      const other = ids[Math.floor(random() * ids.length)]!;
      if (other !== id) ties.set([id, other].sort().join('|'), [id, other].sort() as [string, string]);
    }
  }
  const graph = graphOf(ids, [...ties.values()]);
  const exact = betweenness(graph);
  const opts = { errorBound: 0.02, failureProbability: 0.1, seed: 11 };
  const est = sampledBetweenness(graph, opts);
  const worst = Math.max(...[...exact].map(([id, v]) => Math.abs((est.values.get(id) ?? NaN) - v)));
  expect(worst).toBeLessThanOrEqual(0.02);
  expect(sampledBetweenness(graph, opts).values).toEqual(est.values);
});

it('isolates and separate components: no path between them, nothing counted', () => {
  const split = graphOf(
    ['a', 'b', 'c', 'x', 'y', 'z'],
    [
      ['a', 'b'],
      ['b', 'c'],
      ['x', 'y'],
    ],
  );
  const est = sampledBetweenness(split, { errorBound: 0.05, failureProbability: 0.1, seed: 1 });
  // exact: only b lies inside a path (a–c): 1 pair of (5 × 4)/2 = 10 → 0.1
  expect(est.values.get('b')).toBeCloseTo(0.1, 1);
  for (const id of ['a', 'c', 'x', 'y', 'z']) expect(est.values.get(id)).toBe(0);
});
