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
 *    one encounter between the visitor's service and the host, with no named person on the host side;
 *  - evidence that is not attendance (src/modules/evidence/ties.ts): a survey answer naming the other
 *    service (DECLARED), a period's referral count (REFERRAL), a signed agreement (AGREEMENT).
 * Each encounter is kept (parallel lists `dates`, `via` (initiative id or ''), `encounterPeopleA`,
 * `encounterPeopleB` ('' for no one: the host side of a visit, the named side of a survey answer,
 * both sides of a referral or agreement), `weights`, `kinds` (its TieEvidence), sorted by date) so
 * that every figure can be cut to a time window and to the evidence kinds asked. The aggregates over all time are stored too: strength (encounters),
 * weight (their summed weights), meetings (distinct days), visits, firstAt, lastAt, initiatives,
 * peopleA / peopleB (who carried it on each side), breadthA / breadthB.
 *
 * Groups and weights. An attendance may name a `group` (a workshop table, a visit group, a slot):
 * co-presence counts only inside a group, and the attendances without a group form one group
 * together — the whole session when no one has a group, the usual case. A meeting of a group of n
 * present people gives each pair 1/(n − 1) (Newman 2001: each person's time shared among the
 * others), times the session's duration factor (durationFactor: hours / 3, from half an hour to
 * six hours, so a 3-hour intervision meeting is 1, a 1.5-hour slot 0.5, a full day 2). A visit is a
 * meeting of two — the visitor and the host service — so it weighs the duration factor alone,
 * whatever the size of the visit group. MET carries the same weight (summed) beside its count.
 *
 * Upkeep. `rebuildAllTies` recomputes everything (`npm run ties:rebuild`; run it with writers
 * stopped) and rewrites the stored ties that differ, by their signature (tieSignature). Writers keep
 * the ties right inside their own write transaction, after the write:
 *  - `refreshTiesForPeople(tx, personIds)` after changing a person's employment;
 *  - `refreshTies(tx, { personIds, sessionIds })` after changing attendance: it names the person
 *    (someone taken off a session is no longer found through it) and the session (the weights of
 *    every pair of a group change with the group's size); `refreshTiesForSessions` after creating a
 *    session or changing its time or length;
 *  - before DELETING a session, a person or an employment, or replacing a session's host, take
 *    `tieScope(tx, …)` of what it touches (for a person, with `sessionsOfPeople` and `employmentOf`)
 *    and pass it to `refreshTies(tx, scope)` after the change (a deleted node can no longer be followed);
 *  - a writer of evidence that is not attendance names the services it joins (and the person of a
 *    survey answer).
 * The scope of a change holds both ends of every tie it can alter; a refresh locks the scope, deletes
 * the MET ties between two of its people and the KNOWS ties between two of its services, and
 * recomputes them. Two writers that could compute the same tie share its ends, so they never
 * recompute it from stale reads; writers to unrelated sessions do not wait on each other.
 */
import crypto from 'node:crypto';
import { metrics } from '../../metrics';
import { cypher, type Db, type NamedQuery, type Row, type Tx } from '../../neo4j/driver';
import { evidenceEncounters, evidenceIn, NO_EVIDENCE, readEvidenceFacts, type EvidenceFacts, type OtherEvidenceKind } from '../evidence/ties';

export interface PresentPerson {
  person: string;
  role: string;
  /** Services the person worked at on the session's day. */
  services: string[];
  /** The group of the session the person sat in (null: with everyone else who has none). */
  group?: string | null;
}

export interface SessionFacts {
  session: string;
  day: string;
  initiative: string | null;
  host: string | null;
  /** Length of the session in hours (null when it has no end). */
  hours?: number | null;
  present: PresentPerson[];
}

/** Hours that make a meeting weigh 1: a Connect intervision meeting (3 h). */
export const REFERENCE_HOURS = 3;
/** A session counts as at least half an hour and at most six (a working day: more hours add no acquaintance). */
export const MIN_HOURS = 0.5;
export const MAX_HOURS = 6;

/**
 * How much a session's length weighs: hours / 3, between 1/6 and 2 (a session with no end counts as a
 * 3-hour meeting). A Rézoneweek slot (1.5 h) is 0.5, an immersion day (7–8 h) 2.
 */
export function durationFactor(hours: number | null | undefined): number {
  if (hours === null || hours === undefined || !Number.isFinite(hours)) return 1;
  return Math.min(MAX_HOURS, Math.max(MIN_HOURS, hours)) / REFERENCE_HOURS;
}

/** Summed in a fixed order (smallest first), so that the upkeep and a rebuild store the same float. */
export function sumWeights(weights: number[]): number {
  return [...weights].sort((x, y) => x - y).reduce((s, w) => s + w, 0);
}

export interface MetTie {
  a: string;
  b: string;
  count: number;
  /** Summed weights of the meetings (see the header). */
  weight: number;
  firstAt: string;
  lastAt: string;
  initiatives: string[];
}

/** The kinds of evidence an encounter is (TieEvidence in the API). */
export type EvidenceKind = 'CO_PRESENCE' | 'VISIT' | OtherEvidenceKind;

/** One encounter between two services; '' stands for "no one" (the host side of a visit, an unknown initiative). */
export interface Encounter {
  day: string;
  initiative: string;
  personA: string;
  personB: string;
  weight: number;
  kind: EvidenceKind;
}

export interface KnowsTie {
  a: string;
  b: string;
  strength: number;
  weight: number;
  meetings: number;
  visits: number;
  dates: string[];
  via: string[];
  encounterPeopleA: string[];
  encounterPeopleB: string[];
  weights: number[];
  kinds: EvidenceKind[];
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
     CASE WHEN x.endsAt IS NULL THEN null ELSE duration.inSeconds(x.startsAt, x.endsAt).seconds / 3600.0 END AS hours,
     [(x)<-[a:ATTENDED {status: 'PRESENT'}]-(p:Person) | {person: p.id, role: a.role, group: a.group,
        services: [(p)-[w:WORKS_AT]->(s:Service) WHERE w.from <= day AND (w.to IS NULL OR w.to >= day) | s.id]}] AS present`,
);

const byString = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
const sortedUnique = (xs: Iterable<string>) => [...new Set(xs)].sort(byString);

/** Aggregates of a list of encounters (all of one tie, or those inside a window). */
export function summariseEncounters(encounters: Encounter[]) {
  const sorted = [...encounters].sort(
    (x, y) =>
      byString(x.day, y.day) ||
      byString(x.initiative, y.initiative) ||
      byString(x.personA, y.personA) ||
      byString(x.personB, y.personB) ||
      byString(x.kind, y.kind) ||
      x.weight - y.weight,
  );
  const peopleA = sortedUnique(sorted.map((e) => e.personA).filter(Boolean));
  const peopleB = sortedUnique(sorted.map((e) => e.personB).filter(Boolean));
  return {
    sorted,
    strength: sorted.length,
    weight: sumWeights(sorted.map((e) => e.weight)),
    meetings: new Set(sorted.map((e) => e.day)).size,
    visits: sorted.filter((e) => e.kind === 'VISIT').length,
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
  /** Only ties with both ends in the sets (an incremental refresh). */
  bothEnds?: boolean;
}

/** Pure: the ties the facts imply (sessions, and evidence that is not attendance). Exported for unit tests, the rebuild and edition impact. */
export function computeTies(facts: SessionFacts[], focus?: TieFocus, evidence: EvidenceFacts = NO_EVIDENCE): { met: Map<string, MetTie>; knows: Map<string, KnowsTie> } {
  const wanted = (set: Set<string> | undefined, x: string, y: string) =>
    !focus || !set ? true : focus.lowerEndOnly ? set.has(x < y ? x : y) : focus.bothEnds ? set.has(x) && set.has(y) : set.has(x) || set.has(y);
  const metWanted = (p: string, q: string) => wanted(focus?.people, p, q);
  const knowsWanted = (s: string, t: string) => wanted(focus?.services, s, t);
  const met = new Map<string, MetTie & { parts: number[] }>();
  const encounters = new Map<string, { a: string; b: string; list: Encounter[] }>();
  const meet = (s1: string, s2: string, p1: string, p2: string, day: string, initiative: string, weight: number, kind: EvidenceKind) => {
    const [a, b, personA, personB] = s1 < s2 ? [s1, s2, p1, p2] : [s2, s1, p2, p1];
    const key = `${a}|${b}`;
    const tie = encounters.get(key) ?? { a, b, list: [] };
    tie.list.push({ day, initiative, personA, personB, weight, kind });
    encounters.set(key, tie);
  };
  for (const f of facts) {
    const initiative = f.initiative ?? '';
    const factor = durationFactor(f.hours);
    // One entry per person (a fixture or a bad import could list someone twice); a person listed in two groups keeps the first by name.
    const byPerson = new Map<string, PresentPerson>();
    for (const p of f.present) {
      const seen = byPerson.get(p.person);
      const group = [seen?.group ?? null, p.group ?? null].filter((g): g is string => g !== null).sort(byString)[0] ?? null;
      byPerson.set(p.person, { ...p, group, services: sortedUnique([...(seen?.services ?? []), ...p.services]) });
    }
    const groups = new Map<string, PresentPerson[]>();
    for (const p of [...byPerson.values()].sort((x, y) => byString(x.person, y.person))) {
      const key = p.group ?? '';
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const present of groups.values()) {
      const pairWeight = present.length > 1 ? factor / (present.length - 1) : 0;
      for (let i = 0; i < present.length; i++) {
        const p = present[i]!;
        for (let j = i + 1; j < present.length; j++) {
          const q = present[j]!;
          if (metWanted(p.person, q.person)) {
            const key = `${p.person}|${q.person}`;
            const m = met.get(key) ?? { a: p.person, b: q.person, count: 0, weight: 0, parts: [], firstAt: f.day, lastAt: f.day, initiatives: [] };
            m.count += 1;
            m.parts.push(pairWeight);
            if (f.day < m.firstAt) m.firstAt = f.day;
            if (f.day > m.lastAt) m.lastAt = f.day;
            if (f.initiative && !m.initiatives.includes(f.initiative)) m.initiatives.push(f.initiative);
            met.set(key, m);
          }
          for (const sp of p.services)
            for (const sq of q.services) if (sp !== sq && knowsWanted(sp, sq)) meet(sp, sq, p.person, q.person, f.day, initiative, pairWeight, 'CO_PRESENCE');
        }
        // A visit is a meeting of two, the visitor and the host service, whatever the group.
        if (p.role === 'VISITOR' && f.host)
          for (const sp of p.services) if (sp !== f.host && knowsWanted(sp, f.host)) meet(sp, f.host, p.person, '', f.day, initiative, factor, 'VISIT');
      }
    }
  }
  for (const e of evidenceEncounters(evidence)) if (knowsWanted(e.s1, e.s2)) meet(e.s1, e.s2, e.p1, e.p2, e.day, '', e.weight, e.kind);
  const metOut = new Map<string, MetTie>();
  for (const [key, { parts, ...m }] of met) metOut.set(key, { ...m, weight: sumWeights(parts), initiatives: [...m.initiatives].sort(byString) });
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
      weights: sorted.map((e) => e.weight),
      kinds: sorted.map((e) => e.kind),
    });
  }
  return { met: metOut, knows };
}

/**
 * A fingerprint of a tie as it is written (every property, and the format they are stored in), kept
 * on the tie as `signature`: a rebuild compares it with the tie it computes and rewrites only the ties
 * that differ. 48 bits of SHA-1, an integer JavaScript and Neo4j both hold exactly.
 */
export function tieSignature(tie: MetTie | KnowsTie): number {
  return crypto.createHash('sha1').update(`${TIE_FORMAT}:`).update(JSON.stringify(tie)).digest().readUIntBE(0, 6);
}

/** The driver sends every JavaScript number as a float: only counts need toInteger. */
const WRITE_MET = cypher(
  'ties.writeMet',
  `UNWIND $rows AS row MATCH (a:Person {id: row.a}), (b:Person {id: row.b})
   CREATE (a)-[:MET {count: toInteger(row.count), weight: toFloat(row.weight), firstAt: date(row.firstAt), lastAt: date(row.lastAt), initiatives: row.initiatives,
                     signature: toInteger(row.signature)}]->(b)`,
);
const WRITE_KNOWS = cypher(
  'ties.writeKnows',
  `UNWIND $rows AS row MATCH (a:Service {id: row.a}), (b:Service {id: row.b})
   CREATE (a)-[:KNOWS {strength: toInteger(row.strength), weight: toFloat(row.weight), meetings: toInteger(row.meetings), visits: toInteger(row.visits),
                       firstAt: date(row.firstAt), lastAt: date(row.lastAt), dates: [d IN row.dates | date(d)], via: row.via,
                       encounterPeopleA: row.encounterPeopleA, encounterPeopleB: row.encounterPeopleB, weights: row.weights, kinds: row.kinds,
                       initiatives: row.initiatives, peopleA: row.peopleA, peopleB: row.peopleB, breadthA: toInteger(row.breadthA), breadthB: toInteger(row.breadthB),
                       signature: toInteger(row.signature)}]->(b)`,
);

type Signed<T> = T & { signature: number };
const signed = <T extends MetTie | KnowsTie>(tie: T): Signed<T> => ({ ...tie, signature: tieSignature(tie) });
const WRITE_OF = { met: WRITE_MET, knows: WRITE_KNOWS };

async function writeSigned(tx: Tx, kind: TieKind, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5000) await tx.run(WRITE_OF[kind], { rows: rows.slice(i, i + 5000) });
}

async function writeTies(tx: Tx, met: Iterable<MetTie>, knows: Iterable<KnowsTie>): Promise<void> {
  await writeSigned(tx, 'met', [...met].map(signed));
  await writeSigned(tx, 'knows', [...knows].map(signed));
}

// ---------------------------------------------------------------------------------------------
// Incremental refresh, inside the caller's transaction.

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
 * People who were never present anywhere, met no one and answered no survey carry no tie, so their services are left
 * alone: a first attendance list of registrations then costs no tie recomputation. (A person just
 * taken off a session still has the MET ties of it here: they are deleted later in the refresh.)
 */
const PEOPLE_SERVICES = cypher(
  'ties.peopleServices',
  `UNWIND $personIds AS pid MATCH (p:Person {id: pid})
   WHERE EXISTS { (p)-[:ATTENDED {status: 'PRESENT'}]->(:Session) } OR EXISTS { (p)-[:MET]-(:Person) } OR EXISTS { (p)-[:DECLARED_TIE]->(:Service) }
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
/**
 * The sessions that can feed a tie with BOTH ends among the given people or services (a refresh's
 * ties): those two or more of the people attended, or that two or more of the services took part in
 * (present staff, or the host). A busy service's other sessions, where it met only outsiders, are
 * not read: their ties have an end outside the scope, which the change cannot have altered.
 */
const SESSIONS_WITHIN = cypher(
  'ties.sessionsWithin',
  `CALL { UNWIND $personIds AS pid MATCH (:Person {id: pid})-[:ATTENDED {status: 'PRESENT'}]->(x:Session) RETURN x.id AS session, 'p' AS kind, pid AS member
          UNION UNWIND $serviceIds AS sid MATCH (:Service {id: sid})<-[w:WORKS_AT]-(:Person)-[:ATTENDED {status: 'PRESENT'}]->(x:Session)
                WHERE w.from <= date(x.startsAt) AND (w.to IS NULL OR w.to >= date(x.startsAt)) RETURN x.id AS session, 's' AS kind, sid AS member
          UNION UNWIND $serviceIds AS sid MATCH (:Service {id: sid})<-[:HOSTED_BY]-(x:Session) RETURN x.id AS session, 's' AS kind, sid AS member }
   WITH session, kind, count(DISTINCT member) AS members
   WITH session, max(members) AS most WHERE most >= 2
   RETURN collect(session) AS sessions`,
);
const SESSIONS_OF_PEOPLE = cypher('ties.sessionsOfPeople', 'UNWIND $personIds AS pid MATCH (:Person {id: pid})-[:ATTENDED]->(x:Session) RETURN collect(DISTINCT x.id) AS sessions');
/** The stored ties between two of the given people / services (each stored once, from the lower id). */
const DELETE_MET_WITHIN = cypher('ties.deleteMetWithin', 'UNWIND $personIds AS pid MATCH (:Person {id: pid})-[m:MET]->(o:Person) WHERE o.id IN $personIds DELETE m');
const DELETE_KNOWS_WITHIN = cypher('ties.deleteKnowsWithin', 'UNWIND $serviceIds AS sid MATCH (:Service {id: sid})-[k:KNOWS]->(o:Service) WHERE o.id IN $serviceIds DELETE k');

export interface TieChange {
  /** People whose attendance or survey answers changed (name them even when their session is named: one taken off it is no longer there). */
  personIds?: string[];
  /** Sessions created or changed (time, length, groups, attendance); before changing a host, take tieScope first. */
  sessionIds?: string[];
  /** People about to be deleted: every session they attended counts as changed (its groups shrink). */
  sessionsOfPeople?: string[];
  /** People whose employment changed (or is about to be deleted): their services' ties with everyone they met, visited or named. */
  employmentOf?: string[];
  /** Services whose ties the writer knows to change (the two ends of a referral, a host being replaced, an employment just deleted). */
  serviceIds?: string[];
}

/**
 * Everything a change touches, resolved now: take it BEFORE deleting a session, person or employment
 * or replacing a session's host, and pass it to refreshTies after. A refresh recomputes the MET ties
 * between two of these people and the KNOWS ties between two of these services.
 */
export interface TieScope {
  personIds: string[];
  serviceIds: string[];
}

/**
 * The services whose ties a change to these people's employment can alter: the services they work or
 * worked at, and at the other end of each of their encounters, the services of the people they were
 * present with, the hosts they visited and the services they named in a survey.
 */
const EMPLOYMENT_SCOPE = cypher(
  'ties.employmentScope',
  `UNWIND $personIds AS pid MATCH (p:Person {id: pid})
   CALL { WITH p MATCH (p)-[:WORKS_AT]->(s:Service) RETURN s.id AS service
          UNION WITH p MATCH (p)-[:ATTENDED {status: 'PRESENT'}]->(:Session)<-[:ATTENDED {status: 'PRESENT'}]-(:Person)-[:WORKS_AT]->(s:Service) RETURN s.id AS service
          UNION WITH p MATCH (p)-[:ATTENDED {status: 'PRESENT'}]->(:Session)-[:HOSTED_BY]->(s:Service) RETURN s.id AS service
          UNION WITH p MATCH (p)-[:DECLARED_TIE]->(s:Service) RETURN s.id AS service }
   RETURN collect(DISTINCT service) AS services`,
);

export async function tieScope(tx: Tx, change: TieChange): Promise<TieScope> {
  const people = new Set([...(change.personIds ?? []), ...(change.employmentOf ?? [])]);
  const services = new Set(change.serviceIds ?? []);
  const sessionIds = [...(change.sessionIds ?? [])];
  if (change.sessionsOfPeople?.length) {
    const [row] = await tx.run<{ sessions: string[] }>(SESSIONS_OF_PEOPLE, { personIds: change.sessionsOfPeople });
    sessionIds.push(...(row?.sessions ?? []));
  }
  if (sessionIds.length) {
    for (const row of await tx.run<{ people: string[]; hosts: string[] }>(SESSION_SCOPE, { sessionIds })) {
      row.people.forEach((p) => people.add(p));
      row.hosts.forEach((h) => services.add(h));
    }
  }
  if (people.size) {
    const [row] = await tx.run<{ services: string[] }>(PEOPLE_SERVICES, { personIds: [...people] });
    row?.services.forEach((s) => services.add(s));
  }
  if (change.employmentOf?.length) {
    const [row] = await tx.run<{ services: string[] }>(EMPLOYMENT_SCOPE, { personIds: change.employmentOf });
    row?.services.forEach((s) => services.add(s));
  }
  return { personIds: sortedUnique(people), serviceIds: sortedUnique(services) };
}

/**
 * Write locks on the people and services of a refresh's scope, held until the writer's transaction
 * ends (a property set and removed at once: Neo4j keeps the lock, the node keeps its data). Taken in
 * one order (people, then services, each by id) so that writers locking at once rarely deadlock;
 * when they do, the transaction is run again (driver.ts).
 */
const LOCK_NODES = cypher(
  'ties.lockNodes',
  `CALL { UNWIND $personIds AS id MATCH (p:Person {id: id}) SET p.tieLock = true REMOVE p.tieLock RETURN count(*) AS people }
   CALL { UNWIND $serviceIds AS id MATCH (s:Service {id: id}) SET s.tieLock = true REMOVE s.tieLock RETURN count(*) AS services }
   RETURN people + services AS locked`,
);

/**
 * Recomputes, inside the caller's write transaction, every tie the change can have altered: the MET
 * ties between two people of its scope and the KNOWS ties between two of its services (a change
 * alters no tie with an end outside its scope: tieScope puts both ends of each one in).
 *
 * Locks only its scope, so writes to unrelated sessions do not wait on each other. Two writers that
 * could compute the same tie both have its two ends in scope, so they are serialised on them. The
 * scope is read before locking; it is read again under the locks and, should a concurrent writer
 * have widened it meanwhile, the new nodes are locked and it is read again, until all of it is locked.
 */
export async function refreshTies(tx: Tx, change: TieChange): Promise<void> {
  const locked = { people: new Set<string>(), services: new Set<string>() };
  for (;;) {
    const scope = await tieScope(tx, change);
    if (scope.personIds.length === 0 && scope.serviceIds.length === 0) return;
    const missing = { personIds: scope.personIds.filter((p) => !locked.people.has(p)), serviceIds: scope.serviceIds.filter((s) => !locked.services.has(s)) };
    if (missing.personIds.length === 0 && missing.serviceIds.length === 0) {
      const [touching] = await tx.run<{ sessions: string[] }>(SESSIONS_WITHIN, { ...scope });
      const facts = await tx.run<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: touching?.sessions ?? [] });
      const evidence = await evidenceIn(tx, scope.serviceIds);
      const { met, knows } = computeTies(facts, { people: new Set(scope.personIds), services: new Set(scope.serviceIds), bothEnds: true }, evidence);
      await tx.run(DELETE_MET_WITHIN, { personIds: scope.personIds });
      await tx.run(DELETE_KNOWS_WITHIN, { serviceIds: scope.serviceIds });
      await writeTies(tx, met.values(), knows.values());
      metrics.tieRefreshes.inc();
      return;
    }
    await tx.run(LOCK_NODES, missing);
    missing.personIds.forEach((p) => locked.people.add(p));
    missing.serviceIds.forEach((s) => locked.services.add(s));
  }
}

