/**
 * Erasure that lasts. `erasePerson` deletes the person and everything derived from them, and leaves
 * a tombstone per key a list could name them by: (:Erasure {key}), where `key` is a keyed hash
 * (HMAC-SHA256 with PSEUDONYM_SECRET, label `erasure:`) of
 *  - their id (people lists and `upsertPerson` name people by id),
 *  - their normalised name within each organisation they worked for (attendance lists name people
 *    by name and organisation),
 *  - their e-mail hash, when one was stored (attendance lists may carry an e-mail address).
 * A tombstone holds nothing else: no id, no name, no date. Imports and `upsertPerson` look their
 * rows' keys up and skip (imports, counted as `erased` in the report) or refuse (`upsertPerson`,
 * code ERASED) a match, so re-importing an old list does not bring the person back. The audit trail
 * keeps that an erasure happened, not whom it was about (src/access/audit.ts `recordErasure`).
 */
import crypto from 'node:crypto';
import { cypher, type Tx } from '../../neo4j/driver';
import { recordErasure } from '../../access/audit';
import type { Principal } from '../../access/principal';
import { refreshTies, tieScope } from '../network/ties';
import { normaliseName } from './matching';

export type ErasureKeyKind = 'id' | 'name' | 'email';

/** The tombstone key of one way of naming a person. `value` for `name` is `normalisedName|organisationId`. */
export function erasureKey(secret: string, kind: ErasureKeyKind, value: string): string {
  return crypto.createHmac('sha256', secret).update(`erasure:${kind}:${value}`).digest('hex');
}

export const nameErasureKey = (secret: string, norm: string, organisationId: string) => erasureKey(secret, 'name', `${norm}|${organisationId}`);

/** Of these keys, the ones an erasure left behind. */
export const ERASED_KEYS = cypher('editing.erasedKeys', 'UNWIND $keys AS key MATCH (e:Erasure {key: key}) RETURN e.key AS key');

/** Runs ERASED_KEYS with `read` (a Db's or a Tx's) and answers a set; no keys, no round trip. */
export async function erasedKeys(read: (keys: string[]) => Promise<Array<{ key: string }>>, keys: Iterable<string>): Promise<Set<string>> {
  const unique = [...new Set(keys)];
  return new Set(unique.length ? (await read(unique)).map((r) => r.key) : []);
}

const SCOPE = cypher(
  'editing.erasureScope',
  `MATCH (p:Person {id: $id})
   RETURN [(p)-[:WORKS_AT]->(s) | s.id] + [(p)-[:ATTENDED]->(:Session)-[:HOSTED_BY]->(h) | h.id] AS services,
          [(p)-[:WORKS_AT]->(:Service)<-[:RUNS]-(o:Organisation) | o.id] AS organisations,
          p.nameKey AS nameKey, p.displayName AS displayName, p.emailHash AS emailHash`,
);
const DELETE_PERSON = cypher('editing.erasePerson', 'MATCH (p:Person {id: $id}) DETACH DELETE p RETURN count(*) AS erased');
const WRITE_TOMBSTONES = cypher('editing.writeTombstones', 'UNWIND $keys AS key MERGE (:Erasure {key: key})');

interface Scope {
  services: string[];
  organisations: string[];
  nameKey: string | null;
  displayName: string | null;
  emailHash: string | null;
}

/** Every tombstone key of a person, from what the graph holds about them before the delete. */
export function tombstoneKeys(secret: string, id: string, scope: Omit<Scope, 'services'>): string[] {
  const keys = [erasureKey(secret, 'id', id)];
  // The stored name key is normaliseName(displayName); older rows may lack it.
  const norm = scope.nameKey || normaliseName(scope.displayName ?? '');
  if (norm) for (const org of new Set(scope.organisations)) keys.push(nameErasureKey(secret, norm, org));
  if (scope.emailHash) keys.push(erasureKey(secret, 'email', scope.emailHash));
  return [...new Set(keys)].sort();
}

/**
 * Erases a person inside the caller's write transaction: deletes them with their attendances and
 * employment, writes their tombstones, recomputes every tie they carried (MET went with the delete;
 * KNOWS of every service they worked at or visited), scrubs their pseudonym from the audit trail
 * and records the erasure there. False (and nothing written) when there is no such person.
 */
export async function erasePersonIn(tx: Tx, id: string, opts: { secret: string; principal: Principal }): Promise<boolean> {
  const [scope] = await tx.run<Scope & Record<string, unknown>>(SCOPE, { id });
  if (!scope) return false;
  // Every session they attended: the weights of its groups change with their size (network/ties.ts).
  const ties = await tieScope(tx, { serviceIds: [...new Set(scope.services)], sessionsOfPeople: [id], employmentOf: [id] });
  await tx.run(DELETE_PERSON, { id });
  await tx.run(WRITE_TOMBSTONES, { keys: tombstoneKeys(opts.secret, id, scope) });
  await refreshTies(tx, ties);
  await recordErasure(tx, opts.secret, id, opts.principal);
  return true;
}
