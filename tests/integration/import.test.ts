/**
 * Bulk imports on tests/fixtures/network-small.cypher with the sample files of
 * tests/fixtures/import/: per-row rejections with row, field and reason; doubtful matches reported,
 * not guessed; dry runs write nothing; re-running changes nothing; ties kept equal to a rebuild.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config';
import { cypher } from '../../src/neo4j/driver';
import { importRows, parseCsv, type ImportKind } from '../../src/modules/editing/import';
import { normaliseName } from '../../src/modules/editing/matching';
import { metrics } from '../../src/metrics';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';
import { tieSnapshot } from '../helpers/ties';

const SECRET = 'test-secret-at-least-16-chars';
const sample = (name: string) => parseCsv(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'import', `${name}.csv`), 'utf8'));
const run = (kind: ImportKind, dryRun = false) => importRows(testDb(), kind, sample(kind), { secret: SECRET, dryRun });
const COUNT = cypher('test.count', 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels');

beforeAll(async () => {
  await resetGraph();
  await loadFixture('network-small');
  // Seeded people carry their normalised-name key (the seed loader writes it); the fixture's do not.
  const people = await testDb().read<{ id: string; name: string }>(cypher('test.people', 'MATCH (p:Person) RETURN p.id AS id, p.displayName AS name'));
  await testDb().write(cypher('test.nameKeys', 'UNWIND $people AS row MATCH (p:Person {id: row.id}) SET p.nameKey = row.key'), {
    people: people.map((p) => ({ id: p.id, key: normaliseName(p.name) })),
  });
  await rebuildAllTies(testDb());
});
afterAll(closeTestDb);

describe('attendance lists', () => {
  it('a dry run reports what would change and writes nothing', async () => {
    const before = await testDb().read(COUNT);
    const report = await run('attendance', true);
    expect(report).toMatchObject({ dryRun: true, rows: 7, created: 2, updated: 0, unchanged: 0 });
    expect(await testDb().read(COUNT)).toEqual(before);
  });

  it('imports, rejecting bad rows with their number, field and reason, and reporting doubtful matches', async () => {
    const report = await run('attendance');
    expect(report).toMatchObject({ rows: 7, created: 2, updated: 0, unchanged: 0 });
    expect(report.rejected).toEqual([
      { row: 3, field: 'name', reason: 'this person is already on an earlier row for this session' }, // "PERSON  C1" = c1
      { row: 5, field: 'date', reason: 'the session took place on 2023-05-10, not 2023-05-11' },
      { row: 6, field: 'organisation', reason: 'unknown organisation "oZ"' },
      { row: 7, field: 'name', reason: 'doubtful match (a name one letter away exists in this organisation): confirm which person this is' },
      { row: 8, field: 'role', reason: 'unknown role "dancer"' },
    ]);
    expect(report.doubtful).toEqual([{ row: 7, name: 'Person e2', candidates: ['e1'], reason: 'a name one letter away exists in this organisation' }]);
    // Nora is new (on the open-door slot v1: a second person of oD would break Connect's one person
    // per organisation in s2's group): her only possible service is sD (organisation oD runs one), consent unknown → false, e-mail only hashed.
    const [nora] = await testDb().read<{ consent: boolean; emailHash: string; props: string[]; service: string; status: string }>(
      cypher(
        'test.nora',
        "MATCH (p:Person {displayName: 'Nora Nouvelle'})-[:WORKS_AT]->(s), (p)-[a:ATTENDED]->(:Session {id: 'v1'}) RETURN p.consent AS consent, p.emailHash AS emailHash, keys(p) AS props, s.id AS service, a.status AS status",
      ),
    );
    expect(nora).toMatchObject({ consent: false, service: 'sD', status: 'NO_SHOW' });
    expect(nora?.emailHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(nora)).not.toContain('nora@example.org');
    // c1 present at s2 with a1 and b1: the ties follow in the same transaction.
    const incremental = await tieSnapshot(testDb());
    await rebuildAllTies(testDb());
    expect(await tieSnapshot(testDb())).toEqual(incremental);
    expect(incremental.some((t) => t.startsWith('MET a1-c1 2'))).toBe(true); // s1 and now s2
  });

  it('a list naming organisations by id does not read every organisation; one naming one by name does', async () => {
    const reads = async (query: string) => (await metrics.neo4jQueries.get()).values.find((v) => v.labels.query === query)?.value ?? 0;
    const allOrganisations = () => reads('import.attendance.organisations');
    const rows = sample('attendance');
    const before = await allOrganisations();
    await importRows(
      testDb(),
      'attendance',
      rows.filter((r) => r.organisation === 'oC'),
      { secret: SECRET, dryRun: true },
    );
    expect(await allOrganisations()).toBe(before); // ids only: looked up by id
    const named = await importRows(
      testDb(),
      'attendance',
      rows.filter((r) => r.organisation === 'Org sD'),
      { secret: SECRET, dryRun: true },
    );
    expect(await allOrganisations()).toBe(before + 1); // a name: every organisation read once, matched after normalisation
    expect(named.rejected.filter((r) => r.field === 'organisation')).toEqual([]);
  });

  /**
   * A participant of organisation oC, registered (not yet present), on one of three network-event
   * sessions on the days of s1, s2 and s3: these tests are about matching, and several people of oC
   * in s1's Connect group would break its one-person-per-organisation rule.
   */
  const SESSION_DAYS: Record<string, string> = { s1: '2023-03-01', s2: '2023-05-10', s3: '2023-09-12' };
  const registered = (session: string, name: string) => ({
    session: `n${session.slice(1)}`,
    date: SESSION_DAYS[session] ?? '',
    name,
    organisation: 'oC',
    role: 'participant',
    present: '',
  });
  beforeAll(() => loadFixture('network-event-sessions'));

  it('batches see each other: a person first seen in one batch is recognised in the next, a near name is doubtful', async () => {
    // Batches of 2 rows; Zoé Batch is new in the first batch, and again (other session) in the third.
    const list = [
      registered('s1', 'Zoé Batch'),
      registered('s1', 'Yann Batch'),
      registered('s3', 'Xavier Batch'),
      registered('s3', 'Wendy Batch'),
      registered('s2', 'ZOE batch'),
      registered('s2', 'Yanm Batch'),
    ];
    const report = await importRows(testDb(), 'attendance', list, { secret: SECRET, batchSize: 2, dryRun: true });
    expect(report).toMatchObject({ created: 5, rejected: [{ row: 7, field: 'name' }] }); // 4 new people + Zoé's second row; "Yanm" one letter from "Yann"
    expect(report.doubtful).toEqual([{ row: 7, name: 'Yanm Batch', candidates: [expect.stringMatching(/^per-/)], reason: 'a name one letter away exists in this organisation' }]);
  });

  it('written batch after batch, a person is created once', async () => {
    // Batches of 2; Vera Written is new in the first batch and back in the third, whose reads find her
    // in the graph as well as among the people this import created.
    const list = [
      registered('s1', 'Vera Written'),
      registered('s1', 'Ugo Written'),
      registered('s3', 'Tess Written'),
      registered('s3', 'Sam Written'),
      registered('s2', 'VERA written'),
    ];
    const report = await importRows(testDb(), 'attendance', list, { secret: SECRET, batchSize: 2 });
    expect(report).toMatchObject({ created: 5, rejected: [], doubtful: [] }); // 4 new people + Vera's second row
    const people = await testDb().read<{ name: string; sessions: number }>(
      cypher(
        'test.writtenPeople',
        "MATCH (p:Person) WHERE p.displayName ENDS WITH ' Written' RETURN p.displayName AS name, COUNT { (p)-[:ATTENDED]->() } AS sessions ORDER BY name",
      ),
    );
    // one Vera, on s1 and s2
    expect(people.map((p) => `${p.name}: ${p.sessions}`)).toEqual(['Sam Written: 1', 'Tess Written: 1', 'Ugo Written: 1', 'Vera Written: 2']);
    await testDb().write(cypher('test.writtenCleanup', "MATCH (p:Person) WHERE p.displayName ENDS WITH ' Written' DETACH DELETE p"));
  });

  it('re-running the same file changes nothing', async () => {
    const before = await testDb().read(COUNT);
    const report = await run('attendance');
    expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(report.rejected).toHaveLength(5);
    expect(await testDb().read(COUNT)).toEqual(before);
  });
});