/** After a change to these people's employment (not a deletion of the person or of an employment; not their attendance: see refreshTiesForSessions). */
export const refreshTiesForPeople = (tx: Tx, personIds: string[]) => refreshTies(tx, { employmentOf: personIds });
/** After creating or changing these sessions (date, host) or their attendance lists (not a deletion of the session). */
export const refreshTiesForSessions = (tx: Tx, sessionIds: string[]) => refreshTies(tx, { sessionIds });

// ---------------------------------------------------------------------------------------------
// Full rebuild.

/** Everyone a MET tie can start from: people present somewhere, and those still holding a MET tie (a rebuild deletes it). */
const ALL_PEOPLE_IDS = cypher(
  'ties.allPeopleIds',
  "MATCH (p:Person) WHERE EXISTS { (p)-[:ATTENDED {status: 'PRESENT'}]->() } OR EXISTS { (p)-[:MET]->() } RETURN p.id AS id ORDER BY id",
);
const ALL_SERVICE_IDS = cypher('ties.allServiceIds', 'MATCH (s:Service) RETURN s.id AS id ORDER BY id');
const SESSION_COUNT = cypher('ties.sessionCount', 'MATCH (x:Session) RETURN count(x) AS n');
/** One kind of derived tie, a batch at a time (a rewriting rebuild deletes them all first). */
const DELETE_ALL_OF = {
  met: cypher('ties.deleteAllMet', 'MATCH ()-[t:MET]->() WITH t LIMIT 50000 DELETE t RETURN count(*) AS deleted'),
  knows: cypher('ties.deleteAllKnows', 'MATCH ()-[t:KNOWS]->() WITH t LIMIT 50000 DELETE t RETURN count(*) AS deleted'),
};
/** The stored ties starting at these people or services, with their signatures: every stored tie starts at one node of some block. */
const STORED_TIES_OF = {
  met: cypher('ties.storedMet', 'UNWIND $ids AS id MATCH (a:Person {id: id})-[t:MET]->(b) RETURN a.id AS a, collect([b.id, t.signature]) AS ties'),
  knows: cypher('ties.storedKnows', 'UNWIND $ids AS id MATCH (a:Service {id: id})-[t:KNOWS]->(b) RETURN a.id AS a, collect([b.id, t.signature]) AS ties'),
};
/** Every stored tie from `a` to one of `bs` (duplicates included), or every tie from `a` (`all`: no list to search for each). */
const DELETE_STALE_OF = {
  met: cypher('ties.deleteStaleMet', 'UNWIND $stale AS s MATCH (a:Person {id: s.a})-[t:MET]->(b) WHERE s.all OR b.id IN s.bs DELETE t'),
  knows: cypher('ties.deleteStaleKnows', 'UNWIND $stale AS s MATCH (a:Service {id: s.a})-[t:KNOWS]->(b) WHERE s.all OR b.id IN s.bs DELETE t'),
};
/**
 * People or services per block of a rebuild: what one block's sessions and ties cost in memory. A
 * worker holds two blocks at once (one written, the next computed) and its helper one; three blocks
 * of services hold about a region's (S) KNOWS ties with every encounter, which Node's default heap
 * holds beside a block of people's MET ties.
 */
