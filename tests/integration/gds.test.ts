/**
 * The Graph Data Science path (src/modules/network/gds/) against a Neo4j with the GDS plugin, given
 * by GDS_NEO4J_URI (with GDS_NEO4J_USER, GDS_NEO4J_PASSWORD); skipped without it. The test run's own
 * Neo4j is Community without GDS (the plugin is not on Maven Central), so the one thing checked
 * there is that the path knows GDS is absent.
 *
 * G: two cliques of four joined by one tie, a pair apart, a service alone. n = 11.
 *
 *     a2   a3          b2   b3
 *       \ /  \        /  \ /        c1 ── c2        z
 *       a1 ── a4 ... b1 ── b4      (a1–b1 the bridge; every pair inside a clique tied)
 *
 * Betweenness (pairs counted once): a1 lies on every shortest path from a2, a3, a4 to b1..b4
 * (3 × 4 = 12), b1 likewise from b2, b3, b4 to a1..a4 (12); nobody else is between anyone.
 * Normalised by (n−1)(n−2)/2 = 45: a1 = b1 = 12/45.
 * Communities: {a1..a4} {b1..b4} {c1, c2}, z an isolate. m = 6 + 6 + 1 + 1 = 14; each clique holds
 * weight 6 and strength 13, the pair 1 and 2: Q = 2 × (6/14 − (13/28)²) + 1/14 − (2/28)² ≈ 0.492,
 * against ≈ 0.133 with the cliques merged.
 * Components: {a*, b*} (8), {c1, c2}, {z}.
 */
import type { Driver } from 'neo4j-driver';
import { createDriver, Db } from '../../src/neo4j/driver';
import { betweenness, weightedBetweenness } from '../../src/modules/network/measures/centrality';
import { detectCommunities } from '../../src/modules/network/measures/communities';
import type { ServiceGraph } from '../../src/modules/network/measures/graph';
import { gdsAvailable, gdsBetweenness, gdsCommunities, gdsComponents, gdsVersion, modularity, projection, withProjection } from '../../src/modules/network/gds/engine';
import * as q from '../../src/modules/network/gds/queries';
import { closeTestDb, testDb } from '../helpers/db';

const describeGds = process.env.GDS_NEO4J_URI ? describe : describe.skip;
const describeWithoutGds = process.env.GDS_NEO4J_URI ? describe.skip : describe;

const node = (id: string) => ({ id, sector: id.startsWith('a') ? 'M' : 'D', language: 'FR' as const, zone: 'SUD' });
const A = ['a1', 'a2', 'a3', 'a4'];
const B = ['b1', 'b2', 'b3', 'b4'];
const clique = (ids: string[], strength: (a: string, b: string) => number) => ids.flatMap((a, i) => ids.slice(i + 1).map((b) => ({ a, b, strength: strength(a, b) })));

/** Strengths vary so that the weighted shortest paths differ from the unweighted ones. */
const strengthOf = (a: string, b: string) => (a === 'a2' && b === 'a3' ? 0.25 : a === 'b1' ? 2 : 1);
const G: ServiceGraph = {
  nodes: [...A, ...B, 'c1', 'c2', 'z'].map(node),
  edges: [...clique(A, strengthOf), ...clique(B, strengthOf), { a: 'a1', b: 'b1', strength: 3 }, { a: 'c1', b: 'c2', strength: 1 }],
};
const unit: ServiceGraph = { nodes: G.nodes, edges: G.edges.map((e) => ({ ...e, strength: 1 })) };

