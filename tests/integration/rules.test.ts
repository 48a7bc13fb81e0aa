/**
 * The rules engine on every write path (tests/fixtures/network-small.cypher plus the editions made
 * below): each rule is broken through the mutations, `importCsv`, the library import that both
 * `importCsv` and `npm run import` use, and the real `npm run import` command; each answers the
 * rule's code and writes nothing. Then the side doors (changing a session or an attendance, closed
 * editions and the audited reopen), the programmes' structural rules and their declarations through
 * the API, and a property test: random sequences of writes through mutations and imports never
 * reach a state editionValidation calls broken.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import type { Principal } from '../../src/access/principal';
import { PROJECT_ROOT } from '../../src/config';
import { cypher } from '../../src/neo4j/driver';
import { importRows } from '../../src/modules/editing/import';
import { normaliseName } from '../../src/modules/editing/matching';
import { COMPLETENESS_CODES, validateEdition } from '../../src/modules/editing/rules';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { Random } from '../../src/seed/random';
import { testDb } from '../helpers/db';
import { useFixtureApi } from '../helpers/api';
import { loadConfig } from '../../src/config';

/** Editions of each programme, each valid to begin with (see the comments on each line). */
const SETUP = [
  // Names as the seed loader writes them; a person whose job ended in 2020.
  `MATCH (p:Person) SET p.nameKey = toLower(replace(p.displayName, ' ', ' '))`,
  `MATCH (sB:Service {id: 'sB'}) CREATE (:Person {id: 'x1', displayName: 'Person x1', consent: true, synthetic: true})-[:WORKS_AT {from: date('2015-01-01'), to: date('2020-12-31')}]->(sB)`,
  `MATCH (o:Organisation {id: 'org-x'})
   CREATE (:Initiative {id: 'iniC', kind: 'INTERVISION', programme: 'CONNECT', nameFr: 'Connect', nameNl: 'Connect'})-[:ORGANISED_BY]->(o)
   CREATE (:Initiative {id: 'iniR', kind: 'OPEN_DOOR', programme: 'REZONEWEEK', nameFr: 'Rézone', nameNl: 'Rézone'})-[:ORGANISED_BY]->(o)
   CREATE (:Initiative {id: 'iniN', kind: 'NETWORK_EVENT', nameFr: 'Réseau', nameNl: 'Netwerk'})-[:ORGANISED_BY]->(o)
   CREATE (:Initiative {id: 'iniVl', kind: 'IMMERSION', programme: 'VLINDER', nameFr: 'Papillon', nameNl: 'Vlinder'})-[:ORGANISED_BY]->(o)
   CREATE (:Initiative {id: 'iniPr', kind: 'COMMUNITY_OF_PRACTICE', programme: 'PRAKTIJKGEMEENSCHAP', nameFr: 'CdP', nameNl: 'PG'})-[:ORGANISED_BY]->(o)`,
  `UNWIND [['edC', 'iniC', '2023-2024', 'FR', '2023-10-01', '2024-06-30', false], ['edR', 'iniR', '2023', 'BOTH', '2023-10-16', '2023-10-20', false],
           ['edN', 'iniN', '2023', 'BOTH', '2023-01-01', '2023-12-31', false], ['edShut', 'iniN', '2022', 'BOTH', '2023-01-01', '2023-12-31', true],
           ['edVl', 'iniVl', '2023', 'BOTH', '2023-03-01', '2023-11-30', false], ['edPr', 'iniPr', '2023-2024', 'BOTH', '2023-09-01', '2024-06-30', false]] AS r
   MATCH (i:Initiative {id: r[1]})
   CREATE (:Edition {id: r[0], cycle: r[2], nameFr: r[0], nameNl: r[0], language: r[3], startsOn: date(r[4]), endsOn: date(r[5]), closed: r[6]})-[:OF]->(i)`,
  // Sessions: [id, edition, start, hours, capacity, host]
  `UNWIND [['c1s', 'edC', '2023-10-10T08:00:00Z', 3, 12, 'sA'], ['c2s', 'edC', '2023-11-14T08:00:00Z', 3, 12, 'sB'],
           ['r1', 'edR', '2023-10-17T12:00:00Z', 1.5, 1, 'sA'], ['r2', 'edR', '2023-10-18T12:00:00Z', 1.5, 20, 'sD'],
           ['nX', 'edN', '2023-03-01T09:00:00Z', 2, null, 'sC'], ['nY', 'edN', '2023-04-01T09:00:00Z', 2, null, 'sC'], ['nZ', 'edShut', '2023-04-02T09:00:00Z', 2, null, 'sC'],
           ['im1', 'edVl', '2023-06-01T07:30:00Z', 8.5, 1, 'sA'], ['pr1', 'edPr', '2023-09-20T12:00:00Z', 2.5, 20, 'sC']] AS r
   MATCH (e:Edition {id: r[1]}), (h:Service {id: r[5]})
   CREATE (x:Session {id: r[0], title: r[0], startsAt: datetime(r[2]), endsAt: datetime(r[2]) + duration({minutes: toInteger(r[3] * 60)}), capacity: r[4]})-[:IN]->(e)
   CREATE (x)-[:HOSTED_BY]->(h)`,
  // Connect: a1 (oA) with two animators, b1 (oB) and d1 (oD); Rézone: b1 in the one-place slot r1;
  // the shut network event: e1; praktijk: c1 is the bewaker.
  `UNWIND [['a1', 'c1s', 'PARTICIPANT'], ['b1', 'c1s', 'ANIMATOR'], ['d1', 'c1s', 'ANIMATOR'], ['b1', 'r1', 'VISITOR'], ['e1', 'nZ', 'GUEST'], ['c1', 'pr1', 'GUARDIAN']] AS r
   MATCH (p:Person {id: r[0]}), (x:Session {id: r[1]}) CREATE (p)-[:ATTENDED {role: r[2], status: 'REGISTERED'}]->(x)`,
  // Fifteen visitors from oB in slot r2: the Rézoneweek limit, whatever the capacity says (20).
  `MATCH (sB:Service {id: 'sB'}), (x:Session {id: 'r2'}) UNWIND range(1, 15) AS k
   CREATE (p:Person {id: 'v' + k, displayName: 'Visitor ' + k, consent: true, synthetic: true})-[:WORKS_AT {from: date('2020-01-01')}]->(sB)
   CREATE (p)-[:ATTENDED {role: 'VISITOR', status: 'REGISTERED'}]->(x)`,
];

