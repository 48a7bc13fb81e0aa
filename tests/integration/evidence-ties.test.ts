/**
 * Survey answers, referrals and agreements as encounters of the KNOWS ties, counted by hand on
 * tests/fixtures/network-small.cypher (see its header; every session lasts 2 h: duration factor 2/3).
 *
 * Before: sA–sB 1 (a1–b1 at s1, a group of 3: 1/2 × 2/3 = 1/3; at s2, a group of 2: 2/3),
 *         sA–sC 1/3, sB–sC 1/3, sC–sD 2/3 (m1–d1 at s3), sA–sE 2/3 (a2–e1 at v1),
 *         sD–sE 2/3 (visit of e1), sA–sD 2/3 (visit of a2).
 * Writes, each with its tie upkeep:
 *   1. b1 (sB) names sE, WEEKLY, on 2024-01-10       → sB–sE new: DECLARED 1 (b1 on sB's side, no one on sE's)
 *   2. m1 (at sA until 2023-06-30) names sD, MONTHLY, on 2023-05-01
 *                                                    → sA–sD: visit 2/3 + DECLARED 0.75 = 17/12, 2 encounters, carried by a2 and m1
 *   3. sC referred 3 clients to sA in 2024-Q1        → sA–sC: 1/3 + REFERRAL 3 × 0.25 = 13/12, met on 2023-03-01 and 2024-01-01
 *   4. sE and sD signed a partnership on 2022-06-01  → sD–sE: visit 2/3 + AGREEMENT 1 = 5/3, first on 2022-06-01
 *   5. b1 stops working at sB on 2023-12-31          → sB–sE gone (on 2024-01-10 b1 works nowhere)
 */
import { cypher, type Tx } from '../../src/neo4j/driver';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { refreshTies } from '../../src/modules/network/ties';
import { writeAgreements, writeDeclarations, writeReferrals } from '../../src/modules/evidence/writes';
import type { AgreementFields, DeclarationFields, ReferralFields } from '../../src/modules/editing/rules';
import { testDb } from '../helpers/db';
import { useFixtureApi } from '../helpers/api';
import { tieSnapshot } from '../helpers/ties';

const api = useFixtureApi('network-small', () => rebuildAllTies(testDb()).then(() => undefined));

const D: DeclarationFields = { person: 'p', service: 's', survey: 'v', declaredOn: 'd', trust: 't', value: 'w' };
const R: ReferralFields = { from: 'f', to: 't', period: 'p', count: 'c' };
const A: AgreementFields = { a: 'a', b: 'b', kind: 'k', signedOn: 's', endsOn: 'e' };

const KNOWS = cypher(
  'test.knowsOf',
  `MATCH (a:Service {id: $a})-[k:KNOWS]->(b:Service {id: $b})
   RETURN k.strength AS strength, k.weight AS weight, k.meetings AS meetings, k.visits AS visits, toString(k.firstAt) AS firstAt, toString(k.lastAt) AS lastAt,
          k.peopleA AS peopleA, k.peopleB AS peopleB, k.kinds AS kinds, k.weights AS weights, k.encounterPeopleA AS encounterPeopleA, k.encounterPeopleB AS encounterPeopleB`,
);
const knows = async (a: string, b: string) => (await testDb().read<Record<string, unknown>>(KNOWS, { a, b }))[0] ?? null;
const write = (work: (tx: Tx) => Promise<unknown>) => testDb().writeTx(async (tx) => {
  await work(tx);
});
const noErrors = (errors: unknown[][]) => expect(errors).toEqual([[]]);
const equalsRebuild = async () => {
  const incremental = await tieSnapshot(testDb());
  await rebuildAllTies(testDb());
  expect(await tieSnapshot(testDb())).toEqual(incremental);
};