describe('attendance lists and the tie upkeep', () => {
  /** How many tie refreshes writers have run so far (the metric /metrics serves). */
  const version = async () => (await metrics.tieRefreshes.get()).values[0]?.value ?? 0;
  const list = (present: string) => [{ session: 's2', date: '2023-05-10', name: 'Person d1', organisation: 'oD', role: 'participant', present }];

  it('a registration list touches no tie; taking a presence back refreshes them', async () => {
    const before = await version();
    expect((await importRows(testDb(), 'attendance', list(''), { secret: SECRET })).created).toBe(1); // d1 registered at s2
    expect(await version()).toBe(before); // no tie refresh ran: registrations carry no tie
    await importRows(testDb(), 'attendance', list('present'), { secret: SECRET });
    const afterPresent = await version();
    expect(afterPresent).not.toBe(before);
    expect((await tieSnapshot(testDb())).some((t) => t.startsWith('MET a1-d1'))).toBe(true); // d1 met a1 at s2
    await importRows(testDb(), 'attendance', list('absent'), { secret: SECRET }); // was present: must refresh
    expect(await version()).not.toBe(afterPresent);
    const incremental = await tieSnapshot(testDb());
    expect(incremental.some((t) => t.startsWith('MET a1-d1'))).toBe(false);
    await rebuildAllTies(testDb());
    expect(await tieSnapshot(testDb())).toEqual(incremental);
  });
});

