/**
 * Communities: a graph counted by hand, planted communities recovered, and the modularity of the
 * partition recounted by networkx.
 */
import { Random } from '../../../seed/random';
import { networkxModularity } from '../../../../tests/helpers/networkx';
import { detectCommunities } from './communities';
import type { ServiceGraph } from './graph';

const node = (id: string, sector: string, language: 'FR' | 'NL' | 'BOTH' = 'FR') => ({ id, sector, language, zone: null });
const clique = (ids: string[]) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ a, b, strength: 1 })));

describe('two cliques of four joined by one tie, and an isolate', () => {
  const a = ['a1', 'a2', 'a3', 'a4'];
  const b = ['b1', 'b2', 'b3', 'b4'];
  const graph: ServiceGraph = {
    nodes: [...a.map((id) => node(id, 'MENTAL_HEALTH')), ...b.map((id) => node(id, id === 'b4' ? 'HOUSING' : 'ELDERLY', 'NL')), node('z1', 'HOUSING')],
    edges: [...clique(a), ...clique(b), { a: 'a4', b: 'b1', strength: 1 }],
  };
  const result = detectCommunities(graph, { resolution: 1, seed: 1 });

  it('finds the two cliques, numbered by size then smallest id', () => {
    expect(result.communities.map((c) => c.services)).toEqual([a, b]);
    expect(result.isolates).toEqual(['z1']); // no tie: not a community
  });

  it('counts ties inside and between, and the modularity by hand', () => {
    expect(result.communities.map((c) => c.internalTies)).toEqual([6, 6]); // C(4,2) = 6 in each clique
    expect(result.between).toEqual([{ a: 1, b: 2, ties: 1, weight: 1 }]); // the bridge a4–b1
    // m = 13 ties; each community has L = 6 inside and degree sum d = 2·6 + 1 = 13:
    // Q = 2 × (6/13 − (13/26)²) = 2 × (0.461538… − 0.25) = 0.423077
    expect(result.modularity).toBeCloseTo(2 * (6 / 13 - 0.25), 10);
  });

  it('describes each community by sector and language', () => {
    expect(result.communities[0]!.sectors).toEqual([{ key: 'MENTAL_HEALTH', services: 4 }]);
    expect(result.communities[1]!.sectors).toEqual([
      { key: 'ELDERLY', services: 3 },
      { key: 'HOUSING', services: 1 },
    ]);
    expect(result.communities[1]!.languages).toEqual([{ key: 'NL', services: 4 }]);
  });

  it('is the same for the same seed, and at a high resolution splits further', () => {
    expect(detectCommunities(graph, { resolution: 1, seed: 1 }).communities).toEqual(result.communities);
    // γ = 5 penalises large communities: no partition keeps a whole clique of four together at that price.
    expect(detectCommunities(graph, { resolution: 5, seed: 1 }).communities.length).toBeGreaterThan(2);
  });
});

describe('planted communities (3 groups of 12, dense inside, sparse between)', () => {
  const rnd = new Random(7);
  const groups = ['G1', 'G2', 'G3'];
  const nodes = groups.flatMap((g) => Array.from({ length: 12 }, (_, i) => node(`${g}-${String(i).padStart(2, '0')}`, g)));
  const edges: ServiceGraph['edges'] = [];
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) {
      const same = nodes[i]!.sector === nodes[j]!.sector;
      if (rnd.chance(same ? 0.6 : 0.03)) edges.push({ a: nodes[i]!.id, b: nodes[j]!.id, strength: rnd.int(1, 6) / 6 });
    }
  const graph: ServiceGraph = { nodes, edges };

  it('recovers the planted groups', () => {
    const result = detectCommunities(graph, { resolution: 1, seed: 3 });
    expect(result.communities.map((c) => c.sectors.map((s) => `${s.key}:${s.services}`))).toEqual([['G1:12'], ['G2:12'], ['G3:12']]);
  });

  it('reports the modularity networkx recounts for the same partition', () => {
    for (const resolution of [0.5, 1, 2]) {
      const result = detectCommunities(graph, { resolution, seed: 3 });
      expect(result.modularity).toBeCloseTo(
        networkxModularity(
          graph,
          result.communities.map((c) => c.services),
          resolution,
        ),
        10,
      );
    }
  });
});
