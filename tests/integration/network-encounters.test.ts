/**
 * Windowed figures, turnover and edition impact on tests/fixtures/network-ties.cypher (hand counts in
 * its header). Zone SUD holds s1 (MH, FR), s2 (DIS, NL), s3 (HOU, FR), s4 (MH, NL). All-time ties:
 *   s1–s2 4 (03-01, 04-05, 06-07 ×2)   s1–s3 1 (03-01)   s1–s4 2 (06-07 ×2)
 *   s2–s3 1 (03-01)   s2–s4 2 (11-20 visit via od, 12-06 via cop)   s3–s4 1 (09-15 visit via imm)
 * Weights (3-hour sessions: duration factor 1; c1 has 4 present → 1/3 a pair, c2 2 → 1, c3 3 → 1/2,
 * c4 2 → 1; a visit 1):
 *   s1–s2 1/3 + 1 + 1/2 + 1/2 = 7/3   s1–s3 1/3   s1–s4 1/2 + 1/2 = 1   s2–s3 1/3   s2–s4 1 + 1 = 2   s3–s4 1
 */
import { useTiedFixture } from '../helpers/api';

const SUD = 'territory: { zone: "SUD" }';
const { api, data } = useTiedFixture('network-ties');

interface Tie {
  a: { nameFr: string };
  b: { nameFr: string };
  strength: number;
  count: number;
  meetings: number;
  visits: number;
  firstMet: string;
  lastMet: string;
  breadthA: { value: number };
  breadthB: { value: number };
  initiatives: Array<{ nameFr: string }>;
}
const TIE = 'a { nameFr } b { nameFr } strength count meetings visits firstMet lastMet breadthA { value } breadthB { value } initiatives { nameFr }';
const pair = (t: { a: { nameFr: string }; b: { nameFr: string } }) => `${t.a.nameFr.slice(-2)}-${t.b.nameFr.slice(-2)}`; // 'Service s1' → s1
const acquaintances = async (window = '') =>
  (await data<{ acquaintances: { totalCount: number; nodes: Tie[] } }>(`{ acquaintances(${SUD}${window}) { totalCount nodes { ${TIE} } } }`)).acquaintances;
/** 'pair weight count', the weight to 3 decimals. */
const figures = (t: Tie) => `${pair(t)} ${Number(t.strength.toFixed(3))} ${t.count}`;

describe('acquaintances: every figure is cut to the window', () => {
  it('all time: six ties, strongest (weighted) first, then by pair; the plain count beside', async () => {
    const all = await acquaintances();
    expect(all.nodes.map(figures)).toEqual(['s1-s2 2.333 4', 's2-s4 2 2', 's1-s4 1 2', 's3-s4 1 1', 's1-s3 0.333 1', 's2-s3 0.333 1']);
    expect(all.nodes[0]).toMatchObject({ meetings: 3, breadthA: { value: 2 }, breadthB: { value: 2 }, firstMet: '2023-03-01', lastMet: '2023-06-07' }); // s1 {p1,p3}, s2 {p2,p4}
    expect(all.nodes[1]).toMatchObject({ visits: 1, meetings: 2, initiatives: [{ nameFr: 'Communauté de pratique' }, { nameFr: 'Portes ouvertes' }] }); // s2–s4
  });

  it('April–June: s1–s2 keeps 3 encounters (04-05, 06-07 ×2) and s1–s4 its 2; the others drop out', async () => {
    const w = await acquaintances(', window: { from: "2023-04-01", to: "2023-06-30" }');
    expect(w.totalCount).toBe(2);
    expect(w.nodes.map((t) => [pair(t), t.strength, t.count, t.firstMet, t.breadthA.value, t.breadthB.value])).toEqual([
      ['s1-s2', 2, 3, '2023-04-05', 2, 2], // 1 (c2) + 1/2 + 1/2 (c3); s1 {p1,p3}, s2 {p2,p4}
      ['s1-s4', 1, 2, '2023-06-07', 2, 1], // 1/2 + 1/2 (c3); s1 {p1,p3}, s4 {p4}
    ]);
  });

  it('June only: breadth counts only the people met inside the window', async () => {
    const w = await acquaintances(', window: { from: "2023-06-01", to: "2023-06-30" }');
    const s1s2 = w.nodes.find((t) => pair(t) === 's1-s2')!;
    expect([s1s2.count, s1s2.strength, s1s2.breadthA.value, s1s2.breadthB.value]).toEqual([2, 1, 2, 1]); // (p1,p4), (p3,p4) at 1/2 each: s2 side only p4
  });

  it('s2–s4 before December: the open-door visit only; from December: the community of practice only', async () => {
    const before = (await acquaintances(', window: { to: "2023-11-30" }')).nodes.find((t) => pair(t) === 's2-s4')!;
    expect(before).toMatchObject({ count: 1, strength: 1, visits: 1, initiatives: [{ nameFr: 'Portes ouvertes' }], breadthA: { value: 1 }, breadthB: { value: 0 } });
    const after = (await acquaintances(', window: { from: "2023-12-01" }')).nodes;
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ count: 1, strength: 1, visits: 0, initiatives: [{ nameFr: 'Communauté de pratique' }], breadthA: { value: 1 }, breadthB: { value: 1 } });
  });
});

