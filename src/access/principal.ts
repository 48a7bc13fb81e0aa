/**
 * Who is calling. Every request has a principal: `public` without a key, else the role (and zone)
 * of its API key. See DESIGN.md §4 for what each role may see.
 */
export const ROLES = ['public', 'analyst', 'zone', 'observatory', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Principal {
  role: Role;
  /** The zone a `zone` key is scoped to. */
  zone?: string;
  /** The API key id, for the audit trail and rate limiting; absent for `public`. */
  keyId?: string;
}

export const PUBLIC: Principal = { role: 'public' };

export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** Roles that see people by name (analysts; editors, who write and confirm person matches; admins). */
export const seesNames = (p: Principal) => p.role === 'analyst' || p.role === 'editor' || p.role === 'admin';

/** Roles whose person-level answers are pseudonymised and whose small counts are suppressed. */
export const pseudonymised = (p: Pick<Principal, 'role'>) => p.role === 'observatory' || p.role === 'zone';
