/**
 * Writes a Dataset with batched `UNWIND … MERGE` on the stable keys (docs/graph-model.md), one
 * transaction per batch: loading the same dataset twice changes nothing. Assumes the migrations
 * (uniqueness constraints) are applied.
 */
import { cypher, type Db, type NamedQuery } from '../neo4j/driver';
import type { Dataset } from './dataset';
import { normaliseName } from '../modules/editing/matching';
import { WRITE_QUARTIERS, WRITE_SECTORS, writeIndicators } from '../modules/territory/writes';
import { parsePeriod } from '../modules/evidence/weights';

const Q = {
  regions: cypher('seed.regions', 'UNWIND $rows AS row MERGE (r:Region {code: row.code}) SET r.nameFr = row.nameFr, r.nameNl = row.nameNl'),
  zones: cypher(
    'seed.zones',
    `UNWIND $rows AS row MERGE (z:Zone {code: row.code}) SET z.nameFr = row.nameFr, z.nameNl = row.nameNl, z.nameNlOfficial = row.nameNlOfficial,
       z.source = row.source, z.synthetic = row.synthetic, z.geometry = row.geometry, z.west = row.west, z.south = row.south, z.east = row.east, z.north = row.north
     WITH z, row MATCH (r:Region {code: row.regionCode}) MERGE (z)-[:IN_REGION]->(r)`,
  ),
  municipalities: cypher(
    'seed.municipalities',
    `UNWIND $rows AS row MERGE (m:Municipality {nis: row.nis}) SET m.nameFr = row.nameFr, m.nameNl = row.nameNl, m.lat = row.lat, m.lon = row.lon,
       m.areaKm2 = row.areaKm2, m.synthetic = row.synthetic, m.geometry = row.geometry, m.west = row.west, m.south = row.south, m.east = row.east, m.north = row.north
     WITH m, row MATCH (r:Region {code: row.regionCode}) MERGE (m)-[:IN_REGION]->(r)`,
  ),
  neighbourhoods: WRITE_QUARTIERS,
  sectors: cypher('seed.sectors', 'UNWIND $rows AS row MERGE (s:Sector {code: row.code}) SET s.nameFr = row.nameFr, s.nameNl = row.nameNl'),
  organisations: cypher(
    'seed.organisations',
    'UNWIND $rows AS row MERGE (o:Organisation {id: row.id}) SET o.nameFr = row.nameFr, o.nameNl = row.nameNl, o.synthetic = row.synthetic',
  ),
  services: cypher(
    'seed.services',
    `UNWIND $rows AS row MERGE (s:Service {id: row.id})
     SET s.nameFr = row.nameFr, s.nameNl = row.nameNl, s.workingLanguage = row.workingLanguage, s.synthetic = row.synthetic, s.lat = row.lat, s.lon = row.lon
     WITH s, row MATCH (o:Organisation {id: row.organisationId}) MERGE (o)-[:RUNS]->(s)
     WITH s, row MATCH (q:Neighbourhood {code: row.neighbourhoodCode}) MERGE (s)-[:LOCATED_IN]->(q)
     WITH s, row OPTIONAL MATCH (mq:Neighbourhood {code: row.monitoringCode})
     FOREACH (_ IN CASE WHEN mq IS NULL THEN [] ELSE [1] END | MERGE (s)-[:LOCATED_IN]->(mq))
     WITH s, row UNWIND range(0, size(row.sectors) - 1) AS i
     MATCH (sec:Sector {code: row.sectors[i]}) MERGE (s)-[r:IN_SECTOR]->(sec) SET r.primary = (i = 0)`,
  ),
  people: cypher(
    'seed.people',
    'UNWIND $rows AS row MERGE (p:Person {id: row.id}) SET p.displayName = row.displayName, p.nameKey = row.nameKey, p.consent = row.consent, p.synthetic = row.synthetic',
  ),
  employments: cypher(
    'seed.employments',
    `UNWIND $rows AS row MATCH (p:Person {id: row.personId}), (s:Service {id: row.serviceId})
     MERGE (p)-[w:WORKS_AT {from: date(row.from)}]->(s)
     SET w.to = CASE WHEN row.to IS NULL THEN null ELSE date(row.to) END, w.role = row.role`,
  ),
  initiatives: cypher(
    'seed.initiatives',
    `UNWIND $rows AS row MERGE (i:Initiative {id: row.id}) SET i.kind = row.kind, i.programme = row.programme, i.nameFr = row.nameFr, i.nameNl = row.nameNl
     WITH i, row MATCH (o:Organisation {id: row.organiserId}) MERGE (i)-[:ORGANISED_BY]->(o)`,
  ),
  coversRegion: cypher('seed.covers.region', 'UNWIND $rows AS row MATCH (i:Initiative {id: row.id}), (t:Region {code: row.code}) MERGE (i)-[:COVERS]->(t)'),
  coversZone: cypher('seed.covers.zone', 'UNWIND $rows AS row MATCH (i:Initiative {id: row.id}), (t:Zone {code: row.code}) MERGE (i)-[:COVERS]->(t)'),
  coversMunicipality: cypher('seed.covers.municipality', 'UNWIND $rows AS row MATCH (i:Initiative {id: row.id}), (t:Municipality {nis: row.code}) MERGE (i)-[:COVERS]->(t)'),
  coversNeighbourhood: cypher('seed.covers.neighbourhood', 'UNWIND $rows AS row MATCH (i:Initiative {id: row.id}), (t:Neighbourhood {code: row.code}) MERGE (i)-[:COVERS]->(t)'),
  editions: cypher(
    'seed.editions',
    `UNWIND $rows AS row MERGE (e:Edition {id: row.id})
     SET e.cycle = row.cycle, e.nameFr = row.nameFr, e.nameNl = row.nameNl, e.language = row.language,
         e.startsOn = date(row.startsOn), e.endsOn = date(row.endsOn), e.closed = row.closed
     WITH e, row MATCH (i:Initiative {id: row.initiativeId}) MERGE (e)-[:OF]->(i)`,
  ),
  sessions: cypher(
    'seed.sessions',
    `UNWIND $rows AS row MERGE (x:Session {id: row.id})
     SET x.title = row.title, x.startsAt = datetime(row.startsAt), x.endsAt = datetime(row.endsAt), x.capacity = row.capacity
     WITH x, row MATCH (e:Edition {id: row.editionId}) MERGE (x)-[:IN]->(e)
     WITH x, row OPTIONAL MATCH (h:Service {id: row.hostId})
     FOREACH (_ IN CASE WHEN h IS NULL THEN [] ELSE [1] END | MERGE (x)-[:HOSTED_BY]->(h))`,
  ),
  attendances: cypher(
    'seed.attendances',
    `UNWIND $rows AS row MATCH (p:Person {id: row.personId}), (x:Session {id: row.sessionId})
     MERGE (p)-[a:ATTENDED]->(x) SET a.role = row.role, a.status = row.status, a.group = row.group`,
  ),
  declarations: cypher(
    'seed.declarations',
    `UNWIND $rows AS row MATCH (p:Person {id: row.personId}), (s:Service {id: row.serviceId})
     MERGE (p)-[d:DECLARED_TIE {survey: row.survey}]->(s)
     SET d.declaredOn = date(row.declaredOn), d.frequency = row.frequency, d.trust = toFloat(row.trust), d.value = toFloat(row.value)`,
  ),
  referrals: cypher(
    'seed.referrals',
    `UNWIND $rows AS row MATCH (a:Service {id: row.fromServiceId}), (b:Service {id: row.toServiceId})
     MERGE (a)-[r:REFERRED {period: row.period}]->(b) SET r.count = row.count, r.periodStart = date(row.periodStart), r.periodEnd = date(row.periodEnd)`,
  ),
  agreements: cypher(
    'seed.agreements',
    `UNWIND $rows AS row MATCH (a:Service {id: row.serviceAId}), (b:Service {id: row.serviceBId})
     MERGE (a)-[g:AGREEMENT {kind: row.kind, signedOn: date(row.signedOn)}]->(b)
     SET g.endsOn = CASE WHEN row.endsOn IS NULL THEN null ELSE date(row.endsOn) END`,
  ),
};

