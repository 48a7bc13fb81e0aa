/** `networkChange`: the year-by-year series of a territory's network (load.ts, series.ts). */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { listLimit } from '../common/pagination';
import { networkChange } from './load';

export const changeResolvers: Resolvers = {
  Query: {
    networkChange: (_p, args, ctx) => networkChange(ctx, args),
  },
  NetworkYearCommunities: {
    communities: (c, args) => c.traces.slice(0, listLimit(args.first)),
  },
};
