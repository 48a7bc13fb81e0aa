/**
 * Writing evidence of ties other than attendance — survey answers, referral counts, agreements — for
 * the mutations and the imports alike: the rules engine first (editing/rules.ts), then the write
 * MERGEd on its stable key, then the ties it touches refreshed, all in the caller's transaction.
 *
 * Stored as:
 *   (:Person)-[:DECLARED_TIE {survey, declaredOn, frequency, trust, value}]->(:Service)   key: person, service, survey
 *   (:Service)-[:REFERRED {period, periodStart, periodEnd, count}]->(:Service)             key: from, to, period
 *   (:Service)-[:AGREEMENT {kind, signedOn, endsOn}]->(:Service)                           key: the pair (lower id first), kind, signedOn
 */
import { cypher, type Tx } from '../../neo4j/driver';
import { refreshTies } from '../network/ties';
import {
  checkAgreements,
  checkDeclarations,
  checkReferrals,
  type AgreementChange,
  type AgreementFields,
  type DeclarationChange,
  type DeclarationFields,
  type ReferralChange,
  type ReferralFields,
} from '../editing/rules';
import type { UserErrorRow } from '../editing/model';
import type { AgreementRow, DeclaredTieRow, ReferralRow } from './model';
import { parsePeriod, type DeclaredFrequency } from './weights';

export type Declaration = DeclarationChange & { frequency: DeclaredFrequency };

const DECLARE = cypher(
  'evidence.declare',
  `UNWIND $rows AS row MATCH (p:Person {id: row.person}), (s:Service {id: row.service})
   MERGE (p)-[d:DECLARED_TIE {survey: row.survey}]->(s)
   SET d.declaredOn = date(row.declaredOn), d.frequency = row.frequency, d.trust = toFloat(row.trust), d.value = toFloat(row.value)`,
);
const WITHDRAW = cypher(
  'evidence.withdraw',
  `MATCH (p:Person {id: $person})-[d:DECLARED_TIE {survey: $survey}]->(s:Service {id: $service})
   WITH p, s, d, {personId: p.id, personConsent: coalesce(p.consent, false), serviceId: s.id, survey: d.survey, declaredOn: toString(d.declaredOn),
                  frequency: d.frequency, trust: d.trust, value: d.value} AS row
   DELETE d
   RETURN row, [(p)-[:WORKS_AT]->(x:Service) | x.id] AS services`,
);
const DECLARED_ROW = cypher(
  'evidence.declaredRow',
  `MATCH (p:Person {id: $person})-[d:DECLARED_TIE {survey: $survey}]->(s:Service {id: $service})
   RETURN p.id AS personId, coalesce(p.consent, false) AS personConsent, s.id AS serviceId, d.survey AS survey, toString(d.declaredOn) AS declaredOn,
          d.frequency AS frequency, d.trust AS trust, d.value AS value`,
);
const REFER = cypher(
  'evidence.refer',
  `UNWIND $rows AS row MATCH (a:Service {id: row.from}), (b:Service {id: row.to})
   MERGE (a)-[r:REFERRED {period: row.period}]->(b)
   SET r.count = toInteger(row.count), r.periodStart = date(row.start), r.periodEnd = date(row.end)`,
);
const UNREFER = cypher('evidence.unrefer', 'UNWIND $rows AS row MATCH (:Service {id: row.from})-[r:REFERRED {period: row.period}]->(:Service {id: row.to}) DELETE r');
const AGREE = cypher(
  'evidence.agree',
  `UNWIND $rows AS row MATCH (a:Service {id: row.a}), (b:Service {id: row.b})
   MERGE (a)-[g:AGREEMENT {kind: row.kind, signedOn: date(row.signedOn)}]->(b)
   SET g.endsOn = CASE WHEN row.endsOn IS NULL THEN null ELSE date(row.endsOn) END`,
);
const DISAGREE = cypher(
  'evidence.removeAgreement',
  `MATCH (:Service {id: $a})-[g:AGREEMENT {kind: $kind, signedOn: date($signedOn)}]->(:Service {id: $b})
   WITH g, toString(g.endsOn) AS endsOn DELETE g RETURN endsOn`,
);