export interface LoadReport {
  rows: Record<string, number>;
  ms: number;
}

export interface LoadOptions {
  batchSize?: number;
  onProgress?: (done: number, total: number, what: string) => void;
}

export async function loadDataset(db: Db, data: Dataset, opts: LoadOptions = {}): Promise<LoadReport> {
  const started = Date.now();
  const batchSize = opts.batchSize ?? 5_000;
  const covers = (level: string) => data.initiatives.flatMap((i) => i.covers.filter((c) => c.level === level).map((c) => ({ id: i.id, code: c.code })));
  // Order matters: relationships MATCH the nodes written before them.
  const steps: Array<[string, NamedQuery, readonly object[]]> = [
    ['regions', Q.regions, data.regions],
    ['zones', Q.zones, data.zones],
    ['municipalities', Q.municipalities, data.municipalities],
    ['neighbourhoods', Q.neighbourhoods, data.neighbourhoods],
    ['statistical sectors', WRITE_SECTORS, data.statisticalSectors],
    ['sectors', Q.sectors, data.sectors],
    ['organisations', Q.organisations, data.organisations],
    ['services', Q.services, data.services],
    ['people', Q.people, data.people.map((p) => ({ ...p, nameKey: normaliseName(p.displayName) }))],
    ['employments', Q.employments, data.employments],
    ['initiatives', Q.initiatives, data.initiatives],
    ['covers (region)', Q.coversRegion, covers('region')],
    ['covers (zone)', Q.coversZone, covers('zone')],
    ['covers (municipality)', Q.coversMunicipality, covers('municipality')],
    ['covers (neighbourhood)', Q.coversNeighbourhood, covers('neighbourhood')],
    ['editions', Q.editions, data.editions],
    ['sessions', Q.sessions, data.sessions],
    ['attendances', Q.attendances, data.attendances.map((a) => ({ ...a, group: a.group ?? null }))],
    ['survey answers', Q.declarations, data.declarations],
    ['referrals', Q.referrals, data.referrals.map((r) => ({ ...r, periodStart: parsePeriod(r.period)!.start, periodEnd: parsePeriod(r.period)!.end }))],
    ['agreements', Q.agreements, data.agreements],
  ];
  const total = steps.reduce((sum, [, , rows]) => sum + rows.length, 0);
  const report: Record<string, number> = {};
  let done = 0;
  for (const [what, query, rows] of steps) {
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      await db.write(query, { rows: batch });
      done += batch.length;
      opts.onProgress?.(done, total, what);
    }
    report[what] = rows.length;
  }
  report.indicators = (await writeIndicators(db, data.indicators, batchSize)).written;
  return { rows: report, ms: Date.now() - started };
}
