/**
 * The rules engine: the one place the initiatives' rules are checked, by every write path — the
 * mutations, `importCsv` and `npm run import` (import.ts), HSDS (through import.ts) — and by
 * `editionValidation` / `closeEdition`. Each check runs inside the write transaction, on the state
 * the write would produce, before anything is written (DESIGN.md §1).
 *
 * Facts are read set-based (one statement per kind of fact for a whole batch: sessions, people,
 * edition members), then the rules are evaluated in memory, change after change, so that the rows
 * of one batch see each other (a 16th visitor on the same list is refused like a 16th registration).
 * The parameters come from the programme declarations (src/modules/initiatives/programmes.ts).
 *
 * Messages name no person (import reports are read by people who must not learn ids or names from
 * them): a row is found by its number, a mutation by its arguments.
 */
import { cypher, type Tx } from '../../neo4j/driver';
import { tieScope } from '../network/ties';
import { programmeOf, roleRule, ROLES_WITHOUT_EMPLOYMENT, type Programme } from '../initiatives/programmes';
import { AGREEMENT_KINDS, parsePeriod } from '../evidence/weights';
import type { UserErrorRow } from './model';

export const violation = (code: string, field: string | null, message: string): UserErrorRow => ({ code, field, message });

/** A rule broken: the transaction is rolled back and the errors answered. */
export class RuleViolation extends Error {
  constructor(readonly errors: UserErrorRow[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

/**
 * Codes that say an edition is not complete yet (a minimum not reached, a host that has not sent
 * anyone yet): no single write can keep them away, so they are reported by editionValidation and
 * refused by closeEdition only. Every other code is refused on every write.
 */
export const COMPLETENESS_CODES = new Set(['ROLE_MISSING', 'HOST_AND_SEND']);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (ms: number) => new Date(ms).getUTCMonth() + 1;
const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);

// ---------------------------------------------------------------------------------------------
// Facts

export interface Job {
  service: string;
  organisation: string | null;
  from: string;
  to: string | null;
}
interface Attendee {
  person: string;
  role: string;
  status: string;
}
interface SessionBase {
  id: string;
  edition: string;
  closed: boolean;
  kind: string;
  programme: string | null;
  start: number;
  end: number;
  capacity: number | null;
  host: string | null;
  hostOrganisation: string | null;
}
/** A session and everyone registered: what validating an edition or moving a session reads. */
export interface SessionFacts extends SessionBase {
  attendees: Attendee[];
}
/**
 * A session as the attendance rules see it: its places taken and roles held as counts, and the
 * attendance of the people the changes name only. Reading every attendee of a large session for
 * each batch of an import cost more than the batch's checks.
 */
interface SessionSeats extends SessionBase {
  taken: number;
  roles: Map<string, number>;
  people: Map<string, Attendee>;
}
interface PersonFacts {
  id: string;
  exists: boolean;
  jobs: Job[];
  booked: Array<{ session: string; start: number; end: number; role: string; status: string }>;
}
interface Member {
  roles: Set<string>;
  /** The organisation the person worked for at their first session of the edition: the one they were admitted for. */
  organisation: string | null;
}
export interface EditionFacts {
  id: string;
  initiative: string;
  kind: string;
  programme: string | null;
  startsOn: string;
  endsOn: string;
  closed: boolean;
  language: string;
  cycle: string;
  sessions: Array<{ id: string; start: number; end: number }>;
}
interface HostFacts {
  id: string;
  sectors: string[];
  rezoneArea: boolean;
  organisation: string | null;
}

/**
 * Write locks, taken first and in one order (sessions, editions, people, services; each by id):
 * concurrent writes to one session, edition or person queue here. The editions locked are those
 * named and those of the sessions (a session's edition cannot change while the session is locked,
 * so they need not be read first). The people and services whose ties the write's tie refresh will
 * recompute are locked here too, in the same order, rather than later by the refresh: writers that
 * took their own locks first and then each other's would deadlock.
 */
const LOCK = cypher(
  'rules.lock',
  `CALL { UNWIND $sessions AS id MATCH (x:Session {id: id}) SET x._lock = true REMOVE x._lock }
   CALL { CALL { UNWIND $editions AS id MATCH (e:Edition {id: id}) RETURN e
                 UNION UNWIND $sessions AS id MATCH (:Session {id: id})-[:IN]->(e:Edition) RETURN e }
          WITH e ORDER BY e.id SET e._lock = true REMOVE e._lock }
   CALL { UNWIND $persons AS id MATCH (p:Person {id: id}) SET p._lock = true REMOVE p._lock }
   CALL { UNWIND $services AS id MATCH (s:Service {id: id}) SET s._lock = true REMOVE s._lock }
   RETURN 1 AS locked`,
);
/** A session's SessionBase columns, by id; SESSION_FACTS and SESSION_SEATS add its registrations. */
const SESSION_BASE = `UNWIND $ids AS id MATCH (x:Session {id: id})-[:IN]->(e:Edition)-[:OF]->(i:Initiative)
   RETURN x.id AS id, e.id AS edition, coalesce(e.closed, false) AS closed, i.kind AS kind, i.programme AS programme,
          x.startsAt.epochMillis AS start, x.endsAt.epochMillis AS end, x.capacity AS capacity,
          head([(x)-[:HOSTED_BY]->(h:Service) | h.id]) AS host, head([(x)-[:HOSTED_BY]->(:Service)<-[:RUNS]-(o:Organisation) | o.id]) AS hostOrganisation`;
const SESSION_FACTS = cypher(
  'rules.sessionFacts',
  `${SESSION_BASE},
          [(x)<-[a:ATTENDED]-(p:Person) | {person: p.id, role: a.role, status: a.status}] AS attendees`,
);
/** SESSION_FACTS with counts instead of attendees: a count of ATTENDED is the node's degree, read without visiting anyone. */
const SESSION_SEATS = cypher(
  'rules.sessionSeats',
  `${SESSION_BASE},
          COUNT { (x)<-[:ATTENDED]-() } AS taken,
          COLLECT { MATCH (x)<-[a:ATTENDED]-() WITH a.role AS role, count(*) AS n RETURN {role: role, n: n} } AS roles`,
);
const PERSON_FACTS = cypher(
  'rules.personFacts',
  `UNWIND $ids AS id OPTIONAL MATCH (p:Person {id: id})
   RETURN id, p IS NOT NULL AS exists,
          [(p)-[w:WORKS_AT]->(s:Service) | {service: s.id, organisation: head([(s)<-[:RUNS]-(o:Organisation) | o.id]), from: toString(w.from), to: toString(w.to)}] AS jobs,
          [(p)-[a:ATTENDED]->(y:Session) | {session: y.id, start: y.startsAt.epochMillis, end: y.endsAt.epochMillis, role: a.role, status: a.status}] AS booked`,
);
const MEMBERS = cypher(
  'rules.members',
  `UNWIND $ids AS id MATCH (e:Edition {id: id})<-[:IN]-(y:Session)<-[a:ATTENDED]-(q:Person)
   WITH e, q, a, y ORDER BY y.startsAt
   WITH e, q, collect(DISTINCT a.role) AS roles, head(collect(y)) AS first
   RETURN e.id AS edition, q.id AS person, roles,
          head([(q)-[w:WORKS_AT]->(:Service)<-[:RUNS]-(o:Organisation) WHERE w.from <= date(first.startsAt) AND (w.to IS NULL OR w.to >= date(first.startsAt)) | o.id]) AS organisation`,
);
const EDITION_FACTS = cypher(
  'rules.editionFacts',
  `UNWIND $ids AS id MATCH (e:Edition {id: id})-[:OF]->(i:Initiative)
   RETURN e.id AS id, i.id AS initiative, i.kind AS kind, i.programme AS programme, toString(e.startsOn) AS startsOn, toString(e.endsOn) AS endsOn,
          coalesce(e.closed, false) AS closed, e.language AS language, e.cycle AS cycle,
          [(e)<-[:IN]-(x:Session) | {id: x.id, start: x.startsAt.epochMillis, end: x.endsAt.epochMillis}] AS sessions`,
);
const HOST_FACTS = cypher(
  'rules.hostFacts',
  `UNWIND $ids AS id MATCH (h:Service {id: id})
   RETURN h.id AS id, [(h)-[:IN_SECTOR]->(c:Sector) | c.code] AS sectors, EXISTS { (h)-[:LOCATED_IN]->(:Neighbourhood {rezoneArea: true}) } AS rezoneArea,
          head([(h)<-[:RUNS]-(o:Organisation) | o.id]) AS organisation`,
);
const SIBLINGS = cypher('rules.siblings', `MATCH (i:Initiative {id: $initiative})<-[:OF]-(e:Edition {cycle: $cycle}) WHERE e.id <> $edition RETURN e.language AS language`);

const sorted = (xs: Iterable<string>) => [...new Set(xs)].sort();

/** `ties: false`: the write refreshes no tie (it records and takes back no presence), so no tie's ends are locked. */
async function lock(tx: Tx, sessions: Iterable<string>, editions: Iterable<string>, persons: Iterable<string>, opts: { ties: boolean } = { ties: true }): Promise<void> {
  const [sessionIds, personIds] = [[...sessions], [...persons]];
  const ties = opts.ties ? await tieScope(tx, { personIds, sessionIds }) : { personIds: [], serviceIds: [] };
  await tx.run(LOCK, { sessions: sorted(sessionIds), editions: sorted(editions), persons: sorted([...personIds, ...ties.personIds]), services: ties.serviceIds });
}

const jobOn = (jobs: Job[], day: string) => jobs.find((j) => j.from <= day && (j.to === null || j.to >= day)) ?? null;

// ---------------------------------------------------------------------------------------------
// Attendance: registrations, presence, role changes

export interface AttendanceChange {
  person: string;
  session: string;
  role: string;
  status: string;
  /** A person an import creates with this row: their employment starts on `since`. */
  newPerson?: { service: string; organisation: string; since: string };
}

/** The input field each check blames: mutation arguments, or import columns. */
export interface AttendanceFields {
  person: string;
  session: string;
  role: string;
  status: string;
}
export const MUTATION_FIELDS: AttendanceFields = { person: 'personId', session: 'sessionId', role: 'role', status: 'status' };

/**
 * The state a batch of attendance changes is checked against: what the graph holds for the
 * sessions, people and editions concerned, plus the changes accepted so far.
 */
export class AttendanceState {
  constructor(
    readonly sessions: Map<string, SessionSeats>,
    readonly persons: Map<string, PersonFacts>,
    readonly members: Map<string, Map<string, Member>>,
  ) {}

  /**
   * `lock`: take the write's locks first, then read (another writer may have changed what is read
   * while we waited). `ties: false` when the write will refresh no tie (see lock).
   */
  static async load(tx: Tx, changes: AttendanceChange[], opts: { lock: boolean; ties?: boolean }): Promise<AttendanceState> {
    const sessionIds = sorted(changes.map((c) => c.session));
    const personIds = sorted(changes.filter((c) => !c.newPerson).map((c) => c.person));
    if (opts.lock) await lock(tx, sessionIds, [], personIds, { ties: opts.ties ?? true });
    const sessions = await tx.run<SessionBase & { taken: number; roles: Array<{ role: string; n: number }> } & Record<string, unknown>>(SESSION_SEATS, { ids: sessionIds });
    const personRows = personIds.length ? await tx.run<PersonFacts & Record<string, unknown>>(PERSON_FACTS, { ids: personIds }) : [];
    const memberEditions = sorted(sessions.filter((s) => needsMembers(programmeOf(s.kind, s.programme))).map((s) => s.edition));
    const memberRows = memberEditions.length
      ? await tx.run<{ edition: string; person: string; roles: string[]; organisation: string | null }>(MEMBERS, { ids: memberEditions })
      : [];
    const seats = sessions.map((s): SessionSeats => ({ ...s, roles: new Map(s.roles.map((r) => [r.role, r.n])), people: new Map() }));
    const state = new AttendanceState(new Map(seats.map((s) => [s.id, s])), new Map(personRows.map((p) => [p.id, p])), new Map());
    // The attendance of the people named, seen from their side (a person attends few sessions).
    for (const p of personRows) for (const b of p.booked) state.sessions.get(b.session)?.people.set(p.id, { person: p.id, role: b.role, status: b.status });
    for (const e of memberEditions) state.members.set(e, new Map());
    for (const m of memberRows) state.members.get(m.edition)?.set(m.person, { roles: new Set(m.roles), organisation: m.organisation });
    for (const c of changes) {
      if (c.newPerson && !state.persons.has(c.person)) {
        state.persons.set(c.person, {
          id: c.person,
          exists: true,
          jobs: [{ service: c.newPerson.service, organisation: c.newPerson.organisation, from: c.newPerson.since, to: null }],
          booked: [],
        });
      }
    }
    return state;
  }

  /** Every rule the change would break, in the state so far (empty: it may be written). */
  check(c: AttendanceChange, fields: AttendanceFields = MUTATION_FIELDS, opts: { skipCapacity?: boolean } = {}): UserErrorRow[] {
    const s = this.sessions.get(c.session);
    if (!s) return [violation('NOT_FOUND', fields.session, `No session "${c.session}"`)];
    const p = this.persons.get(c.person);
    if (!p?.exists) return [violation('NOT_FOUND', fields.person, 'No such person')];
    const programme = programmeOf(s.kind, s.programme);
    const errors: UserErrorRow[] = [];
    const existing = s.people.get(c.person);
    const held = (role: string) => (s.roles.get(role) ?? 0) - (existing?.role === role ? 1 : 0);
    if (s.closed) errors.push(violation('EDITION_CLOSED', fields.session, `Edition ${s.edition} is closed (reopenEdition first)`));
    if (!opts.skipCapacity) {
      const taken = s.taken + (existing ? 0 : 1);
      if (s.capacity !== null && taken > s.capacity) errors.push(violation('CAPACITY_FULL', fields.session, `Session ${s.id} is full (${s.taken} of ${s.capacity} places taken)`));
      const slot = programme.openDoor;
      if (slot && c.role === 'VISITOR') {
        const visitors = held('VISITOR') + 1;
        if (visitors > slot.visitorsPerSlot)
          errors.push(violation('CAPACITY_FULL', fields.session, `Slot ${s.id} already has ${visitors - 1} visitors (at most ${slot.visitorsPerSlot} per slot)`));
      }
    }
    const clashes = p.booked.filter((b) => b.session !== s.id && b.start < s.end && s.start < b.end).map((b) => b.session);
    if (clashes.length) errors.push(violation('DOUBLE_BOOKED', fields.person, `This person already attends ${sorted(clashes).join(', ')} at that time`));
    const job = jobOn(p.jobs, isoDay(s.start));
    if (!job && !ROLES_WITHOUT_EMPLOYMENT.includes(c.role as never)) {
      errors.push(violation('NOT_EMPLOYED', fields.person, `This person works at no service on ${isoDay(s.start)} (only ${ROLES_WITHOUT_EMPLOYMENT.join(', ')} need not)`));
    }
    const members = this.members.get(s.edition);
    if (programme.onePersonPerOrganisation && job?.organisation && members && !members.has(c.person)) {
      if ([...members.values()].some((m) => m.organisation === job.organisation)) {
        errors.push(violation('ONE_PER_ORGANISATION', fields.person, `Another person of organisation ${job.organisation} is already in this group (one person per organisation)`));
      }
    }
    const rule = roleRule(programme, c.role);
    if (rule) {
      const holders = rule.per === 'SESSION' ? held(c.role) : [...(members?.entries() ?? [])].filter(([id, m]) => id !== c.person && m.roles.has(c.role)).length;
      if (holders >= rule.max)
        errors.push(violation('ROLE_LIMIT', fields.role, `${c.role}: at most ${rule.max} per ${rule.per.toLowerCase()} in ${programme.code}, and ${holders} already`));
    }
    if (programme.immersion?.otherOrganisation && job?.organisation && job.organisation === s.hostOrganisation) {
      errors.push(violation('OWN_ORGANISATION', fields.session, `An immersion takes place at another organisation than the visitor's own (${job.organisation})`));
    }
    return errors;
  }

  /** The change is accepted: later changes see it. */
  apply(c: AttendanceChange): void {
    const s = this.sessions.get(c.session);
    const p = this.persons.get(c.person);
    if (!s || !p) return;
    const existing = s.people.get(c.person);
    if (existing) {
      s.roles.set(existing.role, (s.roles.get(existing.role) ?? 0) - 1);
      Object.assign(existing, { role: c.role, status: c.status });
    } else {
      s.people.set(c.person, { person: c.person, role: c.role, status: c.status });
      s.taken += 1;
      p.booked.push({ session: s.id, start: s.start, end: s.end, role: c.role, status: c.status });
    }
    s.roles.set(c.role, (s.roles.get(c.role) ?? 0) + 1);
    const members = this.members.get(s.edition);
    if (members) {
      const m = members.get(c.person) ?? { roles: new Set<string>(), organisation: jobOn(p.jobs, isoDay(s.start))?.organisation ?? null };
      m.roles.add(c.role);
      members.set(c.person, m);
    }
  }

  /** Checks the changes in order; accepted ones are applied. Answers the errors of each change. */
  checkAll(changes: AttendanceChange[], fields: AttendanceFields): UserErrorRow[][] {
    return changes.map((c) => {
      const errors = this.check(c, fields);
      if (!errors.length) this.apply(c);
      return errors;
    });
  }
}

/**
 * What is wrong with a group name (a table, a visit group), or null. '' is allowed: it takes the
 * group away. Groups are labels of one session (`T1`, `Table 3`, `Groupe B`), not free text.
 */
export function groupProblem(group: string): string | null {
  if (group.length > 40) return 'a group is a short label (40 characters at most)';
  // eslint-disable-next-line no-control-regex -- control characters are what it looks for
  if (group !== group.trim() || /[\u0000-\u001f]/.test(group)) return 'no leading or trailing spaces or control characters';
  return null;
}

const needsMembers = (p: Programme) => Boolean(p.onePersonPerOrganisation) || p.roles.some((r) => r.per === 'EDITION');

/** For the mutations: one change, refused with every rule it breaks. */
export async function checkAttendanceChange(tx: Tx, change: AttendanceChange): Promise<{ existed: boolean }> {
  const state = await AttendanceState.load(tx, [change], { lock: true });
  const existed = Boolean(state.sessions.get(change.session)?.people.has(change.person));
  const errors = state.check(change);
  if (errors.length) throw new RuleViolation(errors);
  return { existed };
}

/** Current role and status of an attendance, for a status change checked like a registration. */
export function currentAttendance(state: AttendanceState, person: string, session: string): Attendee | undefined {
  return state.sessions.get(session)?.people.get(person);
}

// ---------------------------------------------------------------------------------------------
// Sessions: creating, moving (time, edition), resizing, rehosting

export interface SessionDraft {
  id: string;
  editionId: string;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  hostId?: string | null;
}

/** The session-level rules of a programme, on a session as it would be. Pure: shared with editionValidation. */
function sessionProblems(
  s: { id: string; start: number; end: number; capacity: number | null; host: string | null },
  e: EditionFacts,
  host: HostFacts | null,
  field: (name: 'startsAt' | 'endsAt' | 'capacity' | 'hostId' | 'editionId') => string,
): UserErrorRow[] {
  const p = programmeOf(e.kind, e.programme);
  const errors: UserErrorRow[] = [];
  const hours = (s.end - s.start) / HOUR;
  if (!(hours > 0)) errors.push(violation('INVALID', field('endsAt'), 'must be after startsAt'));
  if (isoDay(s.start) < e.startsOn || isoDay(s.end) > e.endsOn) {
    errors.push(violation('OUTSIDE_EDITION', field('startsAt'), `The session must lie within its edition (${e.startsOn} to ${e.endsOn})`));
  }
  if (s.capacity !== null && s.capacity < 0) errors.push(violation('INVALID', field('capacity'), 'must not be negative'));
  const others = e.sessions.filter((o) => o.id !== s.id);
  if (p.season) {
    if (!p.season.months.includes(monthOf(s.start))) errors.push(violation('OUT_OF_SEASON', field('startsAt'), `${p.code} meets in months ${p.season.months.join(', ')} only`));
    const max = p.season.maxSessionsPerMonth;
    if (max !== null && others.filter((o) => monthKey(o.start) === monthKey(s.start)).length >= max) {
      errors.push(violation('SESSIONS_PER_MONTH', field('startsAt'), `${p.code} meets at most ${max} time(s) a month; ${monthKey(s.start)} already has ${max}`));
    }
  }
  if (p.immersion && hours < p.immersion.minHours) {
    errors.push(violation('IMMERSION_TOO_SHORT', field('endsAt'), `An immersion lasts at least a full day (${p.immersion.minHours} h); this one lasts ${hours} h`));
  }
  const od = p.openDoor;
  if (od) {
    if (!host) errors.push(violation('REZONE_HOST', field('hostId'), 'An open-door slot needs a host service'));
    else if ((od.hostSector && !host.sectors.includes(od.hostSector)) || (od.hostInRezoneArea && !host.rezoneArea)) {
      errors.push(
        violation(
          'REZONE_HOST',
          field('hostId'),
          'Rézoneweek hosts must be mental-health services located in the Rézone area (Forest, Saint-Gilles, Ixelles, Uccle, Watermael-Boitsfort, Louise)',
        ),
      );
    }
    if (hours > 0 && hours * 60 !== od.slotMinutes) errors.push(violation('SLOT_LENGTH', field('endsAt'), `A slot lasts ${od.slotMinutes} minutes; this one lasts ${hours * 60}`));
    const weekday = new Date(s.start).getUTCDay();
    if (weekday === 0 || weekday === 6) errors.push(violation('SLOT_WEEKDAY', field('startsAt'), 'Slots are on the five weekdays'));
    const startsThatDay = new Set([...others.filter((o) => isoDay(o.start) === isoDay(s.start)).map((o) => o.start % DAY), s.start % DAY]);
    if (startsThatDay.size > od.slotsPerDay)
      errors.push(violation('SLOTS_PER_DAY', field('startsAt'), `At most ${od.slotsPerDay} slot times a day; ${isoDay(s.start)} would have ${startsThatDay.size}`));
  }
  return errors;
}

/**
 * Checks a session as the write would leave it: its own rules (dates, programme, host), and, when
 * it exists and has people registered, every registration again at its new time, edition, host and
 * capacity (no capacity below registrations, no move into a double booking or out of someone's
 * employment, no move of a group into another group's organisations).
 */
export async function checkSession(tx: Tx, draft: SessionDraft, field = 'input'): Promise<{ kind: string }> {
  const [before] = await tx.run<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { ids: [draft.id] });
  await lock(
    tx,
    before ? [draft.id] : [],
    [draft.editionId, ...(before ? [before.edition] : [])],
    (before?.attendees ?? []).map((a) => a.person),
  );
  const [e] = await tx.run<EditionFacts & Record<string, unknown>>(EDITION_FACTS, { ids: [draft.editionId] });
  if (!e) throw new RuleViolation([violation('NOT_FOUND', `${field}.editionId`, `No edition "${draft.editionId}"`)]);
  const [host] = draft.hostId ? await tx.run<HostFacts & Record<string, unknown>>(HOST_FACTS, { ids: [draft.hostId] }) : [];
  const f = (name: string) => `${field}.${name}`;
  const errors: UserErrorRow[] = [];
  if (e.closed) errors.push(violation('EDITION_CLOSED', f('editionId'), `Edition ${e.id} is closed (reopenEdition first)`));
  if (before && before.edition !== e.id && before.closed) errors.push(violation('EDITION_CLOSED', f('editionId'), `Edition ${before.edition} is closed (reopenEdition first)`));
  if (draft.hostId && !host) errors.push(violation('NOT_FOUND', f('hostId'), `No service "${draft.hostId}"`));
  const start = Date.parse(draft.startsAt);
  const end = Date.parse(draft.endsAt);
  const capacity = draft.capacity ?? null;
  errors.push(...sessionProblems({ id: draft.id, start, end, capacity, host: draft.hostId ?? null }, e, host ?? null, f));
  if (before?.attendees.length) {
    if (capacity !== null && capacity < before.attendees.length) {
      errors.push(violation('CAPACITY_BELOW_REGISTRATIONS', f('capacity'), `${before.attendees.length} people are registered; the capacity cannot go below that`));
    }
    // Every registration again, in the session as it would be.
    const { attendees: _registered, ...facts } = before;
    const moved: SessionSeats = {
      ...facts,
      edition: e.id,
      closed: e.closed,
      kind: e.kind,
      programme: e.programme,
      start,
      end,
      capacity,
      host: draft.hostId ?? null,
      hostOrganisation: host?.organisation ?? null,
      taken: 0,
      roles: new Map(),
      people: new Map(),
    };
    const changes: AttendanceChange[] = before.attendees.map((a) => ({ person: a.person, session: draft.id, role: a.role, status: a.status }));
    const state = await AttendanceState.load(tx, changes, { lock: false });
    state.sessions.set(draft.id, moved);
    // The session's own people are not members of its edition through it any more: they rejoin one by one.
    for (const members of state.members.values()) {
      for (const a of before.attendees) {
        const others = state.persons.get(a.person)?.booked.filter((b) => b.session !== draft.id && e.sessions.some((x) => x.id === b.session));
        if (!others?.length) members.delete(a.person);
      }
    }
    const fields: AttendanceFields = { person: f('startsAt'), session: f('editionId'), role: f('editionId'), status: f('editionId') };
    const seen = new Set<string>();
    for (const c of changes) {
      for (const err of state.check(c, fields, { skipCapacity: true })) {
        if (err.code === 'EDITION_CLOSED' || seen.has(err.code + err.message)) continue;
        seen.add(err.code + err.message);
        errors.push(err.code === 'OWN_ORGANISATION' ? { ...err, field: f('hostId') } : err);
      }
      state.apply(c);
    }
  }
  if (errors.length) throw new RuleViolation(errors);
  return { kind: e.kind };
}

// ---------------------------------------------------------------------------------------------
// Editions

export interface EditionDraft {
  id: string;
  initiativeId: string;
  cycle: string;
  language: string;
  startsOn: string;
  endsOn: string;
}

const INITIATIVE_OF = cypher('rules.initiative', 'MATCH (i:Initiative {id: $id}) RETURN i.kind AS kind, i.programme AS programme');

/** The edition-level rules of a programme (season, edition length, groups per cycle). Pure. */
function editionProblems(d: EditionDraft, p: Programme, siblingLanguages: string[], field: (name: string) => string): UserErrorRow[] {
  const errors: UserErrorRow[] = [];
  if (d.startsOn > d.endsOn) errors.push(violation('INVALID', field('endsOn'), 'must not be before startsOn'));
  if (p.season && d.startsOn <= d.endsOn) {
    const months: number[] = [];
    for (let m = new Date(`${d.startsOn.slice(0, 7)}-01T00:00:00Z`); m.toISOString().slice(0, 10) <= d.endsOn && months.length < 24; m.setUTCMonth(m.getUTCMonth() + 1))
      months.push(m.getUTCMonth() + 1);
    const outside = months.filter((m) => !p.season!.months.includes(m));
    if (outside.length)
      errors.push(
        violation('OUT_OF_SEASON', field('startsOn'), `${p.code} runs in months ${p.season.months.join(', ')}; this edition covers month(s) ${[...new Set(outside)].join(', ')}`),
      );
  }
  if (p.openDoor) {
    const days = (Date.parse(d.endsOn) - Date.parse(d.startsOn)) / DAY + 1;
    if (days > p.openDoor.days) errors.push(violation('EDITION_LENGTH', field('endsOn'), `${p.code} lasts ${p.openDoor.days} days; this edition lasts ${days}`));
  }
  if (p.cycle) {
    const declared = p.cycle.groupsPerLanguage.find((g) => g.language === d.language);
    if (!declared) errors.push(violation('GROUP_LANGUAGE', field('language'), `${p.code} groups are in ${p.cycle.groupsPerLanguage.map((g) => g.language).join(' or ')}`));
    else {
      const same = siblingLanguages.filter((l) => l === d.language).length;
      if (same + 1 > declared.groups)
        errors.push(violation('GROUPS_PER_CYCLE', field('language'), `${p.code} has ${declared.groups} ${d.language} group(s) per cycle; cycle ${d.cycle} has ${same} already`));
    }
  }
  return errors;
}

/** Checks an edition as upsertEdition would leave it, sessions included. */
export async function checkEdition(tx: Tx, d: EditionDraft, field = 'input'): Promise<void> {
  const f = (name: string) => `${field}.${name}`;
  const [i] = await tx.run<{ kind: string; programme: string | null }>(INITIATIVE_OF, { id: d.initiativeId });
  if (!i) throw new RuleViolation([violation('NOT_FOUND', f('initiativeId'), `No initiative "${d.initiativeId}"`)]);
  await lock(tx, [], [d.id], []);
  const [before] = await tx.run<EditionFacts & Record<string, unknown>>(EDITION_FACTS, { ids: [d.id] });
  const p = programmeOf(i.kind, i.programme);
  const errors: UserErrorRow[] = [];
  if (before?.closed) errors.push(violation('EDITION_CLOSED', f('id'), `Edition ${d.id} is closed (reopenEdition first)`));
  const siblings = (await tx.run<{ language: string }>(SIBLINGS, { initiative: d.initiativeId, cycle: d.cycle, edition: d.id })).map((s) => s.language);
  errors.push(...editionProblems(d, p, siblings, f));
  for (const s of before?.sessions ?? []) {
    if (isoDay(s.start) < d.startsOn || isoDay(s.end) > d.endsOn) errors.push(violation('OUTSIDE_EDITION', f('startsOn'), `Session ${s.id} would lie outside the edition`));
  }
  if (errors.length) throw new RuleViolation(errors);
}

/**
 * Every rule the edition breaks now, structural ones included (null: no such edition). The same
 * rule functions as the writes, applied to the edition as it stands, plus the completeness rules
 * (COMPLETENESS_CODES) that only closing enforces.
 */
export async function validateEdition(tx: Tx, edition: string): Promise<UserErrorRow[] | null> {
  const [e] = await tx.run<EditionFacts & Record<string, unknown>>(EDITION_FACTS, { ids: [edition] });
  if (!e) return null;
  const p = programmeOf(e.kind, e.programme);
  const errors: UserErrorRow[] = [];
  const siblings = (await tx.run<{ language: string }>(SIBLINGS, { initiative: e.initiative, cycle: e.cycle, edition: e.id })).map((s) => s.language);
  errors.push(
    ...editionProblems({ id: e.id, initiativeId: e.initiative, cycle: e.cycle, language: e.language, startsOn: e.startsOn, endsOn: e.endsOn }, p, siblings, () => 'edition'),
  );
  const sessions = await tx.run<SessionFacts & Record<string, unknown>>(SESSION_FACTS, { ids: e.sessions.map((s) => s.id) });
  sessions.sort((a, b) => a.start - b.start || (a.id < b.id ? -1 : 1));
  const hosts = new Map((await tx.run<HostFacts & Record<string, unknown>>(HOST_FACTS, { ids: sorted(sessions.flatMap((s) => (s.host ? [s.host] : []))) })).map((h) => [h.id, h]));
  for (const s of sessions) {
    for (const err of sessionProblems(s, e, s.host ? (hosts.get(s.host) ?? null) : null, () => 'sessions')) errors.push({ ...err, message: `Session ${s.id}: ${err.message}` });
    if (s.capacity !== null && s.attendees.length > s.capacity) errors.push(violation('CAPACITY_FULL', 'sessions', `Session ${s.id} has more registrations than places`));
    const visitors = s.attendees.filter((a) => a.role === 'VISITOR').length;
    if (p.openDoor && visitors > p.openDoor.visitorsPerSlot)
      errors.push(violation('CAPACITY_FULL', 'sessions', `Slot ${s.id} has ${visitors} visitors (at most ${p.openDoor.visitorsPerSlot})`));
    for (const r of p.roles.filter((x) => x.per === 'SESSION')) {
      const n = s.attendees.filter((a) => a.role === r.role).length;
      if (n > r.max) errors.push(violation('ROLE_LIMIT', 'sessions', `Session ${s.id}: ${n} × ${r.role}, at most ${r.max}`));
      if (n < r.min) errors.push(violation('ROLE_MISSING', 'sessions', `Session ${s.id}: ${n} × ${r.role}, at least ${r.min}`));
    }
  }
  // People: employment, double booking, own organisation, one per organisation, roles over the edition.
  const people = sorted(sessions.flatMap((s) => s.attendees.map((a) => a.person)));
  const persons = new Map((people.length ? await tx.run<PersonFacts & Record<string, unknown>>(PERSON_FACTS, { ids: people }) : []).map((x) => [x.id, x]));
  const members = new Map<string, Member>();
  for (const s of sessions) {
    for (const a of s.attendees) {
      const person = persons.get(a.person);
      const job = person ? jobOn(person.jobs, isoDay(s.start)) : null;
      const m = members.get(a.person) ?? { roles: new Set<string>(), organisation: job?.organisation ?? null };
      m.roles.add(a.role);
      members.set(a.person, m);
      if (!job && !ROLES_WITHOUT_EMPLOYMENT.includes(a.role as never))
        errors.push(violation('NOT_EMPLOYED', 'sessions', `Session ${s.id}: an attendee (${a.role}) works at no service that day`));
      const clash = person?.booked.find((b) => b.session !== s.id && b.start < s.end && s.start < b.end && !(e.sessions.some((x) => x.id === b.session) && b.session < s.id));
      if (clash) errors.push(violation('DOUBLE_BOOKED', 'sessions', `Session ${s.id}: an attendee is also at ${clash.session} at that time`));
      if (p.immersion?.otherOrganisation && job?.organisation && job.organisation === s.hostOrganisation)
        errors.push(violation('OWN_ORGANISATION', 'sessions', `Session ${s.id}: the visitor works at the host organisation`));
    }
  }
  if (p.onePersonPerOrganisation) {
    const byOrganisation = new Map<string, number>();
    for (const m of members.values()) if (m.organisation) byOrganisation.set(m.organisation, (byOrganisation.get(m.organisation) ?? 0) + 1);
    for (const [org, n] of [...byOrganisation].sort()) if (n > 1) errors.push(violation('ONE_PER_ORGANISATION', 'sessions', `Organisation ${org} has ${n} people in this group`));
  }
  for (const r of p.roles.filter((x) => x.per === 'EDITION')) {
    const n = [...members.values()].filter((m) => m.roles.has(r.role)).length;
    if (n > r.max) errors.push(violation('ROLE_LIMIT', 'sessions', `${n} × ${r.role} in this edition, at most ${r.max}`));
    if (n < r.min) errors.push(violation('ROLE_MISSING', 'sessions', `${n} × ${r.role} in this edition, at least ${r.min} (expected ${r.expected})`));
  }
  if (p.immersion?.hostAndSend) {
    const hostOrgs = new Set(sessions.flatMap((s) => (s.hostOrganisation ? [s.hostOrganisation] : [])));
    const senders = new Set<string>();
    for (const s of sessions)
      for (const a of s.attendees) {
        const job = jobOn(persons.get(a.person)?.jobs ?? [], isoDay(s.start));
        if (job?.organisation) senders.add(job.organisation);
      }
    for (const org of sorted([...hostOrgs, ...senders])) {
      if (!hostOrgs.has(org)) errors.push(violation('HOST_AND_SEND', 'organisations', `Organisation ${org} sends but hosts no one`));
      if (!senders.has(org)) errors.push(violation('HOST_AND_SEND', 'organisations', `Organisation ${org} hosts but sends no one`));
    }
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Evidence of ties other than attendance: survey answers, referral counts, agreements
// (src/modules/evidence). Checked here like attendance: set-based facts, then every change in
// memory; the same checks for the mutations and the imports, each naming its own fields.

export interface DeclarationChange {
  person: string;
  service: string;
  survey: string;
  declaredOn: string;
  trust: number | null;
  value: number | null;
}
export interface DeclarationFields {
  person: string;
  service: string;
  survey: string;
  declaredOn: string;
  trust: string;
  value: string;
}
export interface ReferralChange {
  from: string;
  to: string;
  period: string;
  count: number;
}
export interface ReferralFields {
  from: string;
  to: string;
  period: string;
  count: string;
}
export interface AgreementChange {
  a: string;
  b: string;
  kind: string;
  signedOn: string;
  endsOn: string | null;
}
export interface AgreementFields {
  a: string;
  b: string;
  kind: string;
  signedOn: string;
  endsOn: string;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const MAX_LABEL = 80;

async function serviceFacts(tx: Tx, ids: Iterable<string>): Promise<Map<string, HostFacts>> {
  const list = sorted(ids);
  return new Map((list.length ? await tx.run<HostFacts & Record<string, unknown>>(HOST_FACTS, { ids: list }) : []).map((h) => [h.id, h]));
}

/**
 * Survey answers: the person and the named service exist; the person works at a service on the day
 * they answered (their service that day is the tie's other end) and not at the one they name; the
 * PARTNER scores lie between 1 and 4. Locks the people (their employment decides their service).
 * Answers each change's errors, and every service each person works or worked at (the ties the
 * write touches).
 */
export async function checkDeclarations(tx: Tx, changes: DeclarationChange[], fields: DeclarationFields): Promise<{ errors: UserErrorRow[][]; services: Map<string, string[]> }> {
  const personIds = sorted(changes.map((c) => c.person));
  await lock(tx, [], [], personIds);
  const persons = new Map((personIds.length ? await tx.run<PersonFacts & Record<string, unknown>>(PERSON_FACTS, { ids: personIds }) : []).map((p) => [p.id, p]));
  const services = await serviceFacts(
    tx,
    changes.map((c) => c.service),
  );
  const errors = changes.map((c) => {
    const out: UserErrorRow[] = [];
    const p = persons.get(c.person);
    if (!p?.exists) out.push(violation('NOT_FOUND', fields.person, 'No such person'));
    if (!services.has(c.service)) out.push(violation('NOT_FOUND', fields.service, `No service "${c.service}"`));
    if (!c.survey.trim() || c.survey.length > MAX_LABEL) out.push(violation('INVALID', fields.survey, `name the survey (1 to ${MAX_LABEL} characters)`));
    if (!isDay(c.declaredOn)) out.push(violation('INVALID', fields.declaredOn, 'must be a date YYYY-MM-DD'));
    for (const [score, field] of [
      [c.trust, fields.trust],
      [c.value, fields.value],
    ] as const) {
      if (score !== null && !(Number.isFinite(score) && score >= 1 && score <= 4)) out.push(violation('INVALID', field, 'a PARTNER score lies between 1 and 4'));
    }
    if (p?.exists && isDay(c.declaredOn)) {
      const jobs = p.jobs.filter((j) => j.from <= c.declaredOn && (j.to === null || j.to >= c.declaredOn));
      if (!jobs.length) out.push(violation('NOT_EMPLOYED', fields.person, `This person works at no service on ${c.declaredOn}: their answer would join no service`));
      else if (jobs.some((j) => j.service === c.service))
        out.push(violation('SAME_SERVICE', fields.service, `This person works at ${c.service} on ${c.declaredOn}: name the other services their service works with`));
    }
    return out;
  });
  return { errors, services: new Map([...persons.values()].map((p) => [p.id, sorted(p.jobs.map((j) => j.service))])) };
}

/** Referral counts: both services exist and differ; a period of a year, a quarter or a month; a count of 0 or more. */
export async function checkReferrals(tx: Tx, changes: ReferralChange[], fields: ReferralFields): Promise<UserErrorRow[][]> {
  const services = await serviceFacts(
    tx,
    changes.flatMap((c) => [c.from, c.to]),
  );
  return changes.map((c) => {
    const out: UserErrorRow[] = [];
    if (!services.has(c.from)) out.push(violation('NOT_FOUND', fields.from, `No service "${c.from}"`));
    if (!services.has(c.to)) out.push(violation('NOT_FOUND', fields.to, `No service "${c.to}"`));
    if (c.from === c.to) out.push(violation('SAME_SERVICE', fields.to, 'A service does not refer clients to itself'));
    if (parsePeriod(c.period) === null) out.push(violation('INVALID', fields.period, 'a year (2024), a quarter (2024-Q2) or a month (2024-03)'));
    if (!Number.isInteger(c.count) || c.count < 0 || c.count > 100_000) out.push(violation('INVALID', fields.count, 'a whole number of clients, 0 or more (0 removes the record)'));
    return out;
  });
}

/**
 * Agreements: both services exist and differ; it ends after it is signed; an immersion agreement
 * joins two organisations (the immersion programme's own rule: an immersion takes place at another
 * organisation than the visitor's, programmes.ts).
 */
export async function checkAgreements(tx: Tx, changes: AgreementChange[], fields: AgreementFields): Promise<UserErrorRow[][]> {
  const services = await serviceFacts(
    tx,
    changes.flatMap((c) => [c.a, c.b]),
  );
  const immersion = programmeOf('IMMERSION', null).immersion;
  return changes.map((c) => {
    const out: UserErrorRow[] = [];
    const [a, b] = [services.get(c.a), services.get(c.b)];
    if (!a) out.push(violation('NOT_FOUND', fields.a, `No service "${c.a}"`));
    if (!b) out.push(violation('NOT_FOUND', fields.b, `No service "${c.b}"`));
    if (c.a === c.b) out.push(violation('SAME_SERVICE', fields.b, 'An agreement joins two services'));
    if (!(AGREEMENT_KINDS as readonly string[]).includes(c.kind)) out.push(violation('INVALID', fields.kind, `one of ${AGREEMENT_KINDS.join(', ')}`));
    if (!isDay(c.signedOn)) out.push(violation('INVALID', fields.signedOn, 'must be a date YYYY-MM-DD'));
    if (c.endsOn !== null && !isDay(c.endsOn)) out.push(violation('INVALID', fields.endsOn, 'must be a date YYYY-MM-DD or empty'));
    else if (c.endsOn !== null && isDay(c.signedOn) && c.endsOn < c.signedOn) out.push(violation('INVALID', fields.endsOn, 'must not be before the signature'));
    if (c.kind === 'IMMERSION' && immersion?.otherOrganisation && a?.organisation && a.organisation === b?.organisation) {
      out.push(violation('OWN_ORGANISATION', fields.b, `An immersion agreement joins two organisations; both services belong to ${a.organisation}`));
    }
    return out;
  });
}
