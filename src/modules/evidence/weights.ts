/**
 * The weights of the evidence kinds that are not co-presence, on the scale of ties.ts: 1 is one
 * 3-hour meeting of two people (a meeting of n gives each pair 1/(n − 1); the default tie filter asks
 * for 0.25). Pure, and the one place these numbers live (docs/graph-model.md explains them).
 *
 *  - DECLARED (a relationship survey): the PARTNER tool's frequency answer, in equal steps of 0.25
 *    from "once a year or less" (0.25: a person who says they work with a service knows it, so any
 *    answer passes the default on its own) to "every day" (1.25). An ordinal scale read as equal
 *    steps; "never" is not an answer (a person names only services they work with).
 *  - REFERRAL: 0.25 per client referred (four referrals weigh one meeting of two), whatever the
 *    period: a year's count and the same referrals counted month by month weigh the same.
 *  - AGREEMENT: 1, one meeting of two (signing takes at least that), whatever its kind.
 */
export const DECLARED_FREQUENCIES = ['YEARLY_OR_LESS', 'QUARTERLY', 'MONTHLY', 'WEEKLY', 'DAILY'] as const;
export type DeclaredFrequency = (typeof DECLARED_FREQUENCIES)[number];
export const AGREEMENT_KINDS = ['PARTNERSHIP', 'IMMERSION'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export const DECLARED_WEIGHT: Readonly<Record<DeclaredFrequency, number>> = { YEARLY_OR_LESS: 0.25, QUARTERLY: 0.5, MONTHLY: 0.75, WEEKLY: 1, DAILY: 1.25 };
export const WEIGHT_PER_REFERRAL = 0.25;
export const AGREEMENT_WEIGHT = 1;

/** PARTNER trust and value scores: the mean of three answers on a 1–4 scale. */
export const SCORE_MIN = 1;
export const SCORE_MAX = 4;

export const referralWeight = (count: number) => count * WEIGHT_PER_REFERRAL;

/** A period of referral counts: a year (`2024`), a quarter (`2024-Q2`) or a month (`2024-03`). Null when malformed. */
export function parsePeriod(period: string): { start: string; end: string } | null {
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
  let m = /^(\d{4})$/.exec(period);
  if (m) return { start: `${m[1]}-01-01`, end: `${m[1]}-12-31` };
  m = /^(\d{4})-Q([1-4])$/.exec(period);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return { start: `${y}-${pad(3 * q - 2)}-01`, end: `${y}-${pad(3 * q)}-${lastDay(y, 3 * q)}` };
  }
  m = /^(\d{4})-(\d{2})$/.exec(period);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return { start: `${y}-${pad(mo)}-01`, end: `${y}-${pad(mo)}-${lastDay(y, mo)}` };
  }
  return null;
}