const api = useFixtureApi('network-small', async () => {
  for (const [i, text] of SETUP.entries()) await testDb().write(cypher(`test.rules.setup${i}`, text));
  const people = await testDb().read<{ id: string; name: string }>(cypher('test.rules.people', 'MATCH (p:Person) RETURN p.id AS id, p.displayName AS name'));
  await testDb().write(cypher('test.rules.nameKeys', 'UNWIND $people AS row MATCH (p:Person {id: row.id}) SET p.nameKey = row.key'), {
    people: people.map((p) => ({ id: p.id, key: normaliseName(p.name) })),
  });
  await rebuildAllTies(testDb());
});

const editor: Principal = { role: 'editor', keyId: 'k-editor' };
const admin: Principal = { role: 'admin', keyId: 'k-admin' };
const COUNT = cypher(
  'test.rules.count',
  'MATCH (n) WHERE NOT n:AuditEvent OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels, sum(size(keys(r))) AS props',
);
const counts = () => testDb().read(COUNT);
type Payload = { errors: Array<{ code: string; field: string | null; message: string }> } & Record<string, unknown>;
async function mutate(query: string, as: Principal = editor): Promise<Payload> {
  const res = await api().run<Record<string, Payload>>(query, {}, { as });
  expect(res.errors).toBeUndefined();
  return Object.values(res.data ?? {})[0] as Payload;
}
const codesOf = (p: Payload) => p.errors.map((e) => e.code);
const SECRET = () => loadConfig().PSEUDONYM_SECRET;

