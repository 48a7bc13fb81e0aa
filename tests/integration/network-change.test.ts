/**
 * `networkChange` over GraphQL on tests/fixtures/network-change.cypher (its header counts the ties of
 * each year by hand): the hand counts, a recount of each year's ties straight from the KNOWS
 * encounter lists in Cypher, the GEXF export's spells, the round trips, and the zone rule.
 */
import type { Principal } from '../../src/access/principal';
import { cypher } from '../../src/neo4j/driver';
import { codes, useTiedFixture } from '../helpers/api';
import { testDb } from '../helpers/db';
import type { YearPoint } from '../../src/modules/change/series';

// Round trips are counted as a first ask costs them: no answer shared from an earlier request of this file.
process.env.ANALYTICS_CACHE_MB = '0';
const { api, data } = useTiedFixture('network-change');

/** A year as the API answers it: the series' point, its communities described as the schema lists them. */
type Year = Omit<YearPoint, 'communities'> & {
  communities: {
    count: number;
    modularity: number | null;
    continued: number | null;
    split: number | null;
    merged: number | null;
    new: number | null;
    dissolved: number | null;
    communities: Array<{ index: number; size: number; previous: number | null; jaccard: number | null; event: string | null }>;
  };
};
interface Answer {
  networkChange: { years: Year[]; communityMatchThreshold: number; resolution: number; seed: number; appliedTieFilter: { isDefault: boolean; minWeight: number } };
}

const FIELDS = `years { year from to services ties density newTies lostTies keptTies eiIndex crossSectorTies sameSectorTies crossLanguageTies languageBorderShare isolates
  communities { count modularity continued split merged new dissolved communities { index size previous jaccard event } } }
  communityMatchThreshold resolution seed appliedTieFilter { isDefault minWeight }`;
const change = (args = '') => `{ networkChange(territory: { zone: "SUD" }${args}) { ${FIELDS} } }`;

describe('SUD year by year, counted by hand (default filter)', () => {
  let years: Year[];
  beforeAll(async () => {
    const answer = await data<Answer>(change());
    years = answer.networkChange.years;
    expect(answer.networkChange).toMatchObject({ communityMatchThreshold: 0.3, resolution: 1, seed: 1, appliedTieFilter: { isDefault: true, minWeight: 0.25 } });
  });

  it('has one point per year with encounters, whole years', () => {
    expect(years.map((y) => [y.year, y.from, y.to])).toEqual([
      [2021, '2021-01-01', '2021-12-31'],
      [2022, '2022-01-01', '2022-12-31'],
      [2023, '2023-01-01', '2023-12-31'],
      [2024, '2024-01-01', '2024-12-31'],
    ]);
    expect(years.map((y) => y.services)).toEqual([7, 7, 7, 7]); // sA … sG (sN is in NORD)
  });

  it('counts ties, new, lost and kept ties, density and isolates', () => {
    expect(years.map((y) => [y.ties, y.newTies, y.lostTies, y.keptTies, y.isolates])).toEqual([
      [3, null, null, null, 1], // A–B, C–D, E–G; first year; F untied
      [6, 4, 1, 2, 3], // the six pairs of A B C D (1/3 each): A–C A–D B–C B–D new, E–G lost; E, F, G untied
      [3, 1, 4, 2, 1], // A–B 1.2, C–D 1.2, E–G 1 (the six-person meeting's 0.2 pairs fall under 0.25): E–G new; F untied
      [2, 0, 1, 2, 3], // A–B, E–G; C–D lost (0.2 only); C, D, F untied
    ]);
    expect(years.map((y) => y.density)).toEqual([3 / 21, 6 / 21, 3 / 21, 2 / 21]); // 7 services: 21 pairs
  });

  it('gives the E-I index and the language border per year', () => {
    // Same sector: A–D (MH), E–G (HOUSING); every other tie crosses sectors.
    expect(years.map((y) => [y.crossSectorTies, y.sameSectorTies, y.eiIndex])).toEqual([
      [2, 1, 1 / 3], // A–B, C–D cross; E–G same
      [5, 1, 4 / 6], // A–D same
      [2, 1, 1 / 3], // E–G same
      [1, 1, 0],
    ]);
    // FR–NL (B and D are Dutch): A–B, C–D, A–D, B–C cross; A–C, B–D, E–G do not.
    expect(years.map((y) => [y.crossLanguageTies, y.languageBorderShare])).toEqual([
      [2, 2 / 3],
      [4, 4 / 6],
      [2, 2 / 3],
      [1, 1 / 2],
    ]);
  });

  it('finds the communities and matches them across years', () => {
    const c = years.map((y) => y.communities);
    expect(c.map((x) => x.count)).toEqual([3, 1, 3, 2]);
    // Q = Σ (w_c / m − (w_c / m)²) for communities that are whole components (d_c = 2 w_c):
    // 2021 three ties of 1: 3 × (1/3 − 1/9) = 2/3; 2022 one community of everything: 0;
    // 2023 w = 1.2, 1.2, 1 (m = 3.4 = 17/5): 2 × (6/17 − 36/289) + (5/17 − 25/289) = 192/289;
    // 2024 w = 1.2, 1 (m = 2.2): 6/11 − 36/121 + 5/11 − 25/121 = 60/121.
    expect(c[0]!.modularity).toBeCloseTo(2 / 3, 9);
    expect(c[1]!.modularity).toBeCloseTo(0, 9);
    expect(c[2]!.modularity).toBeCloseTo(192 / 289, 9);
    expect(c[3]!.modularity).toBeCloseTo(60 / 121, 9);
    // 2022: {A,B} and {C,D} each overlap {A,B,C,D} 2/4 → merged, {E,G} dissolved; 2023: {A,B}, {C,D} pieces of it → 2 split, {E,G} new again;
    // 2024: {A,B} and {E,G} continue (overlap 1), {C,D} dissolved.
    expect(c.map((x) => [x.continued, x.split, x.merged, x.new, x.dissolved])).toEqual([
      [null, null, null, null, null],
      [0, 0, 1, 0, 1],
      [0, 2, 0, 1, 0],
      [2, 0, 0, 0, 1],
    ]);
    expect(c[2]!.communities).toEqual([
      { index: 1, size: 2, previous: 1, jaccard: 0.5, event: 'SPLIT' }, // {A,B}
      { index: 2, size: 2, previous: 1, jaccard: 0.5, event: 'SPLIT' }, // {C,D}
      { index: 3, size: 2, previous: null, jaccard: 0, event: 'NEW' }, // {E,G}
    ]);
    expect(c[3]!.communities.map((x) => [x.previous, x.event])).toEqual([
      [1, 'CONTINUED'],
      [3, 'CONTINUED'],
    ]);
  });
});

