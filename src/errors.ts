/**
 * The one error module. Every error a client can see has an `extensions.code`; user errors also
 * name the argument (`extensions.argument`) and say why.
 */
import { GraphQLError } from 'graphql';

export const ErrorCode = {
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  ANALYTICS_TIMEOUT: 'ANALYTICS_TIMEOUT',
  TOO_LARGE: 'TOO_LARGE',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  RATE_LIMITED: 'RATE_LIMITED',
  TRANSIENT: 'TRANSIENT',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export function badInput(argument: string, reason: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${reason}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argument, reason },
  });
}

export function notFound(argument: string, value: string, what: string): GraphQLError {
  return new GraphQLError(`No ${what} with ${argument} "${value}"`, {
    extensions: { code: ErrorCode.NOT_FOUND, argument, value },
  });
}

export function databaseUnavailable(cause?: unknown): GraphQLError {
  return new GraphQLError('The graph database is unreachable; try again shortly', {
    extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

/** How long a client should wait before sending a write again after TRANSIENT. */
export const TRANSIENT_RETRY_AFTER_SECONDS = 1;

/**
 * A write that kept meeting transient database errors (a deadlock with concurrent writes, a lock
 * that could not be taken) after the server's own retries: nothing was written, and sending the
 * same request again is safe and expected to succeed.
 */
export function transientError(cause?: unknown): GraphQLError {
  return new GraphQLError('The database asked for the request to be retried (it met concurrent writes: a deadlock or a lock); nothing of it was written: send it again', {
    extensions: { code: ErrorCode.TRANSIENT, retryAfterSeconds: TRANSIENT_RETRY_AFTER_SECONDS },
    originalError: cause instanceof Error ? cause : undefined,
  });
}

export function unauthenticated(): GraphQLError {
  return new GraphQLError('Unknown, malformed or revoked API key', { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function rateLimited(retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(`Too many requests; try again in ${retryAfterSeconds} s`, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfterSeconds },
  });
}

export function analyticsTimeout(limitMs?: number): GraphQLError {
  return new GraphQLError(`The analysis took longer than its limit${limitMs ? ` of ${limitMs} ms` : ''}; narrow the territory or the window`, {
    extensions: { code: ErrorCode.ANALYTICS_TIMEOUT, limitMs },
  });
}

export function tooLarge(argument: string, limit: number, actual: number, what: string): GraphQLError {
  return new GraphQLError(`Invalid argument "${argument}": ${what} has ${actual} nodes, over the exact-measure limit of ${limit}`, {
    extensions: { code: ErrorCode.TOO_LARGE, argument, limit, actual },
  });
}

function neo4jCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err) return String(err.code);
  return undefined;
}

export function isUnavailable(err: unknown): boolean {
  const code = neo4jCode(err);
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code === 'ECONNREFUSED') return true;
  const message = err instanceof Error ? err.message : '';
  return /ECONNREFUSED|Connection was closed by server|Pool is closed|Failed to connect/i.test(message);
}

export function isTimeout(err: unknown): boolean {
  const code = neo4jCode(err) ?? '';
  // A transaction stopped by its timeout while waiting for a lock ends with LockClientStopped, a
  // client error on Neo4j 5.26 (a transient one on older servers).
  return (
    code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') ||
    code === 'Neo.TransientError.Transaction.LockClientStopped' ||
    code === 'Neo.ClientError.Transaction.LockClientStopped'
  );
}

/**
 * Neo4j's retriable errors (`Neo.TransientError.*`: deadlocks, lock acquisition, leader changes),
 * less those that mean the transaction was stopped on purpose (a timeout, a kill): retrying those
 * would only repeat what someone or something chose to stop.
 */
export function isTransient(err: unknown): boolean {
  const code = neo4jCode(err) ?? '';
  return code.startsWith('Neo.TransientError.') && !isTimeout(err) && code !== 'Neo.TransientError.Transaction.Terminated';
}
