/**
 * KNOWS rows as the queries return them (see TIE_COLUMNS in queries.ts), turned into acquaintances:
 * all-time rows carry the stored aggregates, window rows the encounters inside the window.
 */
import type { AcquaintanceRow } from './model';
import { summariseEncounters, type EvidenceKind } from './ties';

/** The stored aggregates: an acquaintance before its breadth is counted. */
export type AllTimeTieRow = Omit<AcquaintanceRow, 'breadthA' | 'breadthB'>;

export interface WindowTieRow {
  a: string;
  b: string;
  dates: string[];
  via: string[];
  encounterPeopleA: string[];
  encounterPeopleB: string[];
  weights: number[];
  kinds: string[];
}

export function fromAllTime(row: AllTimeTieRow): AcquaintanceRow {
  const { a, b, strength, weight, meetings, visits, firstMet, lastMet, initiatives, peopleA, peopleB } = row;
  return { a, b, strength, weight, meetings, visits, firstMet, lastMet, initiatives, peopleA, peopleB, breadthA: peopleA.length, breadthB: peopleB.length };
}

export function fromWindow(row: WindowTieRow): AcquaintanceRow {
  const s = summariseEncounters(
    row.dates.map((day, i) => ({
      day,
      initiative: row.via[i] ?? '',
      personA: row.encounterPeopleA[i] ?? '',
      personB: row.encounterPeopleB[i] ?? '',
      weight: row.weights[i] ?? 0,
      kind: (row.kinds[i] ?? 'CO_PRESENCE') as EvidenceKind,
    })),
  );
  return {
    a: row.a,
    b: row.b,
    strength: s.strength,
    weight: s.weight,
    meetings: s.meetings,
    visits: s.visits,
    firstMet: s.firstAt,
    lastMet: s.lastAt,
    initiatives: s.initiatives,
    peopleA: s.peopleA,
    peopleB: s.peopleB,
    breadthA: s.breadthA,
    breadthB: s.breadthB,
  };
}

/** A stable order for ties: by lower id, then higher id (plain code-unit order, like the cursors). */
export function byPair(x: { a: string; b: string }, y: { a: string; b: string }): number {
  if (x.a !== y.a) return x.a < y.a ? -1 : 1;
  return x.b < y.b ? -1 : x.b > y.b ? 1 : 0;
}

/** One row of a packed tie query: a service and its ties to higher ids (see tiesPacked in queries.ts). */
export interface PackedRow {
  a: string;
  ties: unknown[][];
}

const str = (x: unknown) => String(x ?? '');
const strs = (x: unknown) => (Array.isArray(x) ? x.map(str) : []);

/** [b, weight, count]: the weighted strength is the edge's strength for the measures, the count beside it. */
export function unpackStrength(rows: PackedRow[]): Array<{ a: string; b: string; strength: number; count: number }> {
  return rows.flatMap((r) => r.ties.map(([b, weight, count]) => ({ a: r.a, b: str(b), strength: Number(weight), count: Number(count) })));
}

/** [b, initiatives] (all time), or [b, via of each encounter in the window] */
export function unpackInitiatives(rows: PackedRow[]): Array<{ a: string; b: string; initiatives: string[] }> {
  return rows.flatMap((r) => r.ties.map(([b, via]) => ({ a: r.a, b: str(b), initiatives: [...new Set(strs(via).filter(Boolean))].sort() })));
}

/** [b, strength, visits, firstAt, lastAt, initiatives, peopleA, peopleB, weight, meetings] */
export function unpackAllTime(rows: PackedRow[]): AcquaintanceRow[] {
  return rows.flatMap((r) =>
    r.ties.map(([b, strength, visits, firstMet, lastMet, initiatives, peopleA, peopleB, weight, meetings]) =>
      fromAllTime({
        a: r.a,
        b: str(b),
        strength: Number(strength),
        weight: Number(weight),
        meetings: Number(meetings),
        visits: Number(visits),
        firstMet: str(firstMet),
        lastMet: str(lastMet),
        initiatives: strs(initiatives),
        peopleA: strs(peopleA),
        peopleB: strs(peopleB),
      }),
    ),
  );
}

/** [b, dates, via, encounterPeopleA, encounterPeopleB, weights, kinds], encounters inside the window */
export function unpackWindow(rows: PackedRow[]): AcquaintanceRow[] {
  return rows.flatMap((r) =>
    r.ties.map(([b, dates, via, encounterPeopleA, encounterPeopleB, weights, kinds]) =>
      fromWindow({
        a: r.a,
        b: str(b),
        dates: strs(dates),
        via: strs(via),
        encounterPeopleA: strs(encounterPeopleA),
        encounterPeopleB: strs(encounterPeopleB),
        weights: Array.isArray(weights) ? weights.map(Number) : [],
        kinds: strs(kinds),
      }),
    ),
  );
}
