/**
 * The network questions over GraphQL on tests/fixtures/network-small.cypher. Zone SUD holds sA (M, FR),
 * sB (D, NL), sC (H, FR), sD (M, BOTH), sF (D, FR); NORD holds sE (Y, NL). Ties (see the fixture):
 * sA–sB ×2 (03-01, 05-10), sA–sC (03-01), sB–sC (03-01), sC–sD (09-12), sA–sD visit (10-17),
 * sA–sE (10-17), sD–sE visit (10-17). Five of them lie inside SUD. Sessions last 2 hours (duration
 * factor 2/3): s1 (3 present) gives each pair 1/3, s2, s3 and v1 (2 present) 2/3, a visit 2/3; so
 * sA–sB weighs 1/3 + 2/3 = 1, sC–sD, sA–sD, sA–sE, sD–sE 2/3, sA–sC and sB–sC 1/3 (all above the default 0.25).
 */
import { cypher, int } from '../../src/neo4j/driver';
import { territoryServices } from '../../src/modules/network/queries';
import { directoryStatements, type Condition } from '../../src/modules/directory/services';
import { codes, testApi, useTiedFixture } from '../helpers/api';
import { testDb } from '../helpers/db';
import { profileOperators } from '../helpers/profile';

const SUD = 'territory: { zone: "SUD" }';
const { api, data } = useTiedFixture('network-small');

describe('acquaintances', () => {
  it('the KNOWS subgraph of a zone, strongest first, with every service as a node', async () => {
    const d = await data<{
      acquaintances: {
        totalCount: number;
        services: Array<{ nameFr: string }>;
        nodes: Array<{ a: { nameFr: string }; b: { nameFr: string }; strength: number; count: number; lastMet: string }>;
      };
    }>(`{ acquaintances(${SUD}) { totalCount services { nameFr } nodes { a { nameFr } b { nameFr } strength count lastMet } } }`);
    expect(d.acquaintances.services).toHaveLength(5); // sA, sB, sC, sD, sF (the isolate too)
    expect(d.acquaintances.totalCount).toBe(5); // sA–sE and sD–sE reach into NORD
    expect(d.acquaintances.nodes.map((t) => `${t.a.nameFr.slice(-2)}-${t.b.nameFr.slice(-2)} ${t.strength.toFixed(3)} ${t.count}`)).toEqual([
      'sA-sB 1.000 2',
      'sA-sD 0.667 1', // a2's visit
      'sC-sD 0.667 1',
      'sA-sC 0.333 1',
      'sB-sC 0.333 1',
    ]);
    expect(d.acquaintances.nodes[0]?.lastMet).toBe('2023-05-10');
  });

  it('counts only encounters inside the window; ties outside it disappear', async () => {
    const after = await data<{ acquaintances: { nodes: Array<{ count: number; firstMet: string }> } }>(
      `{ acquaintances(${SUD}, window: { from: "2023-04-01" }) { nodes { count firstMet } } }`,
    );
    // sA–sB keeps its 05-10 encounter (2/3), sA–sD (10-17, 2/3), sC–sD (09-12, 2/3); the 03-01 ties drop out.
    expect(after.acquaintances.nodes).toEqual([
      { count: 1, firstMet: '2023-05-10' },
      { count: 1, firstMet: '2023-10-17' },
      { count: 1, firstMet: '2023-09-12' },
    ]);
    const before = await data<{ acquaintances: { totalCount: number } }>(`{ acquaintances(${SUD}, window: { to: "2023-02-01" }) { totalCount } }`);
    expect(before.acquaintances.totalCount).toBe(0);
  });

  it('pages through edges with cursors', async () => {
    const p1 = await data<{ acquaintances: { pageInfo: { endCursor: string; hasNextPage: boolean } } }>(
      `{ acquaintances(${SUD}, first: 3) { pageInfo { endCursor hasNextPage } } }`,
    );
    expect(p1.acquaintances.pageInfo.hasNextPage).toBe(true);
    const p2 = await data<{ acquaintances: { nodes: unknown[]; pageInfo: { hasNextPage: boolean } } }>(
      `query($a: String) { acquaintances(${SUD}, first: 3, after: $a) { nodes { strength } pageInfo { hasNextPage } } }`,
      { a: p1.acquaintances.pageInfo.endCursor },
    );
    expect(p2.acquaintances.nodes).toHaveLength(2); // 5 = 3 + 2
    expect(p2.acquaintances.pageInfo.hasNextPage).toBe(false);
  });

  it("a map's page holds up to 2,000 ties, past the server's page limit of 500; 2,001 is refused, naming first", async () => {
    const all = await data<{ acquaintances: { nodes: unknown[] } }>(`{ acquaintances(${SUD}, first: 2000) { nodes { strength } } }`);
    expect(all.acquaintances.nodes).toHaveLength(5);
    const over = await api().run(`{ acquaintances(${SUD}, first: 2001) { totalCount } }`);
    expect(over.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'first' });
  });
});

