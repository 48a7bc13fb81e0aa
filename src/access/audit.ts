/**
 * The audit trail: one (:AuditEvent) per request that returned person-level data, appended only
 * (CREATE), readable by admins through `auditTrail`. Events are recorded beside the response and
 * written in batches: one transaction for all events of up to `FLUSH_MS` (a commit per request cost
 * Neo4j more than the service detail that read the people). Reading the trail, and stopping the
 * server, write what is pending first. People are recorded by keyed pseudonym, so that erasing a
 * person leaves nothing that names them while the trail still answers "who read about this person?"
 * for anyone who knows their id.
 */
import crypto from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { logger } from '../logger';
import { cypher, type Db, type Tx } from '../neo4j/driver';
import type { Principal } from './principal';
import { pseudonym } from './pseudonym';

const APPEND = cypher(
  'access.appendAudit',
  `UNWIND $events AS e
   CREATE (:AuditEvent {id: e.id, at: datetime(e.at), role: e.role, keyId: e.keyId, operation: e.operation, personIds: e.personIds})`,
);
/** Events wait at most this long for their batch, and a batch holds at most `BATCH_MAX`. */
const FLUSH_MS = 100;
const BATCH_MAX = 500;
const COLUMNS = 'e.id AS id, e.at AS at, e.role AS role, e.keyId AS keyId, e.operation AS operation, e.personIds AS personIds';
export const AUDIT_PAGE = cypher(
  'access.auditPage',
  `MATCH (e:AuditEvent) WHERE ($personId IS NULL OR $personId IN e.personIds) AND ($after IS NULL OR e.id < $after)
   WITH e ORDER BY e.id DESC LIMIT $limit RETURN ${COLUMNS}`,
);
export const AUDIT_COUNT = cypher('access.auditCount', 'MATCH (e:AuditEvent) WHERE $personId IS NULL OR $personId IN e.personIds RETURN count(e) AS total');

/** An audit event as written and as read back; `at` is when the data was read (ISO), not when its batch was written. */
export interface AuditRow {
  id: string;
  at: string;
  role: string;
  keyId: string | null;
  operation: string;
  personIds: string[];
}

/** An event as recorded beside a response: ids, pseudonyms and dates are made when its batch is written. */
interface PendingEvent {
  atMs: number;
  role: string;
  keyId: string | null;
  operation: string;
  personIds: string[];
}

/** What an erased person's pseudonym becomes in the events that recorded reads of them. */
export const ERASED_MARKER = 'erased';
/** Erased ids an AuditTrail remembers for events still pending: the oldest is dropped past this. */
const ERASED_MAX = 10_000;

export class AuditTrail {
  private pending: PendingEvent[] = [];
  private timer: NodeJS.Timeout | undefined;
  private written: Promise<void> = Promise.resolve();
  private readonly erased = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly secret: string,
  ) {}

  /**
   * Records the people this request read, if any; written with the next batch. Only what the
   * request knows is kept here; the keyed hashes and random ids are made off the request's path.
   */
  record(ctx: Pick<Context, 'principal' | 'personReads'>, operation: string): void {
    if (ctx.personReads.size === 0) return;
    this.pending.push({ atMs: Date.now(), role: ctx.principal.role, keyId: ctx.principal.keyId ?? null, operation, personIds: [...ctx.personReads] });
    if (this.pending.length >= BATCH_MAX) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /**
   * Writes the pending events in one transaction, after any batch already under way; resolves when
   * all are written. A failed write must not be silent: it is logged as an error.
   */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const pending = this.pending;
    this.pending = [];
    if (pending.length > 0) {
      const batch = crypto.randomBytes(4).toString('hex');
      const events = pending.map((e, i) => this.row(e, batch, i));
      this.written = this.written.then(() =>
        this.db.write(APPEND, { events }, { graphUnchanged: true }).then(
          () => undefined,
          (err: unknown) => logger.error({ err, events: events.length }, 'audit write failed'),
        ),
      );
    }
    return this.written;
  }

  /**
   * A person is being erased: events not written yet (and events of requests still running) record
   * them as ERASED_MARKER instead of their pseudonym, as the erasure scrubs the events already
   * written. Answers a function that takes this back, for an erasure that did not happen.
   */
  forget(personId: string): () => void {
    if (this.erased.size >= ERASED_MAX) this.erased.delete(this.erased.values().next().value as string);
    this.erased.add(personId);
    return () => void this.erased.delete(personId);
  }

  private row(e: PendingEvent, batch: string, i: number): AuditRow {
    return {
      id: eventId(e.atMs, batch, i),
      at: new Date(e.atMs).toISOString(),
      role: e.role,
      keyId: e.keyId,
      operation: e.operation,
      personIds: e.personIds.map((id) => (this.erased.has(id) ? ERASED_MARKER : pseudonym(this.secret, id))).sort(),
    };
  }
}

/** Ids sort by time: a millisecond timestamp, then its batch's random bytes and its place in the batch. */
const eventId = (atMs: number, batch: string, i: number) => `${atMs.toString().padStart(15, '0')}-${batch}${i.toString(16).padStart(3, '0')}`;

const SCRUB_ERASED = cypher(
  'access.scrubErased',
  `MATCH (e:AuditEvent) WHERE $pseudonym IN e.personIds
   SET e.personIds = [x IN e.personIds | CASE WHEN x = $pseudonym THEN $marker ELSE x END]`,
);
const APPEND_ERASURE = cypher(
  'access.appendErasure',
  `CREATE (:AuditEvent {id: $id, at: datetime($at), kind: 'erasure', role: $role, keyId: $keyId, operation: 'erasePerson', personIds: []})`,
);

/**
 * Inside an erasure's write transaction: every event that recorded a read of the person keeps the
 * read but names nobody (their pseudonym becomes ERASED_MARKER), and an event of kind `erasure` says
 * who erased someone and when, without saying whom: no id, no pseudonym.
 */
export async function recordErasure(tx: Tx, secret: string, personId: string, by: Pick<Principal, 'role' | 'keyId'>): Promise<void> {
  await tx.run(SCRUB_ERASED, { pseudonym: pseudonym(secret, personId), marker: ERASED_MARKER });
  const atMs = Date.now();
  await tx.run(APPEND_ERASURE, { id: eventId(atMs, crypto.randomBytes(4).toString('hex'), 0), at: new Date(atMs).toISOString(), role: by.role, keyId: by.keyId ?? null });
}

const APPEND_EDITION_EVENT = cypher(
  'access.appendEditionEvent',
  `CREATE (:AuditEvent {id: $id, at: datetime($at), kind: $kind, role: $role, keyId: $keyId, operation: $operation, editionId: $editionId, reason: $reason, personIds: []})`,
);

/**
 * Inside a write transaction that changes an edition's state outside the rules (a reopen): an event
 * saying who did it, to which edition and why. It names no person.
 */
export async function recordEditionEvent(tx: Tx, e: { kind: string; operation: string; editionId: string; reason: string }, by: Pick<Principal, 'role' | 'keyId'>): Promise<void> {
  const atMs = Date.now();
  await tx.run(APPEND_EDITION_EVENT, {
    ...e,
    id: eventId(atMs, crypto.randomBytes(4).toString('hex'), 0),
    at: new Date(atMs).toISOString(),
    role: by.role,
    keyId: by.keyId ?? null,
  });
}

export function auditPlugin(trail: AuditTrail): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      return {
        serverWillStop: () => trail.flush(),
      };
    },
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          trail.record(contextValue, operationName ?? 'anonymous');
        },
      };
    },
  };
}
