/** Resolvers of the network module: parse the scope, load the subgraph once, run pure measures. */
import { disclosed, disclosedRatio, peopleCount } from '../../access/counts';
import { pseudonymised } from '../../access/principal';
import { pageLimit } from '../../access/cost';
import type { QueryBrokersArgs, QueryGapsArgs, QueryRecommendationsArgs, Resolvers } from '../../__generated__/resolvers-types';
import { SMALL_CELL } from '../../access/pseudonym';
import { badInput, notFound } from '../../errors';
import { keyOf } from '../common/ids';
import { nameIn } from '../common/lang';
import { decodeCursor, listLimit, pageSize, toPage } from '../common/pagination';
import { connectionFields } from '../directory/resolvers';
import { languageBorder } from './measures/border';
import { acquaintanceKey, acquaintancePage, pairKey } from './measures/acquaintances';
import { brokerRanking } from './measures/centrality';
import { gdsBetweenness } from './gds/engine';
import { eiIndex, gaps, mixingMatrix } from './measures/mixing';
import { initiativeImpact } from './impact';
import type { TieAtRiskRow } from './model';
import { introductionPath } from './path';
import { requiredService } from '../directory/loaders';
import { servicePartsOf } from '../directory/projection';
import { recommendations } from './recommend';
import { tiesAtRisk, turnoverImpact } from './risk';
import { parseNeed, serviceNeedWeights } from '../territory/geography';
import { gapsByNeed } from '../territory/need';
import {
  analyticsBudget,
  assertExactSize,
  BETWEENNESS_SAMPLING,
  EXACT_BETWEENNESS_SERVICES,
  loadGraph,
  loadServices,
  loadSubgraph,
  loadTieInitiatives,
  loadTiesOfPairs,
  parseScope,
  parseTies,
  rowsOfPairs,
  sharedAnswer,
  type Scope,
} from './scope';
import type { Context } from '../../context';
import { appliedTieFilter } from './tie-filter';

/**
 * A tie's status as zone and observatory keys see it: a side with 1–4 carriers left is FEW_CARRIERS
 * (FRAGILE would say "exactly one"); LOST (no one left) and SOLID (5 or more on each side) stay.
 */
export function disclosedStatus(t: Pick<TieAtRiskRow, 'status' | 'carriersA' | 'carriersB'>): TieAtRiskRow['status'] | 'FEW_CARRIERS' {
  if (t.status === 'LOST') return 'LOST';
  return (t.carriersA > 0 && t.carriersA < SMALL_CELL) || (t.carriersB > 0 && t.carriersB < SMALL_CELL) ? 'FEW_CARRIERS' : 'SOLID';
}

/**
 * A tie's weighted strength as zone and observatory keys see it: withheld when its count is (1–4),
 * otherwise rounded to a multiple of 5 like a count — exact weights of groups of known size would
 * give the count back.
 */
export function disclosedWeight(principal: Parameters<typeof disclosed>[0], weight: number, count: number): number | null {
  if (!pseudonymised(principal)) return weight;
  return disclosed(principal, count) === null ? null : disclosed(principal, weight);
}

/** Each row of a list answer says which filter produced it. */
const withFilter = <T extends object>(scope: Scope, rows: T[]) => {
  const applied = appliedTieFilter(scope.ties);
  return rows.map((r) => ({ ...r, appliedTieFilter: applied }));
};

/** Every tie of the scope up to `asOf` with its carriers on that date, for fragile and lost ties alike. */
const scopeTiesAtRisk = (ctx: Context, scope: Scope, asOf: string) =>
  sharedAnswer(ctx, 'tiesAtRisk', { scope, asOf }, async () => tiesAtRisk(ctx, (await loadSubgraph(ctx, { ...scope, to: asOf })).ties, asOf));

