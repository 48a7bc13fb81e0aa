/** Row shapes of the change module: what the resolvers of schema/change.graphql receive. */
import type { Filtered } from '../network/model';
import type { CommunityTrace, YearCommunities, YearPoint } from './series';

export interface NetworkChangeRow extends Filtered {
  years: YearPoint[];
  resolution: number;
  seed: number;
  communityMatchThreshold: number;
}

export type NetworkYearRow = YearPoint;
export type NetworkYearCommunitiesRow = YearCommunities;
export type CommunityTraceRow = CommunityTrace;
