/**
 * Which ties staff turnover breaks. A tie is carried, on each side, by the people of that service
 * who met the other side (KNOWS peopleA / peopleB). On a date, the carriers still working there
 * decide its status: LOST when a side that had people has none left, FRAGILE when one has a single
 * one, SOLID otherwise. The host side of a pure visit has no named carrier: the service itself holds it.
 */
import type { Context } from '../../context';
import type { AcquaintanceRow, TieAtRiskRow, TieStatus, TurnoverImpactRow } from './model';
import * as q from './queries';
import { byPair, fromWindow, type WindowTieRow } from './tie-rows';

type Present = Set<string>; // `${person}|${service}` pairs still employed

async function stillThere(ctx: Context, ties: AcquaintanceRow[], asOf: string): Promise<Present> {
  // Each pair once: a person carries most of their service's ties.
  const pairs = new Map<string, { person: string; service: string }>();
  const add = (person: string, service: string) => pairs.set(`${person}|${service}`, { person, service });
  for (const t of ties) {
    for (const person of t.peopleA) add(person, t.a);
    for (const person of t.peopleB) add(person, t.b);
  }
  if (pairs.size === 0) return new Set();
  const rows = await ctx.db.read<{ person: string; service: string }>(
    q.stillEmployed,
    { pairs: [...pairs.values()], asOf },
    { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true },
  );
  return new Set(rows.map((r) => `${r.person}|${r.service}`));
}

export function statusOf(carriersA: number, hadA: number, carriersB: number, hadB: number): TieStatus {
  if ((hadA > 0 && carriersA === 0) || (hadB > 0 && carriersB === 0)) return 'LOST';
  if ((hadA > 0 && carriersA === 1) || (hadB > 0 && carriersB === 1)) return 'FRAGILE';
  return 'SOLID';
}

export async function tiesAtRisk(ctx: Context, ties: AcquaintanceRow[], asOf: string): Promise<TieAtRiskRow[]> {
  const present = await stillThere(ctx, ties, asOf);
  return ties.map((tie) => {
    const carriersA = tie.peopleA.filter((p) => present.has(`${p}|${tie.a}`)).length;
    const carriersB = tie.peopleB.filter((p) => present.has(`${p}|${tie.b}`)).length;
    return { tie, carriersA, carriersB, status: statusOf(carriersA, tie.peopleA.length, carriersB, tie.peopleB.length) };
  });
}

export async function turnoverImpact(ctx: Context, serviceId: string, personId: string, asOf: string): Promise<TurnoverImpactRow> {
  const ties = (await ctx.db.read<WindowTieRow & Record<string, unknown>>(q.tiesOfService, { id: serviceId, from: null, to: asOf })).map(fromWindow).sort(byPair);
  const present = await stillThere(ctx, ties, asOf);
  const impact: TurnoverImpactRow = { serviceId, tiesCarried: 0, wouldBeLost: [], wouldBecomeFragile: [] };
  for (const tie of ties) {
    const mySide = tie.a === serviceId ? tie.peopleA : tie.peopleB;
    const carriers = mySide.filter((p) => present.has(`${p}|${serviceId}`));
    if (!carriers.includes(personId)) continue;
    impact.tiesCarried += 1;
    const remaining = carriers.length - 1;
    if (remaining === 0) impact.wouldBeLost.push(tie);
    else if (remaining === 1) impact.wouldBecomeFragile.push(tie);
  }
  return impact;
}
