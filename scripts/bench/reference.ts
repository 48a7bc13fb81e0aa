/**
 * Issue 30's physical anchor: our measures against reference implementations, in memory, on the very
 * graph the API measures. The zone's and the region's service graphs are exported once with the API's
 * own loader (src/modules/network/scope.ts `loadGraph`: the territory's services and the ties that pass
 * the default tie filter, weighted by their weighted strength), then timed:
 *  - ours in this process: `betweenness` (centrality.ts) and `detectCommunities` (Louvain, communities.ts);
 *  - python-igraph on the same nodes and edges: `Graph.betweenness(directed=False)` and
 *    `community_multilevel(weights=…)`, timed inside Python (pip-installed into .pydeps/ when asked to;
 *    skipped, saying so, when it is missing and not to be installed);
 *  - graphology-metrics' betweenness (a JavaScript reference, always there: a devDependency).
 * The figures are algorithm times: graphs are built before timing, each build printed apart. Ours
 * builds its compressed index before betweenness (graph.ts `indexed`, as each request does, untimed);
 * detectCommunities is timed as the API calls it again on a loaded graph (after the warm-up run, so
 * whatever it keeps per loaded graph is built), which includes describing the communities.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Graph from 'graphology';
import betweennessCentrality from 'graphology-metrics/centrality/betweenness';
import type { Principal } from '../../src/access/principal';
import { PROJECT_ROOT } from '../../src/config';
import { createContext } from '../../src/context';
import type { Db } from '../../src/neo4j/driver';
import { betweenness } from '../../src/modules/network/measures/centrality';
import { detectCommunities } from '../../src/modules/network/measures/communities';
import { indexed, type ServiceGraph } from '../../src/modules/network/measures/graph';
import { loadGraph, parseScope } from '../../src/modules/network/scope';
import { benchConfig } from './setup';
import { median, ms } from './stats';

const PYDEPS = path.join(PROJECT_ROOT, '.pydeps');
/** python-igraph as published on PyPI (the `igraph` package). */
export const IGRAPH_VERSION = '1.0.0';
/** A measure is run WARM_RUNS times to warm (V8 compiles a hot function after a few calls, as it has in a running API), then up to `runs` times while this much time has not passed. */
const BUDGET_MS = 30_000;
const WARM_RUNS = 5;

export interface ReferenceRow {
  measure: 'betweenness' | 'Louvain';
  graph: string;
  nodes: number;
  edges: number;
  /** Ours, p50 of the runs (ms). */
  oursMs: number;
  igraphMs?: number;
  /** ours / python-igraph (target ≤ 2). */
  igraphRatio?: number;
  graphologyMs?: number;
  graphologyRatio?: number;
  /** Do the answers agree: the largest betweenness difference, or both modularities and community counts. */
  agreement: string;
}

export interface ReferenceResult {
  /** How the graphs were exported. */
  exported: string;
  /** The python-igraph version used, or why it was not. */
  igraph: string;
  /** Building each side's graph (ms): ours (compressed index), python-igraph, graphology. */
  builds: Array<{ graph: string; oursIndexMs: number; igraphMs?: number; graphologyMs: number }>;
  rows: ReferenceRow[];
}

export interface ReferenceOptions {
  zone: string;
  region: string;
  runs: number;
  /** Install python-igraph into .pydeps/ when it is missing (the bench does; the smoke test does not). */
  install: boolean;
  log: (line: string) => void;
}

const ANALYST: Principal = { role: 'analyst', keyId: 'bench reference' };

/** The territory's graph exactly as the API's measures get it (a request's context, the default tie filter). */
async function exportGraph(db: Db, territory: Record<string, string>): Promise<ServiceGraph> {
  const ctx = createContext({ db, config: benchConfig(), principal: ANALYST });
  return loadGraph(ctx, await parseScope(ctx, { territory }));
}

/**
 * WARM_RUNS warm-up runs (fewer if they outlast the budget), then up to `runs` timed runs within the
 * budget (at least one): the p50 and the last answer. `prepare` makes each run's input, untimed.
 */
function timeSync<I, T>(runs: number, prepare: () => I, fn: (input: I) => T): { ms: number; value: T } {
  const warmStart = performance.now();
  let value = fn(prepare());
  for (let i = 1; i < WARM_RUNS && performance.now() - warmStart < BUDGET_MS / 3; i++) value = fn(prepare());
  const samples: number[] = [];
  const start = performance.now();
  while (samples.length < Math.max(1, runs) && (samples.length === 0 || performance.now() - start < BUDGET_MS)) {
    const input = prepare();
    const t0 = performance.now();
    value = fn(input);
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), value };
}

