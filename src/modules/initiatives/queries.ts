/** Named Cypher of the initiatives module. */
import { cypher } from '../../neo4j/driver';
import { instant, shape } from '../../neo4j/shape';
import type { SessionRow } from './model';

const INITIATIVE = 'i.id AS id, i.kind AS kind, i.nameFr AS nameFr, i.nameNl AS nameNl, head([(i)-[:ORGANISED_BY]->(o) | o.id]) AS organiserId, i.programme AS programme';
const EDITION = `e.id AS id, head([(e)-[:OF]->(i) | i.id]) AS initiativeId, e.cycle AS cycle, e.nameFr AS nameFr, e.nameNl AS nameNl,
  e.language AS language, e.startsOn AS startsOn, e.endsOn AS endsOn, coalesce(e.closed, false) AS closed`;
/** A session's row, bound to `x`: columns here, a list inside service rows (directory/projection.ts). */
const SESSION_FIELDS = {
  id: 'x.id',
  editionId: 'head([(x)-[:IN]->(e) | e.id])',
  title: 'x.title',
  startsAt: instant('x.startsAt'),
  endsAt: instant('x.endsAt'),
  capacity: 'x.capacity',
  hostId: 'head([(x)-[:HOSTED_BY]->(h) | h.id])',
};
export const SESSION = shape<SessionRow>('Session', SESSION_FIELDS);
/**
 * A session read from its host, bound to `s`: the host is known, so it is not looked up again (a
 * session's relationships are walked per hop, and it has one per attendance). Its edition is not
 * read either: a service detail lists sessions by title and time, and that hop per session made its
 * statement 5 % slower than the hand-written one. The `edition` field reads the session's row then.
 */
const { editionId: _edition, ...HOSTED_SESSION_FIELDS } = SESSION_FIELDS;
export const SESSION_HOSTED_BY_S = shape<SessionRow>('Session', { ...HOSTED_SESSION_FIELDS, hostId: 's.id' });
const ATTENDANCE = 'p.id AS personId, coalesce(p.consent, false) AS personConsent, x.id AS sessionId, a.role AS role, a.status AS status, a.group AS group';

export const allInitiatives = cypher('initiatives.all', `MATCH (i:Initiative) WHERE $kind IS NULL OR i.kind = $kind RETURN ${INITIATIVE} ORDER BY id`);
export const initiativesById = cypher('initiatives.byId', `UNWIND $keys AS key MATCH (i:Initiative {id: key}) RETURN key, ${INITIATIVE}`);
export const coversOfInitiative = cypher(
  'initiatives.covers',
  `UNWIND $keys AS key MATCH (:Initiative {id: key})-[:COVERS]->(t)
   RETURN key, [l IN labels(t) WHERE l IN ['Region', 'Zone', 'Municipality', 'Neighbourhood']][0] AS level, coalesce(t.code, t.nis) AS code
   ORDER BY key, level, code`,
);
export const editionsById = cypher('initiatives.editionsById', `UNWIND $keys AS key MATCH (e:Edition {id: key}) RETURN key, ${EDITION}`);
export const editionsOfInitiative = cypher(
  'initiatives.editionsOfInitiative',
  `UNWIND $keys AS key MATCH (:Initiative {id: key})<-[:OF]-(e:Edition) RETURN key, ${EDITION} ORDER BY key, e.startsOn, e.id`,
);
export const sessionsById = cypher('initiatives.sessionsById', `UNWIND $keys AS key MATCH (x:Session {id: key}) RETURN key, ${SESSION.columns}`, SESSION.decoders);
export const sessionsOfEdition = cypher(
  'initiatives.sessionsOfEdition',
  `UNWIND $keys AS key MATCH (:Edition {id: key})<-[:IN]-(x:Session) RETURN key, ${SESSION.columns} ORDER BY key, x.startsAt, x.id`,
  SESSION.decoders,
);
/** The zones of the services hosting an edition's sessions (a zone key sees the editions held in its zone). */
export const zonesOfEdition = cypher(
  'initiatives.zonesOfEdition',
  `UNWIND $keys AS key MATCH (:Edition {id: key})<-[:IN]-(:Session)-[:HOSTED_BY]->(s:Service)
   WITH key, collect(DISTINCT s) AS hosts
   UNWIND hosts AS s MATCH (s)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(z:Zone)
   RETURN DISTINCT key, z.code AS zone`,
);
export const sessionsHostedBy = cypher(
  'initiatives.sessionsHostedBy',
  `UNWIND $keys AS key MATCH (:Service {id: key})<-[:HOSTED_BY]-(x:Session) RETURN key, ${SESSION.columns} ORDER BY key, x.startsAt DESC, x.id DESC`,
  SESSION.decoders,
);
export const attendancesOfSession = cypher(
  'initiatives.attendancesOfSession',
  `UNWIND $keys AS key MATCH (p:Person)-[a:ATTENDED]->(x:Session {id: key}) RETURN key, ${ATTENDANCE} ORDER BY key, a.role, p.id`,
);
export const attendancesOfPerson = cypher(
  'initiatives.attendancesOfPerson',
  `UNWIND $keys AS key MATCH (p:Person {id: key})-[a:ATTENDED]->(x:Session) RETURN key, ${ATTENDANCE} ORDER BY key, x.startsAt, x.id`,
);
export const participantCountOfEdition = cypher(
  'initiatives.participantCountOfEdition',
  `UNWIND $keys AS key MATCH (:Edition {id: key})<-[:IN]-(:Session)<-[:ATTENDED {status: 'PRESENT'}]-(p:Person)
   RETURN key, count(DISTINCT p) AS n`,
);
export const presentCountOfSession = cypher(
  'initiatives.presentCountOfSession',
  "UNWIND $keys AS key MATCH (:Session {id: key})<-[:ATTENDED {status: 'PRESENT'}]-(p:Person) RETURN key, count(p) AS n",
);