describeGds('Graph Data Science path (GDS_NEO4J_URI)', () => {
  // In beforeAll: a skipped describe still runs its body.
  let driver: Driver;
  let db: Db;
  const ourGraphs = async () => (await db.read<{ graphName: string }>(q.LIST)).map((r) => r.graphName).filter((name) => name.startsWith('bng_'));

  beforeAll(() => {
    driver = createDriver({ uri: process.env.GDS_NEO4J_URI ?? '', user: process.env.GDS_NEO4J_USER ?? 'neo4j', password: process.env.GDS_NEO4J_PASSWORD ?? '' });
    db = new Db(driver, undefined, 60_000);
  });
  afterAll(() => driver.close());

  it('finds the plugin, in a version the path is written for', async () => {
    expect(await gdsVersion(db)).toMatch(/^\d+\.\d+/);
    expect(await gdsAvailable(db)).toBe(true);
  });

  it('projects every service and each tie once, undirected', async () => {
    const counts = await withProjection(db, 'test', projection(G, 'strength').rows, async (tx, graphName) => {
      const [row] = await tx.run<{ nodeCount: number; relationshipCount: number }>(
        { name: 'test.gds.count', text: 'CALL gds.graph.list($graphName) YIELD nodeCount, relationshipCount RETURN nodeCount, relationshipCount' },
        { graphName },
      );
      return row;
    });
    expect(counts).toEqual({ nodeCount: 11, relationshipCount: 2 * 14 }); // 6 + 6 + 1 + 1 ties, each stored both ways
  });

  it('unweighted betweenness: the hand count, and the built-in figures', async () => {
    const gds = await gdsBetweenness(db, G, { weighted: false });
    expect(gds.get('a1')).toBeCloseTo(12 / 45);
    expect(gds.get('b1')).toBeCloseTo(12 / 45);
    expect(gds.get('a2')).toBe(0);
    const builtin = betweenness(G);
    for (const [id, value] of builtin) expect(gds.get(id)).toBeCloseTo(value, 12);
  });

  it('weighted betweenness (distances 1 / strength) equals the built-in weightedBetweenness', async () => {
    const gds = await gdsBetweenness(db, G, { weighted: true });
    const builtin = weightedBetweenness(G);
    // a2–a3 is 4 long (strength 0.25): a2 and a3 now reach each other through a1 or a4 (2 long), so a1 has 12 + 1/2.
    expect(builtin.get('a1')).toBeCloseTo(12.5 / 45);
    for (const [id, value] of builtin) expect(gds.get(id)).toBeCloseTo(value, 12);
  });

  it('sampled: the same seed gives the same estimate, and it names the bridges only', async () => {
    const first = await gdsBetweenness(db, G, { weighted: false, samplingSize: 4, seed: 7 });
    expect(await gdsBetweenness(db, G, { weighted: false, samplingSize: 4, seed: 7 })).toEqual(first);
    // Whichever sources are drawn, only a1 and b1 lie inside shortest paths, and any clique source puts one on them.
    for (const [id, value] of first) if (id !== 'a1' && id !== 'b1') expect(value).toBe(0);
    expect(first.get('a1')! + first.get('b1')!).toBeGreaterThan(0);
  });

  const planted = new Map([...A.map((id) => [id, 1] as const), ...B.map((id) => [id, 2] as const), ['c1', 3], ['c2', 3]]);

  it.each(['LOUVAIN', 'LEIDEN'] as const)('%s finds the planted communities, numbered as the built-in ones', async (algorithm) => {
    const gds = await gdsCommunities(db, unit, { algorithm, resolution: 1, seed: 1 });
    expect(gds.of).toEqual(planted);
    expect(gds.isolates).toEqual(['z']);
    expect(gds.modularity).toBeCloseTo(2 * (6 / 14 - (13 / 28) ** 2) + 1 / 14 - (2 / 28) ** 2, 12);
    const builtin = detectCommunities(unit, { resolution: 1, seed: 1 });
    expect(builtin.of).toEqual(gds.of);
    expect(builtin.modularity).toBeCloseTo(gds.modularity, 12);
    expect(modularity(unit, planted)).toBeCloseTo(gds.modularity, 12);
  });

  it('weakly connected components', async () => {
    expect(await gdsComponents(db, G)).toEqual(new Map([...A.map((id) => [id, 1] as const), ...B.map((id) => [id, 1] as const), ['c1', 2], ['c2', 2], ['z', 3]]));
  });

  it('leaves no projected graph behind, even when the work on it fails', async () => {
    await expect(
      withProjection(db, 'test', projection(G, 'strength').rows, async () => {
        throw new Error('failed on the projection');
      }),
    ).rejects.toThrow('failed on the projection');
    expect(await ourGraphs()).toEqual([]);
  });
});

describeWithoutGds('a Neo4j without the plugin (the test run’s own)', () => {
  afterAll(closeTestDb);

  it('says GDS is absent rather than failing', async () => {
    expect(await gdsVersion(testDb())).toBeNull();
    expect(await gdsAvailable(testDb())).toBe(false);
  });
});
