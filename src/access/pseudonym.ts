/**
 * Stable keyed pseudonyms (HMAC-SHA256 with a secret from config): the same person gets the same
 * pseudonym in every answer and export, and nobody without the secret can link it back.
 */
import crypto from 'node:crypto';

export function pseudonym(secret: string, personId: string): string {
  return `psn_${crypto.createHmac('sha256', secret).update(`person:${personId}`).digest('base64url').slice(0, 22)}`;
}

/** Counts of people under this are suppressed for pseudonymised roles (small-cell rule). */
export const SMALL_CELL = 5;