describe('language border per initiative, in a window', () => {
  it('up to November: cop contributed 4 ties (3 across FR–NL), imm 1 (across), od 1 (NL–NL)', async () => {
    const d = await data<{
      languageBorder: { territory: { ties: number; crossBorder: number }; initiatives: Array<{ initiative: { kind: string }; ties: number; crossBorder: number }> };
    }>(`{ languageBorder(${SUD}, window: { to: "2023-11-30" }) { territory { ties crossBorder } initiatives { initiative { kind } ties crossBorder } } }`);
    // Across FR–NL: s1–s2, s1–s4, s2–s3, s3–s4; not s1–s3 (FR–FR) nor s2–s4 (NL–NL).
    expect(d.languageBorder.territory).toEqual({ ties: 6, crossBorder: 4 });
    // cop: s1–s2, s1–s3, s1–s4, s2–s3 — not s2–s4, whose cop encounter (12-06) lies outside the window.
    expect(d.languageBorder.initiatives.map((i) => [i.initiative.kind, i.ties, i.crossBorder])).toEqual([
      ['COMMUNITY_OF_PRACTICE', 4, 3],
      ['IMMERSION', 1, 1],
      ['OPEN_DOOR', 1, 0],
    ]);
  });
});

describe('turnover', () => {
  const statuses = async (asOf: string) => {
    const d = await data<{ fragileTies: Array<{ tie: Tie }>; lostTies: Array<{ tie: Tie }> }>(
      `{ fragileTies(${SUD}, asOf: "${asOf}") { tie { a { nameFr } b { nameFr } } } lostTies(${SUD}, asOf: "${asOf}") { tie { a { nameFr } b { nameFr } } } }`,
    );
    return { fragile: d.fragileTies.map((t) => pair(t.tie)), lost: d.lostTies.map((t) => pair(t.tie)) };
  };

  it('on 2023-04-15 p3 is still at s3: nothing lost; every tie then rests on one person on a side', async () => {
    // s1–s2 (p1 | p2), s1–s3 (p1 | p3), s2–s3 (p2 | p3); the later ties do not exist yet.
    expect(await statuses('2023-04-15')).toEqual({ fragile: ['s1-s2', 's1-s3', 's2-s3'], lost: [] });
  });

  it('on 2023-05-15 p3 has left s3: its two ties with s1 and s2 are lost', async () => {
    expect(await statuses('2023-05-15')).toEqual({ fragile: ['s1-s2'], lost: ['s1-s3', 's2-s3'] });
  });

  it('on 2024-01-01: s1–s2 solid (2 and 2 carriers), three fragile, two lost', async () => {
    // s1–s4: s4 side only p4; s2–s4: p2 | p6; s3–s4: host side has no one, p6 alone on s4's side.
    expect(await statuses('2024-01-01')).toEqual({ fragile: ['s1-s4', 's2-s4', 's3-s4'], lost: ['s1-s3', 's2-s3'] });
  });

  it('if p1 left s1: s1–s3 would be lost (p1 its only carrier), s1–s2 and s1–s4 left to p3 alone', async () => {
    const d = await data<{ turnoverImpact: { tiesCarried: number; wouldBeLost: Tie[]; wouldBecomeFragile: Tie[] } }>(
      '{ turnoverImpact(service: "s1", person: "p1", asOf: "2024-01-01") { tiesCarried wouldBeLost { a { nameFr } b { nameFr } } wouldBecomeFragile { a { nameFr } b { nameFr } } } }',
    );
    expect(d.turnoverImpact.tiesCarried).toBe(3);
    expect(d.turnoverImpact.wouldBeLost.map(pair)).toEqual(['s1-s3']);
    expect(d.turnoverImpact.wouldBecomeFragile.map(pair)).toEqual(['s1-s2', 's1-s4']);
  });
});

