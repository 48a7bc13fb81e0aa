/**
 * Derived ties, kept equal to what the attendance lists say.
 *
 * MET (Person–Person, stored once from the lower id to the higher): both were PRESENT at the same
 * session. A cohort that meets monthly (Connect, praktijkgemeenschap) counts once per session both
 * attended, so `count` says how often two people actually sat together; firstAt / lastAt are the
 * first and last of those sessions, `initiatives` the initiatives behind them.
 *
 * KNOWS (Service–Service, stored once from the lower id to the higher) is a list of encounters:
 *  - two people present at the same session while working at two different services: one encounter
 *    between the two services. Employment on the session's day decides the service; someone who
 *    worked at two services that day counts for both;
 *  - a VISITOR present at a session hosted by another service (open-door visits, immersion days):
 *    one encounter between the visitor's service and the host, with no named person on the host side.
 * Each encounter is kept (parallel lists `dates`, `via` (initiative id or ''), `encounterPeopleA`,
 * `encounterPeopleB` ('' on the host side of a visit), sorted by date) so that every figure can be
 * cut to a time window. The aggregates over all time are stored too: strength (encounters), visits,
 * firstAt, lastAt, initiatives, peopleA / peopleB (who carried it on each side), breadthA / breadthB.
 *
 * Upkeep. `rebuildAllTies` recomputes everything from scratch (`npm run ties:rebuild`; run it with
 * writers stopped). Writers keep the ties right inside their own write transaction, after the write:
 *  - `refreshTiesForPeople(tx, personIds)` after changing a person's attendance or employment;
 *  - `refreshTiesForSessions(tx, sessionIds)` after creating or changing a session or its attendance;
 *  - before DELETING a session, a person or an employment, take `tieScope(tx, …)` of what it touches
 *    and pass it to `refreshTies(tx, scope)` after the delete (a deleted node can no longer be followed).
 * A refresh deletes and recomputes every MET incident to the affected people (those given, and all
 * who attended the given sessions) and every KNOWS incident to the affected services (every service
 * those people work or worked at, and the hosts of the sessions). Refreshes take one lock node first,
 * so two concurrent writers never recompute the same tie from stale reads.
 */
import { cypher, type Db, type Tx } from '../../neo4j/driver';

export interface PresentPerson {
  person: string;
  role: string;
  /** Services the person worked at on the session's day. */
  services: string[];
}

export interface SessionFacts {
  session: string;
  day: string;
  initiative: string | null;
  host: string | null;
  present: PresentPerson[];
}

export interface MetTie {
  a: string;
  b: string;
  count: number;
  firstAt: string;
  lastAt: string;
  initiatives: string[];
}

/** One encounter between two services; '' stands for "no one" (the host side of a visit, an unknown initiative). */
export interface Encounter {
  day: string;
  initiative: string;
  personA: string;
  personB: string;
}

