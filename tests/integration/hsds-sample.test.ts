/**
 * Real HSDS files in: Open Referral's own sample data package (tests/fixtures/import/hsds-sample,
 * HSDS 1.1 CSV with a datapackage.json that names `services_at_location.csv`) and an HSDS 3.0 JSON
 * page (tests/fixtures/import/hsds-3). What HSDS leaves optional is imported as incomplete and
 * listed, never guessed; a second import changes nothing; incomplete services stay out of zones and
 * do not break the directory or the network measures. On tests/fixtures/network-small.cypher.
 */
import path from 'node:path';
import { cypher } from '../../src/neo4j/driver';
import { importHsds } from '../../src/modules/editing/hsds';
import { territoryServices } from '../../src/modules/network/queries';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';
import { testApi, type TestApi } from '../helpers/api';

const SECRET = 'test-secret-at-least-16-chars';
const FIXTURES = path.join(__dirname, '..', 'fixtures', 'import');
const COUNT = cypher('test.count', 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels');
const MARKED = cypher(
  'test.hsdsMarked',
  `MATCH (s:Service) WHERE s.id IN $ids
   RETURN s.id AS id, s.incomplete AS incomplete, s.workingLanguage AS language,
          [(s)-[:LOCATED_IN]->(q) | q.code] AS quartiers, [(s)-[:IN_SECTOR]->(c) | c.code] AS sectors, [(s)<-[:RUNS]-(o) | o.id] AS organisations
   ORDER BY id`,
);

let api: TestApi;
beforeAll(async () => {
  await resetGraph();
  await loadFixture('network-small');
  // Centroids for the nearest-quartier placement: Q1 (zone SUD), Q2 (zone NORD).
  await testDb().write(
    cypher(
      'test.qCentroids',
      "MATCH (q:Neighbourhood {code: 'Q1'}) SET q.lat = 50.81, q.lon = 4.32 WITH 1 AS x MATCH (q2:Neighbourhood {code: 'Q2'}) SET q2.lat = 50.88, q2.lon = 4.33",
    ),
  );
  api = await testApi();
});
afterAll(async () => {
  await api.server.stop();
  await closeTestDb();
});

describe("Open Referral's sample data package (HSDS 1.1 CSV)", () => {
  const dir = path.join(FIXTURES, 'hsds-sample');

  it('a dry run reports what a real run would do and writes nothing', async () => {
    const before = await testDb().read(COUNT);
    const r = await importHsds(testDb(), dir, { secret: SECRET, dryRun: true });
    // The services name organisations that only this run creates: one transaction, rolled back.
    expect(r.organisations).toMatchObject({ dryRun: true, created: 10, rejected: [] });
    expect(r.services).toMatchObject({ dryRun: true, created: 13, rejected: [] });
    expect(r.incomplete).toHaveLength(13);
    expect(await testDb().read(COUNT)).toEqual(before);
  });

  it('reads the resource paths of datapackage.json and imports all 13 services as incomplete', async () => {
    const r = await importHsds(testDb(), dir, { secret: SECRET });
    expect(r).toMatchObject({ form: 'csv', servicesFile: 'services.csv' });
    expect(r.organisations).toMatchObject({ rows: 10, created: 10, rejected: [] });
    expect(r.services).toMatchObject({ rows: 13, created: 13, rejected: [] });
    // Example City is not in Brussels (one location has coordinates, in Nevada; the others none),
    // its only languages are English and Spanish, and it has no x_sectors.
    expect(r.incomplete).toHaveLength(13);
    for (const x of r.incomplete) expect(x.missing).toEqual(['language', 'neighbourhood', 'sectors']);
    expect(r.incomplete[0]).toMatchObject({ row: 2, id: 'c89eb05c-62dd-4b64-b494-0cc347b6ea7f' });
    const nodes = await testDb().read<{ incomplete: string[]; language: string | null; quartiers: string[]; sectors: string[]; organisations: string[] }>(MARKED, {
      ids: r.incomplete.map((x) => x.id),
    });
    expect(nodes).toHaveLength(13);
    for (const n of nodes) expect(n).toMatchObject({ incomplete: ['language', 'neighbourhood', 'sectors'], language: null, quartiers: [], sectors: [] });
    expect(nodes.every((n) => n.organisations.length === 1)).toBe(true);
  });

  it('a second import changes nothing', async () => {
    const before = await testDb().read(COUNT);
    const again = await importHsds(testDb(), dir, { secret: SECRET });
    expect(again.organisations).toMatchObject({ created: 0, updated: 0, unchanged: 10 });
    expect(again.services).toMatchObject({ created: 0, updated: 0, unchanged: 13 });
    expect(await testDb().read(COUNT)).toEqual(before);
  });

  it('keeps what an editor completed when the source still lacks it', async () => {
    const id = 'c89eb05c-62dd-4b64-b494-0cc347b6ea7f';
    await testDb().write(cypher('test.complete', "MATCH (s:Service {id: $id}) SET s.workingLanguage = 'FR', s.incomplete = ['neighbourhood', 'sectors']"), { id });
    const r = await importHsds(testDb(), dir, { secret: SECRET });
    expect(r.services).toMatchObject({ created: 0, updated: 0, unchanged: 13 });
    expect(r.incomplete.find((x) => x.id === id)?.missing).toEqual(['neighbourhood', 'sectors']);
    const [node] = await testDb().read(MARKED, { ids: [id] });
    expect(node).toMatchObject({ language: 'FR', incomplete: ['neighbourhood', 'sectors'] });
  });
});

describe('HSDS 3.0 JSON', () => {
  const file = path.join(FIXTURES, 'hsds-3', 'services.json');

  it('imports the nested organisations, locations and languages; incomplete only where HSDS is silent', async () => {
    const r = await importHsds(testDb(), path.dirname(file), { secret: SECRET });
    expect(r.form).toBe('json');
    expect(r.organisations).toMatchObject({ rows: 2, created: 2, rejected: [] });
    expect(r.services).toMatchObject({ rows: 3, created: 3, rejected: [] });
    expect(r.incomplete).toEqual([
      { row: 2, id: 'hsds3-svc-2', missing: ['language'], reason: 'no French or Dutch among its languages' },
      { row: 3, id: 'hsds3-svc-3', missing: ['neighbourhood'], reason: 'no location with coordinates in the Brussels region' },
    ]);
    const nodes = await testDb().read(MARKED, { ids: ['hsds3-svc-1', 'hsds3-svc-2', 'hsds3-svc-3'] });
    expect(nodes).toEqual([
      { id: 'hsds3-svc-1', incomplete: null, language: 'BOTH', quartiers: ['Q2'], sectors: expect.arrayContaining(['YOUTH', 'HOUSING']), organisations: ['hsds3-org-1'] },
      { id: 'hsds3-svc-2', incomplete: ['language'], language: null, quartiers: ['Q1'], sectors: ['MENTAL_HEALTH'], organisations: ['hsds3-org-1'] },
      { id: 'hsds3-svc-3', incomplete: ['neighbourhood'], language: 'NL', quartiers: [], sectors: ['HOUSING'], organisations: ['hsds3-org-2'] },
    ]);
    const again = await importHsds(testDb(), file, { secret: SECRET });
    expect(again.services).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
  });

  it('an editor saving the service completes it', async () => {
    const res = await api.run(
      `mutation { upsertService(input: { id: "hsds3-svc-2", nameFr: "Écoute Bêta", nameNl: "Luisteren Bèta", organisationId: "hsds3-org-1",
                  neighbourhood: "Q1", workingLanguage: FR, sectors: ["MENTAL_HEALTH"] }) { __typename } }`,
      {},
      { as: { role: 'editor', keyId: 'test-editor' } },
    );
    expect(res.errors).toBeUndefined();
    const [node] = await testDb().read(MARKED, { ids: ['hsds3-svc-2'] });
    expect(node).toMatchObject({ incomplete: null, language: 'FR' });
    await testDb().write(cypher('test.undo', "MATCH (s:Service {id: 'hsds3-svc-2'}) REMOVE s.workingLanguage SET s.incomplete = ['language']"));
  });
});

describe('incomplete services in the directory and the network', () => {
  it('a service without a quartier is in no zone; one without language or sector does not break the measures', async () => {
    const zone = await testDb().read<{ id: string; language: string | null; sector: string; zone: string | null }>(territoryServices.zone, {
      territory: 'SUD',
      sectors: null,
      languages: null,
    });
    expect(zone.map((s) => s.id)).toContain('hsds3-svc-2');
    expect(zone.find((s) => s.id === 'hsds3-svc-2')).toMatchObject({ language: null, zone: 'SUD' });
    // The sample's services and hsds3-svc-3 have no quartier: no territory reaches them.
    const region = await testDb().read<{ id: string }>(territoryServices.region, { territory: 'BRU', sectors: null, languages: null });
    expect(region.map((s) => s.id).filter((id) => !/^(s[A-F]|hsds3-svc-[12])$/.test(id))).toEqual([]);
    const res = await api.run<{ languageBorder: { territory: { ties: number } }; brokers: unknown; mixingMatrix: unknown }>(
      `{ languageBorder(territory: { zone: "SUD" }) { territory { ties crossBorder } }
         mixingMatrix(territory: { zone: "SUD" }) { __typename } brokers(territory: { zone: "SUD" }) { __typename } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(typeof res.data?.languageBorder.territory.ties).toBe('number');
    const dir = await api.run<{ services: { totalCount: number; nodes: Array<{ nameFr: string; workingLanguage: string | null }> } }>(
      `{ services(filter: { territory: { zone: "SUD" } }, first: 50) { totalCount nodes { id nameFr workingLanguage } } }`,
    );
    expect(dir.errors).toBeUndefined();
    expect(dir.data?.services.totalCount).toBe(zone.length);
    // Asked for, the missing language is null (not an error that would empty the whole page).
    expect(dir.data?.services.nodes.find((n) => n.nameFr === 'Écoute Bêta')).toEqual({ id: expect.any(String), nameFr: 'Écoute Bêta', workingLanguage: null });
  });
});
