/**
 * The seed rules, checked inside the write transaction before anything is written (DESIGN.md §1).
 * Each violation is a UserError with its own code and the input field at fault.
 */
import { cypher, type Tx } from '../../neo4j/driver';
import type { UserErrorRow } from './model';

export const MIN_IMMERSION_HOURS = 7.5;
export const REZONE_KIND = 'OPEN_DOOR';

export const violation = (code: string, field: string | null, message: string): UserErrorRow => ({ code, field, message });

/** A rule broken: the transaction is rolled back and the errors answered. */
export class RuleViolation extends Error {
  constructor(readonly errors: UserErrorRow[]) {
    super(errors.map((e) => e.message).join('; '));
  }
}

const REGISTRATION_FACTS = cypher(
  'editing.registrationFacts',
  `MATCH (x:Session {id: $session})-[:IN]->(e:Edition)-[:OF]->(i:Initiative)
   // Take the session's write lock first: concurrent registrations queue here, so capacity holds.
   SET x._lock = true REMOVE x._lock
   WITH x, e, i
   OPTIONAL MATCH (p:Person {id: $person})
   WITH x, e, i, p, date(x.startsAt) AS day
   RETURN x.capacity AS capacity, COUNT { (x)<-[:ATTENDED]-(:Person) } AS registered, coalesce(e.closed, false) AS closed, i.kind AS kind, e.id AS edition,
          p IS NOT NULL AS personExists, EXISTS { (p)-[:ATTENDED]->(x) } AS already,
          head([(p)-[w:WORKS_AT]->(s:Service)<-[:RUNS]-(o:Organisation) WHERE w.from <= day AND (w.to IS NULL OR w.to >= day) | o.id]) AS organisation,
          head([(p)-[w:WORKS_AT]->(s:Service) WHERE w.from <= day AND (w.to IS NULL OR w.to >= day) | s.id]) AS service,
          [(p)-[:ATTENDED]->(y:Session) WHERE y <> x AND y.startsAt < x.endsAt AND x.startsAt < y.endsAt | y.id] AS clashes`,
);

const SAME_ORGANISATION_IN_EDITION = cypher(
  'editing.sameOrganisationInEdition',
  `MATCH (:Edition {id: $edition})<-[:IN]-(y:Session)<-[:ATTENDED]-(q:Person) WHERE q.id <> $person
   MATCH (q)-[w:WORKS_AT]->(:Service)<-[:RUNS]-(:Organisation {id: $organisation})
   WHERE w.from <= date(y.startsAt) AND (w.to IS NULL OR w.to >= date(y.startsAt))
   RETURN q.id AS other LIMIT 1`,
);

interface RegistrationFacts {
  capacity: number | null;
  registered: number;
  closed: boolean;
  kind: string;
  edition: string;
  personExists: boolean;
  already: boolean;
  organisation: string | null;
  service: string | null;
  clashes: string[];
}

/** Checks a registration; returns whether the person was already registered (then nothing to check). */
export async function checkRegistration(tx: Tx, person: string, session: string, role: string): Promise<{ already: boolean }> {
  const [f] = await tx.run<RegistrationFacts & Record<string, unknown>>(REGISTRATION_FACTS, { person, session });
  if (!f) throw new RuleViolation([violation('NOT_FOUND', 'sessionId', `No session "${session}"`)]);
  if (!f.personExists) throw new RuleViolation([violation('NOT_FOUND', 'personId', `No person "${person}"`)]);
  if (f.already) return { already: true };
  const errors: UserErrorRow[] = [];
  if (f.closed) errors.push(violation('EDITION_CLOSED', 'sessionId', `Edition ${f.edition} is closed`));
  if (f.capacity !== null && f.registered >= f.capacity) errors.push(violation('CAPACITY_FULL', 'sessionId', `Session ${session} is full (${f.registered} of ${f.capacity} places taken)`));
  if (f.clashes.length) errors.push(violation('DOUBLE_BOOKED', 'personId', `${person} already attends ${f.clashes.join(', ')} at that time`));
  if (!f.service && role !== 'USER_REPRESENTATIVE') errors.push(violation('NOT_EMPLOYED', 'personId', `${person} works at no service on the session's day`));
  if (f.kind === 'INTERVISION' && f.organisation) {
    const [other] = await tx.run<{ other: string }>(SAME_ORGANISATION_IN_EDITION, { edition: f.edition, person, organisation: f.organisation });
    if (other) errors.push(violation('ONE_PER_ORGANISATION', 'personId', `${other.other} of the same organisation (${f.organisation}) is already in this group`));
  }
  if (errors.length) throw new RuleViolation(errors);
  return { already: false };
}

