/**
 * The network an export carries: services (with sector, zone, municipality, language and
 * coordinates) or people (pseudonymised unless the caller sees names), and their ties with
 * strength and the dates of their encounters (for Gephi's timeline). Built from the same
 * territory-local subgraph as the network queries.
 */
import crypto from 'node:crypto';
import { disclosed } from '../../access/counts';
import { pseudonymised, seesNames } from '../../access/principal';
import { pseudonym } from '../../access/pseudonym';
import type { Context } from '../../context';
import { cypher } from '../../neo4j/driver';
import { encounterDates } from '../network/queries';
import { loadSubgraph, queryFilter, tieParams, type Scope } from '../network/scope';
import { detectCommunities } from '../network/measures/communities';
import type { ServiceGraph } from '../network/measures/graph';
import { passes, WEIGHT_EPSILON } from '../network/tie-filter';

export type ExportLevel = 'SERVICES' | 'PEOPLE';

export interface ExportNode {
  id: string;
  label: string;
  sector: string;
  zone: string | null;
  municipality: string | null;
  language: string;
  lat: number | null;
  lon: number | null;
  /** First encounter of any of its ties (when it appears on the timeline). */
  start: string | null;
  /** Its Louvain community in the exported network (network/measures/communities.ts, seed 1); null without a tie. */
  community: number | null;
}

export interface ExportEdge {
  source: string;
  target: string;
  /** Encounters (the plain count); the layout weight. */
  weight: number;
  /** Weighted strength (network/ties.ts); null when withheld (small-cell rule). */
  tieWeight: number | null;
  /** True when the count is withheld (under 5, pseudonymised caller): weight is then 1. */
  suppressed: boolean;
  start: string;
  end: string;
  /** Encounter dates, one per encounter (dynamic spells). */
  dates: string[];
  initiatives: string[];
}

export interface ExportGraph {
  level: ExportLevel;
  nodes: ExportNode[];
  edges: ExportEdge[];
  /** True when person ids are keyed pseudonyms and names are withheld. */
  pseudonymised: boolean;
}

const SERVICE_DETAILS = cypher(
  'exports.serviceDetails',
  `UNWIND $ids AS id MATCH (s:Service {id: id})
   RETURN s.id AS id, s.nameFr AS nameFr, s.nameNl AS nameNl, s.lat AS lat, s.lon AS lon,
          head([(s)-[:LOCATED_IN]->(n:Neighbourhood)-[:IN_MUNICIPALITY]->(m) WHERE (n)-[:IN_ZONE]->() | m.nis]) AS municipality`,
);
const PEOPLE_OF_SERVICES = cypher(
  'exports.people',
  `UNWIND $ids AS id MATCH (p:Person)-[w:WORKS_AT]->(s:Service {id: id})
   WITH p, s ORDER BY w.from DESC
   WITH p, head(collect(s.id)) AS service
   RETURN p.id AS id, p.displayName AS name, coalesce(p.consent, false) AS consent, service`,
);
const MET_AMONG = cypher(
  'exports.met',
  `UNWIND $ids AS id MATCH (p:Person {id: id})-[m:MET]->(q:Person) WHERE q.id IN $ids
     AND ($from IS NULL OR m.lastAt >= date($from)) AND ($to IS NULL OR m.firstAt <= date($to)) AND m.weight >= $minWeight
   RETURN p.id AS a, q.id AS b, m.count AS count, m.weight AS weight, toString(m.firstAt) AS firstAt, toString(m.lastAt) AS lastAt, m.initiatives AS initiatives`,
);

export interface ExportOptions {
  /** Pseudonyms keyed for this export alone (a random key, never kept): two exports cannot be joined on people. */
  perExportPseudonyms?: boolean;
}

/** The community of each node of the exported network, as `communities` finds it with its defaults (γ = 1, seed 1). */
const communitiesOf = (network: ServiceGraph) => detectCommunities(network, { resolution: 1, seed: 1 }).of;