describe('initiative impact of a community of practice', () => {
  it('edition eCop: new ties, first-timers, no-shows and capacity counted by hand', async () => {
    const d = await data<{ initiativeImpact: Record<string, unknown> }>(`{ initiativeImpact(edition: "eCop") {
      newTies newCrossSectorTies newCrossLanguageTies reach { zone { code } services }
      participants { value } firstTimeParticipants { value } hosts firstTimeHosts noShowRate capacityUse } }`);
    expect(d.initiativeImpact).toEqual({
      newTies: 4, // s1–s2, s1–s3, s2–s3 (c1), s1–s4 (c3); not s2–s4, first met at the open door (11-20) before c4 (12-06)
      newCrossSectorTies: 3, // all but s1–s4 (both mental health)
      newCrossLanguageTies: 3, // s1–s2, s2–s3, s1–s4; not s1–s3 (FR–FR)
      reach: [{ zone: { code: 'SUD' }, services: 4 }], // s1, s2, s3 at c1; s4 through p4 at c3 and p6 at c4
      participants: { value: 6 }, // p1, p2, p3, p5 (c1), p4 (c3), p6 (c4)
      firstTimeParticipants: { value: 6 },
      hosts: 4,
      firstTimeHosts: 4,
      noShowRate: 1 / 12, // p4 at c1; 11 present (4 + 2 + 3 + 2)
      capacityUse: 13 / 60, // 5 + 3 + 3 + 2 registrations, 4 × 15 places
    });
  });
});

