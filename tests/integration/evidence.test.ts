/**
 * Evidence of ties other than attendance — survey answers, referral counts, agreements — and the
 * attendance group, on tests/fixtures/network-small.cypher (see its header): each write path
 * (mutation, importCsv/npm run import) goes through the rules engine, answers each broken rule with
 * its code and field and writes nothing of it; a second run changes nothing; only editors write.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import type { Principal } from '../../src/access/principal';
import { PROJECT_ROOT, loadConfig } from '../../src/config';
import { importRows, parseCsv } from '../../src/modules/editing/import';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { cypher } from '../../src/neo4j/driver';
import { testDb } from '../helpers/db';
import { codes, useFixtureApi } from '../helpers/api';
import { tieSnapshot } from '../helpers/ties';

const api = useFixtureApi('network-small', () => rebuildAllTies(testDb()).then(() => undefined));
const SECRET = 'test-secret-of-at-least-16';

const editor: Principal = { role: 'editor', keyId: 'k-editor' };
type Payload = { errors: Array<{ code: string; field: string | null }> } & Record<string, unknown>;
async function mutate(query: string, as: Principal = editor): Promise<Payload> {
  const res = await api().run<Record<string, Payload>>(query, {}, { as });
  expect(res.errors).toBeUndefined();
  return Object.values(res.data ?? {})[0] as Payload;
}
const EVIDENCE = cypher(
  'test.evidence',
  `CALL { MATCH (p:Person)-[d:DECLARED_TIE]->(s:Service) RETURN 'D ' + p.id + '>' + s.id + ' ' + d.survey + ' ' + toString(d.declaredOn) + ' ' + d.frequency + ' ' + coalesce(toString(d.trust), 'null') + ' ' + coalesce(toString(d.value), 'null') AS row
          UNION ALL MATCH (a:Service)-[r:REFERRED]->(b:Service) RETURN 'R ' + a.id + '>' + b.id + ' ' + r.period + ' ' + toString(r.count) AS row
          UNION ALL MATCH (a:Service)-[g:AGREEMENT]->(b:Service) RETURN 'A ' + a.id + '-' + b.id + ' ' + g.kind + ' ' + toString(g.signedOn) + ' ' + coalesce(toString(g.endsOn), 'null') AS row }
   RETURN row ORDER BY row`,
);
const evidence = async () => (await testDb().read<{ row: string }>(EVIDENCE)).map((r) => r.row);
const GROUPS = cypher('test.groups', 'MATCH (p:Person)-[a:ATTENDED]->(x:Session) WHERE a.group IS NOT NULL RETURN p.id + "@" + x.id + "=" + a.group AS row ORDER BY row');
const groups = async () => (await testDb().read<{ row: string }>(GROUPS)).map((r) => r.row);
const equalsRebuild = async () => {
  const incremental = await tieSnapshot(testDb());
  await rebuildAllTies(testDb());
  expect(await tieSnapshot(testDb())).toEqual(incremental);
};

describe('declareTie', () => {
  const declare = (input: string) =>
    mutate(
      `mutation { declareTie(input: { ${input} }) { declaredTie { person { displayName } service { nameFr } survey declaredOn frequency trust value weight } errors { code field } } }`,
    );

  it('records an answer with who answered and when, and a second call changes nothing', async () => {
    const input = 'personId: "a1", serviceId: "sC", survey: "2024-SUD", declaredOn: "2024-03-01", frequency: MONTHLY, trust: 3.5, value: 2';
    const first = await declare(input);
    expect(first).toEqual({
      declaredTie: {
        person: { displayName: 'Person a1' },
        service: { nameFr: 'Service sC' },
        survey: '2024-SUD',
        declaredOn: '2024-03-01',
        frequency: 'MONTHLY',
        trust: 3.5,
        value: 2,
        weight: 0.75,
      },
      errors: [],
    });
    const after = await evidence();
    expect(after).toEqual(['D a1>sC 2024-SUD 2024-03-01 MONTHLY 3.5 2.0']);
    await declare(input);
    expect(await evidence()).toEqual(after);
    await equalsRebuild();
  });

  it('refuses each broken rule with its code and field, and writes nothing', async () => {
    const before = await evidence();
    // m1 worked at sA until 2023-06-30, at sC from 2023-07-01: on 2023-08-01 naming sC is naming their own service.
    expect((await declare('personId: "m1", serviceId: "sC", survey: "s", declaredOn: "2023-08-01", frequency: WEEKLY')).errors).toEqual([
      { code: 'SAME_SERVICE', field: 'input.serviceId' },
    ]);
    // e1 starts at sE on 2020-01-01.
    expect((await declare('personId: "e1", serviceId: "sA", survey: "s", declaredOn: "2019-06-01", frequency: WEEKLY')).errors).toEqual([
      { code: 'NOT_EMPLOYED', field: 'input.personId' },
    ]);
    expect((await declare('personId: "a1", serviceId: "sB", survey: "s", declaredOn: "2024-01-01", frequency: WEEKLY, trust: 5')).errors).toEqual([
      { code: 'INVALID', field: 'input.trust' },
    ]);
    expect((await declare('personId: "nobody", serviceId: "sZ", survey: "s", declaredOn: "2024-01-01", frequency: WEEKLY')).errors).toEqual([
      { code: 'NOT_FOUND', field: 'input.personId' },
      { code: 'NOT_FOUND', field: 'input.serviceId' },
    ]);
    expect((await declare('personId: "a1", serviceId: "sB", survey: " ", declaredOn: "2024-01-01", frequency: WEEKLY')).errors).toEqual([
      { code: 'INVALID', field: 'input.survey' },
    ]);
    expect(await evidence()).toEqual(before);
  });

  it('takes the global ids the API answers, as every ID argument does', async () => {
    const ids = await api().run<{ person: { id: string }; service: { id: string } }>('{ person(id: "c1") { id } service(id: "sD") { id } }');
    const { person, service } = ids.data!;
    const p = await declare(`personId: "${person.id}", serviceId: "${service.id}", survey: "g", declaredOn: "2024-01-01", frequency: QUARTERLY`);
    expect(p).toMatchObject({ declaredTie: { person: { displayName: 'Person c1' }, service: { nameFr: 'Service sD' }, weight: 0.5 }, errors: [] });
    const wrong = await api().run(
      `mutation { declareTie(input: { personId: "${service.id}", serviceId: "sD", survey: "g", declaredOn: "2024-01-01", frequency: QUARTERLY }) { errors { code } } }`,
      {},
      { as: editor },
    );
    expect(wrong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' }); // a service's id where a person's is asked
  });

  it('withdraws an answer', async () => {
    await declare('personId: "b1", serviceId: "sD", survey: "w", declaredOn: "2024-01-01", frequency: DAILY');
    const w = await mutate('mutation { withdrawDeclaredTie(personId: "b1", serviceId: "sD", survey: "w") { declaredTie { frequency weight } errors { code field } } }');
    expect(w).toEqual({ declaredTie: { frequency: 'DAILY', weight: 1.25 }, errors: [] });
    expect((await evidence()).filter((r) => r.startsWith('D b1'))).toEqual([]);
    const again = await mutate('mutation { withdrawDeclaredTie(personId: "b1", serviceId: "sD", survey: "w") { declaredTie { frequency } errors { code field } } }');
    expect(again.errors).toEqual([{ code: 'NOT_FOUND', field: 'survey' }]);
    await equalsRebuild();
  });
});

describe('recordReferrals and recordAgreement', () => {
  it('records a count per period; 0 removes it', async () => {
    const refer = (input: string) =>
      mutate(`mutation { recordReferrals(input: { ${input} }) { referral { from { nameFr } to { nameFr } period periodStart periodEnd count weight } errors { code field } } }`);
    expect(await refer('fromServiceId: "sA", toServiceId: "sB", period: "2024-Q2", count: 6')).toEqual({
      referral: { from: { nameFr: 'Service sA' }, to: { nameFr: 'Service sB' }, period: '2024-Q2', periodStart: '2024-04-01', periodEnd: '2024-06-30', count: 6, weight: 1.5 }, // 6 × 0.25
      errors: [],
    });
    expect((await refer('fromServiceId: "sA", toServiceId: "sB", period: "2024-02", count: 1')).referral).toMatchObject({ periodStart: '2024-02-01', periodEnd: '2024-02-29' }); // leap year
    expect((await refer('fromServiceId: "sA", toServiceId: "sA", period: "2024", count: 1')).errors).toEqual([{ code: 'SAME_SERVICE', field: 'input.toServiceId' }]);
    expect((await refer('fromServiceId: "sA", toServiceId: "sB", period: "2024-Q5", count: 1')).errors).toEqual([{ code: 'INVALID', field: 'input.period' }]);
    expect((await refer('fromServiceId: "sA", toServiceId: "sB", period: "2024", count: -1')).errors).toEqual([{ code: 'INVALID', field: 'input.count' }]);
    expect((await evidence()).filter((r) => r.startsWith('R '))).toEqual(['R sA>sB 2024-02 1', 'R sA>sB 2024-Q2 6']);
    expect(await refer('fromServiceId: "sA", toServiceId: "sB", period: "2024-02", count: 0')).toEqual({ referral: null, errors: [] });
    expect((await evidence()).filter((r) => r.startsWith('R '))).toEqual(['R sA>sB 2024-Q2 6']);
    await equalsRebuild();
  });

  it('records an agreement once per pair, whichever service comes first', async () => {
    const agree = (input: string) =>
      mutate(`mutation { recordAgreement(input: { ${input} }) { agreement { a { nameFr } b { nameFr } kind signedOn endsOn weight } errors { code field } } }`);
    expect(await agree('serviceAId: "sD", serviceBId: "sB", kind: IMMERSION, signedOn: "2023-09-01", endsOn: "2024-06-30"')).toEqual({
      agreement: { a: { nameFr: 'Service sB' }, b: { nameFr: 'Service sD' }, kind: 'IMMERSION', signedOn: '2023-09-01', endsOn: '2024-06-30', weight: 1 },
      errors: [],
    });
    await agree('serviceAId: "sB", serviceBId: "sD", kind: IMMERSION, signedOn: "2023-09-01", endsOn: "2024-06-30"');
    expect((await evidence()).filter((r) => r.startsWith('A '))).toEqual(['A sB-sD IMMERSION 2023-09-01 2024-06-30']);
    expect((await agree('serviceAId: "sB", serviceBId: "sD", kind: PARTNERSHIP, signedOn: "2023-09-01", endsOn: "2023-01-01"')).errors).toEqual([
      { code: 'INVALID', field: 'input.endsOn' },
    ]);
    // Two services of one organisation: an immersion agreement joins two organisations.
    await testDb().write(
      cypher(
        'test.sameOrg',
        "MATCH (o:Organisation {id: 'oA'}), (q:Neighbourhood {code: 'Q1'}) MERGE (s:Service {id: 'sA2'}) SET s.nameFr = 'sA2', s.nameNl = 'sA2', s.workingLanguage = 'FR' MERGE (o)-[:RUNS]->(s) MERGE (s)-[:LOCATED_IN]->(q)",
      ),
    );
    expect((await agree('serviceAId: "sA", serviceBId: "sA2", kind: IMMERSION, signedOn: "2023-09-01"')).errors).toEqual([{ code: 'OWN_ORGANISATION', field: 'input.serviceBId' }]);
    expect((await agree('serviceAId: "sA", serviceBId: "sA2", kind: PARTNERSHIP, signedOn: "2023-09-01"')).errors).toEqual([]);
    const removed = await mutate(
      'mutation { removeAgreement(serviceAId: "sA2", serviceBId: "sA", kind: PARTNERSHIP, signedOn: "2023-09-01") { agreement { a { nameFr } kind } errors { code } } }',
    );
    expect(removed).toEqual({ agreement: { a: { nameFr: 'Service sA' }, kind: 'PARTNERSHIP' }, errors: [] });
    await equalsRebuild();
  });
});

describe('only editors write evidence; survey answers are person-level', () => {
  const WRITES = [
    'declareTie(input: { personId: "a1", serviceId: "sE", survey: "x", declaredOn: "2024-01-01", frequency: WEEKLY }) { errors { code } }',
    'withdrawDeclaredTie(personId: "a1", serviceId: "sE", survey: "x") { errors { code } }',
    'recordReferrals(input: { fromServiceId: "sA", toServiceId: "sE", period: "2024", count: 2 }) { errors { code } }',
    'recordAgreement(input: { serviceAId: "sA", serviceBId: "sE", kind: PARTNERSHIP, signedOn: "2024-01-01" }) { errors { code } }',
    'removeAgreement(serviceAId: "sA", serviceBId: "sE", kind: PARTNERSHIP, signedOn: "2024-01-01") { errors { code } }',
    'registerAttendance(personId: "a1", sessionId: "s3", role: PARTICIPANT, group: "T1") { errors { code } }',
    'importCsv(kind: survey, csv: "person_id,service_id,survey,declared_on,frequency\\na1,sE,x,2024-01-01,weekly\\n") { rows }',
    'importCsv(kind: referrals, csv: "from_service_id,to_service_id,period,count\\nsA,sE,2024,2\\n") { rows }',
    'importCsv(kind: agreements, csv: "service_a_id,service_b_id,kind,signed_on\\nsA,sE,PARTNERSHIP,2024-01-01\\n") { rows }',
  ];
  const OTHERS: Principal[] = [
    { role: 'public' },
    { role: 'analyst', keyId: 'k-a' },
    { role: 'observatory', keyId: 'k-o' },
    { role: 'zone', zone: 'SUD', keyId: 'k-z' }, // the zone of sA
    { role: 'zone', zone: 'NORD', keyId: 'k-n' }, // another zone
  ];
  it.each(OTHERS)('a $role key ($zone) is refused every evidence write, and nothing is written', async (as) => {
    const before = await evidence();
    for (const w of WRITES) {
      const res = await api().run(`mutation { ${w} }`, {}, { as });
      expect(codes(res.errors)).toContain('FORBIDDEN');
    }
    expect(await evidence()).toEqual(before);
  });
});

describe('erasure', () => {
  it('erasing a person takes their survey answers and the encounters they made', async () => {
    // d1 (sD) names sF, which nobody else is tied to: the tie sD–sF rests on that answer alone.
    await mutate('mutation { declareTie(input: { personId: "d1", serviceId: "sF", survey: "e", declaredOn: "2024-01-01", frequency: DAILY }) { errors { code } } }');
    const TIE = cypher('test.sDsF', "MATCH (:Service {id: 'sD'})-[k:KNOWS]-(:Service {id: 'sF'}) RETURN k.kinds AS kinds");
    expect(await testDb().read(TIE)).toEqual([{ kinds: ['DECLARED'] }]);
    const erased = await mutate('mutation { erasePerson(id: "d1") { erased errors { code } } }', { role: 'admin', keyId: 'k-admin' });
    expect(erased).toEqual({ erased: true, errors: [] });
    expect(await testDb().read(TIE)).toEqual([]);
    expect((await evidence()).filter((r) => r.startsWith('D d1'))).toEqual([]);
    await equalsRebuild();
  });
});

describe('the attendance group', () => {
  it('is written by registerAttendance and markAttendance and read on Attendance; a bad one is BAD_USER_INPUT naming `group`', async () => {
    const reg = await mutate('mutation { registerAttendance(personId: "c1", sessionId: "s3", role: PARTICIPANT, group: "T2") { attendance { group status } errors { code } } }');
    expect(reg).toEqual({ attendance: { group: 'T2', status: 'REGISTERED' }, errors: [] });
    // Left out: unchanged.
    const mark = await mutate('mutation { markAttendance(personId: "c1", sessionId: "s3", status: PRESENT) { attendance { group status } errors { code } } }');
    expect(mark).toEqual({ attendance: { group: 'T2', status: 'PRESENT' }, errors: [] });
    const read = await api().run<{ session: { attendances: Array<{ person: { displayName: string }; group: string | null }> } }>(
      '{ session(id: "s3") { attendances { person { displayName } group } } }',
    );
    expect(read.data?.session.attendances).toEqual(
      expect.arrayContaining([
        { person: { displayName: 'Person c1' }, group: 'T2' },
        { person: { displayName: 'Person m1' }, group: null },
      ]),
    );
    const bad = await api().run('mutation { markAttendance(personId: "c1", sessionId: "s3", status: PRESENT, group: " T2") { errors { code } } }', {}, { as: editor });
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'group' });
    // "" takes it away.
    const cleared = await mutate('mutation { markAttendance(personId: "c1", sessionId: "s3", status: PRESENT, group: "") { attendance { group } errors { code } } }');
    expect(cleared).toEqual({ attendance: { group: null }, errors: [] });
    await equalsRebuild();
  });

  it('is written by the attendance import when the list has a group column, and kept when it has none', async () => {
    const withGroup = parseCsv(
      'session,date,name,organisation,role,present,group\ns1,2023-03-01,Person a1,oA,participant,present,T1\ns1,2023-03-01,Person b1,oB,participant,present,T1\ns1,2023-03-01,Person c1,oC,participant,present,"   "\n',
    );
    const first = await importRows(testDb(), 'attendance', withGroup, { secret: SECRET });
    expect(first).toMatchObject({ created: 0, updated: 2, unchanged: 1, rejected: [] });
    expect((await groups()).filter((g) => g.endsWith('@s1=T1'))).toEqual(['a1@s1=T1', 'b1@s1=T1']);
    expect(await importRows(testDb(), 'attendance', withGroup, { secret: SECRET })).toMatchObject({ updated: 0, unchanged: 3 });
    const without = parseCsv('session,date,name,organisation,role,present\ns1,2023-03-01,Person a1,oA,participant,present\n');
    expect(await importRows(testDb(), 'attendance', without, { secret: SECRET })).toMatchObject({ updated: 0, unchanged: 1 });
    expect((await groups()).filter((g) => g.endsWith('@s1=T1'))).toEqual(['a1@s1=T1', 'b1@s1=T1']);
    const tooLong = parseCsv(`session,date,name,organisation,role,present,group\ns1,2023-03-01,Person a1,oA,participant,present,${'x'.repeat(41)}\n`);
    expect((await importRows(testDb(), 'attendance', tooLong, { secret: SECRET })).rejected).toEqual([
      { row: 2, field: 'group', reason: expect.stringMatching(/^INVALID: /) as string },
    ]);
    await equalsRebuild();
  });
});

describe('imports: survey, referrals, agreements', () => {
  const SURVEY = [
    'person_id,service_id,survey,declared_on,frequency,trust,value',
    'b1,sC,imp-1,2024-02-01,weekly,4,3', // row 2: good
    'b1,sB,imp-1,2024-02-01,weekly,,', // row 3: SAME_SERVICE
    'e1,sA,imp-1,2019-02-01,monthly,,', // row 4: NOT_EMPLOYED
    'b1,sD,imp-1,2024-02-01,sometimes,,', // row 5: bad frequency
    'b1,sC,imp-1,2024-02-02,daily,,', // row 6: duplicate of row 2
    'nobody,sC,imp-1,2024-02-01,daily,,', // row 7: unknown person
    'c1,sA,imp-1,2024-02-01,YEARLY_OR_LESS,2.5,', // row 8: good
  ].join('\n');

  it('rejects rows with code, field and reason; writes the others; a second run changes nothing', async () => {
    const rows = parseCsv(SURVEY);
    const dry = await importRows(testDb(), 'survey', rows, { secret: SECRET, dryRun: true });
    const before = await evidence();
    expect(await evidence()).toEqual(before);
    const allOrNothing = await importRows(testDb(), 'survey', rows, { secret: SECRET, allOrNothing: true });
    expect(allOrNothing.written).toBe(false);
    expect(await evidence()).toEqual(before);
    const report = await importRows(testDb(), 'survey', rows, { secret: SECRET });
    expect({ ...report, ms: 0, rowsPerSecond: 0 }).toEqual({ ...dry, dryRun: false, written: true, ms: 0, rowsPerSecond: 0 });
    expect(report).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { row: 3, field: 'service_id', reason: expect.stringMatching(/^SAME_SERVICE: /) as string },
      { row: 4, field: 'person_id', reason: expect.stringMatching(/^NOT_EMPLOYED: /) as string },
      { row: 5, field: 'frequency', reason: expect.stringMatching(/^INVALID: one of /) as string },
      { row: 6, field: 'person_id', reason: 'INVALID: duplicate of row 2' },
      { row: 7, field: 'person_id', reason: 'NOT_FOUND: No such person' },
    ]);
    // Reasons name no person.
    expect(JSON.stringify(report.rejected)).not.toMatch(/Person |b1|e1|nobody/);
    expect((await evidence()).filter((r) => r.includes('imp-1'))).toEqual(['D b1>sC imp-1 2024-02-01 WEEKLY 4.0 3.0', 'D c1>sA imp-1 2024-02-01 YEARLY_OR_LESS 2.5 null']);
    const again = await importRows(testDb(), 'survey', rows, { secret: SECRET });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    await equalsRebuild();
  });

  it.each(['survey', 'referrals', 'agreements'])(
    'npm run import -- %s <sample>: a dry run writes nothing, a second run changes nothing',
    async (kind) => {
      // tests/fixtures/import/<kind>.csv: m1 names sC, where m1 works on 2024-03-05 (SAME_SERVICE); every other row is good.
      const file = path.join(PROJECT_ROOT, 'tests', 'fixtures', 'import', `${kind}.csv`);
      const cli = (...flags: string[]) =>
        spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import.ts', kind, file, ...flags], {
          cwd: PROJECT_ROOT,
          env: { ...process.env, PSEUDONYM_SECRET: loadConfig().PSEUDONYM_SECRET },
          encoding: 'utf8',
        });
      const rejected = kind === 'survey' ? 1 : 0;
      const rows = { survey: 3, referrals: 3, agreements: 2 }[kind]!;
      const before = await evidence();
      const dry = cli('--dry-run');
      expect(dry.status).toBe(0);
      expect(dry.stdout).toContain(`${rows} rows: ${rows - rejected} created, 0 updated, 0 unchanged, ${rejected} rejected`);
      expect(await evidence()).toEqual(before);
      expect(cli().stdout).toContain(`${rows - rejected} created`);
      expect(cli().stdout).toContain(`${rows} rows: 0 created, 0 updated, ${rows - rejected} unchanged, ${rejected} rejected`);
      if (rejected) expect(cli().stdout).toMatch(/row 4, service_id: SAME_SERVICE:/);
      await equalsRebuild();
    },
    120_000,
  );

  it('importCsv takes the three kinds, for editors', async () => {
    const res = await api().run<{ importCsv: { kind: string; created: number; rejected: unknown[] } }>(
      'mutation($csv: String!) { importCsv(kind: referrals, csv: $csv) { kind created rejected { row } } }',
      { csv: 'from_service_id,to_service_id,period,count\nsE,sF,2023-11,4\n' },
      { as: editor },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.importCsv).toEqual({ kind: 'referrals', created: 1, rejected: [] });
    await equalsRebuild();
  });

  it('referrals and agreements: the same rules as the mutations, MERGEd on their keys', async () => {
    const referrals = parseCsv('from_service_id,to_service_id,period,count\nsC,sD,2024,12\nsC,sC,2024,1\nsC,sD,2024-13,1\nsD,sC,2024-Q1,0\n');
    const r = await importRows(testDb(), 'referrals', referrals, { secret: SECRET });
    expect(r).toMatchObject({ created: 1, unchanged: 1 }); // row 5 removes nothing: unchanged
    expect(r.rejected).toEqual([
      { row: 3, field: 'to_service_id', reason: expect.stringMatching(/^SAME_SERVICE: /) as string },
      { row: 4, field: 'period', reason: expect.stringMatching(/^INVALID: /) as string },
    ]);
    expect(await importRows(testDb(), 'referrals', referrals, { secret: SECRET })).toMatchObject({ created: 0, unchanged: 2 });
    const agreements = parseCsv('service_a_id,service_b_id,kind,signed_on,ends_on\nsE,sC,partnership,2022-05-01,\nsC,sE,PARTNERSHIP,2022-05-01,2025-01-01\n');
    const a = await importRows(testDb(), 'agreements', agreements, { secret: SECRET });
    expect(a.rejected).toEqual([{ row: 3, field: 'service_a_id', reason: 'INVALID: duplicate of row 2' }]); // the same pair, either order
    expect((await evidence()).filter((x) => x.startsWith('A sC'))).toEqual(['A sC-sE PARTNERSHIP 2022-05-01 null']);
    expect(await importRows(testDb(), 'agreements', agreements.slice(0, 1), { secret: SECRET })).toMatchObject({ unchanged: 1 });
    await equalsRebuild();
  });
});
