/** The demo graph: real territory, rules of the seed initiatives, deterministic, idempotent load. */
import { cypher } from '../../src/neo4j/driver';
import { generateDataset } from '../../src/seed/generate';
import { loadDataset } from '../../src/seed/load';
import { checkDemoRules } from '../../src/seed/rules';
import { closeTestDb, resetGraph, testDb } from '../helpers/db';
import { QUARTIERS } from '../../src/seed/brussels';
import { contains, parseArea } from '../../src/modules/territory/geometry';

/** Spearman's rank correlation (average ranks for ties). */
function spearman(x: number[], y: number[]): number {
  const rank = (v: number[]) => {
    const order = v.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
    const r = new Array<number>(v.length);
    for (let i = 0; i < order.length;) {
      let j = i;
      while (j + 1 < order.length && order[j + 1]!.value === order[i]!.value) j++;
      for (let k = i; k <= j; k++) r[order[k]!.i] = (i + j) / 2 + 1;
      i = j + 1;
    }
    return r;
  };
  const [rx, ry] = [rank(x), rank(y)];
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const [mx, my] = [mean(rx), mean(ry)];
  let num = 0,
    dx = 0,
    dy = 0;
  for (let i = 0; i < x.length; i++) {
    num += (rx[i]! - mx) * (ry[i]! - my);
    dx += (rx[i]! - mx) ** 2;
    dy += (ry[i]! - my) ** 2;
  }
  return num / Math.sqrt(dx * dy);
}

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

  it('holds the real grid: 19 municipalities, 145 monitoring quartiers in 5 zones, each link with its provenance', async () => {
    const [m] = await testDb().read<{ n: number; shaped: number }>(cypher('test.munis', 'MATCH (m:Municipality) RETURN count(m) AS n, count(m.geometry) AS shaped'));
    expect(m).toEqual({ n: 19, shaped: 19 });
    const kinds = await testDb().read<{ kind: string; n: number }>(
      cypher('test.kinds', "MATCH (n:Neighbourhood {grid: 'MONITORING', synthetic: false}) RETURN n.kind AS kind, count(*) AS n ORDER BY kind"),
    );
    // 118 residential quartiers + 3 cemeteries + 6 industrial zones and stations + 18 parks (stated by the Observatoire).
    expect(kinds).toEqual([
      { kind: 'CEMETERY', n: 3 },
      { kind: 'INDUSTRIAL', n: 6 },
      { kind: 'PARK', n: 18 },
      { kind: 'RESIDENTIAL', n: 118 },
    ]);
    // Each quartier in exactly one zone; the counts follow from the zone rules (modules/territory/zones.ts)
    // applied to the source files, so they are checked against the same rules run on the files.
    const rows = await testDb().read<{ zone: string; provenance: string; quartiers: number }>(
      cypher('test.zones', 'MATCH (z:Zone)<-[r:IN_ZONE]-(n:Neighbourhood) RETURN z.code AS zone, r.provenance AS provenance, count(n) AS quartiers ORDER BY zone, provenance'),
    );
    const expected = new Map<string, number>();
    for (const q of QUARTIERS) expected.set(`${q.zone.zoneCode} ${q.zone.provenance}`, (expected.get(`${q.zone.zoneCode} ${q.zone.provenance}`) ?? 0) + 1);
    expect(new Map(rows.map((r) => [`${r.zone} ${r.provenance}`, r.quartiers]))).toEqual(expected);
    expect(rows.reduce((sum, r) => sum + r.quartiers, 0)).toBe(145);
    // As counted on the files: CENTRE_OUEST 39, NORD 22, NORD_EST 23, SUD 40, SUD_EST 21; 64 links VERIFIED, 81 INFERRED.
    const byZone = (zone: string) => rows.filter((r) => r.zone === zone).reduce((sum, r) => sum + r.quartiers, 0);
    expect(['CENTRE_OUEST', 'NORD', 'NORD_EST', 'SUD', 'SUD_EST'].map(byZone)).toEqual([39, 22, 23, 40, 21]);
    expect(rows.filter((r) => r.provenance === 'VERIFIED').reduce((sum, r) => sum + r.quartiers, 0)).toBe(64);
    // Brussels-City's quartiers are split: the Pentagon to Centre-Ouest, Laeken, Neder-Over-Heembeek and
    // Haren to Nord, the European quarter to Nord-Est (inferred), the Bois de la Cambre to Sud (inferred).
    const [bxl] = await testDb().read<{ zones: string[] }>(
      cypher('test.bxl', "MATCH (:Municipality {nis: '21004'})<-[:IN_MUNICIPALITY]-(:Neighbourhood)-[:IN_ZONE]->(z) RETURN collect(DISTINCT z.code) AS zones"),
    );
    expect(bxl?.zones.sort()).toEqual(['CENTRE_OUEST', 'NORD', 'NORD_EST', 'SUD']);
    // 48 quartiers lie in more than one municipality (SOURCES.md), each with its area share.
    const [multi] = await testDb().read<{ n: number }>(cypher('test.multi', 'MATCH (n:Neighbourhood) WHERE COUNT { (n)-[:OVERLAPS]->() } > 1 RETURN count(n) AS n'));
    expect(multi?.n).toBe(48);
  });

  it('places every demo service inside a residential quartier and its municipality, more where more people live', async () => {
    const rows = await testDb().read<{ lon: number; lat: number; shape: string; kind: string; municipality: string }>(
      cypher(
        'test.servicePoints',
        `MATCH (s:Service)-[:LOCATED_IN]->(n:Neighbourhood)-[:IN_MUNICIPALITY]->(m)
         RETURN s.lon AS lon, s.lat AS lat, n.geometry AS shape, n.kind AS kind, m.geometry AS municipality`,
      ),
    );
    expect(rows).toHaveLength(400);
    expect(rows.filter((r) => r.kind !== 'RESIDENTIAL')).toEqual([]);
    const outside = rows.filter((r) => !contains(parseArea(r.shape), r.lon, r.lat) || !contains(parseArea(r.municipality), r.lon, r.lat));
    expect(outside).toEqual([]);
    // Services against population: the quartiers with people get services in proportion; a 1,000-person
    // quartier and a 20,000-person one differ (Spearman's rho of services vs population over the 118
    // residential quartiers is clearly positive).
    const per = await testDb().read<{ population: number; services: number }>(
      cypher(
        'test.perQuartier',
        `MATCH (n:Neighbourhood {kind: 'RESIDENTIAL'})<-[:DESCRIBES]-(v:IndicatorValue {indicator: 'population', year: 2019})
         RETURN v.value AS population, COUNT { (n)<-[:LOCATED_IN]-(:Service) } AS services`,
      ),
    );
    expect(per).toHaveLength(118);
    expect(
      spearman(
        per.map((p) => p.population),
        per.map((p) => p.services),
      ),
    ).toBeGreaterThan(0.5);
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