describe('directory lists', () => {
  it('services: created, updated, unchanged and rejected rows', async () => {
    await run('organisations');
    const report = await run('services');
    expect(report).toMatchObject({ created: 1, updated: 1, unchanged: 1 }); // sX new, sB renamed, sA as is
    expect(report.rejected).toEqual([
      { row: 5, field: 'neighbourhood', reason: 'unknown neighbourhood "Q404"' },
      { row: 6, field: 'language', reason: 'must be FR, NL or BOTH' },
    ]);
    expect((await run('services')).created + (await run('services')).updated).toBe(0);
  });

  it('people and employment; the monitoring grid', async () => {
    expect(await run('people')).toMatchObject({ created: 1, unchanged: 1 });
    const jobs = await run('employment');
    expect(jobs).toMatchObject({ created: 1, unchanged: 1 });
    expect(jobs.rejected).toEqual([
      { row: 4, field: 'service_id', reason: 'unknown service "sNope"' },
      { row: 5, field: 'from', reason: 'must be a date YYYY-MM-DD' },
    ]);
    expect(await run('neighbourhoods')).toMatchObject({ created: 2 });
    const [grid] = await testDb().read<{ n: number }>(
      cypher('test.grid', "MATCH (n:Neighbourhood {grid: 'MONITORING', synthetic: false})-[:IN_MUNICIPALITY]->(:Municipality {nis: '21007'}) RETURN count(n) AS n"),
    );
    expect(grid?.n).toBe(2);
  });
});