/** Each year's tied pairs of SUD, recounted from the encounter lists alone: the weights of a pair's encounters in the year, summed. */
const RECOUNT = cypher(
  'test.change.recount',
  `MATCH (s:Service)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(:Zone {code: 'SUD'})
   WITH collect(s) AS inZone
   UNWIND inZone AS s
   MATCH (s)-[k:KNOWS]->(t:Service) WHERE t IN inZone
   UNWIND range(0, size(k.dates) - 1) AS i
   WITH s.id + '|' + t.id AS pair, k.dates[i].year AS year, sum(k.weights[i]) AS weight
   WHERE weight >= $minWeight - 1e-9
   RETURN year, collect(pair) AS pairs ORDER BY year`,
);

async function recount(minWeight: number): Promise<Map<number, Set<string>>> {
  const rows = await testDb().read<{ year: number; pairs: string[] }>(RECOUNT, { minWeight });
  return new Map(rows.map((r) => [r.year, new Set(r.pairs)]));
}

describe('against a recount from the encounters', () => {
  it.each([
    ['the default', '', 0.25],
    ['every tie', ', ties: { minWeight: 0 }', 0],
  ])('ties, new and lost per year with %s', async (_name, args, minWeight) => {
    const years = (await data<Answer>(change(args))).networkChange.years;
    const pairs = await recount(minWeight);
    const expected = years.map((y) => {
      const now = pairs.get(y.year) ?? new Set<string>();
      const before = y.year === years[0]!.year ? null : (pairs.get(y.year - 1) ?? new Set<string>());
      const kept = before ? [...now].filter((p) => before.has(p)).length : null;
      return [y.year, now.size, before && now.size - kept!, before && before.size - kept!];
    });
    expect(years.map((y) => [y.year, y.ties, y.newTies, y.lostTies])).toEqual(expected);
  });

  it('every tie: 3, 6, 11, 11 (the six-person meetings add the ten pairs of A B C D E in 2023 and 2024)', async () => {
    const years = (await data<Answer>(change(', ties: { minWeight: 0 }'))).networkChange.years;
    expect(years.map((y) => y.ties)).toEqual([3, 6, 11, 11]);
  });
});