describe('mixing, gaps, E-I', () => {
  it('mixing matrix of SUD (5 services, 10 pairs, 5 ties)', async () => {
    const d = await data<{ mixingMatrix: Array<{ sectorA: { code: string }; sectorB: { code: string }; observed: number; possible: number; expected: number }> }>(
      `{ mixingMatrix(${SUD}) { sectorA { code } sectorB { code } observed possible expected } }`,
    );
    const cells = Object.fromEntries(d.mixingMatrix.map((c) => [`${c.sectorA.code}/${c.sectorB.code}`, [c.observed, c.possible, c.expected]]));
    expect(cells['DISABILITY/MENTAL_HEALTH']).toEqual([1, 4, 2]); // sA–sB; 2 × 2 pairs; 5 × 4 / 10
    expect(cells['HOUSING/MENTAL_HEALTH']).toEqual([2, 2, 1]); // sA–sC, sC–sD
    expect(cells['DISABILITY/HOUSING']).toEqual([1, 2, 1]); // sB–sC
    expect(cells['MENTAL_HEALTH/MENTAL_HEALTH']).toEqual([1, 1, 0.5]); // sA–sD
    expect(cells['DISABILITY/DISABILITY']).toEqual([0, 1, 0.5]);
  });

  it('gaps: none at the default threshold; D–M at threshold 1 leaves sF and sD unconnected', async () => {
    expect((await data<{ gaps: unknown[] }>(`{ gaps(${SUD}) { observed } }`)).gaps).toEqual([]);
    const strict = await data<{ gaps: Array<{ sectorA: { code: string }; sectorB: { code: string }; unconnectedServices: number }> }>(
      `{ gaps(${SUD}, threshold: 1) { sectorA { code } sectorB { code } unconnectedServices } }`,
    );
    // D–M: 1 observed < 1 × 2 expected. sF reaches no M; sD reaches no D → 2.
    expect(strict.gaps).toEqual([{ sectorA: { code: 'DISABILITY' }, sectorB: { code: 'MENTAL_HEALTH' }, unconnectedServices: 2 }]);
  });

  it('E-I index: 4 external and 1 internal tie in SUD → 0.6', async () => {
    const d = await data<{ eiIndex: { territory: { index: number }; sectors: Array<{ sector: { code: string }; external: number; internal: number; index: number }> } }>(
      `{ eiIndex(${SUD}) { territory { index } sectors { sector { code } external internal index } } }`,
    );
    expect(d.eiIndex.territory.index).toBeCloseTo(0.6);
    expect(d.eiIndex.sectors.find((s) => s.sector.code === 'MENTAL_HEALTH')).toEqual({ sector: { code: 'MENTAL_HEALTH' }, external: 3, internal: 1, index: 0.5 });
  });
});

describe('brokers', () => {
  it('sA and sC each carry half of the sB–sD shortest paths; sF is isolated', async () => {
    const d = await data<{
      brokers: { serviceCount: number; isolates: Array<{ nameFr: string }>; brokers: Array<{ service: { nameFr: string }; betweenness: number; degree: number }> };
    }>(`{ brokers(${SUD}, first: 2) { serviceCount isolates { nameFr } brokers { service { nameFr } betweenness degree } } }`);
    expect(d.brokers.serviceCount).toBe(5);
    expect(d.brokers.isolates).toEqual([{ nameFr: 'Service sF' }]);
    // sB–sD: two shortest paths (via sA, via sC) → 0.5 each, normalised by (5−1)(5−2)/2 = 6.
    expect(d.brokers.brokers).toEqual([
      { service: { nameFr: 'Service sA' }, betweenness: 0.5 / 6, degree: 3 },
      { service: { nameFr: 'Service sC' }, betweenness: 0.5 / 6, degree: 3 },
    ]);
  });
});