export async function buildExportGraph(ctx: Context, scope: Scope, level: ExportLevel, opts: ExportOptions = {}): Promise<ExportGraph> {
  const { graph, ties } = await loadSubgraph(ctx, scope);
  const run = { timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS, analytics: true };
  const ids = graph.nodes.map((n) => n.id);
  const details = new Map((await ctx.db.read<{ id: string; nameFr: string; nameNl: string; lat: number | null; lon: number | null; municipality: string | null }>(SERVICE_DETAILS, { ids }, run)).map((d) => [d.id, d]));
  const nodeOf = new Map(graph.nodes.map((n) => [n.id, n]));
  if (level === 'SERVICES') {
    const dates = new Map(
      (
        await ctx.db.read<{ a: string; b: string; dates: string[] }>(
          encounterDates(queryFilter(scope)),
          { pairs: ties.map((t) => ({ a: t.a, b: t.b })), ...(await tieParams(ctx, queryFilter(scope))) },
          run,
        )
      ).map((r) => [`${r.a}|${r.b}`, r.dates]),
    );
    const edges = ties.map((t) => {
      const d = dates.get(`${t.a}|${t.b}`) ?? [t.firstMet];
      return { source: t.a, target: t.b, weight: t.strength, tieWeight: t.weight, suppressed: false, start: t.firstMet, end: t.lastMet, dates: d, initiatives: t.initiatives };
    });
    const firstSeen = new Map<string, string>();
    for (const e of edges) for (const id of [e.source, e.target]) if (!firstSeen.has(id) || e.start < firstSeen.get(id)!) firstSeen.set(id, e.start);
    const community = communitiesOf(graph);
    const nodes = graph.nodes.map((n) => {
      const d = details.get(n.id);
      return {
        id: n.id,
        label: (ctx.lang === 'NL' ? d?.nameNl : d?.nameFr) ?? n.id,
        sector: n.sector,
        zone: n.zone,
        municipality: d?.municipality ?? null,
        language: n.language,
        lat: d?.lat ?? null,
        lon: d?.lon ?? null,
        start: firstSeen.get(n.id) ?? null,
        community: community.get(n.id) ?? null,
      };
    });
    return { level, nodes, edges, pseudonymised: false };
  }
  // People level: who met whom, among the people who work(ed) at the territory's services.
  const people = await ctx.db.read<{ id: string; name: string; consent: boolean; service: string }>(PEOPLE_OF_SERVICES, { ids }, run);
  const shown = people.filter((p) => p.consent || ctx.principal.role === 'admin');
  for (const p of shown) ctx.personReads.add(p.id);
  const hide = pseudonymised(ctx.principal) || !seesNames(ctx.principal);
  const secret = opts.perExportPseudonyms ? crypto.randomBytes(32).toString('hex') : ctx.config.PSEUDONYM_SECRET;
  const idOf = (id: string) => (hide ? pseudonym(secret, id) : id);
  // People's MET ties keep no encounter list: the filter's thresholds apply to their all-time weight and count.
  const met = (
    await ctx.db.read<{ a: string; b: string; count: number; weight: number; firstAt: string; lastAt: string; initiatives: string[] }>(
      MET_AMONG,
      { ids: shown.map((p) => p.id), from: scope.from, to: scope.to, minWeight: scope.ties.minWeight - WEIGHT_EPSILON },
      run,
    )
  ).filter((m) => passes(scope.ties, { weight: m.weight, strength: m.count, meetings: m.count }));
  const firstSeen = new Map<string, string>();
  for (const m of met) for (const id of [m.a, m.b]) if (!firstSeen.has(id) || m.firstAt < firstSeen.get(id)!) firstSeen.set(id, m.firstAt);
  const community = communitiesOf({
    nodes: shown.map((p) => ({ id: p.id, sector: nodeOf.get(p.service)?.sector ?? 'UNKNOWN', language: nodeOf.get(p.service)?.language ?? 'FR', zone: null })),
    edges: met.map((m) => ({ a: m.a, b: m.b, strength: m.weight })),
  });
  const nodes = shown.map((p) => {
    const s = nodeOf.get(p.service);
    const d = details.get(p.service);
    return {
      id: idOf(p.id),
      label: hide ? idOf(p.id) : p.name,
      sector: s?.sector ?? 'UNKNOWN',
      zone: s?.zone ?? null,
      municipality: d?.municipality ?? null,
      language: s?.language ?? 'FR',
      lat: null,
      lon: null,
      start: firstSeen.get(p.id) ?? null,
      community: community.get(p.id) ?? null,
    };
  });
  const edges = met.map((m) => ({ source: idOf(m.a), target: idOf(m.b), weight: m.count, tieWeight: m.weight, suppressed: false, start: m.firstAt, end: m.lastAt, dates: [m.firstAt, m.lastAt], initiatives: m.initiatives }));
  return { level, nodes, edges, pseudonymised: hide };
}

/**
 * The small-cell rule for exports (access/counts.ts), at both levels: an edge's encounter count is
 * withheld when 1–4 (weight 1 for the layout, `suppressed`) and rounded otherwise; its encounter
 * dates become the months they fall in, since one date per encounter would count them again.
 */
export function suppressSmallCells(graph: ExportGraph, ctx: Pick<Context, 'principal'>): ExportGraph {
  if (!pseudonymised(ctx.principal)) return graph;
  const month = (d: string) => `${d.slice(0, 7)}-01`;
  return {
    ...graph,
    edges: graph.edges.map((e) => {
      const weight = disclosed(ctx.principal, e.weight);
      const dates = [...new Set(e.dates.map(month))];
      const tieWeight = weight === null || e.tieWeight === null ? null : disclosed(ctx.principal, e.tieWeight);
      return { ...e, weight: weight ?? 1, tieWeight, suppressed: weight === null, start: month(e.start), end: month(e.end), dates };
    }),
    nodes: graph.nodes.map((n) => (n.start ? { ...n, start: `${n.start.slice(0, 7)}-01` } : n)),
  };
}
