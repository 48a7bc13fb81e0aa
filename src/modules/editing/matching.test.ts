/** Person matching on lists: normalisation, e-mail hashes, doubtful cases. */
import crypto from 'node:crypto';
import { editDistance, emailHash, oneEditApart, matchPerson, newPersonId, normaliseName, type Candidate } from './matching';

const c = (id: string, name: string, organisationId: string, hash: string | null = null): Candidate => ({ id, norm: normaliseName(name), organisationId, emailHash: hash });

it('normalises case, accents, punctuation and word order', () => {
  expect(normaliseName('  Dubois,  Chloé ')).toBe(normaliseName('chloe DUBOIS'));
  expect(normaliseName("Marie-Thérèse d'Ursel")).toBe('d marie therese ursel');
});

it('matches by keyed e-mail hash first, then by name within the organisation', () => {
  const h = emailHash('secret-secret-secret', 'A.Peeters@Example.org');
  expect(h).toBe(emailHash('secret-secret-secret', ' a.peeters@example.org'));
  const people = [c('p1', 'Ana Peeters', 'o1', h), c('p2', 'Bram Claes', 'o1')];
  expect(matchPerson('Someone Else', 'o9', h, people)).toEqual({ kind: 'match', personId: 'p1', by: 'email' });
  expect(matchPerson('CLAES Bram', 'o1', null, people)).toEqual({ kind: 'match', personId: 'p2', by: 'name' });
  // The same person listed twice by two lookups is still one match.
  expect(matchPerson('Bram Claes', 'o1', null, [...people, c('p2', 'Bram Claes', 'o1')])).toEqual({ kind: 'match', personId: 'p2', by: 'name' });
});

it('reports doubtful matches instead of guessing', () => {
  const people = [c('p1', 'Ana Peeters', 'o1'), c('p3', 'Ana Peeters', 'o1'), c('p4', 'Eva Maes', 'o2'), c('p5', 'Nora Diallo', 'o3')];
  expect(matchPerson('Ana Peeters', 'o1', null, people)).toMatchObject({ kind: 'doubtful', candidates: ['p1', 'p3'] }); // two of them
  expect(matchPerson('Eva Mais', 'o2', null, people)).toMatchObject({ kind: 'doubtful', candidates: ['p4'] }); // one letter away
  expect(matchPerson('Nora Diallo', 'o1', null, people)).toMatchObject({ kind: 'doubtful', candidates: ['p5'] }); // moved?
  expect(matchPerson('Zoé Nouvelle', 'o1', null, people)).toEqual({ kind: 'new' });
});

it('edit distance and stable new ids', () => {
  expect(editDistance('maes', 'mais')).toBe(1);
  expect(editDistance('peeters', 'peters')).toBe(1);
  expect(editDistance('abc', 'xyz')).toBe(3);
});

it('oneEditApart agrees with the edit distance on every pair of a small alphabet', () => {
  // All strings of length 0–3 over {a, b}: 1 + 2 + 4 + 8 = 15 strings, 225 ordered pairs.
  const words = [''];
  for (let n = 1; n <= 3; n++) for (let k = 0; k < 2 ** n; k++) words.push(k.toString(2).padStart(n, '0').replace(/0/g, 'a').replace(/1/g, 'b'));
  expect(words).toHaveLength(15);
  for (const a of words) for (const b of words) expect([a, b, oneEditApart(a, b)]).toEqual([a, b, editDistance(a, b, 3) === 1]);
  expect(oneEditApart('peeters', 'peters')).toBe(true);
  expect(oneEditApart('maes', 'mais')).toBe(true);
  expect(oneEditApart('maes', 'maes')).toBe(false);
  const secret = 'a-test-secret-of-16+';
  expect(newPersonId(secret, 'Zoé Nouvelle', 'o1')).toBe(newPersonId(secret, 'NOUVELLE zoe', 'o1'));
  expect(newPersonId(secret, 'Zoé Nouvelle', 'o1')).not.toBe(newPersonId(secret, 'Zoé Nouvelle', 'o2'));
});

it('new person ids are keyed: another secret gives another id, and the unkeyed hash of name and organisation is not it', () => {
  const id = newPersonId('a-test-secret-of-16+', 'Zoé Nouvelle', 'o1');
  expect(id).toMatch(/^per-[0-9a-f]{16}$/);
  expect(newPersonId('another-secret-of-16+', 'Zoé Nouvelle', 'o1')).not.toBe(id);
  const unkeyed = crypto.createHash('sha256').update('nouvelle zoe|o1').digest('hex').slice(0, 16);
  expect(id).not.toBe(`per-${unkeyed}`);
});
