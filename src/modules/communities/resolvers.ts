/** `communities`: Louvain on the scope's filtered network (network/measures/communities.ts), described with its quartiers. */
import type { QueryCommunitiesArgs, Resolvers } from '../../__generated__/resolvers-types';
import { badInput, notFound } from '../../errors';
import { cypher } from '../../neo4j/driver';
import { listLimit } from '../common/pagination';
import { describePartition, detectCommunities, servicesPer } from '../network/measures/communities';
import { gdsCommunities } from '../network/gds/engine';
import { disclosedWeight } from '../network/resolvers';
import { loadGraph, parseScope, sharedAnswer } from '../network/scope';
import { appliedTieFilter } from '../network/tie-filter';
import type { CommunityRow } from './model';

/** The monitoring quartier of each service (the grid the map draws). */
const SERVICE_QUARTIERS = cypher(
  'communities.serviceQuartiers',
  `UNWIND $ids AS id MATCH (s:Service {id: id})-[:LOCATED_IN]->(n:Neighbourhood {grid: 'MONITORING'})
   RETURN s.id AS service, n.code AS code`,
);

export const communityResolvers: Resolvers = {
  Query: {
    // QueryCommunitiesArgs: an explicit null skips the schema's defaults.
    communities: async (_p, args: QueryCommunitiesArgs, ctx) => {
      const resolution = args.resolution ?? 1;
      if (!(resolution > 0 && resolution <= 10)) throw badInput('resolution', 'must be above 0 and at most 10');
      const seed = args.seed ?? 1;
      if (!Number.isInteger(seed) || seed < 0) throw badInput('seed', 'must be a whole number, 0 or more');
      const scope = await parseScope(ctx, args);
      const algorithm = args.algorithm ?? 'LOUVAIN';
      const engine = ctx.config.ANALYTICS_ENGINE;
      if (algorithm === 'LEIDEN' && engine !== 'gds') throw badInput('algorithm', 'LEIDEN runs on Neo4j Graph Data Science: it needs ANALYTICS_ENGINE=gds on this server');
      const { partition, communities } = await sharedAnswer(ctx, 'communities', { scope, algorithm, engine, resolution, seed }, async () => {
        const graph = await loadGraph(ctx, scope);
        const partition =
          engine === 'gds'
            ? await gdsCommunities(ctx.db, graph, { algorithm, resolution, seed, timeoutMs: ctx.config.ANALYTICS_TIMEOUT_MS }).then((p) =>
                describePartition(graph, p.of, p.modularity, p.isolates),
              )
            : detectCommunities(graph, { resolution, seed });
        const tiedIds = [...partition.of.keys()];
        const quartierOf = new Map(
          tiedIds.length ? (await ctx.db.read<{ service: string; code: string }>(SERVICE_QUARTIERS, { ids: tiedIds })).map((r) => [r.service, r.code]) : [],
        );
        const communities: CommunityRow[] = partition.communities.map((c) => ({
          ...c,
          quartiers: servicesPer(c.services.map((s) => quartierOf.get(s)).filter((q): q is string => q !== undefined)).map(({ key, services }) => ({ code: key, services })),
        }));
        return { partition, communities };
      });
      return {
        algorithm,
        resolution,
        seed,
        modularity: partition.modularity,
        communities,
        between: partition.between,
        isolates: partition.isolates.length,
        appliedTieFilter: appliedTieFilter(scope.ties),
      };
    },
  },
  Communities: {
    count: (r) => r.communities.length,
    communities: (r, args) => r.communities.slice(0, listLimit(args.first)),
    // Only pairs of the communities listed (the same `first`), so a link never names one that is not
    // there; the most tied first, at most 10 per community listed.
    between: (r, args) => {
      const listed = listLimit(args.first);
      return r.between
        .filter((l) => l.b <= listed)
        .sort((x, y) => y.ties - x.ties || x.a - y.a || x.b - y.b)
        .slice(0, 10 * listed);
    },
  },
  Community: {
    size: (c) => c.services.length,
    services: async (c, args, ctx) =>
      (await ctx.loaders.directory.service.loadMany(c.services.slice(0, listLimit(args.first, 100)))).filter(
        (s): s is Exclude<typeof s, Error | null> => s !== null && !(s instanceof Error),
      ),
    sectors: (c) => c.sectors.map((s) => ({ sector: s.key, services: s.services })),
    languages: (c) => c.languages.map((l) => ({ language: l.key as 'FR' | 'NL' | 'BOTH', services: l.services })),
    quartiers: (c) => c.quartiers,
    density: (c) => (c.services.length > 1 ? c.internalTies / ((c.services.length * (c.services.length - 1)) / 2) : 0),
  },
  CommunitySector: {
    sector: async (s, _a, ctx) => (await ctx.loaders.directory.sector.load(s.sector)) ?? Promise.reject(notFound('sector', s.sector, 'sector')),
  },
  CommunityQuartier: {
    neighbourhood: async (q, _a, ctx) => (await ctx.loaders.territory.neighbourhood.load(q.code)) ?? Promise.reject(notFound('neighbourhood', q.code, 'neighbourhood')),
  },
  CommunityLink: {
    weight: (l, _a, ctx) => disclosedWeight(ctx.principal, l.weight, l.ties),
  },
};