describe('the same figures as the network questions asked for one year', () => {
  // The series reads every year's sums at once and applies the tie conditions itself (years.ts); a
  // backbone is judged per year with a load per year. Each year's ties must be what acquaintances
  // counts with that year as the window, under the same filter.
  it.each([
    ['the default filter', ''],
    ['every tie', 'minWeight: 0'],
    ['two meetings', 'minWeight: 0, minMeetings: 2'],
    ['co-presence only', 'minWeight: 0, evidence: [CO_PRESENCE]'],
    ['a backbone', 'minWeight: 0, backbone: { model: HYPERGEOMETRIC, alpha: 0.5 }'],
  ])('each year, under %s, has the ties acquaintances counts in that year', async (_name, filter) => {
    const ties = filter ? `, ties: { ${filter} }` : '';
    const years = (await data<Answer>(change(ties))).networkChange.years;
    expect(years.length).toBeGreaterThan(0);
    for (const y of years) {
      const one = await data<{ acquaintances: { totalCount: number } }>(
        `{ acquaintances(territory: { zone: "SUD" }, window: { from: "${y.from}", to: "${y.to}" }${ties}) { totalCount } }`,
      );
      expect([y.year, y.ties]).toEqual([y.year, one.acquaintances.totalCount]);
    }
  });

  it('ties, E-I index and language border of 2023 equal eiIndex and languageBorder with 2023 as the window', async () => {
    const window = 'window: { from: "2023-01-01", to: "2023-12-31" }';
    const one = await data<{
      eiIndex: { territory: { external: number; internal: number; index: number } };
      languageBorder: { territory: { ties: number; crossBorder: number; share: number } };
    }>(
      `{ eiIndex(territory: { zone: "SUD" }, ${window}) { territory { external internal index } }
         languageBorder(territory: { zone: "SUD" }, ${window}) { territory { ties crossBorder share } } }`,
    );
    const y2023 = (await data<Answer>(change())).networkChange.years.find((y) => y.year === 2023)!;
    expect([y2023.crossSectorTies, y2023.sameSectorTies, y2023.eiIndex]).toEqual([one.eiIndex.territory.external, one.eiIndex.territory.internal, one.eiIndex.territory.index]);
    expect([y2023.ties, y2023.crossLanguageTies, y2023.languageBorderShare]).toEqual([
      one.languageBorder.territory.ties,
      one.languageBorder.territory.crossBorder,
      one.languageBorder.territory.share,
    ]);
  });
});

/**
 * The GEXF export's edge spells: one `<spell start="d"/>` per encounter date that counts, open-ended
 * (GEXF: no end is for ever), so Gephi's timeline shows the network growing. The edges are the ties
 * that pass the filter over the export's window.
 */
async function gexfEdges(args: string): Promise<Array<{ pair: string; spells: string[] }>> {
  const res = await api().run<{ networkExport: { content: string } }>(`{ networkExport(territory: { zone: "SUD" }, format: GEXF${args}) { content } }`);
  expect(res.errors).toBeUndefined();
  const text = res.data!.networkExport.content;
  return [...text.matchAll(/<edge [^>]*source="([^"]+)" target="([^"]+)"[^]*?<spells>(.*?)<\/spells>/g)].map((m) => ({
    pair: [m[1]!, m[2]!].sort().join('|'),
    spells: [...m[3]!.matchAll(/<spell start="([^"]+)"\/>/g)].map((s) => s[1]!),
  }));
}
const metIn = (edges: Array<{ spells: string[] }>, year: number) => edges.filter((e) => e.spells.some((d) => d.startsWith(`${year}-`))).length;

describe('consistency with the GEXF export', () => {
  it('the ties of a year are the edges of that year’s export, under the same filter', async () => {
    const years = (await data<Answer>(change())).networkChange.years;
    for (const y of years) {
      const edges = await gexfEdges(`, window: { from: "${y.from}", to: "${y.to}" }`);
      expect([y.year, edges.length]).toEqual([y.year, y.ties]);
      // Each edge's spells lie inside the year.
      expect(edges.every((e) => e.spells.length > 0 && e.spells.every((d) => d >= y.from && d <= y.to))).toBe(true);
    }
  });

  it('with every tie, the edges met in year Y (a spell starting in Y) of the whole export are the ties of Y', async () => {
    const edges = await gexfEdges(', ties: { minWeight: 0 }');
    const years = (await data<Answer>(change(', ties: { minWeight: 0 }'))).networkChange.years;
    expect(years.map((y) => metIn(edges, y.year))).toEqual(years.map((y) => y.ties)); // 3, 6, 11, 11
    // Alive in Y by the spells themselves (open-ended: first met on or before Y) is every pair tied so far, not the ties of Y:
    // 2022 adds A–C A–D B–C B–D to 2021's three and keeps E–G, which 2022 lost.
    expect([2021, 2022, 2023, 2024].map((y) => edges.filter((e) => e.spells.some((d) => d <= `${y}-12-31`)).length)).toEqual([3, 7, 11, 11]);
  });

  it('under a threshold the whole export keeps pairs no single year has: the filter weighs the export’s window, the series each year', async () => {
    const edges = await gexfEdges('');
    const years = (await data<Answer>(change())).networkChange.years;
    // A–E, B–E, C–E, D–E: 0.2 in 2023 and 0.2 in 2024 → 0.4 over the four years, under 0.25 in each.
    const onlyOverAll = ['sA|sE', 'sB|sE', 'sC|sE', 'sD|sE'];
    expect(onlyOverAll.every((p) => edges.some((e) => e.pair === p))).toBe(true);
    // Met in 2023 by the whole export: the 3 ties of 2023, those four, and A–C A–D B–C B–D (0.2 in 2023, passing on their 2022 meeting).
    expect(metIn(edges, 2023)).toBe(years.find((y) => y.year === 2023)!.ties + onlyOverAll.length + 4);
  });
});

