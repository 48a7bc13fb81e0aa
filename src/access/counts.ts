/** Counts of people, with the small-cell rule applied for pseudonymised callers. */
import type { Context } from '../context';
import { pseudonymised } from './principal';
import { SMALL_CELL } from './pseudonym';

export interface PeopleCount {
  value: number | null;
  suppressed: boolean;
}

export function peopleCount(ctx: Pick<Context, 'principal'>, n: number): PeopleCount {
  if (pseudonymised(ctx.principal) && n > 0 && n < SMALL_CELL) return { value: null, suppressed: true };
  return { value: n, suppressed: false };
}