const SESSION_FACTS = cypher(
  'editing.sessionFacts',
  `MATCH (e:Edition {id: $edition})-[:OF]->(i:Initiative)
   OPTIONAL MATCH (h:Service {id: $host})
   RETURN e.startsOn AS startsOn, e.endsOn AS endsOn, coalesce(e.closed, false) AS closed, i.kind AS kind, h IS NOT NULL AS hostExists,
          EXISTS { (h)-[:IN_SECTOR]->(:Sector {code: 'MENTAL_HEALTH'}) } AS hostMentalHealth,
          EXISTS { (h)-[:LOCATED_IN]->(:Neighbourhood {rezoneArea: true}) } AS hostInRezoneArea`,
);

export interface SessionDraft {
  id: string;
  editionId: string;
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  hostId?: string | null;
}

export async function checkSession(tx: Tx, s: SessionDraft, field = 'input'): Promise<{ kind: string }> {
  const [f] = await tx.run<{ startsOn: string; endsOn: string; closed: boolean; kind: string; hostExists: boolean; hostMentalHealth: boolean; hostInRezoneArea: boolean }>(
    SESSION_FACTS,
    { edition: s.editionId, host: s.hostId ?? null },
  );
  if (!f) throw new RuleViolation([violation('NOT_FOUND', `${field}.editionId`, `No edition "${s.editionId}"`)]);
  const errors: UserErrorRow[] = [];
  const hours = (Date.parse(s.endsAt) - Date.parse(s.startsAt)) / 3_600_000;
  if (f.closed) errors.push(violation('EDITION_CLOSED', `${field}.editionId`, `Edition ${s.editionId} is closed`));
  if (!(hours > 0)) errors.push(violation('INVALID', `${field}.endsAt`, 'must be after startsAt'));
  if (s.startsAt.slice(0, 10) < f.startsOn || s.endsAt.slice(0, 10) > f.endsOn) {
    errors.push(violation('OUTSIDE_EDITION', `${field}.startsAt`, `The session must lie within its edition (${f.startsOn} to ${f.endsOn})`));
  }
  if (s.capacity !== null && s.capacity !== undefined && s.capacity < 0) errors.push(violation('INVALID', `${field}.capacity`, 'must not be negative'));
  if (s.hostId && !f.hostExists) errors.push(violation('NOT_FOUND', `${field}.hostId`, `No service "${s.hostId}"`));
  if (f.kind === 'IMMERSION' && hours < MIN_IMMERSION_HOURS) {
    errors.push(violation('IMMERSION_TOO_SHORT', `${field}.endsAt`, `An immersion lasts at least a full day (${MIN_IMMERSION_HOURS} h); this one lasts ${hours} h`));
  }
  if (f.kind === REZONE_KIND) {
    if (!s.hostId) errors.push(violation('REZONE_HOST', `${field}.hostId`, 'An open-door slot needs a host service'));
    else if (f.hostExists && (!f.hostMentalHealth || !f.hostInRezoneArea)) {
      errors.push(violation('REZONE_HOST', `${field}.hostId`, 'Rézoneweek hosts must be mental-health services located in the Rézone area (Forest, Saint-Gilles, Ixelles, Uccle, Watermael-Boitsfort, Louise)'));
    }
  }
  if (errors.length) throw new RuleViolation(errors);
  return { kind: f.kind };
}