const REBUILD_BLOCK = { met: 10_000, knows: 2_000 };
/** Ties deleted or written per transaction of a rebuild. */
const REBUILD_TX_TIES = 20_000;

export interface RebuildReport {
  /** Ties the attendance lists and evidence imply. */
  met: number;
  knows: number;
  /** Ties written because the stored one differed or was missing. */
  written: number;
  /** Stored ties deleted: implied by nothing any more, differing, or (rewrite) all of them. */
  deleted: number;
  sessions: number;
  ms: number;
}

export interface RebuildOptions {
  /** People or services per block (tests use tiny blocks). */
  blockSize?: number;
  /** Delete every tie first and write them all, instead of rewriting only the ties that differ. */
  rewrite?: boolean;
}

/**
 * The shape of the stored ties. Bump it when what a MET or KNOWS holds changes: a database whose ties
 * were written in an older shape is rebuilt at start (see ensureTiesCurrent), or windowed figures
 * would read properties that are not there.
 */
export const TIE_FORMAT = 4;
const READ_TIE_FORMAT = cypher(
  'ties.readFormat',
  "OPTIONAL MATCH (l:TieLock {id: 'ties'}) RETURN l.format AS format, EXISTS { MATCH (:Session) } OR EXISTS { MATCH (:Service)-[:REFERRED|AGREEMENT]->(:Service) } OR EXISTS { MATCH (:Person)-[:DECLARED_TIE]->(:Service) } AS hasSessions",
);
const WRITE_TIE_FORMAT = cypher('ties.writeFormat', "MERGE (l:TieLock {id: 'ties'}) SET l.format = $format");

