/**
 * What counts as "knowing": the one tie filter every network question and export takes (GraphQL
 * argument `ties: TieFilter`, the download's query parameters), parsed and checked here, carried in
 * the Scope (scope.ts), and applied in the Cypher that loads the ties (queries.ts).
 *
 * Two stages, as an analyst states them:
 *  1. which encounters count: inside the window, of the evidence kinds asked (co-presence, visits,
 *     survey answers, referrals, agreements: each encounter's kind is stored in `kinds`),
 *     at initiatives of the kinds asked (or not of the kinds excluded), and with a `backbone`, a
 *     co-presence encounter only when its pair met more than chance says (measures/backbone.ts: the
 *     kept pairs are computed once per request, scope.ts, and given to the Cypher as `$backbone`);
 *  2. which ties those encounters make: at least `minWeight` summed weight (ties.ts: a meeting of n
 *     people gives each pair 1/(n − 1) × duration factor, a visit the duration factor),
 *     at least `minCount` encounters and at least `minMeetings` distinct days.
 *
 * The default keeps ties of weight 0.25 or more: one 3-hour meeting of a group of up to 5 people (a
 * workshop table, a small intervision group), one visit, or repeated meetings of a larger group (three
 * Connect sessions of 12: 3/11); never a single large event (a network day of 40: 1/39 a pair).
 * docs/graph-model.md gives the reasons and its effect on the demo graph.
 */
import type { Context } from '../../context';
import type { AppliedTieFilter, InitiativeKind, TieEvidence, TieFilter } from '../../__generated__/resolvers-types';
import { badInput } from '../../errors';
import { cypher } from '../../neo4j/driver';
import type { BackboneSpec } from './measures/backbone';

export type EvidenceKind = TieEvidence;
export const EVIDENCE_KINDS: readonly EvidenceKind[] = ['CO_PRESENCE', 'VISIT', 'DECLARED', 'REFERRAL', 'AGREEMENT'];

/** The filter as the caller gave it, every default filled in: what results report (`appliedTieFilter`). */
export interface TieFilterSpec {
  minWeight: number;
  minCount: number;
  minMeetings: number;
  /** Null: every kind. */
  evidence: EvidenceKind[] | null;
  initiativeKinds: InitiativeKind[] | null;
  excludeInitiativeKinds: InitiativeKind[] | null;
  /** Null: no significance test (every pair's co-presence counts). */
  backbone: BackboneSpec | null;
}

export const DEFAULT_MIN_WEIGHT = 0.25;
export const DEFAULT_TIE_FILTER: TieFilterSpec = {
  minWeight: DEFAULT_MIN_WEIGHT,
  minCount: 1,
  minMeetings: 1,
  evidence: null,
  initiativeKinds: null,
  excludeInitiativeKinds: null,
  backbone: null,
};
/** Every tie, as before weights: for comparisons and for the rebuild checks. */
export const ALL_TIES: TieFilterSpec = { ...DEFAULT_TIE_FILTER, minWeight: 0 };

export const DEFAULT_BACKBONE_ALPHA = 0.05;

/** Sums of weights are floats: a tie of exactly the threshold (3 × 1/12 = 0.25) must pass it. */
export const WEIGHT_EPSILON = 1e-9;
/** The same for a stored total against a window's sum, taken in another order. */
const TOTALS_MARGIN = 1e-6;

const sortedSet = <T extends string>(xs: readonly T[] | null | undefined): T[] | null => (xs && xs.length > 0 ? [...new Set(xs)].sort() : null);