describe('turnover', () => {
  it('every SUD tie rests on one carrier per side on 2024-01-01: all five fragile, none lost', async () => {
    const fragile = await data<{ fragileTies: Array<{ status: string; carriersA: { value: number } }> }>(
      `{ fragileTies(${SUD}, asOf: "2024-01-01") { status carriersA { value } } }`,
    );
    expect(fragile.fragileTies).toHaveLength(5);
    expect((await data<{ lostTies: unknown[] }>(`{ lostTies(${SUD}, asOf: "2024-01-01") { status } }`)).lostTies).toEqual([]);
  });

  it('if a1 left sA, sA would lose its ties to sB and sC', async () => {
    const d = await data<{ turnoverImpact: { tiesCarried: number; wouldBeLost: Array<{ b: { nameFr: string } }>; wouldBecomeFragile: unknown[] } }>(
      '{ turnoverImpact(service: "sA", person: "a1", asOf: "2024-01-01") { tiesCarried wouldBeLost { b { nameFr } } wouldBecomeFragile { strength } } }',
    );
    expect(d.turnoverImpact).toEqual({ tiesCarried: 2, wouldBeLost: [{ b: { nameFr: 'Service sB' } }, { b: { nameFr: 'Service sC' } }], wouldBecomeFragile: [] });
  });

  it('once a1 has left, those two ties are lost', async () => {
    await testDb().write(cypher('test.a1Leaves', "MATCH (:Person {id: 'a1'})-[w:WORKS_AT]->(:Service {id: 'sA'}) SET w.to = date('2023-12-31')"));
    const lost = await data<{ lostTies: Array<{ tie: { b: { nameFr: string } }; carriersA: { value: number } }> }>(
      `{ lostTies(${SUD}, asOf: "2024-01-01") { tie { b { nameFr } } carriersA { value } } }`,
    );
    expect(lost.lostTies).toEqual([
      { tie: { b: { nameFr: 'Service sB' } }, carriersA: { value: 0 } },
      { tie: { b: { nameFr: 'Service sC' } }, carriersA: { value: 0 } },
    ]);
    await testDb().write(cypher('test.a1Returns', "MATCH (:Person {id: 'a1'})-[w:WORKS_AT]->(:Service {id: 'sA'}) SET w.to = null"));
  });
});