/** Rewrites every tie when they were stored in an older format (an upgrade). Returns the rebuild, or null when nothing was needed. */
export async function ensureTiesCurrent(db: Db): Promise<RebuildReport | null> {
  const [row] = await db.read<{ format: number | null; hasSessions: boolean }>(READ_TIE_FORMAT);
  if (row?.format === TIE_FORMAT) return null;
  if (!row?.hasSessions) {
    await db.write(WRITE_TIE_FORMAT, { format: TIE_FORMAT });
    return null;
  }
  return rebuildAllTies(db, { rewrite: true });
}

type TieKind = 'met' | 'knows';

/** Stored ties to delete: from `a` to each of `bs`, or (`all`) every tie from `a`; `ties` of them in all. */
export interface StaleTies {
  a: string;
  bs: string[];
  all: boolean;
  ties: number;
}

export interface StoredTies {
  a: string;
  /** [other end, signature (null: written before signatures)] */
  ties: Array<[string, number | null]>;
}

/**
 * Pure: what a rebuild changes in one block. A computed tie stays when exactly one tie is stored
 * between its ends, from its lower id, with its signature; otherwise it is written, and whatever is
 * stored between its ends deleted. A stored tie no computed tie matches is deleted.
 */
export function tieChanges<T extends { a: string; b: string; signature: number }>(computed: T[], stored: StoredTies[]): { write: T[]; stale: StaleTies[]; deleted: number } {
  const storedAt = new Map<string, Array<number | null>>();
  for (const { a, ties } of stored)
    for (const [b, signature] of ties) {
      const key = `${a}|${b}`;
      const signatures = storedAt.get(key);
      if (signatures) signatures.push(signature);
      else storedAt.set(key, [signature]);
    }
  const write: T[] = [];
  const staleFrom = new Map<string, { bs: string[]; ties: number }>();
  const stale = (key: string, signatures: Array<number | null>) => {
    const [a, b] = key.split('|') as [string, string];
    const from = staleFrom.get(a) ?? { bs: [], ties: 0 };
    from.bs.push(b);
    from.ties += signatures.length;
    staleFrom.set(a, from);
  };
  for (const tie of computed) {
    const key = `${tie.a}|${tie.b}`;
    const signatures = storedAt.get(key);
    storedAt.delete(key);
    if (signatures?.length === 1 && signatures[0] === tie.signature) continue;
    write.push(tie);
    if (signatures) stale(key, signatures);
  }
  for (const [key, signatures] of storedAt) stale(key, signatures);
  const storedFrom = new Map(stored.map(({ a, ties }) => [a, ties.length]));
  const staleTies = [...staleFrom].map(([a, { bs, ties }]) => (ties === storedFrom.get(a) ? { a, bs: [], all: true, ties } : { a, bs, all: false, ties }));
  return { write, stale: staleTies, deleted: staleTies.reduce((n, s) => n + s.ties, 0) };
}