export interface KnowsTie {
  a: string;
  b: string;
  strength: number;
  visits: number;
  dates: string[];
  via: string[];
  encounterPeopleA: string[];
  encounterPeopleB: string[];
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
        services: [(p)-[w:WORKS_AT]->(s:Service) WHERE w.from <= day AND (w.to IS NULL OR w.to >= day) | s.id]}] AS present`,
);

const byString = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort(byString);

/** Aggregates of a list of encounters (all of one tie, or those inside a window). */
export function summariseEncounters(encounters: Encounter[]) {
  const sorted = [...encounters].sort((x, y) => byString(x.day, y.day) || byString(x.initiative, y.initiative) || byString(x.personA, y.personA) || byString(x.personB, y.personB));
  const peopleA = sortedUnique(sorted.map((e) => e.personA).filter(Boolean));
  const peopleB = sortedUnique(sorted.map((e) => e.personB).filter(Boolean));
  return {
    sorted,
    strength: sorted.length,
    visits: sorted.filter((e) => e.personA === '' || e.personB === '').length,
    firstAt: sorted[0]?.day ?? '',
    lastAt: sorted[sorted.length - 1]?.day ?? '',
    initiatives: sortedUnique(sorted.map((e) => e.initiative).filter(Boolean)),
    peopleA,
    peopleB,
    breadthA: peopleA.length,
    breadthB: peopleB.length,
  };
}

/** Which ties to compute: those incident to these people (MET) and services (KNOWS); all when absent. */
export interface TieFocus {
  people: Set<string>;
  services: Set<string>;
  /** Only ties whose lower id is in the sets (a rebuild by blocks computes each tie once). */
  lowerEndOnly?: boolean;
}

/** Pure: the ties the facts imply. Exported for unit tests, the rebuild and edition impact. */
export function computeTies(facts: SessionFacts[], focus?: TieFocus): { met: Map<string, MetTie>; knows: Map<string, KnowsTie> } {
  const wanted = (set: Set<string> | undefined, x: string, y: string) =>
    !focus || !set ? true : focus.lowerEndOnly ? set.has(x < y ? x : y) : set.has(x) || set.has(y);
  const metWanted = (p: string, q: string) => wanted(focus?.people, p, q);
  const knowsWanted = (s: string, t: string) => wanted(focus?.services, s, t);
  const met = new Map<string, MetTie>();
  const encounters = new Map<string, { a: string; b: string; list: Encounter[] }>();
  const meet = (s1: string, s2: string, p1: string, p2: string, day: string, initiative: string) => {
    const [a, b, personA, personB] = s1 < s2 ? [s1, s2, p1, p2] : [s2, s1, p2, p1];
    const key = `${a}|${b}`;
    const tie = encounters.get(key) ?? { a, b, list: [] };
    tie.list.push({ day, initiative, personA, personB });
    encounters.set(key, tie);
  };
  for (const f of facts) {
    const initiative = f.initiative ?? '';
    // One entry per person (a fixture or a bad import could list someone twice).
    const byPerson = new Map<string, PresentPerson>();
    for (const p of f.present) byPerson.set(p.person, { ...p, services: sortedUnique([...(byPerson.get(p.person)?.services ?? []), ...(p.services ?? [])]) });
    const present = [...byPerson.values()].sort((x, y) => byString(x.person, y.person));
    for (let i = 0; i < present.length; i++) {
      const p = present[i]!;
      for (let j = i + 1; j < present.length; j++) {
        const q = present[j]!;
        if (metWanted(p.person, q.person)) {
          const key = `${p.person}|${q.person}`;
          const m = met.get(key) ?? { a: p.person, b: q.person, count: 0, firstAt: f.day, lastAt: f.day, initiatives: [] };
          m.count += 1;
          if (f.day < m.firstAt) m.firstAt = f.day;
          if (f.day > m.lastAt) m.lastAt = f.day;
          if (f.initiative && !m.initiatives.includes(f.initiative)) m.initiatives.push(f.initiative);
          met.set(key, m);
        }
        for (const sp of p.services) for (const sq of q.services) if (sp !== sq && knowsWanted(sp, sq)) meet(sp, sq, p.person, q.person, f.day, initiative);
      }
      if (p.role === 'VISITOR' && f.host) for (const sp of p.services) if (sp !== f.host && knowsWanted(sp, f.host)) meet(sp, f.host, p.person, '', f.day, initiative);
    }
  }
  for (const m of met.values()) m.initiatives.sort(byString);
  const knows = new Map<string, KnowsTie>();
  for (const [key, { a, b, list }] of encounters) {
    const { sorted, ...summary } = summariseEncounters(list);
    knows.set(key, {
      a,
      b,
      ...summary,
      dates: sorted.map((e) => e.day),
      via: sorted.map((e) => e.initiative),
      encounterPeopleA: sorted.map((e) => e.personA),
      encounterPeopleB: sorted.map((e) => e.personB),
    });
  }
  return { met, knows };
}

const WRITE_MET = cypher(
  'ties.writeMet',
  `UNWIND $rows AS row MATCH (a:Person {id: row.a}), (b:Person {id: row.b})
   CREATE (a)-[:MET {count: toInteger(row.count), firstAt: date(row.firstAt), lastAt: date(row.lastAt), initiatives: row.initiatives}]->(b)`,
);
const WRITE_KNOWS = cypher(
  'ties.writeKnows',
  `UNWIND $rows AS row MATCH (a:Service {id: row.a}), (b:Service {id: row.b})
   CREATE (a)-[:KNOWS {strength: toInteger(row.strength), visits: toInteger(row.visits), firstAt: date(row.firstAt), lastAt: date(row.lastAt),
                       dates: [d IN row.dates | date(d)], via: row.via, encounterPeopleA: row.encounterPeopleA, encounterPeopleB: row.encounterPeopleB,
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

/** Serialises tie upkeep: taken before any read, held until the writer's transaction ends. */
const LOCK = cypher('ties.lock', "MERGE (l:TieLock {id: 'ties'}) SET l.version = coalesce(l.version, 0) + 1 RETURN l.version AS version");

const SESSION_SCOPE = cypher(
  'ties.sessionScope',
  `UNWIND $sessionIds AS sid MATCH (x:Session {id: sid})
   RETURN [(x)<-[:ATTENDED]-(p:Person) | p.id] AS people, [(x)-[:HOSTED_BY]->(h:Service) | h.id] AS hosts`,
);
/**
 * The services whose KNOWS ties a change to these people can alter: every service they work or
 * worked at (each of their encounters has one of them at one end). A deleted employment is no longer
 * there to follow: hence tieScope before deleting. (Searching the stored ties for the people they
 * name instead cost 13 s for a 58-person session at scale S.)
 * People who were never present anywhere and met no one carry no tie, so their services are left
 * alone: a first attendance list of registrations then costs no tie recomputation. (A person just
 * taken off a session still has the MET ties of it here: they are deleted later in the refresh.)
 */
const PEOPLE_SERVICES = cypher(
  'ties.peopleServices',
  `UNWIND $personIds AS pid MATCH (p:Person {id: pid})
   WHERE EXISTS { (p)-[:ATTENDED {status: 'PRESENT'}]->(:Session) } OR EXISTS { (p)-[:MET]-(:Person) }
   MATCH (p)-[:WORKS_AT]->(s:Service) RETURN collect(DISTINCT s.id) AS services`,
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
  /** Services whose employment or hosting changed, when the writer knows them (e.g. a WORKS_AT just deleted). */
  serviceIds?: string[];
}

/** Everything a change touches, resolved now: take it BEFORE deleting a session, person or employment. */
export interface TieScope {
  personIds: string[];
  serviceIds: string[];
}

export async function tieScope(tx: Tx, change: TieChange): Promise<TieScope> {
  const people = new Set(change.personIds ?? []);
  const services = new Set(change.serviceIds ?? []);
  if (change.sessionIds?.length) {
    for (const row of await tx.run<{ people: string[]; hosts: string[] }>(SESSION_SCOPE, { sessionIds: change.sessionIds })) {
      row.people.forEach((p) => people.add(p));
      row.hosts.forEach((h) => services.add(h));
    }
  }
  if (people.size) {
    const [row] = await tx.run<{ services: string[] }>(PEOPLE_SERVICES, { personIds: [...people] });
    row?.services.forEach((s) => services.add(s));
  }
  return { personIds: sortedUnique(people), serviceIds: sortedUnique(services) };
}

/** Recomputes, inside the caller's write transaction, every tie the change can have altered. */
export async function refreshTies(tx: Tx, change: TieChange): Promise<void> {
  await tx.run(LOCK);
  const { personIds, serviceIds } = await tieScope(tx, change);
  if (personIds.length === 0 && serviceIds.length === 0) return;
  const [touching] = await tx.run<{ sessions: string[] }>(SESSIONS_TOUCHING, { personIds, serviceIds });
  const facts = await tx.run<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: touching?.sessions ?? [] });
  const { met, knows } = computeTies(facts, { people: new Set(personIds), services: new Set(serviceIds) });
  await tx.run(DELETE_MET_OF, { personIds });
  await tx.run(DELETE_KNOWS_OF, { serviceIds });
  await writeTies(tx, met.values(), knows.values());
}

