/**
 * Change over time: a territory's service network cut into calendar years, each year measured on its
 * own (the ties its encounters make under the tie filter) and compared with the year before.
 *
 * - The years run from the first to the last calendar year with an encounter inside the window, every
 *   year between included (a year without encounters has no tie), each cut to the window: "the year
 *   before" is always the previous calendar year, so a tie that lapses for a year is counted lost, then
 *   new again.
 * - New ties: pairs tied this year and not the year before; lost ties: tied the year before and not
 *   this year; kept ties: tied both years. The first year has nothing before it inside the window
 *   (null), rather than everything new.
 * - The E-I index, the language border and the communities are the network questions' own measures
 *   (network/measures/mixing.ts, border.ts, communities.ts) on that year's graph.
 * - Communities of consecutive years are matched as Greene, Doyle & Cunningham (2010, "Tracking the
 *   evolution of communities in dynamic social networks") match step communities: by the Jaccard
 *   overlap of their services, a pair matching when it reaches θ = 0.3. A community with no match is
 *   NEW; with two or more, MERGED; with exactly one that matches no other community of this year,
 *   CONTINUED; with exactly one that other communities of this year match too, SPLIT (one piece of
 *   it). The year before's communities that match none of this year's are counted `dissolved`.
 *   Unlike Greene et al. we compare with the previous year only (no memory of older "fronts").
 */
import { languageBorder } from '../network/measures/border';
import { detectCommunities } from '../network/measures/communities';
import type { ServiceGraph, TieEdge, Tick } from '../network/measures/graph';
import { eiIndex } from '../network/measures/mixing';

/** Greene et al.'s matching threshold θ on the Jaccard overlap of two communities' services. */
export const COMMUNITY_MATCH_THRESHOLD = 0.3;

/** One calendar year, cut to the window (YYYY-MM-DD bounds, both inside the year). */
export interface YearWindow {
  year: number;
  from: string;
  to: string;
}

/**
 * The calendar years of a series: from the first to the last year with encounters, every year
 * between, each cut to the window's bounds (null: open).
 */
export function calendarYears(encounterYears: readonly number[], window: { from: string | null; to: string | null }): YearWindow[] {
  if (encounterYears.length === 0) return [];
  const first = Math.min(...encounterYears);
  const last = Math.max(...encounterYears);
  const years: YearWindow[] = [];
  for (let year = first; year <= last; year++) {
    const start = `${String(year).padStart(4, '0')}-01-01`;
    const end = `${String(year).padStart(4, '0')}-12-31`;
    years.push({ year, from: window.from && window.from > start ? window.from : start, to: window.to && window.to < end ? window.to : end });
  }
  return years;
}

/** |a ∩ b| / |a ∪ b| of two sets of services; 0 for two empty sets. */
export function jaccard(a: readonly string[], b: readonly string[]): number {
  const inA = new Set(a);
  const inter = new Set(b.filter((x) => inA.has(x))).size;
  const union = new Set([...a, ...b]).size;
  return union === 0 ? 0 : inter / union;
}

export type CommunityEvent = 'CONTINUED' | 'SPLIT' | 'MERGED' | 'NEW';

/** A community of one year and where it came from. */
export interface CommunityTrace {
  /** Its number this year (1 for the largest, as `communities` numbers them). */
  index: number;
  size: number;
  /** The previous year's community it overlaps most, when that overlap reaches the threshold. */
  previous: number | null;
  /** Its largest Jaccard overlap with a previous year's community (0: none shared); null in the first year. */
  jaccard: number | null;
  /** Null in the first year (nothing to compare with). */
  event: CommunityEvent | null;
}

export interface CommunityMatching {
  traces: CommunityTrace[];
  /** Counts of this year's communities by event, and of the previous year's that match none: null in the first year. */
  continued: number | null;
  split: number | null;
  merged: number | null;
  new: number | null;
  dissolved: number | null;
}

/**
 * This year's communities (services of each, numbered from 1 in the order given) matched with the
 * previous year's (null: no previous year). Ties of overlap go to the lower-numbered community.
 */