/** The blocks of one kind still to rebuild: its own worker takes them from the front, the other worker from the back. */
interface BlockQueue {
  kind: TieKind;
  blocks: string[][];
  front: number;
  back: number;
  ties: number;
  written: number;
  deleted: number;
  /** Its old ties are deleted (rewrite) or need not be: its blocks may be written. */
  ready: boolean;
}

const blocksOf = (kind: TieKind, ids: string[], size: number): BlockQueue => {
  const blocks: string[][] = [];
  for (let i = 0; i < ids.length; i += size) blocks.push(ids.slice(i, i + size));
  return { kind, blocks, front: 0, back: blocks.length - 1, ties: 0, written: 0, deleted: 0, ready: false };
};

/** Groups of stale ties of at most `size` ties each (one start's may go over), for one transaction apiece. */
function chunksOfStale(stale: StaleTies[], size: number): StaleTies[][] {
  const chunks: StaleTies[][] = [];
  let current: StaleTies[] = [];
  let ties = 0;
  for (const entry of stale) {
    if (ties + entry.ties > size && current.length) {
      chunks.push(current);
      current = [];
      ties = 0;
    }
    current.push(entry);
    ties += entry.ties;
  }
  if (current.length) chunks.push(current);
  return chunks;
}

/**
 * (Rewrite: deletes every tie of its own kind first.) Rebuilds its own kind's blocks, then helps with
 * the other kind's: from the back of its queue, and only while at least three blocks are left, so
 * that the two writers of one kind work on ids far apart and rarely wait on each other's locks (a
 * deadlock is retried).
 */
