/**
 * `communities` over GraphQL on tests/fixtures/network-small.cypher (see the header of
 * tests/integration/network-queries.test.ts for its ties). Zone SUD, default filter: sA–sB 1,
 * sA–sD 2/3, sC–sD 2/3, sA–sC 1/3, sB–sC 1/3 (m = 3); sF has no tie. Strengths: sA 2, sB 4/3,
 * sC 4/3, sD 4/3. Modularity of the partitions (Q = Σ L_c/m − (d_c/2m)²):
 *   {sA,sB} {sC,sD}: (1/3 − (10/18)²) + (2/9 − (8/18)²) = 8/324 + 8/324 = 4/81 ≈ 0.0494 (the best);
 *   all four together: 1 − 1 = 0; {sA,sB,sC} {sD}: −0.099; {sA,sD} {sB,sC}: −0.173.
 */
import type { Principal } from '../../src/access/principal';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { codes, useFixtureApi } from '../helpers/api';
import { testDb } from '../helpers/db';

const api = useFixtureApi('network-small', async () => {
  await rebuildAllTies(testDb());
});
const QUERY = `{ communities(territory: { zone: "SUD" }) {
  algorithm modularity count isolates
  communities { index size internalTies density services { nameFr } sectors { sector { code } services } languages { language services } }
  between { a b ties weight }
  appliedTieFilter { isDefault }
} }`;

interface Answer {
  communities: {
    modularity: number;
    count: number;
    isolates: number;
    communities: Array<{
      index: number;
      size: number;
      internalTies: number;
      density: number;
      services: Array<{ nameFr: string }>;
      sectors: Array<{ sector: { code: string }; services: number }>;
    }>;
    between: Array<{ a: number; b: number; ties: number; weight: number | null }>;
    appliedTieFilter: { isDefault: boolean };
  };
}

it('splits SUD into {sA, sB} and {sC, sD}, with the modularity counted by hand', async () => {
  const res = await api().run<Answer>(QUERY);
  expect(res.errors).toBeUndefined();
  const c = res.data!.communities;
  expect(c.communities.map((x) => x.services.map((s) => s.nameFr.slice(-2)))).toEqual([
    ['sA', 'sB'],
    ['sC', 'sD'],
  ]);
  expect(c.modularity).toBeCloseTo(4 / 81, 10);
  expect(c.count).toBe(2);
  expect(c.isolates).toBe(1); // sF
  expect(c.communities.map((x) => [x.size, x.internalTies, x.density])).toEqual([
    [2, 1, 1], // sA–sB
    [2, 1, 1], // sC–sD
  ]);
  // sA–sC 1/3, sA–sD 2/3 and sB–sC 1/3 run between them: 3 ties, weight 4/3.
  expect(c.between).toHaveLength(1);
  expect(c.between[0]).toMatchObject({ a: 1, b: 2, ties: 3 });
  expect(c.between[0]!.weight).toBeCloseTo(4 / 3, 10);
  expect(c.appliedTieFilter.isDefault).toBe(true);
});

it('refuses a bad resolution, and a zone key outside its zone', async () => {
  const bad = await api().run(`{ communities(territory: { zone: "SUD" }, resolution: 0) { count } }`);
  expect(codes(bad.errors)).toEqual(['BAD_USER_INPUT']);
  expect(bad.errors?.[0]?.message).toContain('resolution');
  // Leiden runs on Graph Data Science only (ANALYTICS_ENGINE=gds): here it is refused, saying why.
  const leiden = await api().run(`{ communities(territory: { zone: "SUD" }, algorithm: LEIDEN) { count } }`);
  expect(leiden.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'algorithm' } });
  expect(leiden.errors?.[0]?.message).toContain('ANALYTICS_ENGINE=gds');
  const nord: Principal = { role: 'zone', zone: 'NORD', keyId: 'test-nord' };
  const other = await api().run(`{ communities(territory: { zone: "SUD" }) { count } }`, undefined, { as: nord });
  expect(codes(other.errors)).toEqual(['FORBIDDEN']);
  const own = await api().run<{ communities: { count: number; between: Array<{ weight: number | null }> } }>(
    `{ communities(territory: { zone: "NORD" }) { count between { weight } } }`,
    undefined,
    { as: nord },
  );
  expect(own.errors).toBeUndefined();
  expect(own.data?.communities.count).toBe(0); // sE alone in NORD: no tie inside
});
