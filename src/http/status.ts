/**
 * The one map from an error's code to an HTTP status, for every door: GraphQL responses (through
 * httpStatusPlugin), REST routes and the access middleware all answer through it, so a code means the
 * same status everywhere.
 */
import type express from 'express';
import { GraphQLError } from 'graphql';
import { ErrorCode, TRANSIENT_RETRY_AFTER_SECONDS } from '../errors';
import { logger } from '../logger';

const STATUS: Record<string, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  BAD_REQUEST: 400,
  GRAPHQL_PARSE_FAILED: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  QUERY_TOO_COSTLY: 400,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.TOO_LARGE]: 413,
  REQUEST_TOO_LARGE: 413,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.SERVICE_UNAVAILABLE]: 503,
  [ErrorCode.TRANSIENT]: 503,
  [ErrorCode.ANALYTICS_TIMEOUT]: 504,
};

/** How long a client should wait after a 503 before trying again. */
export const UNAVAILABLE_RETRY_AFTER_SECONDS = 5;

/** Retry-After for a code whose request is worth sending again, in seconds; undefined for the others. */
export function retryAfterOf(code: string): number | undefined {
  if (code === ErrorCode.TRANSIENT) return TRANSIENT_RETRY_AFTER_SECONDS;
  return statusOf(code) === 503 ? UNAVAILABLE_RETRY_AFTER_SECONDS : undefined;
}

export function statusOf(code: string): number {
  return STATUS[code] ?? 500;
}

export function codeOf(err: unknown): string {
  return err instanceof GraphQLError ? String(err.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR) : ErrorCode.INTERNAL_SERVER_ERROR;
}

/**
 * Answers a REST request with an error in GraphQL's shape ({ errors: [{ message, extensions }] }):
 * its status from the code, Retry-After where waiting helps, and no internals for a server error.
 */
export function sendError(res: express.Response, err: unknown, retryAfterSeconds?: number): void {
  const code = codeOf(err);
  const status = statusOf(code);
  if (status === 500) logger.error({ err }, 'internal error on a REST route');
  const retry = retryAfterSeconds ?? retryAfterOf(code);
  if (retry !== undefined) res.set('Retry-After', String(retry));
  const extensions = err instanceof GraphQLError && status !== 500 ? { ...err.extensions, code } : { code };
  delete (extensions as Record<string, unknown>).http;
  const message = status === 500 ? 'Internal server error' : (err as Error).message;
  res.status(status).json({ errors: [{ message, extensions }] });
}
