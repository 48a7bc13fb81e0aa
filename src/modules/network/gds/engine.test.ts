/**
 * The GDS path's pure mapping, without GDS. Two graphs from the GDS documentation, whose published
 * outputs serve as the rows GDS would stream back:
 *
 * D1, betweenness (algorithms/betweenness-centrality, "Undirected"), 7 services:
 *
 *     alice ─┐              ┌─ dan ─┐
 *            ├─ carol ──────┤       ├─ frank ── gale
 *     bob ───┘              └─ eve ─┘
 *
 *   GDS streams carol 9.5, dan 3, eve 3, frank 5.5, the others 0.
 *
 * D2, Louvain (algorithms/louvain): alice–bridget, alice–charles, charles–bridget, alice–doug,
 *   mark–doug, mark–michael, michael–mark (two relationships, one each way), unweighted; two
 *   communities {alice, bridget, charles} {doug, mark, michael}, modularity 0.3571428571428571.
 */
import type { Db } from '../../../neo4j/driver';
import { betweenness } from '../measures/centrality';
import { detectCommunities } from '../measures/communities';
import type { ServiceGraph } from '../measures/graph';
import { gdsBetweenness, gdsCommunities, gdsComponents, modularity, normaliseBetweenness, numberGroups, projection, supportedGdsVersion } from './engine';

const node = (id: string) => ({ id, sector: 'S', language: 'FR' as const, zone: 'SUD' });
const edge = (a: string, b: string, strength = 1) => ({ a, b, strength });
const graphOf = (ids: string[], edges: Array<ReturnType<typeof edge>>): ServiceGraph => ({ nodes: ids.map(node), edges });

const D1 = graphOf(
  ['alice', 'bob', 'carol', 'dan', 'eve', 'frank', 'gale'],
  [edge('alice', 'carol'), edge('bob', 'carol'), edge('carol', 'dan'), edge('carol', 'eve'), edge('dan', 'frank'), edge('eve', 'frank'), edge('frank', 'gale')],
);
const D2 = graphOf(
  ['alice', 'bridget', 'charles', 'doug', 'mark', 'michael'],
  [edge('alice', 'bridget'), edge('alice', 'charles'), edge('charles', 'bridget'), edge('alice', 'doug'), edge('mark', 'doug'), edge('mark', 'michael'), edge('michael', 'mark')],
);

/** Never reached: these calls must answer before asking the database. */
const NO_DB = null as unknown as Db;

describe('projection rows', () => {
  // a, b, c, d; a–b twice (2 + 1), b–c 1, c–c a self-tie, c–x to a service outside the graph, d alone.
  const G = graphOf(['c', 'a', 'd', 'b'], [edge('a', 'b', 2), edge('b', 'a', 1), edge('b', 'c', 1), edge('c', 'c', 5), edge('c', 'x', 1)]);

  it('numbers services in id order, sums parallel ties, drops self-ties and unknown ends, projects the untied alone', () => {
    expect(projection(G, 'strength')).toEqual({
      ids: ['a', 'b', 'c', 'd'],
      rows: [
        { source: 0, target: 1, weight: 3 }, // a–b: 2 + 1
        { source: 1, target: 2, weight: 1 }, // b–c
        { source: 3, target: null, weight: 0 }, // d: no tie
      ],
      relationships: 2,
    });
  });

  it('as distances: 1 / strength, and a tie of strength 0 has none (its ends are projected alone)', () => {
    const Z = graphOf(['a', 'b', 'c', 'd'], [edge('a', 'b', 4), edge('b', 'c', 0.5), edge('c', 'd', 0)]);
    expect(projection(Z, 'distance').rows).toEqual([
      { source: 0, target: 1, weight: 0.25 }, // 1 / 4
      { source: 1, target: 2, weight: 2 }, // 1 / 0.5
      { source: 3, target: null, weight: 0 }, // d: its only tie (to c) has strength 0
    ]);
    expect(projection(Z, 'strength').relationships).toBe(3); // Louvain keeps it, as graphology does
  });
});