const IGRAPH_SCRIPT = `
import json, sys, time
import igraph as ig
g = json.load(sys.stdin)
runs, budget, warm_runs = max(1, g['runs']), g['budgetMs'] / 1000, g['warmRuns']
def timed(fn):
    value = fn()
    warm_start = time.perf_counter()
    for _ in range(1, warm_runs):
        if time.perf_counter() - warm_start >= budget / 3:
            break
        value = fn()
    samples = []
    start = time.perf_counter()
    while len(samples) < runs and (not samples or time.perf_counter() - start < budget):
        t0 = time.perf_counter()
        value = fn()
        samples.append((time.perf_counter() - t0) * 1000)
    samples.sort()
    mid = len(samples) // 2
    return value, (samples[mid] if len(samples) % 2 else (samples[mid - 1] + samples[mid]) / 2)
t0 = time.perf_counter()
G = ig.Graph(n=g['n'], edges=g['edges'], directed=False)
G.es['weight'] = g['weights']
build = (time.perf_counter() - t0) * 1000
bc, bms = timed(lambda: G.betweenness(directed=False))
cl, cms = timed(lambda: G.community_multilevel(weights='weight'))
print(json.dumps({'version': ig.__version__, 'buildMs': build, 'betweenness': bc, 'betweennessMs': bms,
  'louvainMs': cms, 'communities': len([c for c in cl if len(c) > 1]), 'modularity': G.modularity(cl.membership, weights='weight')}))
`;

interface IgraphAnswer {
  version: string;
  buildMs: number;
  betweenness: number[];
  betweennessMs: number;
  louvainMs: number;
  communities: number;
  modularity: number;
}

