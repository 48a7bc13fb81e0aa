/**
 * Derived ties, kept equal to what the attendance lists say.
 *
 * MET (Person–Person, stored once from the lower id to the higher): both were PRESENT at the same
 * session. A cohort that meets monthly (Connect, praktijkgemeenschap) counts once per session both
 * attended, so `count` says how often two people actually sat together.
 *
 * KNOWS (Service–Service, stored once from the lower id to the higher): one encounter for every
 * pair of people present together while working at two different services (employment on the
 * session's day decides the service), and one for every VISITOR present at a session hosted by
 * another service (open-door visits and immersions: the visitor's service knows the host).
 * Properties: strength (encounters), dates (one per encounter, for time windows), firstAt, lastAt,
 * initiatives, peopleA / peopleB (who carried it on each side; breadthA / breadthB their numbers),
 * visits.
 *
 * `rebuildAllTies` recomputes everything; `refreshTies` recomputes, inside the caller's write
 * transaction, exactly the ties that a change to the given people, sessions or services can affect.
 */
import { cypher, type Db, type Tx } from '../../neo4j/driver';

export interface SessionFacts {
  session: string;
  day: string;
  initiative: string | null;
  host: string | null;
  present: Array<{ person: string; role: string; service: string | null }>;
}

interface MetTie {
  a: string;
  b: string;
  count: number;
  firstAt: string;
  lastAt: string;
  initiatives: string[];
}

interface KnowsTie {
  a: string;
  b: string;
  strength: number;
  visits: number;
  dates: string[];
  firstAt: string;
  lastAt: string;
  initiatives: string[];
  peopleA: string[];
  peopleB: string[];
  breadthA: number;
  breadthB: number;
}

/** Facts of the given sessions: who was present, working where that day; the host; the initiative. */
export const SESSION_FACTS = cypher(
  'ties.sessionFacts',
  `UNWIND $sessionIds AS sid
   MATCH (x:Session {id: sid})
   WITH x, date(x.startsAt) AS day
   RETURN x.id AS session, toString(day) AS day,
     head([(x)-[:IN]->(:Edition)-[:OF]->(i:Initiative) | i.id]) AS initiative,
     head([(x)-[:HOSTED_BY]->(h:Service) | h.id]) AS host,
     [(x)<-[a:ATTENDED {status: 'PRESENT'}]-(p:Person) | {person: p.id, role: a.role,
        service: head([(p)-[w:WORKS_AT]->(s:Service) WHERE w.from <= day AND (w.to IS NULL OR w.to >= day) | s.id])}] AS present`,
);

/** Pure: the ties the facts imply. Exported for unit tests and the rebuild. */
export function computeTies(facts: SessionFacts[]): { met: Map<string, MetTie>; knows: Map<string, KnowsTie> } {
  const met = new Map<string, MetTie>();
  const knows = new Map<string, KnowsTie & { peopleSetA: Set<string>; peopleSetB: Set<string>; initiativeSet: Set<string> }>();
  const addKnows = (s1: string, s2: string, p1: string | null, p2: string | null, day: string, initiative: string | null, visit: boolean) => {
    const [a, b, pa, pb] = s1 < s2 ? [s1, s2, p1, p2] : [s2, s1, p2, p1];
    const key = `${a}|${b}`;
    let t = knows.get(key);
    if (!t) {
      t = { a, b, strength: 0, visits: 0, dates: [], firstAt: day, lastAt: day, initiatives: [], peopleA: [], peopleB: [], breadthA: 0, breadthB: 0, peopleSetA: new Set(), peopleSetB: new Set(), initiativeSet: new Set() };
      knows.set(key, t);
    }
    t.strength += 1;
    if (visit) t.visits += 1;
    t.dates.push(day);
    if (day < t.firstAt) t.firstAt = day;
    if (day > t.lastAt) t.lastAt = day;
    if (pa) t.peopleSetA.add(pa);
    if (pb) t.peopleSetB.add(pb);
    if (initiative) t.initiativeSet.add(initiative);
  };
  for (const f of facts) {
    const present = [...f.present].sort((x, y) => (x.person < y.person ? -1 : 1));
    for (let i = 0; i < present.length; i++) {
      const p = present[i]!;
      for (let j = i + 1; j < present.length; j++) {
        const q = present[j]!;
        if (p.person === q.person) continue;
        const key = `${p.person}|${q.person}`;
        const m = met.get(key) ?? { a: p.person, b: q.person, count: 0, firstAt: f.day, lastAt: f.day, initiatives: [] };
        m.count += 1;
        if (f.day < m.firstAt) m.firstAt = f.day;
        if (f.day > m.lastAt) m.lastAt = f.day;
        if (f.initiative && !m.initiatives.includes(f.initiative)) m.initiatives.push(f.initiative);
        met.set(key, m);
        if (p.service && q.service && p.service !== q.service) addKnows(p.service, q.service, p.person, q.person, f.day, f.initiative, false);
      }
      if (p.role === 'VISITOR' && f.host && p.service && p.service !== f.host) addKnows(p.service, f.host, p.person, null, f.day, f.initiative, true);
    }
  }
  const out = new Map<string, KnowsTie>();
  for (const [key, t] of knows) {
    const { peopleSetA, peopleSetB, initiativeSet, ...tie } = t;
    tie.dates.sort();
    tie.peopleA = [...peopleSetA].sort();
    tie.peopleB = [...peopleSetB].sort();
    tie.breadthA = tie.peopleA.length;
    tie.breadthB = tie.peopleB.length;
    tie.initiatives = [...initiativeSet].sort();
    out.set(key, tie);
  }
  for (const m of met.values()) m.initiatives.sort();
  return { met, knows: out };
}

