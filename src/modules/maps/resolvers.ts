/**
 * `quartierFigures` (the GEOJSON_QUARTIERS export's figures per quartier, exports/map.ts, on the
 * scope's network) and `Neighbourhood.indicator` (one figure of cold data for a choropleth): what
 * the dashboard's map draws.
 */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { notFound } from '../../errors';
import { pickIndicators, unitKey } from '../territory/geography';
import { quartierMapRows } from '../exports/map';
import { loadGraph, parseScope, sharedAnswer } from '../network/scope';
import { appliedTieFilter } from '../network/tie-filter';

const share = (n: number, d: number) => (d > 0 ? n / d : null);

export const mapResolvers: Resolvers = {
  Query: {
    quartierFigures: async (_p, args, ctx) => {
      const scope = await parseScope(ctx, args);
      // Counts of services and ties, the same for every caller: shared until the next write.
      const quartiers = await sharedAnswer(ctx, 'quartierFigures', scope, async () => quartierMapRows(ctx, scope, await loadGraph(ctx, scope)));
      return { quartiers, appliedTieFilter: appliedTieFilter(scope.ties) };
    },
  },
  QuartierFigures: {
    neighbourhood: async (q, _a, ctx) => (await ctx.loaders.territory.neighbourhood.load(q.code)) ?? Promise.reject(notFound('neighbourhood', q.code, 'neighbourhood')),
    shareWithoutTie: (q) => share(q.servicesWithoutTie, q.services),
    eiIndex: (q) => share(q.crossSector - q.sameSector, q.crossSector + q.sameSector),
    crossBorderTies: (q) => q.crossBorder,
    languageBorderShare: (q) => share(q.crossBorder, q.tiesInside + q.tiesOutside),
  },
  Neighbourhood: {
    indicator: async (n, { name, year }, ctx) => {
      const values = pickIndicators(await ctx.loaders.territory.geo.indicators.load(unitKey('NEIGHBOURHOOD', n.code)), [name], year);
      return values.reduce<(typeof values)[number] | null>((latest, v) => (latest === null || v.year > latest.year ? v : latest), null);
    },
  },
};