describe('evidence in the ties (hand-counted)', () => {
  it('1. a survey answer makes a DECLARED encounter on the declarer’s side', async () => {
    await write(async (tx) => noErrors(await writeDeclarations(tx, [{ person: 'b1', service: 'sE', survey: 'q', declaredOn: '2024-01-10', frequency: 'WEEKLY', trust: null, value: null }], D)));
    expect(await knows('sB', 'sE')).toEqual({
      strength: 1, weight: 1, meetings: 1, visits: 0, firstAt: '2024-01-10', lastAt: '2024-01-10', peopleA: ['b1'], peopleB: [],
      kinds: ['DECLARED'], weights: [1], encounterPeopleA: ['b1'], encounterPeopleB: [''],
    });
    await equalsRebuild();
  });

  it('2. the declarer’s service is the one of the day they answered', async () => {
    await write(async (tx) => noErrors(await writeDeclarations(tx, [{ person: 'm1', service: 'sD', survey: 'q', declaredOn: '2023-05-01', frequency: 'MONTHLY', trust: 3, value: 2 }], D)));
    const t = await knows('sA', 'sD');
    expect(t).toMatchObject({ strength: 2, visits: 1, meetings: 2, peopleA: ['a2', 'm1'], peopleB: [], kinds: ['DECLARED', 'VISIT'] }); // 2023-05-01, then 2023-10-17
    expect(t?.weight).toBeCloseTo(2 / 3 + 0.75, 12); // 17/12
    expect(await knows('sC', 'sD')).toMatchObject({ kinds: ['CO_PRESENCE'] }); // m1 at sC from July: the answer is not theirs
    await equalsRebuild();
  });

  it('3. a referral count adds 0.25 a client, dated by its period', async () => {
    await write(async (tx) => noErrors(await writeReferrals(tx, [{ from: 'sC', to: 'sA', period: '2024-Q1', count: 3 }], R)));
    const t = await knows('sA', 'sC');
    expect(t).toMatchObject({ strength: 2, meetings: 2, firstAt: '2023-03-01', lastAt: '2024-01-01', kinds: ['CO_PRESENCE', 'REFERRAL'], peopleA: ['a1'], peopleB: ['c1'] });
    expect(t?.weight).toBeCloseTo(1 / 3 + 0.75, 12); // 13/12
    await equalsRebuild();
  });

  it('4. an agreement weighs 1, dated by its signature', async () => {
    await write(async (tx) => noErrors(await writeAgreements(tx, [{ a: 'sE', b: 'sD', kind: 'PARTNERSHIP', signedOn: '2022-06-01', endsOn: null }], A)));
    const t = await knows('sD', 'sE');
    expect(t).toMatchObject({ strength: 2, visits: 1, firstAt: '2022-06-01', kinds: ['AGREEMENT', 'VISIT'] });
    expect(t?.weight).toBeCloseTo(2 / 3 + 1, 12); // 5/3
    await equalsRebuild();
  });

  it('the tie filter selects by evidence kind', async () => {
    // Region-wide, every tie (minWeight 0). DECLARED: sB–sE, sA–sD. REFERRAL: sA–sC. AGREEMENT: sD–sE.
    const pairs = async (evidence: string) => {
      const res = await api().run<{ acquaintances: { nodes: Array<{ a: { nameFr: string }; b: { nameFr: string }; strength: number; count: number }> } }>(
        `{ acquaintances(territory: { region: "BRU" }, ties: { minWeight: 0, evidence: [${evidence}] }, first: 50) { nodes { a { nameFr } b { nameFr } strength count } } }`,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.acquaintances.nodes.map((n) => `${n.a.nameFr.slice(-2)}-${n.b.nameFr.slice(-2)} ${n.strength} ${n.count}`).sort();
    };
    expect(await pairs('DECLARED')).toEqual(['sA-sD 0.75 1', 'sB-sE 1 1']);
    expect(await pairs('REFERRAL')).toEqual(['sA-sC 0.75 1']);
    expect(await pairs('AGREEMENT')).toEqual(['sD-sE 1 1']);
    // Co-presence and visits alone: as before any evidence was written (7 ties).
    expect(await pairs('CO_PRESENCE, VISIT')).toHaveLength(7);
    // The default (0.25): the referral-only and declared-only evidence passes, and sA–sC now passes too (1/3 + 0.75).
    const all = await api().run<{ acquaintances: { appliedTieFilter: { evidence: string[] } } }>('{ acquaintances(territory: { region: "BRU" }) { appliedTieFilter { evidence } } }');
    expect(all.data?.acquaintances.appliedTieFilter.evidence).toEqual(['CO_PRESENCE', 'VISIT', 'DECLARED', 'REFERRAL', 'AGREEMENT']);
  });

  it('5. a change of employment moves the declared encounter with it', async () => {
    await write(async (tx) => {
      await tx.run(cypher('test.endB1', "MATCH (:Person {id: 'b1'})-[w:WORKS_AT]->(:Service {id: 'sB'}) SET w.to = date('2023-12-31')"));
      await refreshTies(tx, { employmentOf: ['b1'], serviceIds: ['sB'] }); // as endEmployment does
    });
    expect(await knows('sB', 'sE')).toBeNull();
    await equalsRebuild();
  });
});