async function rebuildWorker(db: Db, own: BlockQueue, other: BlockQueue, rewrite: boolean): Promise<void> {
  if (rewrite) own.deleted += await deleteAllOf(db, own.kind);
  own.ready = true;
  let writing: Promise<void> = Promise.resolve();
  // Reads in retried transactions: the other writer changes the relationship chains of the
  // people and services they walk, and Neo4j then asks a read that met the change to run again.
  const read = <T extends Row>(query: NamedQuery, params: Record<string, unknown>) => db.readTx((tx) => tx.run<T>(query, params));
  for (;;) {
    const queue = own.front <= own.back ? own : other.ready && other.back - other.front >= 2 ? other : null;
    if (!queue) break;
    const block = queue === own ? own.blocks[own.front++]! : other.blocks[other.back--]!;
    // A helper holds one block at a time: the other kind's worker already holds two of them.
    if (queue !== own) await writing;
    const kind = queue.kind;
    const change = kind === 'met' ? { personIds: block, serviceIds: [] } : { personIds: [], serviceIds: block };
    const [touching] = await read<{ sessions: string[] }>(SESSIONS_TOUCHING, change);
    const sessionIds = touching?.sessions ?? [];
    const facts: SessionFacts[] = [];
    for (let j = 0; j < sessionIds.length; j += 2000)
      facts.push(...(await read<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { sessionIds: sessionIds.slice(j, j + 2000) })));
    const set = new Set(block);
    const evidence = kind === 'knows' ? await readEvidenceFacts(read, block) : NO_EVIDENCE;
    const ties = computeTies(facts, { people: kind === 'met' ? set : new Set(), services: kind === 'knows' ? set : new Set(), lowerEndOnly: true }, evidence);
    const rows: Array<Signed<MetTie | KnowsTie>> = kind === 'met' ? [...ties.met.values()].map(signed) : [...ties.knows.values()].map(signed);
    queue.ties += rows.length;
    // One block is compared and written while the next is read and computed.
    await writing;
    writing = (async () => {
      const stored = rewrite ? [] : await read<StoredTies & Row>(STORED_TIES_OF[kind], { ids: block });
      const { write, stale, deleted } = tieChanges(rows, stored);
      for (const chunk of chunksOfStale(stale, REBUILD_TX_TIES)) await db.writeTx((tx) => tx.run(DELETE_STALE_OF[kind], { stale: chunk }));
      for (let j = 0; j < write.length; j += REBUILD_TX_TIES) await db.writeTx((tx) => writeSigned(tx, kind, write.slice(j, j + REBUILD_TX_TIES)));
      queue.written += write.length;
      queue.deleted += deleted;
    })();
    // A failed write is awaited at the next block or at the end; until then it is not unhandled.
    writing.catch(() => undefined);
  }
  await writing;
}