/** One registration that breaks one rule: [rule, person id, session, role, CSV row (session, date, name, organisation, role)]. */
const BREAKS: Array<{ rule: string; person: string; session: string; role: string; row: string[] }> = [
  { rule: 'ONE_PER_ORGANISATION', person: 'a2', session: 'c1s', role: 'PARTICIPANT', row: ['c1s', '2023-10-10', 'Person a2', 'oA', 'participant'] },
  { rule: 'ROLE_LIMIT', person: 'e1', session: 'c1s', role: 'ANIMATOR', row: ['c1s', '2023-10-10', 'Person e1', 'oE', 'animateur'] },
  { rule: 'CAPACITY_FULL', person: 'c1', session: 'r1', role: 'VISITOR', row: ['r1', '2023-10-17', 'Person c1', 'oC', 'visiteur'] },
  { rule: 'CAPACITY_FULL', person: 'a1', session: 'r2', role: 'VISITOR', row: ['r2', '2023-10-18', 'Person a1', 'oA', 'bezoeker'] }, // the 16th visitor
  { rule: 'DOUBLE_BOOKED', person: 'a1', session: 'nX', role: 'GUEST', row: ['nX', '2023-03-01', 'Person a1', 'oA', 'gast'] }, // s1 runs 08:00–10:00
  { rule: 'NOT_EMPLOYED', person: 'x1', session: 'nY', role: 'GUEST', row: ['nY', '2023-04-01', 'Person x1', 'oB', 'invité'] }, // left in 2020
  { rule: 'EDITION_CLOSED', person: 'c1', session: 'nZ', role: 'GUEST', row: ['nZ', '2023-04-02', 'Person c1', 'oC', 'guest'] },
  { rule: 'OWN_ORGANISATION', person: 'a1', session: 'im1', role: 'VISITOR', row: ['im1', '2023-06-01', 'Person a1', 'oA', 'visitor'] },
  { rule: 'ROLE_LIMIT', person: 'd1', session: 'pr1', role: 'GUARDIAN', row: ['pr1', '2023-09-20', 'Person d1', 'oD', 'bewaker'] }, // one bewaker
];
const csvOf = (rows: string[][]) => ['session,date,name,organisation,role,present', ...rows.map((r) => [...r, ''].join(','))].join('\n');

