/**
 * Evidence of ties other than attendance, as encounters of the KNOWS ties (network/ties.ts computes
 * and stores them beside co-presence and visits, each encounter with its kind):
 *  - DECLARED: a survey answer, between each service the person worked at on `declaredOn` and the
 *    service named; the person on their side, no one on the other; weight of its frequency;
 *  - REFERRAL: a period's referral count, between the two services, dated by the period's first day,
 *    no one on either side; weight count × 0.25;
 *  - AGREEMENT: a signed agreement, between the two services, dated by its signature; weight 1.
 * None comes from an initiative (`via` ''). weights.ts holds the weights and why.
 */
import { cypher, type Tx } from '../../neo4j/driver';
import { AGREEMENT_WEIGHT, DECLARED_WEIGHT, referralWeight, type DeclaredFrequency } from './weights';

export interface DeclarationFact {
  person: string;
  /** The service named. */
  service: string;
  day: string;
  frequency: DeclaredFrequency;
  /** The services the person worked at on that day. */
  services: string[];
}
export interface ReferralFact {
  from: string;
  to: string;
  day: string;
  count: number;
}
export interface AgreementFact {
  a: string;
  b: string;
  day: string;
}
export interface EvidenceFacts {
  declarations: DeclarationFact[];
  referrals: ReferralFact[];
  agreements: AgreementFact[];
}
export const NO_EVIDENCE: EvidenceFacts = { declarations: [], referrals: [], agreements: [] };

export type OtherEvidenceKind = 'DECLARED' | 'REFERRAL' | 'AGREEMENT';

/** One encounter between two services, either way round ('' for no one on a side). */
export interface EvidenceEncounter {
  s1: string;
  s2: string;
  p1: string;
  p2: string;
  day: string;
  kind: OtherEvidenceKind;
  weight: number;
}

/** Pure: the encounters the facts make. A service never meets itself. */
export function evidenceEncounters(facts: EvidenceFacts): EvidenceEncounter[] {
  const out: EvidenceEncounter[] = [];
  for (const d of facts.declarations)
    for (const s of d.services) if (s !== d.service) out.push({ s1: s, s2: d.service, p1: d.person, p2: '', day: d.day, kind: 'DECLARED', weight: DECLARED_WEIGHT[d.frequency] });
  for (const r of facts.referrals) if (r.from !== r.to) out.push({ s1: r.from, s2: r.to, p1: '', p2: '', day: r.day, kind: 'REFERRAL', weight: referralWeight(r.count) });
  for (const g of facts.agreements) if (g.a !== g.b) out.push({ s1: g.a, s2: g.b, p1: '', p2: '', day: g.day, kind: 'AGREEMENT', weight: AGREEMENT_WEIGHT });
  return out;
}

/**
 * Every fact that can make an encounter with one end in the given services: answers naming one of
 * them or given by someone working at one of them on the day, referrals and agreements of one of them.
 */
const EVIDENCE_FACTS = cypher(
  'evidence.facts',
  `CALL { CALL { UNWIND $serviceIds AS sid MATCH (:Person)-[d:DECLARED_TIE]->(:Service {id: sid}) RETURN d
                 UNION UNWIND $serviceIds AS sid MATCH (:Service {id: sid})<-[w:WORKS_AT]-(:Person)-[d:DECLARED_TIE]->(:Service)
                       WHERE w.from <= d.declaredOn AND (w.to IS NULL OR w.to >= d.declaredOn) RETURN d }
          WITH startNode(d) AS p, d, endNode(d) AS s
          RETURN collect({person: p.id, service: s.id, day: toString(d.declaredOn), frequency: d.frequency,
                          services: [(p)-[w:WORKS_AT]->(x:Service) WHERE w.from <= d.declaredOn AND (w.to IS NULL OR w.to >= d.declaredOn) | x.id]}) AS declarations }
   CALL { UNWIND $serviceIds AS sid MATCH (:Service {id: sid})-[r:REFERRED]-(:Service) WITH DISTINCT r
          RETURN collect({from: startNode(r).id, to: endNode(r).id, day: toString(r.periodStart), count: r.count}) AS referrals }
   CALL { UNWIND $serviceIds AS sid MATCH (:Service {id: sid})-[g:AGREEMENT]-(:Service) WITH DISTINCT g
          RETURN collect({a: startNode(g).id, b: endNode(g).id, day: toString(g.signedOn)}) AS agreements }
   RETURN declarations, referrals, agreements`,
);

/** The facts as read: a REFERRED's `count` is a stored property, null on one written without it. */
type FactsRow = Omit<EvidenceFacts, 'referrals'> & { referrals: Array<Omit<ReferralFact, 'count'> & { count: number | null }> };
type Run = (query: typeof EVIDENCE_FACTS, params: Record<string, unknown>) => Promise<Array<FactsRow & Record<string, unknown>>>;

/** The facts for these services, read with the caller's transaction or database (`run`). */
export async function readEvidenceFacts(run: Run, serviceIds: string[]): Promise<EvidenceFacts> {
  if (!serviceIds.length) return NO_EVIDENCE;
  const [row] = await run(EVIDENCE_FACTS, { serviceIds });
  return row ? { declarations: row.declarations, referrals: row.referrals.map((r) => ({ ...r, count: r.count ?? 0 })), agreements: row.agreements } : NO_EVIDENCE;
}

export const evidenceIn = (tx: Tx, serviceIds: string[]) => readEvidenceFacts((q, p) => tx.run(q, p), serviceIds);