describe('betweenness on the built-in scale', () => {
  it('GDS rows of D1 equal the built-in betweenness: each pair counted once, normalised by (n−1)(n−2)/2 = 15', () => {
    const { ids } = projection(D1, 'strength'); // alice 0, bob 1, carol 2, dan 3, eve 4, frank 5, gale 6
    const scores = [0, 0, 9.5, 3, 3, 5.5, 0]; // as documented, in that order
    const rows = scores.map((score, nodeId) => ({ nodeId, score }));
    const mapped = normaliseBetweenness(rows, ids);
    // carol: alice/bob to each other (1) and to dan, eve, frank, gale (2 × 4), dan–eve half (0.5) = 9.5
    expect(mapped.get('carol')).toBeCloseTo(9.5 / 15);
    // frank: every other service to gale (5), dan–eve half (0.5) = 5.5
    expect(mapped.get('frank')).toBeCloseTo(5.5 / 15);
    // dan: half of each of alice, bob, carol to frank, gale (3 × 2 × 0.5) = 3
    expect(mapped.get('dan')).toBeCloseTo(3 / 15);
    const builtin = betweenness(D1);
    for (const id of ids) expect(mapped.get(id)).toBeCloseTo(builtin.get(id)!);
  });

  it('a sampled run is scaled by n / sample size; a sample as large as the graph is exact', () => {
    // n = 4, norm = 3·2/2 = 3; 2 sources of 4: 1 × 4/2 / 3
    expect(normaliseBetweenness([{ nodeId: 0, score: 1 }], ['a', 'b', 'c', 'd'], 2)).toEqual(
      new Map([
        ['a', 2 / 3],
        ['b', 0],
        ['c', 0],
        ['d', 0],
      ]),
    );
    expect(normaliseBetweenness([{ nodeId: 0, score: 1 }], ['a', 'b', 'c', 'd'], 4).get('a')).toBeCloseTo(1 / 3);
  });

  it('two services or fewer: no normalisation (no pair of others)', () => {
    expect(normaliseBetweenness([{ nodeId: 1, score: 0 }], ['a', 'b'])).toEqual(
      new Map([
        ['a', 0],
        ['b', 0],
      ]),
    );
  });
});

describe('groups numbered as the built-in communities', () => {
  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
  // GDS ids: {a, b} 7, {c, d, e} 3, {f} 9, {g} 4
  const rows = [7, 7, 3, 3, 3, 9, 4].map((groupId, nodeId) => ({ nodeId, groupId }));

  it('from 1, largest first, then by smallest service id', () => {
    expect(numberGroups(rows, ids)).toEqual(
      new Map([
        ['c', 1], // 3 services
        ['d', 1],
        ['e', 1],
        ['a', 2], // 2
        ['b', 2],
        ['f', 3], // 1, and f < g
        ['g', 4],
      ]),
    );
  });

  it('leaves out the services not kept (isolates are no community)', () => {
    expect([...numberGroups(rows, ids, (id) => id !== 'g' && id !== 'f').keys()].sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});

describe('modularity', () => {
  const planted = new Map([
    ['alice', 1],
    ['bridget', 1],
    ['charles', 1],
    ['doug', 2],
    ['mark', 2],
    ['michael', 2],
  ]);

  it("D2's planted partition: GDS's documented 0.3571428571428571", () => {
    // m = 7 (mark–michael counts 2); each community holds weight 3 and strength 7: 2 × (3/7 − (7/14)²) = 5/14
    expect(modularity(D2, planted)).toBeCloseTo(5 / 14, 12);
    expect(modularity(D2, planted)).toBeCloseTo(0.3571428571428571, 12);
  });

  it('at resolution 0.5: 2 × (3/7 − 0.5 × 1/4) = 17/28', () => {
    expect(modularity(D2, planted, 0.5)).toBeCloseTo(17 / 28, 12);
  });

  it('the figure the built-in Louvain reports for its own partition, at its resolution', () => {
    for (const resolution of [1, 0.5, 2]) {
      const builtin = detectCommunities(D2, { resolution, seed: 1 });
      expect(modularity(D2, builtin.of, resolution)).toBeCloseTo(builtin.modularity, 12);
    }
  });

  it('0 without tie weight', () => {
    expect(
      modularity(
        graphOf(['a', 'b'], [edge('a', 'b', 0)]),
        new Map([
          ['a', 1],
          ['b', 1],
        ]),
      ),
    ).toBe(0);
  });
});

describe('versions', () => {
  it('GDS 2.5 or later, calendar versions included', () => {
    expect(['2.5.0', '2.13.10', '2025.10.0', '3.0.0'].map(supportedGdsVersion)).toEqual([true, true, true, true]);
    expect(['2.4.6', '1.8.8', '', 'dev'].map(supportedGdsVersion)).toEqual([false, false, false, false]);
  });
});

describe('answers that need no server', () => {
  const untied = graphOf(['b', 'a', 'c'], []);

  it('no tie: betweenness 0, every service its own component, no community', async () => {
    expect(await gdsBetweenness(NO_DB, untied, { weighted: true })).toEqual(
      new Map([
        ['a', 0],
        ['b', 0],
        ['c', 0],
      ]),
    );
    expect(await gdsComponents(NO_DB, untied)).toEqual(
      new Map([
        ['a', 1],
        ['b', 2],
        ['c', 3],
      ]),
    );
    expect(await gdsCommunities(NO_DB, untied, { algorithm: 'LEIDEN', resolution: 1, seed: 1 })).toEqual({ of: new Map(), modularity: 0, isolates: ['a', 'b', 'c'] });
  });

  it("GDS's Louvain has no resolution (the built-in path's refusal of Leiden: tests/integration/communities.test.ts)", async () => {
    await expect(gdsCommunities(NO_DB, D2, { algorithm: 'LOUVAIN', resolution: 2, seed: 1 })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});