/** Checks a TieFilter argument and fills in the defaults. `argument` names it in errors (`ties`). */
export function parseTieFilter(input: TieFilter | null | undefined, argument = 'ties'): TieFilterSpec {
  const minWeight = input?.minWeight ?? DEFAULT_TIE_FILTER.minWeight;
  if (!Number.isFinite(minWeight) || minWeight < 0 || minWeight > 1000) throw badInput(`${argument}.minWeight`, 'must be between 0 and 1000');
  const whole = (name: 'minCount' | 'minMeetings') => {
    const value = input?.[name] ?? DEFAULT_TIE_FILTER[name];
    if (!Number.isInteger(value) || value < 1 || value > 10_000) throw badInput(`${argument}.${name}`, 'must be a whole number between 1 and 10000');
    return value;
  };
  if (input?.evidence && input.evidence.length === 0) throw badInput(`${argument}.evidence`, 'give at least one kind, or leave it out for every kind');
  if (input?.initiativeKinds && input.initiativeKinds.length === 0) throw badInput(`${argument}.initiativeKinds`, 'give at least one kind, or leave it out for every kind');
  const evidence = sortedSet(input?.evidence);
  let backbone: BackboneSpec | null = null;
  if (input?.backbone) {
    const alpha = input.backbone.alpha ?? DEFAULT_BACKBONE_ALPHA;
    // Above 0.5 a pair would pass for meeting no more than chance gives half the time.
    if (!Number.isFinite(alpha) || alpha <= 0 || alpha > 0.5) throw badInput(`${argument}.backbone.alpha`, 'must be more than 0 and at most 0.5');
    backbone = { model: input.backbone.model, alpha, correction: input.backbone.correction ?? 'NONE' };
  }
  return {
    minWeight,
    minCount: whole('minCount'),
    minMeetings: whole('minMeetings'),
    evidence: evidence && evidence.length === EVIDENCE_KINDS.length ? null : evidence,
    initiativeKinds: sortedSet(input?.initiativeKinds),
    excludeInitiativeKinds: sortedSet(input?.excludeInitiativeKinds),
    backbone,
  };
}

const INITIATIVES_OF_KINDS = cypher(
  'network.initiativesOfKinds',
  'MATCH (i:Initiative) WHERE ($include IS NULL OR i.kind IN $include) AND NOT i.kind IN $exclude RETURN collect(i.id) AS ids',
);

/**
 * The initiatives whose encounters count, resolved once per request: null when every initiative
 * counts. Encounters at no known initiative ('' in `via`) count unless initiative kinds are named.
 */
export async function allowedInitiatives(ctx: Context, spec: TieFilterSpec): Promise<string[] | null> {
  if (spec.initiativeKinds === null && spec.excludeInitiativeKinds === null) return null;
  const [row] = await ctx.db.read<{ ids: string[] }>(INITIATIVES_OF_KINDS, { include: spec.initiativeKinds, exclude: spec.excludeInitiativeKinds ?? [] });
  const ids = [...(row?.ids ?? [])].sort();
  return spec.initiativeKinds === null ? ['', ...ids] : ids;
}

/** The filter in the form the tie queries take: the encounter conditions, then the tie conditions. */
export interface TieQueryFilter {
  from: string | null;
  to: string | null;
  initiatives: string[] | null;
  evidence: EvidenceKind[] | null;
  minWeight: number;
  minCount: number;
  minMeetings: number;
  backbone: BackboneSpec | null;
}

/**
 * Query parameters of a filter ($minWeight already lowered by WEIGHT_EPSILON). With a backbone,
 * `kept` is its pairs ("a|b", a < b; scope.ts `tieParams` computes them).
 */
export function filterParams(f: TieQueryFilter, kept: readonly string[] | null = null) {
  if (f.backbone !== null && kept === null) throw new Error('a filter with a backbone needs its kept pairs (scope.ts tieParams)');
  return {
    from: f.from,
    to: f.to,
    initiatives: f.initiatives,
    evidence: f.evidence,
    minWeight: f.minWeight - WEIGHT_EPSILON,
    /** What a tie's stored weight must reach for a subset of its encounters to pass (filterCypher). */
    weightFloor: f.minWeight - TOTALS_MARGIN,
    minCount: f.minCount,
    minMeetings: f.minMeetings,
    backbone: kept ?? [],
  };
}

/** The kind of encounter i of KNOWS tie k, in Cypher (stored with it, ties.ts). */
const KIND_OF_ENCOUNTER = 'k.kinds[i]';

/** Conditions on encounter i of KNOWS tie k, from the parts of the filter in use; null when every encounter counts. */
export function encounterCondition(f: Pick<TieQueryFilter, 'from' | 'to' | 'initiatives' | 'evidence' | 'backbone'>): string | null {
  const conditions = [
    f.from !== null ? 'k.dates[i] >= date($from)' : null,
    f.to !== null ? 'k.dates[i] <= date($to)' : null,
    f.initiatives !== null ? 'k.via[i] IN $initiatives' : null,
    f.evidence !== null ? `${KIND_OF_ENCOUNTER} IN $evidence` : null,
    // KNOWS is stored from the lower id to the higher: the pair's key is start|end.
    f.backbone !== null ? `(${KIND_OF_ENCOUNTER} <> 'CO_PRESENCE' OR (startNode(k).id + '|' + endNode(k).id) IN $backbone)` : null,
  ].filter((c): c is string => c !== null);
  return conditions.length ? conditions.join(' AND ') : null;
}