const EDITION_CHECK = cypher(
  'editing.editionCheck',
  `MATCH (e:Edition {id: $edition})-[:OF]->(i:Initiative)
   OPTIONAL MATCH (x:Session)-[:IN]->(e)
   WITH e, i, collect(x) AS sessions
   RETURN i.kind AS kind, e.startsOn AS startsOn, e.endsOn AS endsOn,
     [x IN sessions WHERE date(x.startsAt) < e.startsOn OR date(x.endsAt) > e.endsOn | x.id] AS outside,
     [x IN sessions WHERE x.capacity IS NOT NULL AND COUNT { (x)<-[:ATTENDED]-(:Person) } > x.capacity | x.id] AS overfull,
     [x IN sessions WHERE duration.inSeconds(x.startsAt, x.endsAt).seconds < $minImmersionSeconds | x.id] AS short,
     [x IN sessions WHERE NOT EXISTS { (x)-[:HOSTED_BY]->(h:Service) WHERE EXISTS { (h)-[:IN_SECTOR]->(:Sector {code: 'MENTAL_HEALTH'}) } AND EXISTS { (h)-[:LOCATED_IN]->(:Neighbourhood {rezoneArea: true}) } } | x.id] AS badHosts`,
);

const HOSTS_AND_SENDERS = cypher(
  'editing.hostsAndSenders',
  `MATCH (:Edition {id: $edition})<-[:IN]-(x:Session)
   CALL { WITH x MATCH (x)-[:HOSTED_BY]->(:Service)<-[:RUNS]-(o:Organisation) RETURN collect(DISTINCT o.id) AS hosts }
   CALL { WITH x MATCH (x)<-[:ATTENDED]-(p:Person)-[w:WORKS_AT]->(:Service)<-[:RUNS]-(o:Organisation)
          WHERE w.from <= date(x.startsAt) AND (w.to IS NULL OR w.to >= date(x.startsAt)) RETURN collect(DISTINCT o.id) AS senders }
   RETURN collect(hosts) AS hosts, collect(senders) AS senders`,
);

const ONE_PER_ORG = cypher(
  'editing.onePerOrganisation',
  `MATCH (:Edition {id: $edition})<-[:IN]-(x:Session)<-[:ATTENDED]-(p:Person)-[w:WORKS_AT]->(:Service)<-[:RUNS]-(o:Organisation)
   WHERE w.from <= date(x.startsAt) AND (w.to IS NULL OR w.to >= date(x.startsAt))
   WITH o, collect(DISTINCT p.id) AS people WHERE size(people) > 1
   RETURN o.id AS organisation, people`,
);

/** Every rule the edition breaks now. */
export async function validateEdition(tx: Tx, edition: string): Promise<UserErrorRow[] | null> {
  const [f] = await tx.run<{ kind: string; outside: string[]; overfull: string[]; short: string[]; badHosts: string[] }>(EDITION_CHECK, {
    edition,
    minImmersionSeconds: MIN_IMMERSION_HOURS * 3600,
  });
  if (!f) return null;
  const errors: UserErrorRow[] = [];
  for (const id of f.outside) errors.push(violation('OUTSIDE_EDITION', 'sessions', `Session ${id} lies outside the edition's dates`));
  for (const id of f.overfull) errors.push(violation('CAPACITY_FULL', 'sessions', `Session ${id} has more registrations than places`));
  if (f.kind === 'IMMERSION') {
    for (const id of f.short) errors.push(violation('IMMERSION_TOO_SHORT', 'sessions', `Immersion ${id} is shorter than a full day`));
    const [hs] = await tx.run<{ hosts: string[][]; senders: string[][] }>(HOSTS_AND_SENDERS, { edition });
    const hosts = new Set((hs?.hosts ?? []).flat());
    const senders = new Set((hs?.senders ?? []).flat());
    for (const org of [...new Set([...hosts, ...senders])].sort()) {
      if (!hosts.has(org)) errors.push(violation('HOST_AND_SEND', 'organisations', `Organisation ${org} sends but hosts no one`));
      if (!senders.has(org)) errors.push(violation('HOST_AND_SEND', 'organisations', `Organisation ${org} hosts but sends no one`));
    }
  }
  if (f.kind === REZONE_KIND) for (const id of f.badHosts) errors.push(violation('REZONE_HOST', 'sessions', `Session ${id} is not hosted by a mental-health service of the Rézone area`));
  if (f.kind === 'INTERVISION') {
    for (const r of await tx.run<{ organisation: string; people: string[] }>(ONE_PER_ORG, { edition })) {
      errors.push(violation('ONE_PER_ORGANISATION', 'sessions', `Organisation ${r.organisation} has ${r.people.length} people in this group (${r.people.join(', ')})`));
    }
  }
  return errors;
}
