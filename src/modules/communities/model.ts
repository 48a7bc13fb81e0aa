/** Row shapes of the communities module: what the resolvers of schema/communities.graphql receive. */
import type { CommunityAlgorithm } from '../../__generated__/resolvers-types';
import type { Community, CommunityLink } from '../network/measures/communities';
import type { Filtered } from '../network/model';

export type CommunityRow = Community & { quartiers: Array<{ code: string; services: number }> };

export interface CommunitiesRow extends Filtered {
  algorithm: CommunityAlgorithm;
  resolution: number;
  seed: number;
  modularity: number;
  communities: CommunityRow[];
  between: CommunityLink[];
  isolates: number;
}

export interface CommunitySectorRow {
  sector: string;
  services: number;
}

export interface CommunityQuartierRow {
  code: string;
  services: number;
}

export type CommunityLinkRow = CommunityLink;
