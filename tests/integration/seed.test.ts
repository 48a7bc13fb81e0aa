/** The demo graph: real territory, rules of the seed initiatives, deterministic, idempotent load. */
import { cypher } from '../../src/neo4j/driver';
import { generateDataset } from '../../src/seed/generate';
import { loadDataset } from '../../src/seed/load';
import { checkDemoRules } from '../../src/seed/rules';
import { closeTestDb, resetGraph, testDb } from '../helpers/db';

afterAll(closeTestDb);

describe('generator', () => {
  it.each([1, 42, 7])('seed %i respects every seed rule', (seed) => {
    expect(checkDemoRules(generateDataset({ scale: 'demo', seed }))).toEqual([]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = JSON.stringify(generateDataset({ scale: 'demo', seed: 42 }));
    expect(JSON.stringify(generateDataset({ scale: 'demo', seed: 42 }))).toBe(a);
    expect(JSON.stringify(generateDataset({ scale: 'demo', seed: 43 }))).not.toBe(a);
  });

  it('has the demo size and mixes', () => {
    const d = generateDataset({ scale: 'demo', seed: 42 });
    expect(d.services).toHaveLength(400);
    expect(d.people.length).toBeGreaterThanOrEqual(1000);
    const langs = new Map<string, number>();
    for (const s of d.services) langs.set(s.workingLanguage, (langs.get(s.workingLanguage) ?? 0) + 1);
    expect(langs.get('FR')! / 400).toBeGreaterThan(0.4); // most French
    expect(langs.get('NL')! / 400).toBeGreaterThan(0.08); // a Dutch-only share
    expect(langs.get('BOTH')! / 400).toBeGreaterThan(0.15);
    expect(d.services.every((s) => s.synthetic && s.nameFr.endsWith('(démo)') && s.nameNl.endsWith('(demo)'))).toBe(true);
    const kinds = new Set(d.initiatives.map((i) => i.kind));
    expect([...kinds].sort()).toEqual(['COMMUNITY_OF_PRACTICE', 'IMMERSION', 'INTERVISION', 'NETWORK_EVENT', 'OPEN_DOOR']);
  });
});

describe('loaded into Neo4j', () => {
  const COUNTS = cypher('test.counts', 'MATCH (n) WHERE NOT n:Migration OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels');
  let first: { nodes: number; rels: number };

  beforeAll(async () => {
    await resetGraph();
    await loadDataset(testDb(), generateDataset({ scale: 'demo', seed: 42 }));
    [first] = (await testDb().read(COUNTS)) as [{ nodes: number; rels: number }];
  });

  it('every edition passes the rules engine that guards the writes (editionValidation: nothing broken, nothing missing)', async () => {
    const { validateEdition } = await import('../../src/modules/editing/rules');
    const editions = await testDb().read<{ id: string }>(cypher('test.editions', 'MATCH (e:Edition) RETURN e.id AS id ORDER BY id'));
    const problems: string[] = [];
    for (const { id } of editions) for (const p of (await testDb().readTx((tx) => validateEdition(tx, id))) ?? []) problems.push(`${id} ${p.code}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('loading the same graph twice changes nothing', async () => {
    await loadDataset(testDb(), generateDataset({ scale: 'demo', seed: 42 }));
    expect(await testDb().read(COUNTS)).toEqual([first]);
  });

  it('holds the real territory: 19 municipalities, 5 zones of 9/8/17/16/7 quartiers, Brussels-City split in 3', async () => {
    const rows = await testDb().read<{ zone: string; quartiers: number }>(
      cypher('test.zones', "MATCH (z:Zone)<-[:IN_ZONE]-(n:Neighbourhood {grid: 'SOCIAL_HEALTH'}) RETURN z.code AS zone, count(n) AS quartiers ORDER BY zone"),
    );
    expect(rows).toEqual([
      { zone: 'CENTRE_OUEST', quartiers: 17 },
      { zone: 'NORD', quartiers: 9 },
      { zone: 'NORD_EST', quartiers: 8 },
      { zone: 'SUD', quartiers: 16 },
      { zone: 'SUD_EST', quartiers: 7 },
    ]);
    const [m] = await testDb().read<{ n: number; nis: string[] }>(cypher('test.munis', 'MATCH (m:Municipality) RETURN count(m) AS n, collect(m.nis) AS nis'));
    expect(m?.n).toBe(19);
    const [bxl] = await testDb().read<{ zones: string[] }>(
      cypher('test.bxl', "MATCH (:Municipality {nis: '21004'})<-[:IN_MUNICIPALITY]-(:Neighbourhood)-[:IN_ZONE]->(z) RETURN collect(DISTINCT z.code) AS zones"),
    );
    expect(bxl?.zones.sort()).toEqual(['CENTRE_OUEST', 'NORD', 'SUD']);
  });

  it('Rézoneweek slots hold at most 15 visitors, at mental-health hosts in the Rézone area', async () => {
    const [r] = await testDb().read<{ slots: number; maxVisitors: number; badHosts: number }>(
      cypher(
        'test.rezone',
        `MATCH (:Initiative {id: 'ini-rezone'})<-[:OF]-(:Edition)<-[:IN]-(x:Session)-[:HOSTED_BY]->(h:Service)
         WITH x, h, COUNT { (x)<-[:ATTENDED]-() } AS visitors,
              EXISTS { (h)-[:IN_SECTOR]->(:Sector {code: 'MENTAL_HEALTH'}) } AND EXISTS { (h)-[:LOCATED_IN]->(:Neighbourhood {rezoneArea: true}) } AS ok
         RETURN count(x) AS slots, max(visitors) AS maxVisitors, sum(CASE WHEN ok THEN 0 ELSE 1 END) AS badHosts`,
      ),
    );
    expect(r?.slots).toBeGreaterThan(30);
    expect(r?.maxVisitors).toBeLessThanOrEqual(15);
    expect(r?.badHosts).toBe(0);
  });
});
