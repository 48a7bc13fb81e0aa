/** Keyed pseudonyms: stable, keyed by the secret, the same when recomputed after the memo is emptied. */
import crypto from 'node:crypto';
import { pseudonym } from './pseudonym';

const direct = (secret: string, id: string) => `psn_${crypto.createHmac('sha256', secret).update(`person:${id}`).digest('base64url').slice(0, 22)}`;

it('is the HMAC of the id under the secret, the same on every call', () => {
  expect(pseudonym('secret-a-0123456789', 'p1')).toBe(direct('secret-a-0123456789', 'p1'));
  expect(pseudonym('secret-a-0123456789', 'p1')).toBe(pseudonym('secret-a-0123456789', 'p1'));
  expect(pseudonym('secret-b-0123456789', 'p1')).not.toBe(pseudonym('secret-a-0123456789', 'p1'));
  expect(pseudonym('secret-a-0123456789', 'p1')).toMatch(/^psn_[A-Za-z0-9_-]{22}$/);
});

it('stays right past the memo bound (50,000 people)', () => {
  const first = pseudonym('secret-c-0123456789', 'first');
  for (let i = 0; i < 50_001; i++) pseudonym('secret-c-0123456789', `p${i}`);
  expect(pseudonym('secret-c-0123456789', 'first')).toBe(first);
  expect(pseudonym('secret-c-0123456789', 'p7')).toBe(direct('secret-c-0123456789', 'p7'));
});