describe('every rule, on every write path: its code, and nothing written', () => {
  it.each(BREAKS.map((b) => [b.rule, b.session, b] as const))('%s (%s) through registerAttendance', async (_rule, _session, b) => {
    const before = await counts();
    const res = await mutate(
      `mutation { registerAttendance(personId: "${b.person}", sessionId: "${b.session}", role: ${b.role}) { attendance { status } errors { code field message } } }`,
    );
    expect(res.attendance).toBeNull();
    expect(codesOf(res)).toEqual([b.rule]);
    expect(await counts()).toEqual(before);
  });

  it('through the import (dry run and real run report the same rows), and importCsv', async () => {
    const before = await counts();
    const rows = BREAKS.map((b) => ({ session: b.row[0]!, date: b.row[1]!, name: b.row[2]!, organisation: b.row[3]!, role: b.row[4]!, present: '' }));
    const dry = await importRows(testDb(), 'attendance', rows, { secret: SECRET(), dryRun: true });
    const real = await importRows(testDb(), 'attendance', rows, { secret: SECRET() });
    expect(real.rejected.map((r) => [r.row, r.field, r.reason.split(':')[0]])).toEqual(BREAKS.map((b, i) => [i + 2, expect.any(String), b.rule]));
    expect(dry.rejected).toEqual(real.rejected);
    expect(real).toMatchObject({ created: 0, updated: 0, written: false });
    const viaApi = await api().run<{ importCsv: { created: number; rejected: Array<{ row: number; field: string; reason: string }> } }>(
      'mutation ($csv: String!) { importCsv(kind: attendance, csv: $csv) { created rejected { row field reason } } }',
      { csv: csvOf(BREAKS.map((b) => b.row)) },
      { as: editor },
    );
    expect(viaApi.data?.importCsv.created).toBe(0);
    expect(viaApi.data?.importCsv.rejected.map((r) => r.reason.split(':')[0])).toEqual(BREAKS.map((b) => b.rule));
    expect(await counts()).toEqual(before);
  });

  it('through npm run import: the report names the rule per row and nobody', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-rules-'));
    const file = path.join(dir, 'attendance.csv');
    fs.writeFileSync(file, csvOf(BREAKS.map((b) => b.row)));
    const out = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import.ts', 'attendance', file], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PSEUDONYM_SECRET: SECRET() },
      encoding: 'utf8',
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.status).toBe(0);
    expect(out.stdout).toContain(`${BREAKS.length} rows: 0 created, 0 updated, 0 unchanged, ${BREAKS.length} rejected`);
    BREAKS.forEach((b, i) => expect(out.stdout).toMatch(new RegExp(`rejected, row ${i + 2}, \\w+: ${b.rule}:`)));
    expect(out.stdout).not.toMatch(/Person [a-z]\d/);
  }, 60_000);

  it('a batch sees its own rows: one row fills the slot, the next is refused; --all-or-nothing writes neither', async () => {
    const rows = [
      { session: 'r1', date: '2023-10-17', name: 'Person b1', organisation: 'oB', role: 'visitor', present: 'présent' }, // b1 already there: unchanged status → updated
      { session: 'nY', date: '2023-04-01', name: 'Person c1', organisation: 'oC', role: 'guest', present: '' },
      { session: 'nY', date: '2023-04-01', name: 'Person x1', organisation: 'oB', role: 'guest', present: '' }, // NOT_EMPLOYED
    ];
    const before = await counts();
    const all = await importRows(testDb(), 'attendance', rows, { secret: SECRET(), allOrNothing: true });
    expect(all).toMatchObject({ written: false, rejected: [{ row: 4, field: 'name' }] });
    expect(await counts()).toEqual(before);
    const some = await importRows(testDb(), 'attendance', rows, { secret: SECRET() });
    expect(some).toMatchObject({ written: true, created: 1, updated: 1, rejected: [{ row: 4 }] });
    // Back as it was, for the tests below.
    await testDb().write(
      cypher(
        'test.rules.undo',
        "MATCH (:Person {id: 'c1'})-[a:ATTENDED]->(:Session {id: 'nY'}) DELETE a WITH 1 AS x MATCH (:Person {id: 'b1'})-[a:ATTENDED]->(:Session {id: 'r1'}) SET a.status = 'REGISTERED'",
      ),
    );
  });
  it('someone already on the session holds their place and role once: a role or status change is not counted twice', async () => {
    const rows = [
      // c1s has two animators (b1, d1), CONNECT's most: b1 stays one of them.
      { session: 'c1s', date: '2023-10-10', name: 'Person b1', organisation: 'oB', role: 'animateur', present: 'présent' },
      // r2 has 15 visitors, Rézoneweek's most per slot: the first of them stays one.
      { session: 'r2', date: '2023-10-18', name: 'Visitor 1', organisation: 'oB', role: 'visiteur', present: 'aanwezig' },
      // a1, a participant of c1s, would be a third animator.
      { session: 'c1s', date: '2023-10-10', name: 'Person a1', organisation: 'oA', role: 'animateur', present: 'présent' },
    ];
    const before = await counts();
    const dry = await importRows(testDb(), 'attendance', rows, { secret: SECRET(), dryRun: true });
    expect(dry).toMatchObject({ written: false, created: 0, updated: 2 });
    expect(dry.rejected.map((r) => [r.row, r.field, r.reason.split(':')[0]])).toEqual([[4, 'role', 'ROLE_LIMIT']]);
    expect(dry.rejected[0]!.reason).toContain('at most 2 per session in CONNECT, and 2 already');
    expect(await counts()).toEqual(before);
  });
});

