/** Need-weighted gaps on a graph small enough to count by hand. */
import { gaps } from '../network/measures/mixing';
import type { ServiceGraph } from '../network/measures/graph';
import { gapsByNeed, needWeights } from './need';

// Four services: m1, m2 mental health; h1, h2 housing. One tie m1–h1.
// Mental health ↔ housing: m2 has no tie to housing, h2 none to mental health: 2 unconnected.
const graph: ServiceGraph = {
  nodes: [
    { id: 'm1', sector: 'MENTAL_HEALTH', language: 'FR', zone: 'SUD' },
    { id: 'm2', sector: 'MENTAL_HEALTH', language: 'FR', zone: 'SUD' },
    { id: 'h1', sector: 'HOUSING', language: 'NL', zone: 'SUD' },
    { id: 'h2', sector: 'HOUSING', language: 'NL', zone: 'SUD' },
  ],
  edges: [{ a: 'h1', b: 'm1', strength: 1 }],
};

describe('need weights', () => {
  it("a quartier value over the mean of the services' quartiers; missing figures weigh 1", () => {
    // Values 1000, 3000, (none), 2000: mean of the known = 2000.
    const w = needWeights(
      new Map<string, number | null>([
        ['m1', 1000],
        ['m2', 3000],
        ['h1', null],
        ['h2', 2000],
      ]),
      'HIGH',
    );
    expect(Object.fromEntries(w.weight)).toEqual({ m1: 0.5, m2: 1.5, h1: 1, h2: 1 });
    expect(w.missing).toBe(1);
    // LOW (income: less is more need): mean / value = 2, 2/3, 1, 1.
    const low = needWeights(
      new Map<string, number | null>([
        ['m1', 1000],
        ['m2', 3000],
        ['h1', null],
        ['h2', 2000],
      ]),
      'LOW',
    );
    expect(low.weight.get('m1')).toBe(2);
    expect(low.weight.get('m2')).toBeCloseTo(2 / 3, 10);
  });

  it('a gap counts the need of the services it leaves unconnected', () => {
    const plain = gaps(graph, 100); // threshold 100: every present pair with too few ties is a gap
    const pair = plain.find((g) => g.sectorA !== g.sectorB)!;
    expect(pair.unconnectedServices).toBe(2); // m2 and h2
    const w = needWeights(
      new Map<string, number | null>([
        ['m1', 1000],
        ['m2', 3000],
        ['h1', null],
        ['h2', 2000],
      ]),
      'HIGH',
    );
    // m2 weighs 1.5 and h2 1: need 2.5.
    expect(gapsByNeed(graph, plain, w).find((g) => g.sectorA === pair.sectorA && g.sectorB === pair.sectorB)?.need).toBe(2.5);
  });
});