const WRITE_MET = cypher(
  'ties.writeMet',
  `UNWIND $rows AS row MATCH (a:Person {id: row.a}), (b:Person {id: row.b})
   CREATE (a)-[:MET {count: toInteger(row.count), firstAt: date(row.firstAt), lastAt: date(row.lastAt), initiatives: row.initiatives}]->(b)`,
);
const WRITE_KNOWS = cypher(
  'ties.writeKnows',
  `UNWIND $rows AS row MATCH (a:Service {id: row.a}), (b:Service {id: row.b})
   CREATE (a)-[:KNOWS {strength: toInteger(row.strength), visits: toInteger(row.visits), dates: [d IN row.dates | date(d)], firstAt: date(row.firstAt), lastAt: date(row.lastAt),
                       initiatives: row.initiatives, peopleA: row.peopleA, peopleB: row.peopleB, breadthA: toInteger(row.breadthA), breadthB: toInteger(row.breadthB)}]->(b)`,
);

async function writeTies(tx: Tx, met: Iterable<MetTie>, knows: Iterable<KnowsTie>): Promise<void> {
  const batch = async (query: typeof WRITE_MET, rows: object[]) => {
    for (let i = 0; i < rows.length; i += 5000) await tx.run(query, { rows: rows.slice(i, i + 5000) });
  };
  await batch(WRITE_MET, [...met]);
  await batch(WRITE_KNOWS, [...knows]);
}

// ---------------------------------------------------------------------------------------------
// Incremental refresh, inside the caller's transaction.

const PEOPLE_OF_SESSIONS = cypher(
  'ties.peopleOfSessions',
  'UNWIND $sessionIds AS sid MATCH (:Session {id: sid})<-[:ATTENDED]-(p:Person) RETURN collect(DISTINCT p.id) AS people',
);
const SERVICES_OF = cypher(
  'ties.servicesOf',
  `CALL { UNWIND $personIds AS pid MATCH (:Person {id: pid})-[:WORKS_AT]->(s:Service) RETURN s.id AS service
          UNION UNWIND $personIds AS pid MATCH (:Person {id: pid})-[:ATTENDED]->(:Session)-[:HOSTED_BY]->(s:Service) RETURN s.id AS service
          UNION UNWIND $sessionIds AS sid MATCH (:Session {id: sid})-[:HOSTED_BY]->(s:Service) RETURN s.id AS service }
   RETURN collect(DISTINCT service) AS services`,
);
/** Sessions whose facts can feed a tie of the given people or services. */
const SESSIONS_TOUCHING = cypher(
  'ties.sessionsTouching',
  `CALL { UNWIND $personIds AS pid MATCH (:Person {id: pid})-[:ATTENDED {status: 'PRESENT'}]->(x:Session) RETURN x.id AS session
          UNION UNWIND $serviceIds AS sid MATCH (:Service {id: sid})<-[w:WORKS_AT]-(:Person)-[:ATTENDED {status: 'PRESENT'}]->(x:Session)
                WHERE w.from <= date(x.startsAt) AND (w.to IS NULL OR w.to >= date(x.startsAt)) RETURN x.id AS session
          UNION UNWIND $serviceIds AS sid MATCH (:Service {id: sid})<-[:HOSTED_BY]-(x:Session) RETURN x.id AS session }
   RETURN collect(DISTINCT session) AS sessions`,
);
const DELETE_MET_OF = cypher('ties.deleteMetOf', 'UNWIND $personIds AS pid MATCH (:Person {id: pid})-[m:MET]-() DELETE m');
const DELETE_KNOWS_OF = cypher('ties.deleteKnowsOf', 'UNWIND $serviceIds AS sid MATCH (:Service {id: sid})-[k:KNOWS]-() DELETE k');

