/**
 * The backbone on Neo4j, through the network questions, on tests/fixtures/backbone.cypher: the
 * two-mode graph of measures/backbone.test.ts (B1) plus a visit, so N = 9 meetings:
 *
 *   meeting  m1 m2 m3 m4 m5 m6 t7 t8 v1     k      (t7, t8: the two groups of session m78; v1: pD visits bA)
 *   bA        x  x  x                        3
 *   bB        x  x  x                        3
 *   bC        x  x  x  x  x  x  x  x         8
 *   bD                 x                 x   2
 *   bE                 x  x  x               3
 *   bF        x  x     x  x                  4
 *   bG                    x  x               2
 *
 * KNOWS ties: the 14 pairs that met (A–B, A–C, A–F, B–C, B–F, C–D, C–E, C–F, C–G, D–E, D–F, E–F, E–G,
 * F–G), all of weight ≥ 1/3 (3-hour meetings of 3 or 4: 1/2 or 1/3 a pair), plus the visit A–D (½):
 * 15 ties, all past the default filter.
 * p = P(X ≥ c), X ~ Hypergeometric(9, k_a, k_b):
 *   A–B c=3: C(3,3)C(6,0)/C(9,3) = 1/84 ≈ 0.012      E–G c=2: C(3,2)C(6,0)/C(9,2) = 3/36 ≈ 0.083
 *   A–F, B–F, E–F c=2: 17/42 ≈ 0.40    C–F 5/9    D–E 7/12    A–C, B–C, C–E 2/3    D–F, F–G 13/18    C–G 7/9    C–D 1
 * Window from 2023-04-01 (m4, m5, m6, t7, t8, v1: N = 6; k C 5, D 2, E 3, F 2, G 2):
 *   E–F c=2 and E–G c=2: C(3,2)C(3,0)/C(6,2) = 3/15 = 0.2; C–E 1/2; D–F, F–G 3/5; C–F, C–G 2/3; D–E 4/5; C–D 1.
 */
import { parseExportQuery } from '../../src/http/exports';
import { useTiedFixture } from '../helpers/api';

const SUD = 'territory: { zone: "SUD" }';
const { api, data } = useTiedFixture('backbone');

interface Tie {
  a: { nameFr: string };
  b: { nameFr: string };
}
const pair = (t: Tie) => `${t.a.nameFr.slice(-1)}–${t.b.nameFr.slice(-1)}`; // 'Service bA' → A
async function ties(filter: string, extra = ''): Promise<string[]> {
  const r = await data<{ acquaintances: { totalCount: number; nodes: Tie[] } }>(
    `{ acquaintances(${SUD}, ties: ${filter}${extra}, first: 50) { totalCount nodes { a { nameFr } b { nameFr } } } }`,
  );
  expect(r.acquaintances.nodes).toHaveLength(r.acquaintances.totalCount);
  return r.acquaintances.nodes.map(pair).sort();
}