describe('npm run import', () => {
  const importCli = (...args: string[]) =>
    spawnSync(process.execPath, [require.resolve('tsx/cli'), 'scripts/import.ts', ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, PSEUDONYM_SECRET: SECRET },
      encoding: 'utf8',
    });
  /** Every name and e-mail address of the sample list: none may leave it. */
  const personal = ['Person c1', 'PERSON  C1', 'Nora Nouvelle', 'nora@example.org', 'Person d1', 'Person b1', 'Person e2', 'Person a2'];

  it('prints the report, naming nobody, and writes no file unless asked', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-import-'));
    const file = path.join(dir, 'attendance.csv');
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'import', 'attendance.csv'), file);
    const out = importCli('attendance', file);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('attendance: 7 rows: 0 created, 0 updated, 2 unchanged, 5 rejected');
    expect(out.stdout).toContain('doubtful, row 7: a name one letter away exists in this organisation; candidates: e1');
    for (const p of personal) expect(`${out.stdout}${out.stderr}`).not.toContain(p);
    expect(fs.readdirSync(dir)).toEqual(['attendance.csv']);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('with --rejected <path>, writes row, field and reason only to that path', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-import-'));
    const file = path.join(dir, 'attendance.csv');
    const report = path.join(dir, 'report', 'rejected.csv');
    fs.mkdirSync(path.dirname(report));
    fs.copyFileSync(path.join(__dirname, '..', 'fixtures', 'import', 'attendance.csv'), file);
    const out = importCli('attendance', file, '--rejected', report);
    expect(out.status).toBe(0);
    const text = fs.readFileSync(report, 'utf8');
    const rejected = text.trim().split('\n');
    expect(rejected[0]).toBe('"row","field","reason"');
    expect(rejected).toHaveLength(6);
    expect(rejected[1]).toBe('"3","name","this person is already on an earlier row for this session"');
    for (const p of personal) expect(text).not.toContain(p);
    expect(fs.readdirSync(dir).sort()).toEqual(['attendance.csv', 'report']);
    // The report never replaces the list; the help says what the option writes.
    expect(importCli('attendance', file, '--rejected', file).status).toBe(2);
    expect(importCli('--help').stdout).toContain('--rejected <path>');
    fs.rmSync(dir, { recursive: true, force: true });
  }, 90_000);
});

describe('Open Referral HSDS and the GeoJSON grid', () => {
  it('imports HSDS organizations and services, placing services in the nearest quartier', async () => {
    await testDb().write(
      cypher(
        'test.qCentroids',
        "MATCH (q:Neighbourhood {code: 'Q1'}) SET q.lat = 50.81, q.lon = 4.32 WITH 1 AS x MATCH (q2:Neighbourhood {code: 'Q2'}) SET q2.lat = 50.88, q2.lon = 4.33",
      ),
    );
    const { importHsds } = await import('../../src/modules/editing/hsds');
    const r = await importHsds(testDb(), path.join(__dirname, '..', 'fixtures', 'import', 'hsds'), { secret: SECRET });
    expect(r.organisations).toMatchObject({ created: 1 });
    expect(r.services).toMatchObject({ created: 3, rejected: [] });
    // hsds-svc-3 has no language and no x_sectors: written as incomplete for an editor, not rejected.
    expect(r.incomplete).toEqual([{ row: 4, id: 'hsds-svc-3', missing: ['language', 'sectors'], reason: 'no French or Dutch among its languages; no x_sectors' }]);
    const [svc] = await testDb().read<{ q: string; language: string; sectors: string[] }>(
      cypher(
        'test.hsdsSvc',
        "MATCH (s:Service {id: 'hsds-svc-1'})-[:LOCATED_IN]->(q) RETURN q.code AS q, s.workingLanguage AS language, [(s)-[r:IN_SECTOR]->(c) | c.code] AS sectors",
      ),
    );
    expect(svc).toMatchObject({ q: 'Q1', language: 'BOTH' }); // 50.8101, 4.3201 is next to Q1; fr + nl
    const again = await importHsds(testDb(), path.join(__dirname, '..', 'fixtures', 'import', 'hsds'), { secret: SECRET });
    expect([again.organisations.created, again.services.created, again.services.updated]).toEqual([0, 0, 0]);
  });

  it('reads the monitoring grid from GeoJSON', async () => {
    const { geojsonGridRows } = await import('../../src/modules/editing/import');
    const rows = geojsonGridRows(fs.readFileSync(path.join(__dirname, '..', 'fixtures', 'import', 'neighbourhoods.geojson'), 'utf8'));
    expect(rows[0]).toMatchObject({ mdzone: '103', namefre: 'Saint-Denis', namedut: 'Sint-Denijs', lat: '50.808000', lon: '4.318000' });
    expect(await importRows(testDb(), 'neighbourhoods', rows, { secret: SECRET })).toMatchObject({ created: 1 });
  });
});
