/** Resolvers of the network module: parse the scope, load the subgraph once, run pure measures. */
import { countsOnly, disclosed, disclosedRatio, peopleCount } from '../../access/counts';
import type { Resolvers } from '../../__generated__/resolvers-types';
import { SMALL_CELL } from '../../access/pseudonym';
import { badInput, notFound } from '../../errors';
import { keyOf } from '../common/ids';
import { nameIn } from '../common/lang';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { connectionFields } from '../directory/resolvers';
import { betweenness, brokerage, constraint, isolates } from './measures/centrality';
import { adjacency, type TieEdge } from './measures/graph';
import { eiIndex, gaps, mixingMatrix } from './measures/mixing';
import { initiativeImpact } from './impact';
import type { InitiativeBorderRow, TieAtRiskRow } from './model';
import { introductionPath } from './path';
import { requiredService } from '../directory/loaders';
import { servicePartsOf } from '../directory/projection';
import { recommendations } from './recommend';
import { tiesAtRisk, turnoverImpact } from './risk';
import { analyticsBudget, assertExactSize, loadGraph, loadSubgraph, loadTieInitiatives, loadTiesOfPairs, parseScope } from './scope';

/**
 * A tie's status as zone and observatory keys see it: a side with 1–4 carriers left is FEW_CARRIERS
 * (FRAGILE would say "exactly one"); LOST (no one left) and SOLID (5 or more on each side) stay.
 */
export function disclosedStatus(t: Pick<TieAtRiskRow, 'status' | 'carriersA' | 'carriersB'>): TieAtRiskRow['status'] | 'FEW_CARRIERS' {
  if (t.status === 'LOST') return 'LOST';
  return (t.carriersA > 0 && t.carriersA < SMALL_CELL) || (t.carriersB > 0 && t.carriersB < SMALL_CELL) ? 'FEW_CARRIERS' : 'SOLID';
}

/** Where an introduction path keeps its services (read with the path, see path.ts). */
const PATH_SERVICES = [['start'], ['steps', 'from'], ['steps', 'to']];
const tieKey = (t: { a: string; b: string }) => `${t.a}|${t.b}`;
const limit = (n: number | null | undefined, argument = 'first') => {
  const value = n ?? 20;
  if (!Number.isInteger(value) || value < 0 || value > 500) throw badInput(argument, 'must be between 0 and 500');
  return value;
};