describe('the tie filter: one argument, every question', () => {
  const ties = async (filter: string) => (await acquaintances(`, ties: ${filter}`)).nodes.map(figures);

  it('the default (minWeight 0.25) keeps all six ties here, and says so', async () => {
    const d = await data<{ acquaintances: { appliedTieFilter: Record<string, unknown> } }>(
      `{ acquaintances(${SUD}) { appliedTieFilter { minWeight minCount minMeetings evidence initiativeKinds excludeInitiativeKinds isDefault } } }`,
    );
    expect(d.acquaintances.appliedTieFilter).toEqual({
      minWeight: 0.25,
      minCount: 1,
      minMeetings: 1,
      evidence: ['CO_PRESENCE', 'VISIT', 'DECLARED', 'REFERRAL', 'AGREEMENT'],
      initiativeKinds: [],
      excludeInitiativeKinds: [],
      isDefault: true,
    });
  });

  it('thresholds on the weighted strength, the count and the distinct days', async () => {
    expect(await ties('{ minWeight: 0.5 }')).toEqual(['s1-s2 2.333 4', 's2-s4 2 2', 's1-s4 1 2', 's3-s4 1 1']); // s1–s3, s2–s3 weigh 1/3
    expect(await ties('{ minWeight: 1.5 }')).toEqual(['s1-s2 2.333 4', 's2-s4 2 2']);
    expect(await ties('{ minCount: 2 }')).toEqual(['s1-s2 2.333 4', 's2-s4 2 2', 's1-s4 1 2']);
    // Repeated meetings: s1–s2 met on 3 days (03-01, 04-05, 06-07), s2–s4 on 2 (11-20, 12-06); s1–s4 on one (06-07 twice).
    expect(await ties('{ minMeetings: 2 }')).toEqual(['s1-s2 2.333 4', 's2-s4 2 2']);
    expect(await ties('{ minWeight: 0 }')).toHaveLength(6);
  });

  it('evidence kinds and initiative kinds choose the encounters before the thresholds', async () => {
    expect(await ties('{ evidence: [VISIT] }')).toEqual(['s2-s4 1 1', 's3-s4 1 1']); // p2's open-door visit, p6's immersion day
    expect(await ties('{ excludeInitiativeKinds: [COMMUNITY_OF_PRACTICE] }')).toEqual(['s2-s4 1 1', 's3-s4 1 1']);
    expect(await ties('{ initiativeKinds: [IMMERSION] }')).toEqual(['s3-s4 1 1']);
    // Co-presence only, from April: s1–s2 keeps c2 and c3 (2, 3 encounters), s1–s4 c3 (1, 2), s2–s4 c4 (1, 1).
    expect(await ties('{ evidence: [CO_PRESENCE] }, window: { from: "2023-04-01" }')).toEqual(['s1-s2 2 3', 's1-s4 1 2', 's2-s4 1 1']);
  });

  it('mixing, E-I and brokers read the same filter', async () => {
    const d = await data<{
      eiIndex: { territory: { external: number; internal: number }; appliedTieFilter: { minWeight: number } };
      brokers: { brokers: Array<{ degree: number; strength: number }>; appliedTieFilter: { isDefault: boolean } };
      mixingMatrix: Array<{ observed: number; appliedTieFilter: { minWeight: number } }>;
    }>(
      `{ eiIndex(${SUD}, ties: { minWeight: 0.5 }) { territory { external internal } appliedTieFilter { minWeight } }
         brokers(${SUD}, ties: { minWeight: 0.5 }, first: 1) { brokers { degree strength } appliedTieFilter { isDefault } }
         mixingMatrix(${SUD}, ties: { minWeight: 0.5 }) { observed appliedTieFilter { minWeight } } }`,
    );
    // s1–s2, s2–s4, s3–s4 across sectors; s1–s4 inside mental health (the default adds s1–s3, s2–s3: 5 and 1).
    expect(d.eiIndex).toEqual({ territory: { external: 3, internal: 1 }, appliedTieFilter: { minWeight: 0.5 } });
    expect(d.mixingMatrix.reduce((n, c) => n + c.observed, 0)).toBe(4);
    expect(d.mixingMatrix.every((c) => c.appliedTieFilter.minWeight === 0.5)).toBe(true);
    // s4 bridges s3 to the rest: degree 3 (s1, s2, s3), strength 1 + 2 + 1 = 4.
    expect(d.brokers).toEqual({ brokers: [{ degree: 3, strength: 4 }], appliedTieFilter: { isDefault: false } });
  });

  it('introductions walk only ties that pass: s3 to s2 directly by default, through s4 above 0.5', async () => {
    const path = async (filter: string) =>
      (
        await data<{ introductionPath: { steps: Array<{ from: { nameFr: string }; to: { nameFr: string } }> } }>(
          `{ introductionPath(fromService: "s3", to: "s2"${filter}) { steps { from { nameFr } to { nameFr } } } }`,
        )
      ).introductionPath.steps.map((s) => `${s.from.nameFr.slice(-2)}>${s.to.nameFr.slice(-2)}`);
    expect(await path('')).toEqual(['s3>s2']); // s2–s3 weighs 1/3
    expect(await path(', ties: { minWeight: 0.5 }')).toEqual(['s3>s4', 's4>s2']);
    expect(await path(', ties: { evidence: [VISIT] }')).toEqual(['s3>s4', 's4>s2']);
  });

  it('edition impact: with open-door visits left out, s2–s4 is new at the community of practice', async () => {
    const impact = async (filter: string) =>
      (await data<{ initiativeImpact: { newTies: number } }>(`{ initiativeImpact(edition: "eCop"${filter}) { newTies } }`)).initiativeImpact.newTies;
    expect(await impact('')).toBe(4);
    expect(await impact(', ties: { excludeInitiativeKinds: [OPEN_DOOR] }')).toBe(5);
    // The edition's own weights: s1–s2 7/3, s1–s4 1 pass 0.5; s1–s3, s2–s3 (1/3) do not; s2–s4 (1) is not new.
    expect(await impact(', ties: { minWeight: 0.5 }')).toBe(2);
  });

  it('a bad filter is refused before any query, naming the field', async () => {
    for (const [filter, argument] of [
      ['{ minWeight: -1 }', 'ties.minWeight'],
      ['{ minCount: 0 }', 'ties.minCount'],
      ['{ evidence: [] }', 'ties.evidence'],
    ]) {
      const res = await api().run(`{ mixingMatrix(${SUD}, ties: ${filter}) { observed } }`);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
  });
});
