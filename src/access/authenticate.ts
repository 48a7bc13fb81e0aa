/** From request headers to a principal: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
import type { IncomingHttpHeaders } from 'node:http';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors';
import { InvalidKeyError, type KeyVerifier } from './api-keys';
import { PUBLIC, type Principal } from './principal';

export function presentedKey(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (typeof auth === 'string' && /^Bearer\s+/i.test(auth)) return auth.replace(/^Bearer\s+/i, '').trim();
  const key = headers['x-api-key'];
  return typeof key === 'string' && key.trim() !== '' ? key.trim() : undefined;
}

export async function authenticate(verifier: KeyVerifier, headers: IncomingHttpHeaders): Promise<Principal> {
  const key = presentedKey(headers);
  if (!key) return PUBLIC;
  try {
    return await verifier.verify(key);
  } catch (err) {
    if (err instanceof InvalidKeyError) {
      throw new GraphQLError('Unknown, malformed or revoked API key', {
        extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
      });
    }
    throw err;
  }
}
