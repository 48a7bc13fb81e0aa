/**
 * Recognising the same professional across attendance lists: names are compared after
 * normalisation (case, accents, punctuation, word order), within the organisation given on the
 * list; an e-mail address, when a list has one, is compared through a keyed hash (HMAC-SHA256 with
 * PSEUDONYM_SECRET) and never stored. A match that is only nearly right is reported as doubtful
 * for a person to confirm; it is never guessed.
 */
import crypto from 'node:crypto';

export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .sort()
    .join(' ');
}

export function emailHash(secret: string, email: string): string {
  return crypto.createHmac('sha256', secret).update(`email:${email.trim().toLowerCase()}`).digest('hex');
}

/** Levenshtein distance, capped: we only need to know whether it is 0, 1 or more. */
export function editDistance(a: string, b: string, cap = 2): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Whether two different strings are one edit apart (one letter changed, added or removed): a
 * single linear walk, as each row of a list is compared with every name of its organisation.
 */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  const short = a.length <= b.length ? a : b;
  const long = short === a ? b : a;
  let i = 0;
  while (i < short.length && short.charCodeAt(i) === long.charCodeAt(i)) i++;
  // Past the first difference the rest must agree: shifted by one (added letter) or aligned (changed
  // letter). Compared in place: a list row meets every name of its organisation, and cutting
  // substrings for each was a large share of the import's garbage (not measured apart).
  const shift = short.length < long.length ? 0 : 1;
  for (let k = i + shift; k < short.length; k++) if (short.charCodeAt(k) !== long.charCodeAt(k + 1 - shift)) return false;
  return true;
}

export interface Candidate {
  id: string;
  norm: string;
  organisationId: string | null;
  emailHash: string | null;
}

export type MatchResult = { kind: 'match'; personId: string; by: 'email' | 'name' } | { kind: 'new' } | { kind: 'doubtful'; candidates: string[]; reason: string };

/**
 * The people a list's rows may be, indexed by e-mail hash, organisation and normalised name: a list
 * of thousands of rows against tens of thousands of candidates must not scan them all per row.
 */
export class CandidatePool {
  private readonly byEmail = new Map<string, Candidate>();
  private readonly byOrganisation = new Map<string | null, Candidate[]>();
  private readonly byName = new Map<string, Candidate[]>();

  constructor(candidates: Iterable<Candidate> = []) {
    for (const c of candidates) this.add(c);
  }

  add(c: Candidate): void {
    if (c.emailHash && !this.byEmail.has(c.emailHash)) this.byEmail.set(c.emailHash, c); // the first one wins
    const push = <K>(map: Map<K, Candidate[]>, key: K) => (map.get(key) ?? map.set(key, []).get(key)!).push(c);
    push(this.byOrganisation, c.organisationId);
    push(this.byName, c.norm);
  }

  withEmail = (hash: string) => this.byEmail.get(hash);
  ofOrganisation = (organisationId: string) => this.byOrganisation.get(organisationId) ?? [];
  named = (norm: string) => this.byName.get(norm) ?? [];
}

/** `norm` is `normaliseName(name)`, when the caller already has it. */
export function matchPerson(name: string, organisationId: string, hash: string | null, candidates: Candidate[] | CandidatePool, norm = normaliseName(name)): MatchResult {
  const pool = candidates instanceof CandidatePool ? candidates : new CandidatePool(candidates);
  if (hash) {
    const byEmail = pool.withEmail(hash);
    if (byEmail) return { kind: 'match', personId: byEmail.id, by: 'email' };
  }
  // A person can come back from several lookups: compare distinct ids.
  const ids = (cs: Candidate[]) => [...new Set(cs.map((c) => c.id))].sort();
  const sameOrg = pool.ofOrganisation(organisationId);
  const exact = ids(sameOrg.filter((c) => c.norm === norm));
  if (exact.length === 1) return { kind: 'match', personId: exact[0]!, by: 'name' };
  if (exact.length > 1) return { kind: 'doubtful', candidates: exact, reason: 'several people of this organisation have this name' };
  const near = ids(sameOrg.filter((c) => oneEditApart(c.norm, norm)));
  if (near.length) return { kind: 'doubtful', candidates: near, reason: 'a name one letter away exists in this organisation' };
  const elsewhere = ids(pool.named(norm).filter((c) => c.organisationId !== organisationId));
  if (elsewhere.length) return { kind: 'doubtful', candidates: elsewhere, reason: 'the same name exists in another organisation (moved?)' };
  return { kind: 'new' };
}

/**
 * A stable id for a person first seen on a list: the same name and organisation give the same id, so
 * re-running a list MERGEs on it. Keyed (HMAC-SHA256 with the secret, under its own `person-id:`
 * label, apart from the pseudonyms' `person:` and the e-mail hashes' `email:`): without the secret,
 * a staff list does not give the ids of its people.
 */
export function newPersonId(secret: string, name: string, organisationId: string, norm = normaliseName(name)): string {
  return `per-${crypto.createHmac('sha256', secret).update(`person-id:${norm}|${organisationId}`).digest('hex').slice(0, 16)}`;
}
