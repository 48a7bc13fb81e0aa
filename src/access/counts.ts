/**
 * The small-cell rule (docs/security.md), for the callers who see people only as counts (zone teams,
 * the observatory). Every figure that counts people or their encounters is withheld when it is 1–4
 * and rounded to the nearest multiple of 5 otherwise. Suppression alone does not hold: two exact
 * figures the same key can ask for (participants and first-timers, staff and carriers, one window
 * and a window a day longer) subtract to a small count. Rounded figures subtract only to a range.
 * Zero stays exact: it singles no one out.
 */
import type { Context } from '../context';
import { pseudonymised, type Principal } from './principal';
import { SMALL_CELL } from './pseudonym';

export interface PeopleCount {
  value: number | null;
  suppressed: boolean;
  rounded: boolean;
}

/** A count as this caller may see it: exact, rounded to a multiple of 5, or null (withheld). */
export function disclosed(principal: Pick<Principal, 'role'>, n: number): number | null {
  if (!pseudonymised(principal) || n === 0) return n;
  if (n < SMALL_CELL) return null;
  return Math.round(n / SMALL_CELL) * SMALL_CELL;
}

export function peopleCount(ctx: Pick<Context, 'principal'>, n: number): PeopleCount {
  const value = disclosed(ctx.principal, n);
  return { value, suppressed: value === null, rounded: value !== null && value !== 0 && pseudonymised(ctx.principal) };
}

/**
 * A ratio of two counts of people as this caller may see it: from the disclosed figures, and null
 * when either is withheld (a rate of 1/4 would give both back).
 */
export function disclosedRatio(principal: Pick<Principal, 'role'>, numerator: number, denominator: number): number | null {
  const n = disclosed(principal, numerator);
  const d = disclosed(principal, denominator);
  if (n === null || d === null || d === 0) return null;
  return n / d;
}