export function matchCommunities(
  previous: readonly (readonly string[])[] | null,
  current: readonly (readonly string[])[],
  threshold = COMMUNITY_MATCH_THRESHOLD,
): CommunityMatching {
  if (previous === null) {
    return {
      traces: current.map((c, i) => ({ index: i + 1, size: c.length, previous: null, jaccard: null, event: null })),
      continued: null,
      split: null,
      merged: null,
      new: null,
      dissolved: null,
    };
  }
  // Overlaps of every pair that shares a service (the others are 0).
  const overlap = current.map((c) => previous.map((p) => jaccard(c, p)));
  const matches = overlap.map((row) => row.flatMap((j, k) => (j >= threshold ? [k] : [])));
  const matchedBy = previous.map((_p, k) => matches.filter((m) => m.includes(k)).length);
  const traces = current.map((c, i): CommunityTrace => {
    const row = overlap[i]!;
    const best = row.reduce((b, j, k) => (j > (row[b] ?? -1) ? k : b), 0);
    const m = matches[i]!;
    const event: CommunityEvent = m.length === 0 ? 'NEW' : m.length > 1 ? 'MERGED' : matchedBy[m[0]!]! > 1 ? 'SPLIT' : 'CONTINUED';
    return { index: i + 1, size: c.length, previous: m.length > 0 ? best + 1 : null, jaccard: row.length ? row[best]! : 0, event };
  });
  const count = (e: CommunityEvent) => traces.filter((t) => t.event === e).length;
  return { traces, continued: count('CONTINUED'), split: count('SPLIT'), merged: count('MERGED'), new: count('NEW'), dissolved: matchedBy.filter((n) => n === 0).length };
}

const pairKey = (e: Pick<TieEdge, 'a' | 'b'>) => (e.a < e.b ? `${e.a}|${e.b}` : `${e.b}|${e.a}`);

export interface TieChange {
  newTies: number;
  lostTies: number;
  keptTies: number;
}

/** Ties of this year against the year before's (null: no year before). Pairs, whichever way round an edge is written. */
export function tieChange(previous: readonly Pick<TieEdge, 'a' | 'b'>[] | null, current: readonly Pick<TieEdge, 'a' | 'b'>[]): TieChange | null {
  if (previous === null) return null;
  const before = new Set(previous.map(pairKey));
  const now = new Set(current.map(pairKey));
  const kept = [...now].filter((k) => before.has(k)).length;
  return { newTies: now.size - kept, lostTies: before.size - kept, keptTies: kept };
}

export interface YearPoint extends YearWindow {
  /** Services of the territory (under the sector and language filters): the directory keeps no opening dates, so the same every year. */
  services: number;
  ties: number;
  /** ties / possible pairs; null under two services. */
  density: number | null;
  newTies: number | null;
  lostTies: number | null;
  keptTies: number | null;
  /** Krackhardt & Stern's E-I index of the territory, its external (cross-sector) and internal ties. */
  eiIndex: number | null;
  crossSectorTies: number;
  sameSectorTies: number;
  /** Ties between a French-only and a Dutch-only service, and their share; null when a language filter leaves one side out. */
  crossLanguageTies: number | null;
  languageBorderShare: number | null;
  /** Services with no tie this year. */
  isolates: number;
  communities: YearCommunities;
}

export interface YearCommunities extends CommunityMatching {
  count: number;
  /** Null without a tie (no partition to judge). */
  modularity: number | null;
}

export interface SeriesOptions {
  resolution: number;
  seed: number;
  threshold?: number;
  /** False when a language filter keeps only one side of the border: the border figures are then null. */
  border: boolean;
}

/** One point per year (in the order given, consecutive calendar years), each compared with the one before. */
export function networkSeries(years: ReadonlyArray<YearWindow & { graph: ServiceGraph }>, opts: SeriesOptions, tick: Tick = () => undefined): YearPoint[] {
  let before: { edges: TieEdge[]; communities: string[][] } | null = null;
  return years.map(({ year, from, to, graph }) => {
    tick();
    const n = graph.nodes.length;
    const ties = graph.edges.length;
    const ei = eiIndex(graph).territory;
    const border = opts.border
      ? languageBorder(
          graph.nodes,
          graph.edges.map((e) => ({ a: e.a, b: e.b, initiatives: [] })),
        ).territory
      : null;
    const partition = detectCommunities(graph, { resolution: opts.resolution, seed: opts.seed });
    const communities = partition.communities.map((c) => c.services);
    const change = tieChange(before?.edges ?? null, graph.edges);
    const point: YearPoint = {
      year,
      from,
      to,
      services: n,
      ties,
      density: n > 1 ? ties / ((n * (n - 1)) / 2) : null,
      newTies: change?.newTies ?? null,
      lostTies: change?.lostTies ?? null,
      keptTies: change?.keptTies ?? null,
      eiIndex: ei.index,
      crossSectorTies: ei.external,
      sameSectorTies: ei.internal,
      crossLanguageTies: border?.crossBorder ?? null,
      languageBorderShare: border?.share ?? null,
      isolates: partition.isolates.length,
      communities: {
        count: communities.length,
        modularity: communities.length ? partition.modularity : null,
        ...matchCommunities(before?.communities ?? null, communities, opts.threshold ?? COMMUNITY_MATCH_THRESHOLD),
      },
    };
    before = { edges: graph.edges, communities };
    return point;
  });
}
