/**
 * A windowed tie filter reads a tie's encounter lists only when its stored totals could pass
 * (tie-filter.ts): the encounters that count are some of the tie's, with weights that are not
 * negative. Four ties written by hand, the window's answer counted beside each.
 */
import { cypher } from '../../src/neo4j/driver';
import { tiesPacked } from '../../src/modules/network/queries';
import type { TerritoryLevel } from '../../src/modules/territory/select';
import { DEFAULT_TIE_FILTER, filterParams, type TieQueryFilter } from '../../src/modules/network/tie-filter';
import { sumWeights } from '../../src/modules/network/ties';
import { resetGraph, testDb } from '../helpers/db';
import { profileOperators } from '../helpers/profile';

const TWELFTH = 1 / 12;
/** [b, dates, weights]: every tie from service a. */
const TIES: Array<[string, string[], number[]]> = [
  // Three twelfths, all in 2024: 0.25, exactly the default threshold, in the window and out of it.
  ['b', ['2024-01-10', '2024-02-10', '2024-03-10'], [TWELFTH, TWELFTH, TWELFTH]],
  // 0.2 in all: short of 0.25 whatever the window.
  ['c', ['2024-01-10', '2024-02-10'], [0.1, 0.1]],
  // 1.1 in all, but 0.1 up to 2024-06-30 (the 1.0 is in 2025): out.
  ['d', ['2024-01-10', '2025-01-10'], [0.1, 1.0]],
  // 0.5 in all, 0.3 up to 2024-06-30: in.
  ['e', ['2024-01-10', '2024-05-10', '2025-01-10'], [0.1, 0.2, 0.2]],
];

const WRITE = cypher(
  'test.windowTies',
  `CREATE (a:Service {id: 'a'})
   WITH a UNWIND $ties AS tie
   CREATE (a)-[:KNOWS {strength: size(tie.weights), weight: tie.weight, meetings: size(tie.dates), dates: [d IN tie.dates | date(d)],
                       weights: tie.weights, kinds: [w IN tie.weights | 'CO_PRESENCE'], via: [w IN tie.weights | '']}]->(:Service {id: tie.b})`,
);

beforeAll(async () => {
  await resetGraph();
  // The stored weight is summed as ties.ts sums it; the window's sum is Cypher's, in date order.
  await testDb().write(WRITE, { ties: TIES.map(([b, dates, weights]) => ({ b, dates, weights, weight: sumWeights(weights) })) });
});

async function passing(window: Pick<TieQueryFilter, 'from' | 'to'>, level: TerritoryLevel = 'zone'): Promise<string[]> {
  const f: TieQueryFilter = { ...DEFAULT_TIE_FILTER, initiatives: null, ...window };
  const rows = await testDb().read<{ a: string; ties: Array<[string, number, number]> }>(tiesPacked('strength', f, level), { ids: ['a', 'b', 'c', 'd', 'e'], ...filterParams(f) });
  return rows.flatMap((r) => r.ties.map(([b]) => b)).sort();
}

it('up to 2024-06-30: b (3 × 1/12 = 0.25, at the threshold) and e (0.1 + 0.2); not c (0.2 in all) nor d (0.1 of 1.1)', async () => {
  expect(await passing({ from: null, to: '2024-06-30' })).toEqual(['b', 'e']);
});

it('from 2024-04-01: d (1.0) and e (0.2 + 0.2 = 0.4); not b nor c (no encounter in the window)', async () => {
  expect(await passing({ from: '2024-04-01', to: null })).toEqual(['d', 'e']);
});

it('a window holding every encounter answers what the stored totals answer: b, d and e', async () => {
  expect(await passing({ from: '2000-01-01', to: '2100-01-01' })).toEqual(['b', 'd', 'e']);
  expect(await passing({ from: null, to: null })).toEqual(['b', 'd', 'e']);
});

it('the encounter lists are read for the ties whose totals could pass only: b, d and e, not c', async () => {
  const f: TieQueryFilter = { ...DEFAULT_TIE_FILTER, initiatives: null, from: null, to: '2024-06-30' };
  const session = testDb().driver.session();
  try {
    const result = await session.run(`PROFILE ${tiesPacked('strength', f).text}`, { ids: ['a', 'b', 'c', 'd', 'e'], ...filterParams(f) });
    type Plan = { operatorType: string; rows: number; arguments: { Details?: unknown }; children: Plan[] };
    const rowsInto = (n: Plan): number[] => [...(/ AS idx$/.test(String(n.arguments.Details ?? '')) ? [n.rows] : []), ...n.children.flatMap(rowsInto)];
    expect(rowsInto(result.summary.profile as unknown as Plan)).toEqual([3]);
  } finally {
    await session.close();
  }
});

describe("a region's ties, sought by weight rather than walked from each service", () => {
  const WINDOWS: Array<Pick<TieQueryFilter, 'from' | 'to'>> = [
    { from: null, to: null },
    { from: null, to: '2024-06-30' },
    { from: '2024-04-01', to: null },
  ];

  it.each(WINDOWS)('the same ties as the walk (window %o)', async (window) => {
    expect(await passing(window, 'region')).toEqual(await passing(window, 'zone'));
  });

  // A zone's statement names no index for its ties: on a graph of four ties the planner may still
  // scan knows_weight rather than walk, so only where each starts is asserted for the zone.
  it('a region seeks its ties by weight (knows_weight); a zone starts from its services', async () => {
    const f: TieQueryFilter = { ...DEFAULT_TIE_FILTER, initiatives: null, from: null, to: null };
    const params = { ids: ['a', 'b', 'c', 'd', 'e'], ...filterParams(f) };
    const region = await profileOperators(testDb(), tiesPacked('strength', f, 'region'), params);
    const zone = await profileOperators(testDb(), tiesPacked('strength', f, 'zone'), params);
    expect(region.some((o) => /RelationshipIndexSeekByRange/.test(o) && o.includes('KNOWS(weight)'))).toBe(true);
    expect(zone.some((o) => /NodeUniqueIndexSeek/.test(o) && o.includes('s:Service(id)'))).toBe(true);
  });
});