describe('language border, impact, introductions, recommendations', () => {
  it('language border: 2 of 5 SUD ties cross FR–NL; 3 of 7 in the region', async () => {
    const d = await data<{
      sud: { territory: { ties: number; crossBorder: number; share: number }; initiatives: Array<{ initiative: { nameFr: string }; ties: number; crossBorder: number }> };
      bru: { territory: { share: number } };
    }>(
      `{ sud: languageBorder(${SUD}) { territory { ties crossBorder share } initiatives { initiative { nameFr } ties crossBorder } }
         bru: languageBorder(territory: { region: "BRU" }) { territory { share } } }`,
    );
    expect(d.sud.territory).toEqual({ ties: 5, crossBorder: 2, share: 0.4 }); // sA–sB, sB–sC
    expect(d.sud.initiatives).toEqual([
      { initiative: { nameFr: 'Portes ouvertes' }, ties: 1, crossBorder: 0 }, // sA–sD (FR–BOTH)
      { initiative: { nameFr: 'Groupe X' }, ties: 4, crossBorder: 2 },
    ]);
    expect(d.bru.territory.share).toBeCloseTo(3 / 7); // + sA–sE
  });

  it('what edition X changed', async () => {
    const d = await data<{ initiativeImpact: Record<string, unknown> }>(`{ initiativeImpact(edition: "edX") {
      newTies newCrossSectorTies newCrossLanguageTies reach { zone { code } services }
      participants { value } firstTimeParticipants { value } hosts firstTimeHosts noShowRate capacityUse } }`);
    expect(d.initiativeImpact).toEqual({
      newTies: 4, // sA–sB, sA–sC, sB–sC, sC–sD
      newCrossSectorTies: 4, // all four join different sectors
      newCrossLanguageTies: 2, // sA–sB, sB–sC
      reach: [{ zone: { code: 'SUD' }, services: 4 }], // sA, sB, sC (c1, m1), sD (d1)
      participants: { value: 5 }, // a1, b1, c1, m1, d1
      firstTimeParticipants: { value: 5 },
      hosts: 3,
      firstTimeHosts: 3,
      noShowRate: 1 / 8, // d1 at s1; 7 present
      capacityUse: 8 / 36, // 8 registrations, 3 × 12 places
    });
  });

  it('who can introduce sB to sE: sB – sA – sE, named with where they met', async () => {
    const d = await data<{
      introductionPath: { found: boolean; steps: Array<{ from: { nameFr: string }; to: { nameFr: string }; initiatives: Array<{ nameFr: string }>; firstMet: string }> };
    }>('{ introductionPath(fromPerson: "b1", to: "sE") { found steps { from { nameFr } to { nameFr } initiatives { nameFr } firstMet } } }');
    expect(d.introductionPath).toEqual({
      found: true,
      steps: [
        { from: { nameFr: 'Service sB' }, to: { nameFr: 'Service sA' }, initiatives: [{ nameFr: 'Groupe X' }], firstMet: '2023-03-01' },
        { from: { nameFr: 'Service sA' }, to: { nameFr: 'Service sE' }, initiatives: [{ nameFr: 'Portes ouvertes' }], firstMet: '2023-10-17' },
      ],
    });
    const none = await data<{ introductionPath: { found: boolean; steps: unknown[] } }>('{ introductionPath(fromService: "sF", to: "sE") { found steps { firstMet } } }');
    expect(none.introductionPath).toEqual({ found: false, steps: [] }); // sF knows nobody: an empty answer
  });

  it('the services on a chain come with what the selection asks, staff included, as a service query gives them', async () => {
    // The chain statement binds its path and the staff pattern binds people: they must not clash.
    const SERVICE_FIELDS = 'nameFr staff { role person { id } } sessionsHosted { nodes { id } } neighbourhood { code municipality { nisCode } }';
    const d = await data<{ introductionPath: { start: unknown; steps: Array<{ from: unknown; to: unknown }> } }>(
      `{ introductionPath(fromService: "sB", to: "sE") { start { ${SERVICE_FIELDS} } steps { from { ${SERVICE_FIELDS} } to { ${SERVICE_FIELDS} } } } }`,
    );
    const one = async (id: string) => (await data<{ service: unknown }>(`{ service(id: "${id}") { ${SERVICE_FIELDS} } }`)).service;
    const [sB, sA, sE] = [await one('sB'), await one('sA'), await one('sE')];
    expect(d.introductionPath.start).toEqual(sB);
    expect(d.introductionPath.steps).toEqual([
      { from: sB, to: sA },
      { from: sA, to: sE },
    ]);
    expect((sB as { staff: unknown[] }).staff.length).toBeGreaterThan(0); // b1 works at sB: the staff part is exercised
  });

  it('recommendations: for the open-door week, a mental-health host in the Rézone area; the zone with an isolate', async () => {
    const d = await data<{ recommendations: Array<{ kind: string; service: { nameFr: string } | null; zone: { code: string } | null; reason: string }> }>(
      `{ recommendations(initiative: "iniV", ${SUD}) { kind service { nameFr } zone { code } reason(lang: NL) } }`,
    );
    expect(d.recommendations.map((r) => [r.kind, r.service?.nameFr ?? r.zone?.code])).toEqual([
      ['HOST', 'Service sA'], // MH in a rezoneArea quartier, never hosted iniV (sD did)
      ['ZONE', 'SUD'], // sF has no tie
    ]);
    expect(d.recommendations[1]?.reason).toBe('1 van de 5 diensten hebben in deze zone nog geen enkele band.');
  });
});