describe('scope', () => {
  it('cuts the first and last years to the window, and asks no query for the years outside it', async () => {
    const res = await api().run<Answer>(change(', window: { from: "2022-03-01", to: "2023-06-30" }'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.networkChange.years.map((y) => [y.year, y.from, y.to, y.ties, y.newTies])).toEqual([
      [2022, '2022-03-01', '2022-12-31', 6, null], // the window's first year: nothing before it
      [2023, '2023-01-01', '2023-06-30', 3, 1], // y23a, y23b, y23c (the six-person meeting of October is outside)
    ]);
    // The territory, its services, and every year's sums in one read (the window's only).
    expect(res.roundTrips).toBe(3);
  });

  it('leaves the border out under a language filter (one side only)', async () => {
    const years = (await data<Answer>(change(', language: FR'))).networkChange.years;
    // French and bilingual services: A, C, E, F, G. Ties among them: 2021 E–G; 2022 A–C; 2023 E–G; 2024 E–G.
    expect(years.map((y) => [y.year, y.services, y.ties, y.crossLanguageTies, y.languageBorderShare])).toEqual([
      [2021, 5, 1, null, null],
      [2022, 5, 1, null, null],
      [2023, 5, 1, null, null],
      [2024, 5, 1, null, null],
    ]);
  });

  it('an empty territory has no years', async () => {
    const nord: Principal = { role: 'zone', zone: 'NORD', keyId: 'test-nord' };
    // sN alone in NORD: no tie inside it.
    const res = await api().run<Answer>(`{ networkChange(territory: { zone: "NORD" }) { years { year } } }`, undefined, { as: nord });
    expect(res.errors).toBeUndefined();
    expect(res.data?.networkChange.years).toEqual([]);
  });

  it('refuses a zone key outside its zone, a window not in whole months for it, and a bad resolution', async () => {
    const nord: Principal = { role: 'zone', zone: 'NORD', keyId: 'test-nord' };
    const other = await api().run(change(), undefined, { as: nord });
    expect(codes(other.errors)).toEqual(['FORBIDDEN']);
    expect(other.roundTrips).toBe(0);
    const sud: Principal = { role: 'zone', zone: 'SUD', keyId: 'test-sud' };
    const days = await api().run(change(', window: { from: "2022-03-15" }'), undefined, { as: sud });
    expect(codes(days.errors)).toEqual(['BAD_USER_INPUT']);
    const own = await api().run<Answer>(change(), undefined, { as: sud });
    expect(own.errors).toBeUndefined();
    expect(own.data?.networkChange.years.map((y) => y.ties)).toEqual([3, 6, 3, 2]);
    const bad = await api().run(`{ networkChange(territory: { zone: "SUD" }, resolution: 0) { seed } }`);
    expect(codes(bad.errors)).toEqual(['BAD_USER_INPUT']);
    expect(bad.roundTrips).toBe(0);
  });
});

describe('round trips', () => {
  it('the territory (1) + its services (1) + every year in one read (1) = 3', async () => {
    const res = await api().run(change());
    expect(res.errors).toBeUndefined();
    expect(res.roundTrips).toBe(3);
  });

  it('a year between without encounters is a point with no tie', async () => {
    // HOUSING keeps C, E, G: E–G met in 2021, 2023 and 2024 (and C–E at the six-person meetings); nobody of them met in 2022.
    const res = await api().run<Answer>(change(', sectors: ["HOUSING"]'));
    expect(res.errors).toBeUndefined();
    expect(res.data?.networkChange.years.map((y) => [y.year, y.ties, y.newTies, y.lostTies])).toEqual([
      [2021, 1, null, null],
      [2022, 0, 0, 1], // E–G lapses
      [2023, 1, 1, 0], // and comes back: new again
      [2024, 1, 0, 0],
    ]);
    // The territory (1) + the sectors checked (1) + services (1) + every year in one read (1).
    expect(res.roundTrips).toBe(4);
  });
});
