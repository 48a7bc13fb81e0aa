/**
 * Our betweenness and constraint agree with well-kept libraries on seeded random graphs:
 * graphology-metrics (betweenness, unweighted and on distances 1/weight) and networkx (betweenness
 * both ways, strength and Burt's constraint). Weights are fractions, as weighted strengths are.
 */
import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import { Random } from '../../../seed/random';
import { networkxMeasures } from '../../../../tests/helpers/networkx';
import { betweenness, constraint, strength, weightedBetweenness } from './centrality';
import type { ServiceGraph } from './graph';

function randomGraph(seed: number, n: number, p: number): ServiceGraph {
  const rnd = new Random(seed);
  const nodes = Array.from({ length: n }, (_, i) => ({ id: `s${String(i).padStart(2, '0')}`, sector: rnd.pick(['M', 'D', 'H']), language: 'FR' as const, zone: null }));
  const edges: ServiceGraph['edges'] = [];
  // Weights as weighted strengths come: sums of 1/(n − 1) shares (here k/6, k = 1…12).
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (rnd.chance(p)) edges.push({ a: nodes[i]!.id, b: nodes[j]!.id, strength: rnd.int(1, 12) / 6 });
  return { nodes, edges };
}

const SEEDS = [1, 2, 3, 4, 5, 6];

describe.each(SEEDS)('random graph (seed %i, 30 services)', (seed) => {
  const graph = randomGraph(seed, 30, 0.12);
  const ours = { betweenness: betweenness(graph), weighted: weightedBetweenness(graph), strength: strength(graph), constraint: constraint(graph) };
  const reference = networkxMeasures(graph);

  it('betweenness agrees with graphology-metrics', () => {
    const g = new Graph({ type: 'undirected' });
    for (const n of graph.nodes) g.addNode(n.id);
    for (const e of graph.edges) g.addEdge(e.a, e.b);
    const theirs = betweennessCentrality(g, { normalized: true });
    for (const n of graph.nodes) expect(ours.betweenness.get(n.id)).toBeCloseTo(theirs[n.id] as number, 10);
  });

  it('betweenness on distances 1/weight agrees with graphology-metrics', () => {
    const g = new Graph({ type: 'undirected' });
    for (const n of graph.nodes) g.addNode(n.id);
    for (const e of graph.edges) g.addEdge(e.a, e.b, { distance: 1 / e.strength });
    const theirs = betweennessCentrality(g, { normalized: true, getEdgeWeight: 'distance' });
    for (const n of graph.nodes) expect(ours.weighted.get(n.id)).toBeCloseTo(theirs[n.id] as number, 10);
  });

  it('betweenness (both ways), strength and constraint agree with networkx', () => {
    for (const n of graph.nodes) {
      expect(ours.weighted.get(n.id)).toBeCloseTo(reference.weightedBetweenness[n.id] as number, 10);
      expect(ours.strength.get(n.id)).toBeCloseTo(reference.strength[n.id] as number, 10);
      expect(ours.betweenness.get(n.id)).toBeCloseTo(reference.betweenness[n.id] as number, 10);
      const c = ours.constraint.get(n.id);
      const r = reference.constraint[n.id];
      if (r === null || r === undefined) expect(c).toBeNull();
      else expect(c).toBeCloseTo(r, 10);
    }
  });
});