/** Where an introduction path keeps its services (read with the path, see path.ts). */
const PATH_SERVICES = [['start'], ['steps', 'from'], ['steps', 'to']];
export const networkResolvers: Resolvers = {
  Query: {
    acquaintances: async (_p, args, ctx) => {
      // Arguments first: a bad one is refused before any query runs.
      const size = pageSize(args.first, { max: pageLimit('Query.acquaintances', ctx.config.MAX_PAGE_SIZE), default: ctx.config.DEFAULT_PAGE_SIZE });
      const after = decodeCursor(args.after);
      const scope = await parseScope(ctx, args);
      // With the analytics cache, one load of every tie's figures orders and fills every page until
      // the next write (a dashboard reads them all); without it, the graph orders them and the page's
      // ties alone are read.
      const full = ctx.analytics ? await loadSubgraph(ctx, scope) : null;
      const graph = full ? full.graph : await loadGraph(ctx, scope);
      const page = acquaintancePage(graph.edges, after, size.limit);
      const pairs = page.map(({ a, b }) => ({ a, b }));
      const rows = full ? rowsOfPairs(full.ties, pairs) : await loadTiesOfPairs(ctx, scope, pairs);
      // The page's keys are the ordering graph's, so cursors match the order exactly.
      const keys = new Map(page.map((t) => [pairKey(t), acquaintanceKey(t)]));
      return {
        ...toPage(
          rows,
          size,
          after,
          (t) => keys.get(pairKey(t)) ?? '',
          async () => graph.edges.length,
        ),
        serviceIds: graph.nodes.map((n) => n.id),
        appliedTieFilter: appliedTieFilter(scope.ties),
      };
    },
    mixingMatrix: async (_p, args, ctx) => {
      const scope = await parseScope(ctx, args);
      return withFilter(scope, mixingMatrix(await loadGraph(ctx, scope)));
    },
    // Query*Args: an explicit null skips the schema's defaults.
    gaps: async (_p, args: QueryGapsArgs, ctx) => {
      const threshold = args.threshold ?? 0.5;
      if (!(threshold >= 0 && threshold <= 10)) throw badInput('threshold', 'must be between 0 and 10');
      const first = listLimit(args.first);
      const need = args.need ? parseNeed(args.need) : null;
      const scope = await parseScope(ctx, args);
      const graph = await loadGraph(ctx, scope);
      const found = gaps(graph, threshold);
      if (!need) return withFilter(scope, found.slice(0, first));
      // Cold data beside warm data: the same gaps, ranked by the need of the services they leave unconnected.
      const weights = await serviceNeedWeights(
        ctx.db,
        graph.nodes.map((n) => n.id),
        need,
      );
      return withFilter(scope, gapsByNeed(graph, found, weights).slice(0, first));
    },
    eiIndex: async (_p, args, ctx) => {
      const scope = await parseScope(ctx, args);
      const { perSector, territory } = eiIndex(await loadGraph(ctx, scope));
      return { territory, sectors: perSector, appliedTieFilter: appliedTieFilter(scope.ties) };
    },
    brokers: async (_p, args: QueryBrokersArgs, ctx) => {
      const first = listLimit(args.first);
      const startedAt = Date.now();
      const weighting = args.betweenness ?? 'UNWEIGHTED';
      const engine = ctx.config.ANALYTICS_ENGINE;
      const scope = await parseScope(ctx, args);
      // Said before the ties are read: the size is known from the services alone.
      const services = await loadServices(ctx, scope);
      if (weighting === 'INVERSE_WEIGHT' && engine === 'builtin') assertExactSize(services);
      const sampling = engine === 'builtin' && services.length > EXACT_BETWEENNESS_SERVICES ? BETWEENNESS_SAMPLING : null;
      const ranking = await sharedAnswer(ctx, 'brokers', { scope, weighting, first, engine }, async () => {
        const graph = await loadGraph(ctx, scope);
        // On Graph Data Science, exact betweenness runs on the database server, whatever the size.
        const computed = engine === 'gds' ? await gdsBetweenness(ctx.db, graph, { weighted: weighting === 'INVERSE_WEIGHT', timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS }) : null;
        return brokerRanking(graph, { weighting, first, sampling, betweenness: computed }, analyticsBudget(ctx, startedAt).tick);
      });
      return { ...ranking, appliedTieFilter: appliedTieFilter(scope.ties) };
    },
    fragileTies: async (_p, args, ctx) => {
      const first = listLimit(args.first);
      const asOf = args.asOf ?? ctx.today;
      const scope = await parseScope(ctx, args);
      // Zone and observatory keys get every tie with fewer than 5 carriers on a side: the fragile
      // ones alone would say "one person" (small-cell rule).
      const atRisk = pseudonymised(ctx.principal) ? (t: TieAtRiskRow) => disclosedStatus(t) === 'FEW_CARRIERS' : (t: TieAtRiskRow) => t.status === 'FRAGILE';
      return withFilter(scope, (await scopeTiesAtRisk(ctx, scope, asOf)).filter(atRisk).slice(0, first));
    },
    lostTies: async (_p, args, ctx) => {
      const first = listLimit(args.first);
      const asOf = args.asOf ?? ctx.today;
      const scope = await parseScope(ctx, args);
      return withFilter(scope, (await scopeTiesAtRisk(ctx, scope, asOf)).filter((t) => t.status === 'LOST').slice(0, first));
    },
    turnoverImpact: async (_p, args, ctx) => {
      const serviceId = keyOf('Service', args.service, 'service');
      const personId = keyOf('Person', args.person, 'person');
      if (!(await ctx.loaders.directory.serviceById(serviceId))) throw notFound('service', args.service, 'service');
      if (!(await ctx.loaders.people.person.load(personId))) throw notFound('person', args.person, 'person');
      return turnoverImpact(ctx, serviceId, personId, args.asOf ?? ctx.today);
    },
    languageBorder: async (_p, args, ctx) => {
      const scope = await parseScope(ctx, args);
      const border = await sharedAnswer(ctx, 'languageBorder', scope, async () => {
        const { nodes, ties } = await loadTieInitiatives(ctx, scope);
        return languageBorder(nodes, ties);
      });
      return { ...border, appliedTieFilter: appliedTieFilter(scope.ties) };
    },
    initiativeImpact: async (_p, args, ctx) => {
      const edition = keyOf('Edition', args.edition, 'edition');
      const ties = await parseTies(ctx, args.ties);
      return sharedAnswer(ctx, 'initiativeImpact', { edition, ties }, () => initiativeImpact(ctx, edition, ties));
    },
    introductionPath: async (_p, args, ctx, info) => introductionPath(ctx, args, await parseTies(ctx, args.ties), servicePartsOf(info, ctx.lang, PATH_SERVICES)),
    recommendations: (_p, args: QueryRecommendationsArgs, ctx) =>
      recommendations(ctx, args.initiative, args.territory, args.first ?? 10, args.ties, args.need ? parseNeed(args.need) : null),
  },
  AcquaintanceConnection: {
    ...connectionFields,
    services: async (page, _a, ctx) =>
      (await ctx.loaders.directory.service.loadMany(page.serviceIds)).filter((s): s is Exclude<typeof s, Error | null> => s !== null && !(s instanceof Error)),
  },
  Acquaintance: {
    a: (t, _a, ctx) => requiredService(ctx.loaders.directory, t.a, 'a'),
    b: (t, _a, ctx) => requiredService(ctx.loaders.directory, t.b, 'b'),
    strength: (t, _a, ctx) => disclosedWeight(ctx.principal, t.weight, t.strength),
    count: (t, _a, ctx) => disclosed(ctx.principal, t.strength),
    meetings: (t, _a, ctx) => disclosed(ctx.principal, t.meetings),
    visits: (t, _a, ctx) => disclosed(ctx.principal, t.visits),
    breadthA: (t, _a, ctx) => peopleCount(ctx, t.breadthA),
    breadthB: (t, _a, ctx) => peopleCount(ctx, t.breadthB),
    initiatives: async (t, _a, ctx) =>
      (await ctx.loaders.initiatives.initiative.loadMany(t.initiatives)).filter((i): i is Exclude<typeof i, Error | null> => i !== null && !(i instanceof Error)),
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
    strength: (b, _a, ctx) => disclosed(ctx.principal, b.strength),
  },
  Brokers: {
    isolates: async (b, _a, ctx) =>
      (await ctx.loaders.directory.service.loadMany(b.isolates)).filter((s): s is Exclude<typeof s, Error | null> => s !== null && !(s instanceof Error)),
  },
  TieAtRisk: {
    carriersA: (t, _a, ctx) => peopleCount(ctx, t.carriersA),
    carriersB: (t, _a, ctx) => peopleCount(ctx, t.carriersB),
    status: (t, _a, ctx) => (pseudonymised(ctx.principal) ? disclosedStatus(t) : t.status),
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
    initiatives: async (s, _a, ctx) =>
      (await ctx.loaders.initiatives.initiative.loadMany(s.initiatives)).filter((i): i is Exclude<typeof i, Error | null> => i !== null && !(i instanceof Error)),
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