/** After a change to these people's attendance or employment (not a deletion of the person or of an employment). */
export const refreshTiesForPeople = (tx: Tx, personIds: string[]) => refreshTies(tx, { personIds });
/** After creating or changing these sessions (date, host) or their attendance lists (not a deletion of the session). */
export const refreshTiesForSessions = (tx: Tx, sessionIds: string[]) => refreshTies(tx, { sessionIds });

// ---------------------------------------------------------------------------------------------
// Full rebuild.

const ALL_PEOPLE_IDS = cypher('ties.allPeopleIds', 'MATCH (p:Person) WHERE EXISTS { (p)-[:ATTENDED {status: \'PRESENT\'}]->() } RETURN p.id AS id ORDER BY id');
const ALL_SERVICE_IDS = cypher('ties.allServiceIds', 'MATCH (s:Service) RETURN s.id AS id ORDER BY id');
const SESSION_COUNT = cypher('ties.sessionCount', 'MATCH (x:Session) RETURN count(x) AS n');
const DELETE_ALL = cypher('ties.deleteAll', 'MATCH ()-[t:MET|KNOWS]->() WITH t LIMIT 50000 DELETE t RETURN count(*) AS deleted');
/** People or services per block of a rebuild: what one block's sessions and ties cost in memory. */
const REBUILD_BLOCK = 5_000;