describe('no side doors', () => {
  it('a session cannot shrink below its registrations nor move into a double booking', async () => {
    const before = await counts();
    const shrink = await mutate(
      'mutation { upsertSession(input: { id: "c1s", editionId: "edC", startsAt: "2023-10-10T08:00:00Z", endsAt: "2023-10-10T11:00:00Z", capacity: 2, hostId: "sA" }) { errors { code field } } }',
    );
    expect(shrink.errors).toEqual([{ code: 'CAPACITY_BELOW_REGISTRATIONS', field: 'input.capacity' }]);
    // b1 is in slot r1 on 17 October, 12:00–13:30.
    const move = await mutate(
      'mutation { upsertSession(input: { id: "c1s", editionId: "edC", startsAt: "2023-10-17T11:00:00Z", endsAt: "2023-10-17T14:00:00Z", capacity: 12, hostId: "sA" }) { errors { code field } } }',
    );
    expect(move.errors).toEqual([{ code: 'DOUBLE_BOOKED', field: 'input.startsAt' }]);
    // Into the Vlinder edition: a1 would visit their own organisation (host sA), and immersions last a day.
    const edition = await mutate(
      'mutation { upsertSession(input: { id: "c1s", editionId: "edVl", startsAt: "2023-10-10T08:00:00Z", endsAt: "2023-10-10T11:00:00Z", capacity: 12, hostId: "sA" }) { errors { code } } }',
    );
    expect(codesOf(edition)).toEqual(expect.arrayContaining(['IMMERSION_TOO_SHORT', 'OWN_ORGANISATION']));
    expect(await counts()).toEqual(before);
  });

  it('a closed edition takes no change of status, session or edition until an audited reopen', async () => {
    const before = await counts();
    expect(codesOf(await mutate('mutation { markAttendance(personId: "e1", sessionId: "nZ", status: PRESENT) { errors { code } } }'))).toEqual(['EDITION_CLOSED']);
    expect(codesOf(await mutate('mutation { cancelAttendance(personId: "e1", sessionId: "nZ") { errors { code } } }'))).toEqual(['EDITION_CLOSED']);
    expect(
      codesOf(
        await mutate('mutation { upsertSession(input: { id: "nZ", editionId: "edShut", startsAt: "2023-04-02T10:00:00Z", endsAt: "2023-04-02T12:00:00Z" }) { errors { code } } }'),
      ),
    ).toEqual(['EDITION_CLOSED']);
    expect(
      codesOf(
        await mutate(
          'mutation { upsertEdition(input: { id: "edShut", initiativeId: "iniN", cycle: "2022", nameFr: "x", nameNl: "x", language: BOTH, startsOn: "2023-01-01", endsOn: "2023-12-30" }) { errors { code } } }',
        ),
      ),
    ).toEqual(['EDITION_CLOSED']);
    expect(await counts()).toEqual(before);
    const reopen = await mutate('mutation { reopenEdition(id: "edShut", reason: "late attendance sheet") { edition { closed } errors { code } } }');
    expect(reopen).toEqual({ edition: { closed: false }, errors: [] });
    expect((await mutate('mutation { markAttendance(personId: "e1", sessionId: "nZ", status: PRESENT) { attendance { status } errors { code } } }')).errors).toEqual([]);
    expect(await mutate('mutation { closeEdition(id: "edShut") { edition { closed } errors { code } } }')).toEqual({ edition: { closed: true }, errors: [] });
    const [event] = await testDb().read<{ role: string; personIds: string[]; editionId: string; reason: string }>(
      cypher(
        'test.rules.reopenEvent',
        "MATCH (e:AuditEvent {operation: 'reopenEdition'}) RETURN e.role AS role, e.personIds AS personIds, e.editionId AS editionId, e.reason AS reason",
      ),
    );
    expect(event).toEqual({ role: 'editor', personIds: [], editionId: 'edShut', reason: 'late attendance sheet' });
    const trail = await api().run<{ auditTrail: { nodes: Array<{ operation: string }> } }>('{ auditTrail(first: 50) { nodes { operation } } }', {}, { as: admin });
    expect(trail.data?.auditTrail.nodes.map((n) => n.operation)).toContain('reopenEdition');
  });
});

