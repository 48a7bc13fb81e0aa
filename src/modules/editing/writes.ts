/** Named Cypher of the editing module: each statement MERGEs on a stable key, so retries are harmless. */
import { cypher } from '../../neo4j/driver';

export const upsertOrganisation = cypher(
  'editing.upsertOrganisation',
  'MERGE (o:Organisation {id: $id}) ON CREATE SET o.synthetic = false SET o.nameFr = $nameFr, o.nameNl = $nameNl',
);

export const serviceRefs = cypher(
  'editing.serviceRefs',
  `OPTIONAL MATCH (o:Organisation {id: $organisationId})
   OPTIONAL MATCH (n:Neighbourhood {code: $neighbourhood})
   RETURN o IS NOT NULL AS organisation, n IS NOT NULL AS neighbourhood, n.grid AS grid, n IS NOT NULL AND EXISTS { (n)-[:IN_ZONE]->() } AS inZone,
          [c IN $sectors WHERE NOT EXISTS { MATCH (:Sector {code: c}) }] AS unknownSectors`,
);

export const upsertService = cypher(
  'editing.upsertService',
  `MERGE (s:Service {id: $id}) ON CREATE SET s.synthetic = false
   SET s.nameFr = $nameFr, s.nameNl = $nameNl, s.workingLanguage = $workingLanguage
   // Every field is given here: a service an import left incomplete is complete once an editor saves it.
   REMOVE s.incomplete
   WITH s
   OPTIONAL MATCH (s)<-[oldRuns:RUNS]-(:Organisation) DELETE oldRuns
   WITH DISTINCT s
   OPTIONAL MATCH (s)-[oldLoc:LOCATED_IN]->(old:Neighbourhood) WHERE (old)-[:IN_ZONE]->() DELETE oldLoc
   WITH DISTINCT s
   OPTIONAL MATCH (s)-[oldSec:IN_SECTOR]->(:Sector) DELETE oldSec
   WITH DISTINCT s
   MATCH (o:Organisation {id: $organisationId}), (n:Neighbourhood {code: $neighbourhood})
   MERGE (o)-[:RUNS]->(s) MERGE (s)-[:LOCATED_IN]->(n)
   WITH s UNWIND range(0, size($sectors) - 1) AS i
   MATCH (sec:Sector {code: $sectors[i]}) MERGE (s)-[r:IN_SECTOR]->(sec) SET r.primary = (i = 0)`,
);

export const closeService = cypher('editing.closeService', 'MATCH (s:Service {id: $id}) SET s.closedOn = date($on) RETURN s.id AS id');

export const upsertPerson = cypher(
  'editing.upsertPerson',
  'MERGE (p:Person {id: $id}) ON CREATE SET p.synthetic = false SET p.displayName = $displayName, p.nameKey = $nameKey, p.consent = $consent',
);

export const exists = cypher(
  'editing.exists',
  'OPTIONAL MATCH (p:Person {id: $person}) OPTIONAL MATCH (s:Service {id: $service}) RETURN p IS NOT NULL AS person, s IS NOT NULL AS service',
);

export const startEmployment = cypher(
  'editing.startEmployment',
  `MATCH (p:Person {id: $person}), (s:Service {id: $service})
   MERGE (p)-[w:WORKS_AT {from: date($from)}]->(s) SET w.role = coalesce($role, w.role)
   RETURN toString(w.from) AS from`,
);

export const endEmployment = cypher(
  'editing.endEmployment',
  `MATCH (:Person {id: $person})-[w:WORKS_AT]->(:Service {id: $service})
   WHERE w.from <= date($to) AND (w.to IS NULL OR w.to >= date($to))
   SET w.to = date($to) RETURN toString(w.from) AS from`,
);

export const employmentRow = cypher(
  'editing.employmentRow',
  `MATCH (p:Person {id: $person})-[w:WORKS_AT {from: date($from)}]->(s:Service {id: $service})
   RETURN p.id AS personId, coalesce(p.consent, false) AS personConsent, s.id AS serviceId, w.role AS role, w.from AS from, w.to AS to`,
);