describe('a network question with the backbone keeps the pairs that met more than chance', () => {
  it('without it: the 14 co-presence ties and the visit', async () => {
    expect(await ties('{ minWeight: 0 }')).toHaveLength(15);
    expect(await ties('{}')).toHaveLength(15); // every weight ≥ 1/3 (see the header)
  });

  it('α = 0.05: A–B (1/84) and the visit A–D (visits are not judged); A–C, which met as often as A–B, is dropped (2/3)', async () => {
    expect(await ties('{ backbone: { model: HYPERGEOMETRIC } }')).toEqual(['A–B', 'A–D']);
    expect(await ties('{ backbone: { model: HYPERGEOMETRIC, alpha: 0.05 }, evidence: [CO_PRESENCE] }')).toEqual(['A–B']);
  });

  it('α = 0.1 adds E–G (3/36); Bonferroni and Holm at α = 0.5 keep A–B alone (1/84 < 0.5/21; 3/36 ≥ 0.5/20)', async () => {
    expect(await ties('{ backbone: { model: HYPERGEOMETRIC, alpha: 0.1 } }')).toEqual(['A–B', 'A–D', 'E–G']);
    expect(await ties('{ backbone: { model: HYPERGEOMETRIC, alpha: 0.5, correction: BONFERRONI } }')).toEqual(['A–B', 'A–D']);
    expect(await ties('{ backbone: { model: HYPERGEOMETRIC, alpha: 0.5, correction: HOLM } }')).toEqual(['A–B', 'A–D']);
  });

  it('judges pairs on the meetings of the window: from April, E–F and E–G (3/15 each) pass α = 0.25', async () => {
    expect(await ties('{ backbone: { model: HYPERGEOMETRIC, alpha: 0.25 } }', ', window: { from: "2023-04-01" }')).toEqual(['A–D', 'E–F', 'E–G']);
  });

  it('says which backbone produced the answer', async () => {
    const r = await data<{ eiIndex: { appliedTieFilter: { backbone: unknown; isDefault: boolean } } }>(
      `{ eiIndex(${SUD}, ties: { backbone: { model: HYPERGEOMETRIC, correction: HOLM } }) { appliedTieFilter { backbone { model alpha correction } isDefault } } }`,
    );
    expect(r.eiIndex.appliedTieFilter).toEqual({ backbone: { model: 'HYPERGEOMETRIC', alpha: 0.05, correction: 'HOLM' }, isDefault: false });
    const plain = await data<{ eiIndex: { appliedTieFilter: { backbone: unknown } } }>(`{ eiIndex(${SUD}) { appliedTieFilter { backbone { alpha } } } }`);
    expect(plain.eiIndex.appliedTieFilter.backbone).toBeNull();
  });

  it('refuses α outside (0, 0.5], naming ties.backbone.alpha', async () => {
    for (const alpha of [0, 0.6, -1]) {
      const res = await api().run(`{ eiIndex(${SUD}, ties: { backbone: { model: HYPERGEOMETRIC, alpha: ${alpha} } }) { territory { index } } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ties.backbone.alpha' });
    }
  });

  it('introductions walk only backbone ties: C reaches B directly without it, not at all with it', async () => {
    const path = async (ties: string) =>
      (await data<{ introductionPath: { found: boolean; steps: unknown[] } }>(`{ introductionPath(fromService: "bC", to: "bB", ties: ${ties}) { found steps { firstMet } } }`))
        .introductionPath;
    expect(await path('{}')).toMatchObject({ found: true, steps: [{ firstMet: '2023-01-10' }] });
    expect(await path('{ backbone: { model: HYPERGEOMETRIC } }')).toEqual({ found: false, steps: [] });
  });

  it("an edition's new ties are the backbone's: 14 co-presence ties without it, A–B with it", async () => {
    const impact = async (ties: string) =>
      (await data<{ initiativeImpact: { newTies: number } }>(`{ initiativeImpact(edition: "eB", ties: ${ties}) { newTies } }`)).initiativeImpact.newTies;
    expect(await impact('{}')).toBe(14);
    expect(await impact('{ backbone: { model: HYPERGEOMETRIC } }')).toBe(1);
  });

  it('the export carries the backbone ties, and its download address asks for the same backbone', async () => {
    const r = await data<{ networkExport: { edges: number; url: string; appliedTieFilter: { backbone: unknown } } }>(
      `{ networkExport(${SUD}, format: CSV_EDGES, ties: { backbone: { model: HYPERGEOMETRIC, alpha: 0.5, correction: BONFERRONI } }) { edges url appliedTieFilter { backbone { alpha correction } } } }`,
    );
    expect(r.networkExport.edges).toBe(2); // A–B (1/84 < 0.5/21) and the visit A–D
    expect(r.networkExport.appliedTieFilter.backbone).toEqual({ alpha: 0.5, correction: 'BONFERRONI' });
    const query = Object.fromEntries(new URL(r.networkExport.url, 'http://x').searchParams);
    expect(parseExportQuery(query).ties).toEqual({ backbone: { model: 'HYPERGEOMETRIC', alpha: 0.5, correction: 'BONFERRONI' } });
  });

  it('the people-level export refuses the backbone (a test on services), naming ties.backbone', async () => {
    const res = await api().run(`{ networkExport(${SUD}, level: PEOPLE, format: CSV_EDGES, ties: { backbone: { model: HYPERGEOMETRIC } }) { edges } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'ties.backbone' });
  });
});