describe('the programmes as data', () => {
  it('are readable through the API, as the engine reads them', async () => {
    const res = await api().run<{ initiative: Record<string, unknown> }>(
      '{ initiative(id: "iniC") { programme rules { onePersonPerOrganisation cycle { groupsPerLanguage { language groups } } season { months maxSessionsPerMonth } roles { role per min max } rolesWithoutEmployment } } }',
      {},
      { as: { role: 'zone', zone: 'SUD' } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.initiative).toEqual({
      programme: 'CONNECT',
      rules: {
        onePersonPerOrganisation: 'Per organisatie wordt slechts één persoon in een groep toegelaten.',
        cycle: {
          groupsPerLanguage: [
            { language: 'FR', groups: 3 },
            { language: 'NL', groups: 1 },
          ],
        },
        season: { months: [10, 11, 12, 1, 2, 3, 4, 5, 6], maxSessionsPerMonth: 1 },
        roles: [{ role: 'ANIMATOR', per: 'SESSION', min: 2, max: 2 }],
        rolesWithoutEmployment: ['USER_REPRESENTATIVE'],
      },
    });
    const rezone = await api().run<{ initiative: { rules: { openDoor: unknown } } }>(
      '{ initiative(id: "iniR") { rules { openDoor { days slotsPerDay slotMinutes visitorsPerSlot } } } }',
      {},
      { as: editor },
    );
    expect(rezone.data?.initiative.rules.openDoor).toEqual({ days: 5, slotsPerDay: 4, slotMinutes: 90, visitorsPerSlot: 15 });
  });

  it('Connect: groups per cycle and language, October–June, monthly', async () => {
    const edition = (id: string, language: string, startsOn = '2023-10-01', endsOn = '2024-06-30') =>
      mutate(
        `mutation { upsertEdition(input: { id: "${id}", initiativeId: "iniC", cycle: "2023-2024", nameFr: "${id}", nameNl: "${id}", language: ${language}, startsOn: "${startsOn}", endsOn: "${endsOn}" }) { errors { code } } }`,
      );
    expect(codesOf(await edition('edNL1', 'NL'))).toEqual([]);
    expect(codesOf(await edition('edNL2', 'NL'))).toEqual(['GROUPS_PER_CYCLE']);
    expect(codesOf(await edition('edBoth', 'BOTH'))).toEqual(['GROUP_LANGUAGE']);
    expect(codesOf(await edition('edJuly', 'FR', '2023-07-01'))).toEqual(['OUT_OF_SEASON']);
    const session = (id: string, at: string) =>
      mutate(`mutation { upsertSession(input: { id: "${id}", editionId: "edC", startsAt: "${at}T08:00:00Z", endsAt: "${at}T11:00:00Z", hostId: "sC" }) { errors { code } } }`);
    expect(codesOf(await session('cAug', '2024-08-06'))).toEqual(['OUTSIDE_EDITION', 'OUT_OF_SEASON']);
    expect(codesOf(await session('cTwice', '2023-10-24'))).toEqual(['SESSIONS_PER_MONTH']); // c1s is on 10 October
  });

  it('Rézoneweek: 90-minute slots on weekdays, four slot times a day, a week at most', async () => {
    const slot = (id: string, start: string, end: string) =>
      mutate(`mutation { upsertSession(input: { id: "${id}", editionId: "edR", startsAt: "${start}", endsAt: "${end}", capacity: 15, hostId: "sA" }) { errors { code } } }`);
    expect(codesOf(await slot('rEvening', '2023-10-19T16:00:00Z', '2023-10-19T20:00:00Z'))).toEqual(['SLOT_LENGTH']);
    expect(
      codesOf(
        await mutate(
          'mutation { upsertEdition(input: { id: "edR2", initiativeId: "iniR", cycle: "2024", nameFr: "x", nameNl: "x", language: BOTH, startsOn: "2024-10-14", endsOn: "2024-10-25" }) { errors { code } } }',
        ),
      ),
    ).toEqual(['EDITION_LENGTH']);
    for (const [k, h] of ['07', '09', '11', '13'].entries())
      expect(codesOf(await slot(`rDay${k}`, `2023-10-20T${h}:00:00Z`, `2023-10-20T${h}:30:00Z`.replace(`T${h}:30`, `T${String(Number(h) + 1).padStart(2, '0')}:30`)))).toEqual([]);
    expect(codesOf(await slot('rDay5', '2023-10-20T15:00:00Z', '2023-10-20T16:30:00Z'))).toEqual(['SLOTS_PER_DAY']);
  });

  it('editionValidation reports the structure a community of practice lacks, and closeEdition refuses it', async () => {
    const check = await api().run<{ editionValidation: Array<{ code: string; message: string }> }>('{ editionValidation(edition: "edPr") { code message } }', {}, { as: editor });
    expect(check.data?.editionValidation.map((e) => e.code)).toEqual(['ROLE_MISSING', 'ROLE_MISSING', 'ROLE_MISSING']); // referents, moderators, user representative
    const closing = await mutate('mutation { closeEdition(id: "edPr") { edition { closed } errors { code } } }');
    expect(codesOf(closing)).toEqual(['EDITION_INVALID', 'ROLE_MISSING', 'ROLE_MISSING', 'ROLE_MISSING']);
  });
});

describe('property: no sequence of writes reaches a state editionValidation calls broken', () => {
  const EDITIONS = ['edC', 'edR', 'edN', 'edVl', 'edPr'];
  const PEOPLE = ['a1', 'a2', 'b1', 'c1', 'd1', 'e1', 'm1', 'x1', 'v1', 'v2', 'v3'];
  const SESSIONS: Record<string, { day: string; roles: string[] }> = {
    c1s: { day: '2023-10-10', roles: ['PARTICIPANT', 'ANIMATOR'] },
    c2s: { day: '2023-11-14', roles: ['PARTICIPANT', 'ANIMATOR'] },
    r1: { day: '2023-10-17', roles: ['VISITOR'] },
    r2: { day: '2023-10-18', roles: ['VISITOR'] },
    nX: { day: '2023-03-01', roles: ['GUEST'] },
    nY: { day: '2023-04-01', roles: ['GUEST'] },
    im1: { day: '2023-06-01', roles: ['VISITOR'] },
    pr1: { day: '2023-09-20', roles: ['NEIGHBOURHOOD_REFERENT', 'MODERATOR', 'GUARDIAN', 'USER_REPRESENTATIVE'] },
  };
  const ORG: Record<string, string> = { a1: 'oA', a2: 'oA', b1: 'oB', c1: 'oC', d1: 'oD', e1: 'oE', m1: 'oC', x1: 'oB', v1: 'oB', v2: 'oB', v3: 'oB' };
  const NAME: Record<string, string> = { v1: 'Visitor 1', v2: 'Visitor 2', v3: 'Visitor 3' };
  const ROLE_WORD: Record<string, string> = {
    PARTICIPANT: 'participant',
    ANIMATOR: 'animateur',
    VISITOR: 'visiteur',
    GUEST: 'gast',
    NEIGHBOURHOOD_REFERENT: 'buurtreferent',
    MODERATOR: 'moderator',
    GUARDIAN: 'bewaker',
    USER_REPRESENTATIVE: 'représentant des usagers',
  };

  const broken = async () => {
    const out: string[] = [];
    for (const e of EDITIONS) {
      const problems = (await testDb().readTx((tx) => validateEdition(tx, e))) ?? [];
      for (const p of problems) if (!COMPLETENESS_CODES.has(p.code)) out.push(`${e} ${p.code}: ${p.message}`);
    }
    return out;
  };

  it('the editions start valid', async () => {
    expect(await broken()).toEqual([]);
  });

  it.each([1, 2, 3])(
    'random sequence %i of mutations and imports',
    async (seed) => {
      const rnd = new Random(seed);
      const log: string[] = [];
      for (let step = 0; step < 30; step++) {
        const session = rnd.pick(Object.keys(SESSIONS));
        const { roles } = SESSIONS[session]!;
        const person = rnd.pick(PEOPLE);
        const role = rnd.pick(roles);
        const op = rnd.int(0, 5);
        if (op <= 1) {
          log.push(`register ${person} ${session} ${role}`);
          await mutate(`mutation { registerAttendance(personId: "${person}", sessionId: "${session}", role: ${role}) { errors { code } } }`);
        } else if (op === 2) {
          log.push(`mark ${person} ${session}`);
          await mutate(`mutation { markAttendance(personId: "${person}", sessionId: "${session}", status: ${rnd.pick(['PRESENT', 'NO_SHOW'])}) { errors { code } } }`);
        } else if (op === 3) {
          // Shrink or move a session: a day earlier or later, or another capacity.
          const [x] = await testDb().read<{ edition: string; start: string; end: string; capacity: number | null; host: string | null }>(
            cypher(
              'test.rules.session',
              'MATCH (x:Session {id: $id})-[:IN]->(e) RETURN e.id AS edition, toString(x.startsAt) AS start, toString(x.endsAt) AS end, x.capacity AS capacity, head([(x)-[:HOSTED_BY]->(h) | h.id]) AS host',
            ),
            { id: session },
          );
          const shift = rnd.int(-1, 1) * 86_400_000;
          const iso = (s: string) => new Date(Date.parse(s) + shift).toISOString();
          const capacity = rnd.chance(0.5) ? rnd.int(0, 3) : (x!.capacity ?? null);
          log.push(`session ${session} shift ${shift / 86_400_000} capacity ${capacity}`);
          await mutate(
            `mutation { upsertSession(input: { id: "${session}", editionId: "${x!.edition}", startsAt: "${iso(x!.start)}", endsAt: "${iso(x!.end)}", capacity: ${capacity ?? 'null'}, hostId: ${x!.host ? `"${x!.host}"` : 'null'} }) { errors { code } } }`,
          );
        } else {
          // A small list, through the import (its dates may be stale after a move: then rejected as such).
          const rows = Array.from({ length: rnd.int(1, 4) }, () => {
            const s = rnd.pick(Object.keys(SESSIONS));
            const p = rnd.pick(PEOPLE);
            return {
              session: s,
              date: SESSIONS[s]!.day,
              name: NAME[p] ?? `Person ${p}`,
              organisation: ORG[p]!,
              role: ROLE_WORD[rnd.pick(SESSIONS[s]!.roles)]!,
              present: rnd.pick(['', 'présent', 'absent']),
            };
          });
          log.push(`import ${JSON.stringify(rows.map((r) => [r.session, r.name, r.role]))}`);
          await importRows(testDb(), 'attendance', rows, { secret: SECRET(), batchSize: 2 });
        }
        const problems = await broken();
        if (problems.length) throw new Error(`after:\n${log.join('\n')}\nbroken:\n${problems.join('\n')}`);
      }
    },
    240_000,
  );
});