export const upsertInitiative = cypher(
  'editing.upsertInitiative',
  `MATCH (o:Organisation {id: $organiserId})
   MERGE (i:Initiative {id: $id}) SET i.kind = $kind, i.nameFr = $nameFr, i.nameNl = $nameNl, i.programme = $programme
   WITH i, o OPTIONAL MATCH (i)-[old:ORGANISED_BY]->() DELETE old
   WITH DISTINCT i, o MERGE (i)-[:ORGANISED_BY]->(o) RETURN i.id AS id`,
);

export const upsertEdition = cypher(
  'editing.upsertEdition',
  `MATCH (i:Initiative {id: $initiativeId})
   MERGE (e:Edition {id: $id}) ON CREATE SET e.closed = false
   SET e.cycle = $cycle, e.nameFr = $nameFr, e.nameNl = $nameNl, e.language = $language, e.startsOn = date($startsOn), e.endsOn = date($endsOn)
   MERGE (e)-[:OF]->(i) RETURN e.id AS id`,
);

export const sessionHost = cypher('editing.sessionHost', 'OPTIONAL MATCH (:Session {id: $id})-[:HOSTED_BY]->(h:Service) RETURN h.id AS host');

export const upsertSession = cypher(
  'editing.upsertSession',
  `MATCH (e:Edition {id: $editionId})
   MERGE (x:Session {id: $id})
   SET x.title = $title, x.startsAt = datetime($startsAt), x.endsAt = datetime($endsAt), x.capacity = $capacity
   WITH x, e OPTIONAL MATCH (x)-[old:IN|HOSTED_BY]->() DELETE old
   WITH DISTINCT x, e MERGE (x)-[:IN]->(e)
   WITH x OPTIONAL MATCH (h:Service {id: $hostId})
   FOREACH (_ IN CASE WHEN h IS NULL THEN [] ELSE [1] END | MERGE (x)-[:HOSTED_BY]->(h))
   RETURN x.id AS id`,
);

export const register = cypher(
  'editing.register',
  `MATCH (p:Person {id: $person}), (x:Session {id: $session})
   MERGE (p)-[a:ATTENDED]->(x) ON CREATE SET a.status = coalesce($status, 'REGISTERED') SET a.role = $role
   // A group left out keeps the one recorded; '' takes it away.
   SET a.group = CASE WHEN $group IS NULL THEN a.group WHEN $group = '' THEN null ELSE $group END`,
);

export const markAttendance = cypher(
  'editing.markAttendance',
  `MATCH (:Person {id: $person})-[a:ATTENDED]->(:Session {id: $session})
   SET a.status = $status, a.group = CASE WHEN $group IS NULL THEN a.group WHEN $group = '' THEN null ELSE $group END RETURN a.status AS status`,
);

export const cancelAttendance = cypher('editing.cancelAttendance', 'MATCH (:Person {id: $person})-[a:ATTENDED]->(:Session {id: $session}) DELETE a RETURN count(*) AS removed');

export const attendanceRow = cypher(
  'editing.attendanceRow',
  `MATCH (p:Person {id: $person})-[a:ATTENDED]->(x:Session {id: $session})
   RETURN p.id AS personId, coalesce(p.consent, false) AS personConsent, x.id AS sessionId, a.role AS role, a.status AS status, a.group AS group`,
);

export const editionKind = cypher(
  'editing.editionKind',
  `MATCH (e:Edition {id: $edition})-[:OF]->(i:Initiative) RETURN i.kind AS kind,
     head([(:Person {id: $person})-[w:WORKS_AT]->(:Service)<-[:RUNS]-(o) WHERE w.from <= date(datetime($startsAt)) AND (w.to IS NULL OR w.to >= date(datetime($startsAt))) | o.id]) AS visitorOrganisation,
     head([(:Service {id: $host})<-[:RUNS]-(o) | o.id]) AS hostOrganisation`,
);

export const closeEdition = cypher('editing.closeEdition', 'MATCH (e:Edition {id: $id}) SET e.closed = true RETURN e.id AS id');

export const reopenEdition = cypher('editing.reopenEdition', 'MATCH (e:Edition {id: $id}) WITH e, coalesce(e.closed, false) AS wasClosed SET e.closed = false RETURN wasClosed');
