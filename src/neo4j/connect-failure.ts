/**
 * Why the API could not use its database at start, as one line: what failed (which server, which
 * user) and the class of cause, so an operator knows whether to start the server, fix the
 * credentials, or read further.
 */
import { isUnavailable } from '../errors';

const AUTH_CODES = new Set([
  'Neo.ClientError.Security.Unauthorized',
  'Neo.ClientError.Security.AuthenticationRateLimit',
  'Neo.ClientError.Security.CredentialsExpired',
  'Neo.ClientError.Security.TokenExpired',
]);

/** Neo4j refused the login (wrong user or password, too many failed attempts, expired credentials). */
export function isAuthFailure(err: unknown): boolean {
  return !!err && typeof err === 'object' && 'code' in err && AUTH_CODES.has(String(err.code));
}

export type ConnectFailureKind = 'unreachable' | 'authentication' | 'other';

export function connectFailureKind(err: unknown): ConnectFailureKind {
  if (isAuthFailure(err)) return 'authentication';
  if (isUnavailable(err)) return 'unreachable';
  return 'other';
}

export interface ConnectTarget {
  uri: string;
  user: string;
  /** Where the credentials come from, for the hint of an authentication failure. */
  credentialsFrom: string;
}

export function describeConnectFailure(target: ConnectTarget, err: unknown): string {
  const code = err && typeof err === 'object' && 'code' in err ? String(err.code) : undefined;
  // The driver's messages span lines; the start-up error is one.
  const cause = `${code ? `${code}: ` : ''}${err instanceof Error ? err.message : String(err)}`.replace(/\s*\n\s*/g, ' ');
  switch (connectFailureKind(err)) {
    case 'unreachable':
      return `Cannot reach Neo4j at ${target.uri} (unreachable: ${cause})`;
    case 'authentication':
      return `Neo4j at ${target.uri} refused the credentials of user "${target.user}" (authentication failed, check ${target.credentialsFrom}: ${cause})`;
    default:
      return `Neo4j at ${target.uri} failed at start (other error: ${cause})`;
  }
}