describe('bad input and edge cases', () => {
  it('window from > to, unknown sector, unknown territory', async () => {
    const w = await api().run(`{ mixingMatrix(${SUD}, window: { from: "2024-01-01", to: "2023-01-01" }) { observed } }`);
    expect(w.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'window' });
    const s = await api().run(`{ eiIndex(${SUD}, sectors: ["ASTROLOGY"]) { territory { index } } }`);
    expect(s.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'sectors' });
    const t = await api().run('{ brokers(territory: { zone: "WEST" }) { serviceCount } }');
    expect(t.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', argument: 'territory.zone' });
  });

  it('an empty territory answers empty, not an error', async () => {
    const d = await data<{ acquaintances: { totalCount: number; services: unknown[] }; mixingMatrix: unknown[]; eiIndex: { territory: { index: null } } }>(
      `{ acquaintances(territory: { zone: "NORD" }, sectors: ["HOUSING"]) { totalCount services { id } }
         mixingMatrix(territory: { zone: "NORD" }, sectors: ["HOUSING"]) { observed }
         eiIndex(territory: { zone: "NORD" }, sectors: ["HOUSING"]) { territory { index } } }`,
    );
    expect(d).toEqual({ acquaintances: { totalCount: 0, services: [] }, mixingMatrix: [], eiIndex: { territory: { index: null } } });
  });

  it('a single sector has no gaps and an E-I index of −1 when tied', async () => {
    const d = await data<{ gaps: unknown[]; eiIndex: { territory: { index: number } } }>(
      `{ gaps(${SUD}, sectors: ["MENTAL_HEALTH"]) { observed } eiIndex(${SUD}, sectors: ["MENTAL_HEALTH"]) { territory { index } } }`,
    );
    expect(d).toEqual({ gaps: [], eiIndex: { territory: { index: -1 } } }); // sA–sD only, internal
  });

  it('above 1,500 services betweenness is sampled with its bound; weighted above 3,000 is TOO_LARGE, naming the limit', async () => {
    await testDb().write(
      cypher(
        'test.manyServices',
        `MATCH (q:Neighbourhood {code: 'Q2'}), (sec:Sector {code: 'YOUTH'})
         UNWIND range(1, 3001) AS i CREATE (s:Service {id: 'bulk' + i, nameFr: 'B' + i, nameNl: 'B' + i, workingLanguage: 'NL'})
         CREATE (s)-[:LOCATED_IN]->(q), (s)-[:IN_SECTOR {primary: true}]->(sec)`,
      ),
    );
    // What is asserted is the sample and its bound, not the time: a busy machine must not decide it.
    const patient = await testApi({ ANALYTICS_TIMEOUT_MS: '120000' });
    const answer = await patient.run<{ brokers: { serviceCount: number; accuracy: object } }>(
      '{ brokers(territory: { zone: "NORD" }) { serviceCount accuracy { method samples errorBound confidence } } }',
    );
    await patient.server.stop();
    expect(answer.errors).toBeUndefined();
    const sampled = answer.data!;
    // 3,002 services, no tie inside NORD: the vertex diameter's bound is 1. ε = 0.01 on our scale is
    // 0.01 × 3,000 / 3,002 on theirs: 0.5 / ε² × (1 + ln 20) = 20,005.3 → 20,006 samples
    expect(sampled.brokers).toEqual({ serviceCount: 3002, accuracy: { method: 'SAMPLED', samples: 20_006, errorBound: 0.01, confidence: 0.95 } });
    const res = await api().run('{ brokers(territory: { zone: "NORD" }, betweenness: INVERSE_WEIGHT) { serviceCount } }');
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'TOO_LARGE', argument: 'territory', limit: 3000, actual: 3002 });
    // A 1 ms analytics limit: the region's subgraph query cannot finish in time.
    const hurried = await testApi({ ANALYTICS_TIMEOUT_MS: '1' });
    const slow = await hurried.run('{ acquaintances(territory: { region: "BRU" }) { totalCount } }');
    await hurried.server.stop();
    expect(codes(slow.errors)).toEqual(['ANALYTICS_TIMEOUT']);
  });
});

describe('territory-local plans', () => {
  // Hinted: on a graph this small the planner would rather start from the grid's index. For a region or a
  // municipality it may still join that index to the walk down from the territory (a seek, cheap here;
  // at scale it walks down, bench plans); a zone needs no grid condition, so it only walks.
  it.each([
    ['region', 'BRU', ':Region'],
    ['zone', 'SUD', ':Zone'],
    ['municipality', '21007', ':Municipality'],
  ] as const)('the %s subgraph starts from its own index (%s), never a scan', async (level, territory, label) => {
    const ops = await profileOperators(testDb(), territoryServices[level], { territory, sectors: null, languages: null });
    expect(ops.some((o) => /NodeUniqueIndexSeek/.test(o) && o.includes(`place${label}`))).toBe(true);
    if (level === 'zone') expect(ops.filter((o) => /IndexSeek/.test(o) && !/x:Sector/.test(o))).toEqual([expect.stringContaining(label)]);
    expect(ops.filter((o) => /AllNodesScan|NodeByLabelScan/.test(o))).toEqual([]);
  });

  it('a zone page of the directory starts from an index with or without its other filters, never a label scan', async () => {
    const params = { territory: 'SUD', after: 'sA', sector: 'M', languages: ['FR'], limit: int(10), today: '2025-01-01' };
    // With a sector given, the planner may as well start from the sector's index: a seek either way.
    for (const [given, anchor] of [
      [[], ':Zone'],
      [['after', 'sector', 'languages'], ''],
    ] as Array<[Condition[], string]>) {
      const ops = await profileOperators(testDb(), directoryStatements('zone', undefined, given).page(['organisation', 'sectors']), params);
      expect(ops.some((o) => /NodeUniqueIndexSeek|NodeIndexSeek/.test(o) && o.includes(anchor))).toBe(true);
      expect(ops.filter((o) => /AllNodesScan|NodeByLabelScan/.test(o))).toEqual([]);
    }
  });
});