/** Names the shape of a filter's Cypher: one statement per shape. */
export function filterVariant(f: TieQueryFilter): string {
  // Every part that changes the text has its letter: two shapes never share a name (and a cached statement).
  const parts = `${f.from !== null ? 'F' : ''}${f.to !== null ? 'T' : ''}${f.initiatives !== null ? 'I' : ''}${f.evidence !== null ? 'E' : ''}${f.backbone !== null ? 'B' : ''}`;
  return `${parts ? `enc${parts}` : 'agg'}${f.minMeetings > 1 ? 'M' : ''}`;
}

/**
 * Cypher for KNOWS tie `k`, built from the parts of the filter in use so that a question without a
 * window or an encounter condition reads no encounter list (the stored aggregates answer).
 *  - `where`: a clause to follow a MATCH binding k (a WHERE, or WITH … WHERE binding `idx`, the
 *    indices of the encounters that count, and `weight`, their summed weights);
 *  - `predicate`: the same as one expression on k (for shortestPath's relationship predicate).
 */
export function filterCypher(f: TieQueryFilter): { variant: string; encounters: boolean; where: string; predicate: string } {
  const variant = filterVariant(f);
  const condition = encounterCondition(f);
  if (condition === null) {
    const tie = `k.weight >= $minWeight AND k.strength >= $minCount${f.minMeetings > 1 ? ' AND k.meetings >= $minMeetings' : ''}`;
    return { variant, encounters: false, where: `AND ${tie}`, predicate: tie };
  }
  const idx = `[i IN range(0, size(k.dates) - 1) WHERE ${condition}]`;
  // The encounters that count are some of the tie's, whose weights are not negative: a tie whose
  // stored totals fall short cannot pass, and most ties of a territory do. Said first, it spares the
  // encounter lists of those.
  const totals = `k.weight >= $weightFloor AND k.strength >= $minCount${f.minMeetings > 1 ? ' AND k.meetings >= $minMeetings' : ''}`;
  // Dates are sorted: distinct days are the encounters whose day differs from the one before.
  const days = (list: string) => `size([j IN range(0, size(${list}) - 1) WHERE j = 0 OR k.dates[${list}[j]] <> k.dates[${list}[j - 1]]])`;
  return {
    variant,
    encounters: true,
    where: `AND ${totals}
            WITH *, ${idx} AS idx
            WITH *, reduce(w = 0.0, i IN idx | w + k.weights[i]) AS weight
            WHERE size(idx) > 0 AND size(idx) >= $minCount AND weight >= $minWeight${f.minMeetings > 1 ? ` AND ${days('idx')} >= $minMeetings` : ''}`,
    predicate: `${totals} AND size(${idx}) >= $minCount AND reduce(w = 0.0, i IN ${idx} | w + k.weights[i]) >= $minWeight${f.minMeetings > 1 ? ` AND ${days(idx)} >= $minMeetings` : ''}`,
  };
}

/** Whether a tie's aggregates pass the filter's tie conditions (for ties computed outside Neo4j). */
export function passes(spec: Pick<TieFilterSpec, 'minWeight' | 'minCount' | 'minMeetings'>, tie: { weight: number; strength: number; meetings: number }): boolean {
  return tie.weight >= spec.minWeight - WEIGHT_EPSILON && tie.strength >= spec.minCount && tie.meetings >= spec.minMeetings;
}

/** Whether one encounter passes the filter's encounter conditions (window aside); `inBackbone`: whether its pair is kept by the backbone, if any. */
export function encounterPasses(spec: TieFilterSpec, initiatives: string[] | null, e: { initiative: string; kind: EvidenceKind }, inBackbone = true): boolean {
  if (initiatives !== null && !initiatives.includes(e.initiative)) return false;
  const kind = e.kind;
  if (spec.backbone !== null && kind === 'CO_PRESENCE' && !inBackbone) return false;
  return spec.evidence === null || spec.evidence.includes(kind);
}

/** The filter as results report it (`appliedTieFilter`). */
export function appliedTieFilter(spec: TieFilterSpec): AppliedTieFilter {
  return {
    minWeight: spec.minWeight,
    minCount: spec.minCount,
    minMeetings: spec.minMeetings,
    evidence: spec.evidence ?? [...EVIDENCE_KINDS],
    initiativeKinds: spec.initiativeKinds ?? [],
    excludeInitiativeKinds: spec.excludeInitiativeKinds ?? [],
    backbone: spec.backbone,
    isDefault: JSON.stringify(spec) === JSON.stringify(DEFAULT_TIE_FILTER),
  };
}
