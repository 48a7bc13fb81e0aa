/**
 * CSV lists of evidence of ties other than attendance, for `npm run import -- survey|referrals|agreements`
 * and `importCsv`: read, checked and written as every import is (editing/import.ts) — each row's
 * syntax here, then the rules engine (editing/rules.ts) inside the batch's write transaction on the
 * state the batch leaves; a rejected row says `CODE: reason` with its field and nothing of it is
 * written; rows MERGE on their stable key, so a second run of the same file reports them unchanged.
 */
import { cypher, type NamedQuery, type Tx } from '../../neo4j/driver';
import type { Csv, ImportOptions, ImportReportRow, Io } from '../editing/import';
import type { UserErrorRow } from '../editing/model';
import type { AgreementChange, AgreementFields, DeclarationFields, ReferralChange, ReferralFields } from '../editing/rules';
import { ordered, writeAgreements, writeDeclarations, writeReferrals, type Declaration } from './writes';
import { AGREEMENT_KINDS, DECLARED_FREQUENCIES, type DeclaredFrequency } from './weights';

export const EVIDENCE_IMPORT_KINDS = ['survey', 'referrals', 'agreements'] as const;
export type EvidenceImportKind = (typeof EVIDENCE_IMPORT_KINDS)[number];
export const isEvidenceKind = (kind: string): kind is EvidenceImportKind => (EVIDENCE_IMPORT_KINDS as readonly string[]).includes(kind);

type Parsed<C> = { change: C } | { field: string; reason: string };

interface Plan<C> {
  required: string[];
  parse(row: Csv): Parsed<C>;
  /** The stable key a row MERGEs on: two rows of one file with the same key are one too many. */
  key(c: C): string;
  /** $rows of {key, …the change} → key, sig (what the graph holds for that key). */
  existing: NamedQuery;
  signature(c: C): unknown[];
  /** A row that removes (a referral count of 0) and finds nothing changes nothing. */
  removes?(c: C): boolean;
  write(tx: Tx, changes: C[]): Promise<UserErrorRow[][]>;
}

const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const score = (cell: string | undefined): number | null | undefined => (cell ? (Number.isFinite(Number(cell)) ? Number(cell) : undefined) : null);

const SURVEY_FIELDS: DeclarationFields = { person: 'person_id', service: 'service_id', survey: 'survey', declaredOn: 'declared_on', trust: 'trust', value: 'value' };
const REFERRAL_FIELDS: ReferralFields = { from: 'from_service_id', to: 'to_service_id', period: 'period', count: 'count' };
const AGREEMENT_FIELDS: AgreementFields = { a: 'service_a_id', b: 'service_b_id', kind: 'kind', signedOn: 'signed_on', endsOn: 'ends_on' };

const survey: Plan<Declaration> = {
  required: ['person_id', 'service_id', 'survey', 'declared_on', 'frequency'],
  parse: (r) => {
    const frequency = r.frequency!.toUpperCase().replace(/[\s-]+/g, '_');
    if (!(DECLARED_FREQUENCIES as readonly string[]).includes(frequency)) return { field: 'frequency', reason: `one of ${DECLARED_FREQUENCIES.join(', ')}` };
    if (!isDay(r.declared_on!)) return { field: 'declared_on', reason: 'must be a date YYYY-MM-DD' };
    const [trust, value] = [score(r.trust), score(r.value)];
    if (trust === undefined) return { field: 'trust', reason: 'a number from 1 to 4, or empty' };
    if (value === undefined) return { field: 'value', reason: 'a number from 1 to 4, or empty' };
    return { change: { person: r.person_id!, service: r.service_id!, survey: r.survey!, declaredOn: r.declared_on!, frequency: frequency as DeclaredFrequency, trust, value } };
  },
  key: (c) => JSON.stringify([c.person, c.service, c.survey]),
  existing: cypher(
    'import.survey.existing',
    `UNWIND $rows AS row MATCH (:Person {id: row.person})-[d:DECLARED_TIE {survey: row.survey}]->(:Service {id: row.service})
     RETURN row.key AS key, [toString(d.declaredOn), d.frequency, d.trust, d.value] AS sig`,
  ),
  signature: (c) => [c.declaredOn, c.frequency, c.trust, c.value],
  write: (tx, changes) => writeDeclarations(tx, changes, SURVEY_FIELDS),
};

const referrals: Plan<ReferralChange> = {
  required: ['from_service_id', 'to_service_id', 'period', 'count'],
  parse: (r) => {
    const count = Number(r.count);
    if (!/^\d+$/.test(r.count!) || !Number.isSafeInteger(count)) return { field: 'count', reason: 'a whole number of clients, 0 or more (0 removes the record)' };
    return { change: { from: r.from_service_id!, to: r.to_service_id!, period: r.period!, count } };
  },
  key: (c) => JSON.stringify([c.from, c.to, c.period]),
  existing: cypher(
    'import.referrals.existing',
    'UNWIND $rows AS row MATCH (:Service {id: row.from})-[r:REFERRED {period: row.period}]->(:Service {id: row.to}) RETURN row.key AS key, [r.count] AS sig',
  ),
  signature: (c) => [c.count],
  removes: (c) => c.count === 0,
  write: (tx, changes) => writeReferrals(tx, changes, REFERRAL_FIELDS),
};