export interface RebuildReport {
  met: number;
  knows: number;
  sessions: number;
  ms: number;
}

/**
 * The shape of the stored ties. Bump it when what a MET or KNOWS holds changes: a database whose ties
 * were written in an older shape is rebuilt at start (see ensureTiesCurrent), or windowed figures
 * would read properties that are not there.
 */
export const TIE_FORMAT = 2;
const READ_TIE_FORMAT = cypher(
  'ties.readFormat',
  "OPTIONAL MATCH (l:TieLock {id: 'ties'}) RETURN l.format AS format, EXISTS { MATCH (:Session) } AS hasSessions",
);
const WRITE_TIE_FORMAT = cypher('ties.writeFormat', "MERGE (l:TieLock {id: 'ties'}) SET l.format = $format");

/** Rebuilds every tie when they were stored in an older format (an upgrade). Returns the rebuild, or null when nothing was needed. */
export async function ensureTiesCurrent(db: Db): Promise<RebuildReport | null> {
  const [row] = await db.read<{ format: number | null; hasSessions: boolean }>(READ_TIE_FORMAT);
  if (row?.format === TIE_FORMAT) return null;
  if (!row?.hasSessions) {
    await db.write(WRITE_TIE_FORMAT, { format: TIE_FORMAT });
    return null;
  }
  return rebuildAllTies(db);
}

/**
 * Recomputes every tie from the attendance lists. By blocks, so memory stays bounded at any scale: MET
 * ties for a block of people (those whose lower id is in it), then KNOWS ties for a block of services,
 * each from the sessions that can feed them (the same lookup the incremental refresh uses).
 */
export async function rebuildAllTies(db: Db, blockSize = REBUILD_BLOCK): Promise<RebuildReport> {
  const started = Date.now();
  for (;;) {
    const [row] = await db.write<{ deleted: number }>(DELETE_ALL);
    if (!row || row.deleted === 0) break;
  }
  const counts = { met: 0, knows: 0 };
  const rebuildBlocks = async (ids: string[], kind: 'met' | 'knows') => {
    for (let i = 0; i < ids.length; i += blockSize) {
      const block = ids.slice(i, i + blockSize);
      const change = kind === 'met' ? { personIds: block, serviceIds: [] } : { personIds: [], serviceIds: block };
      const [touching] = await db.read<{ sessions: string[] }>(SESSIONS_TOUCHING, change);
      const sessionIds = touching?.sessions ?? [];
      const facts: SessionFacts[] = [];
      for (let j = 0; j < sessionIds.length; j += 2000)
        facts.push(...(await db.read<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: sessionIds.slice(j, j + 2000) })));
      const set = new Set(block);
      const { met, knows } = computeTies(facts, { people: kind === 'met' ? set : new Set(), services: kind === 'knows' ? set : new Set(), lowerEndOnly: true });
      const rows = kind === 'met' ? [...met.values()] : [...knows.values()];
      counts[kind] += rows.length;
      for (let j = 0; j < rows.length; j += 20_000) {
        const slice = rows.slice(j, j + 20_000);
        await db.writeTx((tx) => (kind === 'met' ? writeTies(tx, slice as MetTie[], []) : writeTies(tx, [], slice as KnowsTie[])));
      }
    }
  };
  await rebuildBlocks((await db.read<{ id: string }>(ALL_PEOPLE_IDS)).map((r) => r.id), 'met');
  await rebuildBlocks((await db.read<{ id: string }>(ALL_SERVICE_IDS)).map((r) => r.id), 'knows');
  await db.write(WRITE_TIE_FORMAT, { format: TIE_FORMAT });
  const [sessions] = await db.read<{ n: number }>(SESSION_COUNT);
  return { met: counts.met, knows: counts.knows, sessions: sessions?.n ?? 0, ms: Date.now() - started };
}