function run(command: string, args: string[], input: string | null, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

/** null when python-igraph can be imported from .pydeps/ (installed first when asked to), else why not. */
async function igraphMissing(install: boolean, log: (line: string) => void): Promise<string | null> {
  if (fs.existsSync(path.join(PYDEPS, 'igraph', '__init__.py'))) return null;
  if (!install) return 'not installed in .pydeps/ (npm run bench installs it)';
  log(`  installing python-igraph ${IGRAPH_VERSION} from PyPI into .pydeps/ (once, for the in-memory reference)…`);
  const pip = await run(
    'python3',
    ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--root-user-action=ignore', '--target', PYDEPS, `igraph==${IGRAPH_VERSION}`],
    null,
  ).catch((err: unknown) => ({ code: -1, stdout: '', stderr: err instanceof Error ? err.message : String(err) }));
  if (pip.code !== 0 || !fs.existsSync(path.join(PYDEPS, 'igraph', '__init__.py')))
    return `could not be installed (${pip.stderr.trim().split('\n').at(-1) ?? `pip exit ${pip.code}`})`;
  return null;
}

async function igraphOn(graph: ServiceGraph, runs: number): Promise<IgraphAnswer> {
  const index = new Map(graph.nodes.map((n, i) => [n.id, i]));
  const edges = graph.edges.filter((e) => e.a !== e.b && index.has(e.a) && index.has(e.b));
  const input = JSON.stringify({
    n: graph.nodes.length,
    edges: edges.map((e) => [index.get(e.a), index.get(e.b)]),
    weights: edges.map((e) => e.strength),
    runs,
    budgetMs: BUDGET_MS,
    warmRuns: WARM_RUNS,
  });
  const out = await run('python3', ['-c', IGRAPH_SCRIPT], input, { ...process.env, PYTHONPATH: PYDEPS });
  if (out.code !== 0) throw new Error(`python-igraph failed: ${out.stderr.trim().split('\n').at(-1) ?? ''}`);
  return JSON.parse(out.stdout) as IgraphAnswer;
}

const ratio = (ours: number, theirs: number) => Math.round((ours / Math.max(theirs, 0.001)) * 100) / 100;

export async function benchReference(db: Db, opts: ReferenceOptions): Promise<ReferenceResult> {
  const missing = await igraphMissing(opts.install, opts.log);
  const result: ReferenceResult = {
    exported: 'scope.ts loadGraph (the API loader, default tie filter, analyst)',
    igraph: missing ? `skipped: python-igraph ${missing}` : '',
    builds: [],
    rows: [],
  };
  for (const [label, territory] of [
    [`zone ${opts.zone}`, { zone: opts.zone }],
    [`region ${opts.region}`, { region: opts.region }],
  ] as const) {
    const graph = await exportGraph(db, territory);
    const size = { graph: label, nodes: graph.nodes.length, edges: graph.edges.length };
    opts.log(`  reference graph, ${label}: ${size.nodes} services, ${size.edges} ties`);

    // Ours: a fresh object each run, its index built untimed (graph.ts caches it per object, as within a request).
    const builds: number[] = [];
    const ours = timeSync(
      opts.runs,
      () => {
        const g: ServiceGraph = { nodes: graph.nodes, edges: graph.edges };
        const t0 = performance.now();
        indexed(g);
        builds.push(performance.now() - t0);
        return g;
      },
      (g) => betweenness(g),
    );
    const oursLouvain = timeSync(
      opts.runs,
      () => graph,
      (g) => detectCommunities(g, { resolution: 1, seed: 1 }),
    );

    const t0 = performance.now();
    const gg = new Graph({ type: 'undirected' });
    for (const n of graph.nodes) gg.addNode(n.id);
    for (const e of graph.edges) if (e.a !== e.b && !gg.hasEdge(e.a, e.b)) gg.addEdge(e.a, e.b);
    const graphologyBuildMs = performance.now() - t0;
    const theirs = timeSync(
      opts.runs,
      () => gg,
      (g) => betweennessCentrality(g, { normalized: true, getEdgeWeight: null }),
    );
    const graphologyDiff = Math.max(0, ...graph.nodes.map((n) => Math.abs((ours.value.get(n.id) ?? 0) - (theirs.value[n.id] ?? 0))));

    let ig: IgraphAnswer | null = null;
    if (!missing) {
      try {
        ig = await igraphOn(graph, opts.runs);
        result.igraph = `python-igraph ${ig.version}`;
      } catch (err) {
        result.igraph = `failed: ${err instanceof Error ? err.message : String(err)}`;
      }
    }
    // igraph counts each unordered pair once, unnormalised: ours is that over (n − 1)(n − 2) / 2.
    const n = graph.nodes.length;
    const norm = n > 2 ? ((n - 1) * (n - 2)) / 2 : 1;
    const igraphDiff = ig ? Math.max(0, ...graph.nodes.map((node, i) => Math.abs((ours.value.get(node.id) ?? 0) - (ig.betweenness[i] ?? 0) / norm))) : null;

    result.builds.push({ graph: label, oursIndexMs: ms(median(builds)), ...(ig ? { igraphMs: ms(ig.buildMs) } : {}), graphologyMs: ms(graphologyBuildMs) });
    result.rows.push({
      measure: 'betweenness',
      ...size,
      oursMs: ms(ours.ms),
      ...(ig ? { igraphMs: ms(ig.betweennessMs), igraphRatio: ratio(ours.ms, ig.betweennessMs) } : {}),
      graphologyMs: ms(theirs.ms),
      graphologyRatio: ratio(ours.ms, theirs.ms),
      agreement: `max |Δ| ${igraphDiff === null ? '' : `igraph ${igraphDiff.toExponential(1)}, `}graphology ${graphologyDiff.toExponential(1)}`,
    });
    const partition = oursLouvain.value;
    result.rows.push({
      measure: 'Louvain',
      ...size,
      oursMs: ms(oursLouvain.ms),
      ...(ig ? { igraphMs: ms(ig.louvainMs), igraphRatio: ratio(oursLouvain.ms, ig.louvainMs) } : {}),
      agreement: `Q ours ${partition.modularity.toFixed(3)} (${partition.communities.filter((c) => c.services.length > 1).length} communities)${
        ig ? `, igraph ${ig.modularity.toFixed(3)} (${ig.communities})` : ''
      }`,
    });
    for (const r of result.rows.slice(-2))
      opts.log(
        `  ${r.measure}, ${label}: ours ${r.oursMs} ms${r.igraphMs === undefined ? '' : `, python-igraph ${r.igraphMs} ms (×${r.igraphRatio ?? NaN})`}${
          r.graphologyMs === undefined ? '' : `, graphology-metrics ${r.graphologyMs} ms`
        }; ${r.agreement}`,
      );
  }
  return result;
}
