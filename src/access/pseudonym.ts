/**
 * Stable keyed pseudonyms (HMAC-SHA256 with a secret from config): the same person gets the same
 * pseudonym in every answer and export, and nobody without the secret can link it back.
 */
import crypto from 'node:crypto';

/**
 * Pseudonyms already made, per secret: the same people are read again and again (a service's staff,
 * a zone's exports), and each HMAC costs a few microseconds on every request that reads people.
 * Bounded: emptied when full, as recomputing is always right.
 */
const made = new Map<string, Map<string, string>>();
const MADE_MAX = 50_000;

export function pseudonym(secret: string, personId: string): string {
  let bySecret = made.get(secret);
  if (!bySecret) made.set(secret, (bySecret = new Map<string, string>()));
  let value = bySecret.get(personId);
  if (value === undefined) {
    if (bySecret.size >= MADE_MAX) bySecret.clear();
    value = `psn_${crypto.createHmac('sha256', secret).update(`person:${personId}`).digest('base64url').slice(0, 22)}`;
    bySecret.set(personId, value);
  }
  return value;
}

/** Counts of people under this are suppressed for pseudonymised roles (small-cell rule). */
export const SMALL_CELL = 5;