async function deleteAllOf(db: Db, kind: TieKind): Promise<number> {
  let total = 0;
  for (;;) {
    const [row] = await db.write<{ deleted: number }>(DELETE_ALL_OF[kind]);
    if (!row || row.deleted === 0) return total;
    total += row.deleted;
  }
}

/**
 * Recomputes every tie from the attendance lists and the other evidence, and makes the stored ties
 * equal to them. By blocks, so memory stays bounded at any scale: MET ties for a block of people
 * (those whose lower id is in it), KNOWS ties for a block of services, each from the sessions that
 * can feed them (the same lookup the incremental refresh uses).
 *
 * Each block's computed ties are compared with the stored ones by signature (tieSignature): only the
 * ties that differ are deleted and written, so a rebuild of ties that were right writes nothing, and
 * one interrupted picks up where it stopped when run again. `rewrite` deletes every tie first and
 * writes them all (an upgrade of the tie format, or stored ties changed by hand outside the API,
 * which keep a signature that no longer says what they hold).
 *
 * Two workers, one per kind, rebuild MET and KNOWS side by side: their ends are disjoint (people,
 * services), so they never wait on each other's locks, and the database works on two cores. The
 * first done helps with the other kind (rebuildWorker). Each reads and computes its next block while
 * the previous one is compared and written.
 */
export async function rebuildAllTies(db: Db, options: RebuildOptions = {}): Promise<RebuildReport> {
  const started = Date.now();
  const rewrite = options.rewrite ?? false;
  const ids = async (query: NamedQuery) => (await db.read<{ id: string }>(query)).map((r) => r.id);
  const met = blocksOf('met', await ids(ALL_PEOPLE_IDS), options.blockSize ?? REBUILD_BLOCK.met);
  const knows = blocksOf('knows', await ids(ALL_SERVICE_IDS), options.blockSize ?? REBUILD_BLOCK.knows);
  await Promise.all([rebuildWorker(db, met, knows, rewrite), rebuildWorker(db, knows, met, rewrite)]);
  await db.write(WRITE_TIE_FORMAT, { format: TIE_FORMAT });
  const [sessions] = await db.read<{ n: number }>(SESSION_COUNT);
  return {
    met: met.ties,
    knows: knows.ties,
    written: met.written + knows.written,
    deleted: met.deleted + knows.deleted,
    sessions: sessions?.n ?? 0,
    ms: Date.now() - started,
  };
}