const agreements: Plan<AgreementChange> = {
  required: ['service_a_id', 'service_b_id', 'kind', 'signed_on'],
  parse: (r) => {
    const kind = r.kind!.toUpperCase();
    if (!(AGREEMENT_KINDS as readonly string[]).includes(kind)) return { field: 'kind', reason: `one of ${AGREEMENT_KINDS.join(', ')}` };
    if (!isDay(r.signed_on!)) return { field: 'signed_on', reason: 'must be a date YYYY-MM-DD' };
    if (r.ends_on && !isDay(r.ends_on)) return { field: 'ends_on', reason: 'must be a date YYYY-MM-DD or empty' };
    return { change: { a: r.service_a_id!, b: r.service_b_id!, kind, signedOn: r.signed_on!, endsOn: r.ends_on || null } };
  },
  // The pair in either order is the same agreement.
  key: (c) => {
    const o = ordered(c);
    return JSON.stringify([o.a, o.b, o.kind, o.signedOn]);
  },
  existing: cypher(
    'import.agreements.existing',
    `UNWIND $rows AS row MATCH (:Service {id: row.lower})-[g:AGREEMENT {kind: row.kind, signedOn: date(row.signedOn)}]->(:Service {id: row.higher})
     RETURN row.key AS key, [toString(g.endsOn)] AS sig`,
  ),
  signature: (c) => [c.endsOn],
  write: (tx, changes) => writeAgreements(tx, changes, AGREEMENT_FIELDS),
};

const PLANS: { [K in EvidenceImportKind]: Plan<never> } = {
  survey: survey as Plan<never>,
  referrals: referrals as Plan<never>,
  agreements: agreements as Plan<never>,
};

/** What the `existing` statement of a kind reads for a change (the agreements' pair in stored order). */
function lookup(kind: EvidenceImportKind, key: string, change: object): Record<string, unknown> {
  if (kind !== 'agreements') return { key, ...change };
  const o = ordered(change as AgreementChange);
  return { key, lower: o.a, higher: o.b, kind: o.kind, signedOn: o.signedOn };
}

export async function importEvidence(io: Io, kind: EvidenceImportKind, rows: Csv[], opts: ImportOptions, report: ImportReportRow): Promise<void> {
  const plan: Plan<object> = PLANS[kind];
  const batchSize = opts.batchSize ?? 2000;
  const seen = new Map<string, number>();
  for (let start = 0; start < rows.length; start += batchSize) {
    const good: Array<{ n: number; key: string; change: object }> = [];
    rows.slice(start, start + batchSize).forEach((row, i) => {
      const n = start + i + 2; // as a spreadsheet numbers rows (the header is row 1)
      const reject = (field: string, reason: string) => {
        report.rejected.push({ row: n, field, reason: `INVALID: ${reason}` });
      };
      const missing = plan.required.find((c) => !row[c]);
      if (missing) {
        reject(missing, 'is required');
        return;
      }
      const parsed = plan.parse(row);
      if (!('change' in parsed)) {
        reject(parsed.field, parsed.reason);
        return;
      }
      const key = plan.key(parsed.change);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        reject(plan.required[0]!, `duplicate of row ${earlier}`);
        return;
      }
      seen.set(key, n);
      good.push({ n, key, change: parsed.change });
    });
    const existing = new Map(
      (good.length ? await io.read<{ key: string; sig: unknown }>(plan.existing, { rows: good.map((g) => lookup(kind, g.key, g.change)) }) : []).map((e) => [
        e.key,
        JSON.stringify(e.sig),
      ]),
    );
    const toWrite = good.filter((g) => {
      const before = existing.get(g.key);
      if (before === undefined ? plan.removes?.(g.change) : before === JSON.stringify(plan.signature(g.change))) return ((report.unchanged += 1), false);
      return true;
    });
    if (toWrite.length) {
      const verdicts = await io.batch((tx) =>
        plan.write(
          tx,
          toWrite.map((g) => g.change),
        ),
      );
      toWrite.forEach((g, i) => {
        const errors = verdicts[i]!;
        if (errors.length) for (const e of errors) report.rejected.push({ row: g.n, field: e.field ?? 'row', reason: `${e.code}: ${e.message}` });
        else if (existing.has(g.key)) report.updated += 1;
        else report.created += 1;
      });
    }
    opts.onProgress?.(Math.min(start + batchSize, rows.length), rows.length);
  }
}
