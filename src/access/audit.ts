/**
 * The audit trail: one (:AuditEvent) per request that returned person-level data. Written after
 * the response is computed, appended only (CREATE), readable by admins through `auditTrail`.
 * People are recorded by keyed pseudonym, so that erasing a person leaves nothing that names them
 * while the trail still answers "who read about this person?" for anyone who knows their id.
 */
import crypto from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { logger } from '../logger';
import { cypher, type Db } from '../neo4j/driver';
import { pseudonym } from './pseudonym';

const APPEND = cypher(
  'access.appendAudit',
  `CREATE (:AuditEvent {id: $id, at: datetime(), role: $role, keyId: $keyId, operation: $operation, personIds: $personIds})`,
);
const COLUMNS = 'e.id AS id, e.at AS at, e.role AS role, e.keyId AS keyId, e.operation AS operation, e.personIds AS personIds';
export const AUDIT_PAGE = cypher(
  'access.auditPage',
  `MATCH (e:AuditEvent) WHERE ($personId IS NULL OR $personId IN e.personIds) AND ($after IS NULL OR e.id < $after)
   WITH e ORDER BY e.id DESC LIMIT $limit RETURN ${COLUMNS}`,
);
export const AUDIT_COUNT = cypher(
  'access.auditCount',
  'MATCH (e:AuditEvent) WHERE $personId IS NULL OR $personId IN e.personIds RETURN count(e) AS total',
);

export interface AuditRow {
  id: string;
  at: string;
  role: string;
  keyId: string | null;
  operation: string;
  personIds: string[];
}

/** Ids sort by time: a millisecond timestamp then random bytes. */
const auditId = () => `${Date.now().toString().padStart(15, '0')}-${crypto.randomBytes(4).toString('hex')}`;

export async function appendAudit(db: Db, secret: string, ctx: Pick<Context, 'principal' | 'personReads'>, operation: string): Promise<void> {
  if (ctx.personReads.size === 0) return;
  await db.write(APPEND, {
    id: auditId(),
    role: ctx.principal.role,
    keyId: ctx.principal.keyId ?? null,
    operation,
    personIds: [...ctx.personReads].map((id) => pseudonym(secret, id)).sort(),
  });
}

export function auditPlugin(db: Db, secret: string): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operationName }) {
          // Written beside the response, not before it: the answer is not delayed by the audit
          // transaction. A failed write must not be silent: it is logged as an error.
          void appendAudit(db, secret, contextValue, operationName ?? 'anonymous').catch((err: unknown) => logger.error({ err }, 'audit write failed'));
        },
      };
    },
  };
}