/** An agreement is stored once, from the lower service id to the higher. */
export const ordered = (c: AgreementChange): AgreementChange => (c.a <= c.b ? c : { ...c, a: c.b, b: c.a });

const accepted = <T>(changes: T[], errors: UserErrorRow[][]) => changes.filter((_, i) => errors[i]!.length === 0);

/** Checks the answers, writes those that break no rule, refreshes their ties. Answers each one's errors. */
export async function writeDeclarations(tx: Tx, changes: Declaration[], fields: DeclarationFields): Promise<UserErrorRow[][]> {
  const { errors, services } = await checkDeclarations(tx, changes, fields);
  const ok = accepted(changes, errors);
  if (ok.length) {
    await tx.run(DECLARE, { rows: ok });
    // The declarer's service on the day is one of the services they ever worked at: refresh them all.
    await refreshTies(tx, { personIds: ok.map((c) => c.person), serviceIds: ok.flatMap((c) => [c.service, ...(services.get(c.person) ?? [])]) });
  }
  return errors;
}

export async function withdrawDeclaration(tx: Tx, key: { person: string; service: string; survey: string }): Promise<DeclaredTieRow | null> {
  const [row] = await tx.run<{ row: DeclaredTieRow; services: string[] }>(WITHDRAW, key);
  if (!row) return null;
  await refreshTies(tx, { personIds: [key.person], serviceIds: [key.service, ...row.services] });
  return row.row;
}

export async function declaredRow(tx: Tx, key: { person: string; service: string; survey: string }): Promise<DeclaredTieRow | null> {
  const [row] = await tx.run<DeclaredTieRow & Record<string, unknown>>(DECLARED_ROW, key);
  return row ?? null;
}

/** Checks the counts, writes (count 0: removes) those that break no rule, refreshes their ties. */
export async function writeReferrals(tx: Tx, changes: ReferralChange[], fields: ReferralFields): Promise<UserErrorRow[][]> {
  const errors = await checkReferrals(tx, changes, fields);
  const ok = accepted(changes, errors);
  const put = ok.filter((c) => c.count > 0).map((c) => ({ ...c, ...parsePeriod(c.period) }));
  const drop = ok.filter((c) => c.count === 0);
  if (put.length) await tx.run(REFER, { rows: put });
  if (drop.length) await tx.run(UNREFER, { rows: drop });
  if (ok.length) await refreshTies(tx, { serviceIds: ok.flatMap((c) => [c.from, c.to]) });
  return errors;
}

export const referralRow = (c: ReferralChange): ReferralRow => ({ fromId: c.from, toId: c.to, period: c.period, count: c.count });

/** Checks the agreements, writes those that break no rule, refreshes their ties. */
export async function writeAgreements(tx: Tx, changes: AgreementChange[], fields: AgreementFields): Promise<UserErrorRow[][]> {
  const errors = await checkAgreements(tx, changes, fields);
  const ok = accepted(changes, errors).map(ordered);
  if (ok.length) {
    await tx.run(AGREE, { rows: ok });
    await refreshTies(tx, { serviceIds: ok.flatMap((c) => [c.a, c.b]) });
  }
  return errors;
}

export async function removeAgreement(tx: Tx, change: Omit<AgreementChange, 'endsOn'>): Promise<AgreementRow | null> {
  const c = ordered({ ...change, endsOn: null });
  const [row] = await tx.run<{ endsOn: string | null }>(DISAGREE, { a: c.a, b: c.b, kind: c.kind, signedOn: c.signedOn });
  if (!row) return null;
  await refreshTies(tx, { serviceIds: [c.a, c.b] });
  return agreementRow({ ...c, endsOn: row.endsOn });
}

export const agreementRow = (change: AgreementChange): AgreementRow => {
  const c = ordered(change);
  return { aId: c.a, bId: c.b, kind: c.kind as AgreementRow['kind'], signedOn: c.signedOn, endsOn: c.endsOn };
};