export const networkResolvers: Resolvers = {
  Query: {
    acquaintances: async (_p, args, ctx) => {
      // Arguments first: a bad one is refused before any query runs.
      const size = pageSize(args.first, { max: ctx.config.MAX_PAGE_SIZE, default: ctx.config.DEFAULT_PAGE_SIZE });
      const after = decodeCursor(args.after);
      const scope = await parseScope(ctx, args);
      const graph = await loadGraph(ctx, scope);
      // Strongest first, then by pair: the cursor is this same key, so pages are stable.
      const orderKey = (t: TieEdge) => `${String(1e9 - t.strength).padStart(10, '0')}|${tieKey(t)}`;
      const sorted = graph.edges.map((t) => ({ t, key: orderKey(t) })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
      const start = after === null ? 0 : sorted.findIndex((t) => t.key > after);
      const page = start < 0 ? [] : sorted.slice(start, start + size.limit).map((x) => x.t);
      // Every figure only for the ties of the page.
      const rows = await loadTiesOfPairs(ctx, scope, page.map(({ a, b }) => ({ a, b })));
      return { ...toPage(rows, size, after, orderKey, async () => graph.edges.length), serviceIds: graph.nodes.map((n) => n.id) };
    },
    mixingMatrix: async (_p, args, ctx) => mixingMatrix(await loadGraph(ctx, await parseScope(ctx, args))),
    gaps: async (_p, args, ctx) => {
      const threshold = args.threshold ?? 0.5;
      if (!(threshold >= 0 && threshold <= 10)) throw badInput('threshold', 'must be between 0 and 10');
      const first = limit(args.first);
      return gaps(await loadGraph(ctx, await parseScope(ctx, args)), threshold).slice(0, first);
    },
    eiIndex: async (_p, args, ctx) => {
      const { perSector, territory } = eiIndex(await loadGraph(ctx, await parseScope(ctx, args)));
      return { territory, sectors: perSector };
    },
    brokers: async (_p, args, ctx) => {
      const first = limit(args.first);
      const startedAt = Date.now();
      const graph = await loadGraph(ctx, await parseScope(ctx, args));
      assertExactSize(graph);
      const { tick } = analyticsBudget(ctx, startedAt);
      const between = betweenness(graph, tick);
      const con = constraint(graph, tick);
      const roles = brokerage(graph, tick);
      const { neighbours } = adjacency(graph);
      const brokers = graph.nodes
        .map((n) => ({ serviceId: n.id, degree: neighbours.get(n.id)!.size, betweenness: between.get(n.id)!, constraint: con.get(n.id) ?? null, roles: roles.get(n.id)! }))
        .sort((x, y) => y.betweenness - x.betweenness || x.serviceId.localeCompare(y.serviceId))
        .slice(0, first);
      return { brokers, isolates: isolates(graph), serviceCount: graph.nodes.length };
    },
    fragileTies: async (_p, args, ctx) => {
      const first = limit(args.first);
      const asOf = args.asOf ?? ctx.today;
      const { ties } = await loadSubgraph(ctx, { ...(await parseScope(ctx, args)), to: asOf });
      // Zone and observatory keys get every tie with fewer than 5 carriers on a side: the fragile
      // ones alone would say "one person" (small-cell rule).
      const atRisk = countsOnly(ctx.principal) ? (t: TieAtRiskRow) => disclosedStatus(t) === 'FEW_CARRIERS' : (t: TieAtRiskRow) => t.status === 'FRAGILE';
      return (await tiesAtRisk(ctx, ties, asOf)).filter(atRisk).slice(0, first);
    },
    lostTies: async (_p, args, ctx) => {
      const first = limit(args.first);
      const asOf = args.asOf ?? ctx.today;
      const { ties } = await loadSubgraph(ctx, { ...(await parseScope(ctx, args)), to: asOf });
      return (await tiesAtRisk(ctx, ties, asOf)).filter((t) => t.status === 'LOST').slice(0, first);
    },
    turnoverImpact: async (_p, args, ctx) => {
      const serviceId = keyOf('Service', args.service, 'service');
      const personId = keyOf('Person', args.person, 'person');
      if (!(await ctx.loaders.directory.serviceById(serviceId))) throw notFound('service', args.service, 'service');
      if (!(await ctx.loaders.people.person.load(personId))) throw notFound('person', args.person, 'person');
      return turnoverImpact(ctx, serviceId, personId, args.asOf ?? ctx.today);
    },
    languageBorder: async (_p, args, ctx) => {
      const { nodes, ties } = await loadTieInitiatives(ctx, await parseScope(ctx, args));
      const language = new Map(nodes.map((n) => [n.id, n.language]));
      const crosses = (t: { a: string; b: string }) => [language.get(t.a), language.get(t.b)].sort().join() === 'FR,NL';
      const share = (n: number, d: number) => (d > 0 ? n / d : null);
      const perInitiative = new Map<string, { ties: number; crossBorder: number }>();
      for (const t of ties)
        for (const i of t.initiatives) {
          const row = perInitiative.get(i) ?? { ties: 0, crossBorder: 0 };
          row.ties += 1;
          if (crosses(t)) row.crossBorder += 1;
          perInitiative.set(i, row);
        }
      const crossBorder = ties.filter(crosses).length;
      const initiatives: InitiativeBorderRow[] = [...perInitiative.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([initiativeId, r]) => ({ initiativeId, ...r, share: share(r.crossBorder, r.ties) }));
      return { territory: { ties: ties.length, crossBorder, share: share(crossBorder, ties.length) }, initiatives };
    },
    initiativeImpact: async (_p, args, ctx) => initiativeImpact(ctx, keyOf('Edition', args.edition, 'edition')),
    introductionPath: (_p, args, ctx, info) => introductionPath(ctx, args, servicePartsOf(info, ctx.lang, PATH_SERVICES)),
    recommendations: (_p, args, ctx) => recommendations(ctx, args.initiative, args.territory, args.first ?? 10),
  },
  AcquaintanceConnection: {
    ...connectionFields,
    services: async (page, _a, ctx) => (await ctx.loaders.directory.service.loadMany(page.serviceIds)).filter((s): s is Exclude<typeof s, Error | null> => s !== null && !(s instanceof Error)),
  },
  Acquaintance: {
    a: (t, _a, ctx) => requiredService(ctx.loaders.directory, t.a, 'a'),
    b: (t, _a, ctx) => requiredService(ctx.loaders.directory, t.b, 'b'),
    strength: (t, _a, ctx) => disclosed(ctx.principal, t.strength),
    visits: (t, _a, ctx) => disclosed(ctx.principal, t.visits),
    breadthA: (t, _a, ctx) => peopleCount(ctx, t.breadthA),
    breadthB: (t, _a, ctx) => peopleCount(ctx, t.breadthB),
    initiatives: async (t, _a, ctx) => (await ctx.loaders.initiatives.initiative.loadMany(t.initiatives)).filter((i): i is Exclude<typeof i, Error | null> => i !== null && !(i instanceof Error)),
  },
  MixingCell: {
    sectorA: async (c, _a, ctx) => (await ctx.loaders.directory.sector.load(c.sectorA)) ?? Promise.reject(notFound('sectorA', c.sectorA, 'sector')),
    sectorB: async (c, _a, ctx) => (await ctx.loaders.directory.sector.load(c.sectorB)) ?? Promise.reject(notFound('sectorB', c.sectorB, 'sector')),
  },
  Gap: {
    sectorA: async (c, _a, ctx) => (await ctx.loaders.directory.sector.load(c.sectorA)) ?? Promise.reject(notFound('sectorA', c.sectorA, 'sector')),
    sectorB: async (c, _a, ctx) => (await ctx.loaders.directory.sector.load(c.sectorB)) ?? Promise.reject(notFound('sectorB', c.sectorB, 'sector')),
  },
  EiScore: {
    sector: (s, _a, ctx) => (s.sector ? ctx.loaders.directory.sector.load(s.sector) : null),
  },
  Broker: {
    service: (b, _a, ctx) => requiredService(ctx.loaders.directory, b.serviceId, 'service'),
  },
  Brokers: {
    isolates: async (b, _a, ctx) => (await ctx.loaders.directory.service.loadMany(b.isolates)).filter((s): s is Exclude<typeof s, Error | null> => s !== null && !(s instanceof Error)),
  },
  TieAtRisk: {
    carriersA: (t, _a, ctx) => peopleCount(ctx, t.carriersA),
    carriersB: (t, _a, ctx) => peopleCount(ctx, t.carriersB),
    status: (t, _a, ctx) => (countsOnly(ctx.principal) ? disclosedStatus(t) : t.status),
  },
  TurnoverImpact: {
    service: (t, _a, ctx) => requiredService(ctx.loaders.directory, t.serviceId, 'service'),
  },
  InitiativeLanguageBorder: {
    initiative: async (r, _a, ctx) => (await ctx.loaders.initiatives.initiative.load(r.initiativeId)) ?? Promise.reject(notFound('initiative', r.initiativeId, 'initiative')),
  },
  ZoneReach: {
    zone: async (r, _a, ctx) => (await ctx.loaders.territory.zone.load(r.zoneCode)) ?? Promise.reject(notFound('zone', r.zoneCode, 'zone')),
  },
  InitiativeImpact: {
    edition: async (r, _a, ctx) => (await ctx.loaders.initiatives.edition.load(r.editionId)) ?? Promise.reject(notFound('edition', r.editionId, 'edition')),
    participants: (r, _a, ctx) => peopleCount(ctx, r.participants),
    firstTimeParticipants: (r, _a, ctx) => peopleCount(ctx, r.firstTimeParticipants),
    noShowRate: (r, _a, ctx) => (r.shown > 0 ? disclosedRatio(ctx.principal, r.noShows, r.shown) : null),
    capacityUse: (r, _a, ctx) => (r.capacity > 0 ? disclosedRatio(ctx.principal, r.registered, r.capacity) : null),
  },
  PathStep: {
    from: (s, _a, ctx) => requiredService(ctx.loaders.directory, s.from, 'from'),
    to: (s, _a, ctx) => requiredService(ctx.loaders.directory, s.to, 'to'),
    initiatives: async (s, _a, ctx) => (await ctx.loaders.initiatives.initiative.loadMany(s.initiatives)).filter((i): i is Exclude<typeof i, Error | null> => i !== null && !(i instanceof Error)),
  },
  IntroductionPath: {
    start: (p, _a, ctx) => (p.startId ? ctx.loaders.directory.serviceById(p.startId) : null),
  },
  Recommendation: {
    service: (r, _a, ctx) => (r.serviceId ? ctx.loaders.directory.serviceById(r.serviceId) : null),
    zone: (r, _a, ctx) => (r.zoneCode ? ctx.loaders.territory.zone.load(r.zoneCode) : null),
    sectorA: (r, _a, ctx) => (r.sectorA ? ctx.loaders.directory.sector.load(r.sectorA) : null),
    sectorB: (r, _a, ctx) => (r.sectorB ? ctx.loaders.directory.sector.load(r.sectorB) : null),
    reason: (r, { lang }, ctx) => nameIn({ nameFr: r.reasonFr, nameNl: r.reasonNl }, lang, ctx),
  },
};

