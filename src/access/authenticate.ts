/**
 * Who is calling, worked out once per request for every door (GraphQL, exports, metrics): the key
 * is read from `Authorization: Bearer <key>` or `X-API-Key`, verified against the database, and the
 * request is rate limited by the verified principal (by client address without a valid key). The
 * principal is left in `res.locals.principal`; doors read it with `principalOf`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type express from 'express';
import { isUnavailable, rateLimited, databaseUnavailable, unauthenticated } from '../errors';
import { sendError } from '../http/status';
import { InvalidKeyError, type KeyVerifier } from './api-keys';
import { PUBLIC, type Principal } from './principal';
import type { RateLimiter } from './rate-limit';

export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
}

/** The principal of a request, or null for a key that is not (or no longer) valid. */
export async function authenticate(verifier: KeyVerifier, headers: IncomingHttpHeaders): Promise<Principal | null> {
  const key = presentedKey(headers);
  if (!key) return PUBLIC;
  try {
    return await verifier.verify(key);
  } catch (err) {
    if (err instanceof InvalidKeyError) return null;
    throw err;
  }
}

/** The rate-limit bucket of a caller: its key id once verified, else its address. */
export const callerOf = (principal: Principal | null, address: string | undefined) => (principal?.keyId ? `key:${principal.keyId}` : `ip:${address ?? 'unknown'}`);

export interface AccessOptions {
  /** Tokens a request of this door takes from its caller's bucket (an export weighs more than a query). */
  cost?: number;
}

/**
 * Express middleware of a door: authenticates, then rate limits, then hands over. An invalid key is
 * answered 401 after it has been counted against its sender's address.
 */
export function requireCaller(verifier: KeyVerifier, limiter: RateLimiter, opts: AccessOptions = {}): express.RequestHandler {
  const cost = opts.cost ?? 1;
  return async (req, res, next) => {
    let principal: Principal | null;
    try {
      principal = await authenticate(verifier, req.headers);
    } catch (err) {
      sendError(res, isUnavailable(err) ? databaseUnavailable(err) : err);
      return;
    }
    const caller = callerOf(principal, req.ip);
    if (!limiter.take(caller, cost)) {
      const wait = limiter.retryAfterSeconds(caller, cost);
      sendError(res, rateLimited(wait), wait);
      return;
    }
    if (!principal) {
      sendError(res, unauthenticated());
      return;
    }
    res.locals.principal = principal;
    next();
  };
}

/** The principal `requireCaller` settled for this request. */
export function principalOf(res: express.Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (!principal) throw new Error('principalOf: the route is not behind requireCaller');
  return principal;
}
