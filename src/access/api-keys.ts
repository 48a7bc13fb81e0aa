/**
 * API keys: `bng_<keyId>_<secret>`. Only SHA-256 of the secret is stored (the secret is 32 random
 * bytes, so a slow hash adds nothing); the full key is shown once, at creation.
 * Every request's key is looked up again (one indexed read), so a revocation takes effect on the
 * next request.
 */
import crypto from 'node:crypto';
import { cypher, type Db } from '../neo4j/driver';
import { isRole, type Principal, type Role } from './principal';

const CREATE = cypher(
  'access.createKey',
  `CREATE (k:ApiKey {id: $id, hash: $hash, role: $role, zone: $zone, label: $label, createdAt: datetime()})
   RETURN k.id AS id`,
);
const FIND = cypher('access.findKey', 'MATCH (k:ApiKey {id: $id}) WHERE k.revokedAt IS NULL RETURN k.hash AS hash, k.role AS role, k.zone AS zone');
const LIST = cypher(
  'access.listKeys',
  'MATCH (k:ApiKey) RETURN k.id AS id, k.role AS role, k.zone AS zone, k.label AS label, k.createdAt AS createdAt, k.revokedAt AS revokedAt ORDER BY k.createdAt',
);
const REVOKE = cypher('access.revokeKey', 'MATCH (k:ApiKey {id: $id}) WHERE k.revokedAt IS NULL SET k.revokedAt = datetime() RETURN k.id AS id');
const ZONE_EXISTS = cypher('access.zoneExists', 'MATCH (z:Zone {code: $zone}) RETURN count(z) > 0 AS ok');

const sha256 = (text: string) => crypto.createHash('sha256').update(text).digest('hex');
const KEY_FORMAT = /^bng_([a-f0-9]{16})_([A-Za-z0-9_-]{43})$/;

export interface KeyInfo {
  id: string;
  role: Role;
  zone: string | null;
  label: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export async function createApiKey(db: Db, role: Role, opts: { zone?: string; label?: string } = {}): Promise<{ key: string; id: string }> {
  if (role === 'public') throw new Error('public needs no key');
  if (role === 'zone') {
    if (!opts.zone) throw new Error('a zone key needs --zone <code>');
    const [row] = await db.read<{ ok: boolean }>(ZONE_EXISTS, { zone: opts.zone });
    if (!row?.ok) throw new Error(`unknown zone "${opts.zone}"`);
  } else if (opts.zone) throw new Error('only zone keys take --zone');
  const id = crypto.randomBytes(8).toString('hex');
  const secret = crypto.randomBytes(32).toString('base64url');
  await db.write(CREATE, { id, hash: sha256(secret), role, zone: opts.zone ?? null, label: opts.label ?? null }, { graphUnchanged: true });
  return { key: `bng_${id}_${secret}`, id };
}

export async function listApiKeys(db: Db): Promise<KeyInfo[]> {
  return db.read<KeyInfo & Record<string, unknown>>(LIST);
}

export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  return (await db.write(REVOKE, { id }, { graphUnchanged: true })).length > 0;
}

export class InvalidKeyError extends Error {}

/** Verifies keys against the database, on every request: a revoked key stops at once. */
export class KeyVerifier {
  constructor(private readonly db: Db) {}

  /** The principal of a presented key; throws InvalidKeyError for an unknown, malformed or revoked key. */
  async verify(key: string): Promise<Principal> {
    const principal = await this.lookup(key);
    if (!principal) throw new InvalidKeyError('Unknown, malformed or revoked API key');
    return principal;
  }

  private async lookup(key: string): Promise<Principal | null> {
    const match = KEY_FORMAT.exec(key);
    if (!match) return null;
    const [, id, secret] = match as unknown as [string, string, string];
    const [row] = await this.db.read<{ hash: string; role: string; zone: string | null }>(FIND, { id });
    if (!row || !isRole(row.role)) return null;
    const presented = Buffer.from(sha256(secret), 'hex');
    const stored = Buffer.from(row.hash, 'hex');
    if (presented.length !== stored.length || !crypto.timingSafeEqual(presented, stored)) return null;
    return { role: row.role, zone: row.zone ?? undefined, keyId: id };
  }
}