export interface TieChange {
  personIds?: string[];
  sessionIds?: string[];
  /** Services whose employment or hosting changed (e.g. a WORKS_AT that was just deleted). */
  serviceIds?: string[];
}

export async function refreshTies(tx: Tx, change: TieChange): Promise<void> {
  const sessionIds = change.sessionIds ?? [];
  const [fromSessions] = await tx.run<{ people: string[] }>(PEOPLE_OF_SESSIONS, { sessionIds });
  const personIds = [...new Set([...(change.personIds ?? []), ...(fromSessions?.people ?? [])])];
  const [ofPeople] = await tx.run<{ services: string[] }>(SERVICES_OF, { personIds, sessionIds });
  const serviceIds = [...new Set([...(change.serviceIds ?? []), ...(ofPeople?.services ?? [])])];
  if (personIds.length === 0 && serviceIds.length === 0) return;

  const [touching] = await tx.run<{ sessions: string[] }>(SESSIONS_TOUCHING, { personIds, serviceIds });
  const facts = await tx.run<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: touching?.sessions ?? [] });
  const { met, knows } = computeTies(facts);
  const people = new Set(personIds);
  const services = new Set(serviceIds);
  await tx.run(DELETE_MET_OF, { personIds });
  await tx.run(DELETE_KNOWS_OF, { serviceIds });
  await writeTies(
    tx,
    [...met.values()].filter((m) => people.has(m.a) || people.has(m.b)),
    [...knows.values()].filter((k) => services.has(k.a) || services.has(k.b)),
  );
}

/** Shorthands for writers. */
export const refreshTiesForPeople = (tx: Tx, personIds: string[]) => refreshTies(tx, { personIds });
export const refreshTiesForSessions = (tx: Tx, sessionIds: string[]) => refreshTies(tx, { sessionIds });

// ---------------------------------------------------------------------------------------------
// Full rebuild.

const ALL_SESSION_IDS = cypher('ties.allSessionIds', 'MATCH (x:Session) RETURN x.id AS id ORDER BY id');
const DELETE_ALL = cypher('ties.deleteAll', 'MATCH ()-[t:MET|KNOWS]->() WITH t LIMIT 50000 DELETE t RETURN count(*) AS deleted');

export interface RebuildReport {
  met: number;
  knows: number;
  sessions: number;
  ms: number;
}

export async function rebuildAllTies(db: Db): Promise<RebuildReport> {
  const started = Date.now();
  const ids = (await db.read<{ id: string }>(ALL_SESSION_IDS)).map((r) => r.id);
  const facts: SessionFacts[] = [];
  for (let i = 0; i < ids.length; i += 2000) facts.push(...(await db.read<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: ids.slice(i, i + 2000) })));
  const { met, knows } = computeTies(facts);
  // Delete in chunks (large graphs), then write in batches; readers see the new ties once all are in.
  for (;;) {
    const [row] = await db.write<{ deleted: number }>(DELETE_ALL);
    if (!row || row.deleted === 0) break;
  }
  const metRows = [...met.values()];
  const knowsRows = [...knows.values()];
  for (let i = 0; i < metRows.length; i += 20_000) await db.writeTx((tx) => writeTies(tx, metRows.slice(i, i + 20_000), []));
  for (let i = 0; i < knowsRows.length; i += 20_000) await db.writeTx((tx) => writeTies(tx, [], knowsRows.slice(i, i + 20_000)));
  return { met: metRows.length, knows: knowsRows.length, sessions: ids.length, ms: Date.now() - started };
}
