/** Row shapes of the evidence module (declared ties, referrals, agreements). */
import type { UserErrorRow } from '../editing/model';
import type { AgreementKind, DeclaredFrequency } from './weights';

export interface DeclaredTieRow {
  personId: string;
  personConsent: boolean;
  serviceId: string;
  survey: string;
  declaredOn: string;
  frequency: DeclaredFrequency;
  trust: number | null;
  value: number | null;
}

export interface ReferralRow {
  fromId: string;
  toId: string;
  period: string;
  count: number;
}

export interface AgreementRow {
  aId: string;
  bId: string;
  kind: AgreementKind;
  signedOn: string;
  endsOn: string | null;
}

export type DeclaredTiePayloadRow = { declaredTie: DeclaredTieRow | null; errors: UserErrorRow[] };
export type ReferralPayloadRow = { referral: ReferralRow | null; errors: UserErrorRow[] };
export type AgreementPayloadRow = { agreement: AgreementRow | null; errors: UserErrorRow[] };
