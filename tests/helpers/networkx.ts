/**
 * networkx (Python), the reference implementation we compare our measures with. Installed once from
 * PyPI into the ignored .pydeps/ folder (pip --target), then called with a graph as JSON.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import type { ServiceGraph } from '../../src/modules/network/measures/graph';

const TARGET = path.join(PROJECT_ROOT, '.pydeps');
const VERSION = '3.4.2';

function ensureNetworkx(): void {
  if (fs.existsSync(path.join(TARGET, 'networkx', '__init__.py'))) return;
  execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', TARGET, `networkx==${VERSION}`], { stdio: 'inherit' });
}

const SCRIPT = `
import json, sys
import networkx as nx
g = json.load(sys.stdin)
G = nx.Graph()
G.add_nodes_from(n['id'] for n in g['nodes'])
for e in g['edges']:
    G.add_edge(e['a'], e['b'], weight=e['strength'], distance=1.0 / e['strength'])
bc = nx.betweenness_centrality(G, normalized=True)
wbc = nx.betweenness_centrality(G, normalized=True, weight='distance')
con = nx.constraint(G, weight='weight')
st = dict(G.degree(weight='weight'))
print(json.dumps({'betweenness': bc, 'weightedBetweenness': wbc, 'strength': st, 'constraint': {k: (None if v != v else v) for k, v in con.items()}}))
`;

export interface ReferenceMeasures {
  betweenness: Record<string, number>;
  /** On distances 1 / strength. */
  weightedBetweenness: Record<string, number>;
  /** Weighted degree. */
  strength: Record<string, number>;
  constraint: Record<string, number | null>;
}

export function networkxMeasures(graph: ServiceGraph): ReferenceMeasures {
  ensureNetworkx();
  const out = execFileSync('python3', ['-c', SCRIPT], { input: JSON.stringify(graph), env: { ...process.env, PYTHONPATH: TARGET }, encoding: 'utf8' });
  return JSON.parse(out) as ReferenceMeasures;
}

const MODULARITY_SCRIPT = `
import json, sys
import networkx as nx
g = json.load(sys.stdin)
G = nx.Graph()
G.add_nodes_from(n['id'] for n in g['nodes'])
for e in g['edges']:
    G.add_edge(e['a'], e['b'], weight=e['strength'])
print(json.dumps(nx.community.modularity(G, [set(c) for c in g['partition']], weight='weight', resolution=g['resolution'])))
`;

/** networkx's modularity of a partition of the graph's tied nodes (weighted by strength). */
export function networkxModularity(graph: ServiceGraph, partition: string[][], resolution: number): number {
  ensureNetworkx();
  const tied = new Set(graph.edges.flatMap((e) => [e.a, e.b]));
  const input = { nodes: graph.nodes.filter((n) => tied.has(n.id)), edges: graph.edges, partition, resolution };
  const out = execFileSync('python3', ['-c', MODULARITY_SCRIPT], { input: JSON.stringify(input), env: { ...process.env, PYTHONPATH: TARGET }, encoding: 'utf8' });
  return JSON.parse(out) as number;
}
