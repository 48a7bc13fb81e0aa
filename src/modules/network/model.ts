/** Row shapes of the network module: what the resolvers of schema/network.graphql receive. */
import type { AppliedTieFilter } from '../../__generated__/resolvers-types';
import type { Page } from '../common/pagination';
import type { BrokerFigures, BrokerRanking } from './measures/centrality';
import type { EiScore, Gap, MixingCell } from './measures/mixing';

export interface AcquaintanceRow {
  a: string;
  b: string;
  /** Encounters (the plain count). */
  strength: number;
  /** Summed encounter weights (ties.ts: 1/(n − 1) × duration factor; a visit the duration factor). */
  weight: number;
  /** Distinct days the two services met. */
  meetings: number;
  visits: number;
  firstMet: string;
  lastMet: string;
  breadthA: number;
  breadthB: number;
  initiatives: string[];
  peopleA: string[];
  peopleB: string[];
}

/** Answers that say which tie filter produced them. */
export interface Filtered {
  appliedTieFilter: AppliedTieFilter;
}

export type AcquaintancePage = Page<AcquaintanceRow> & { serviceIds: string[] } & Filtered;
export type MixingCellRow = MixingCell & Filtered;
export type GapRow = Gap & Filtered;
export type EiScoreRow = EiScore;
export interface EiIndexRow extends Filtered {
  territory: EiScore;
  sectors: EiScore[];
}
/** A broker row is the measure's own figures (measures/centrality.ts). */
export type BrokerRow = BrokerFigures;
export type BrokersRow = BrokerRanking & Filtered;
export type TieStatus = 'SOLID' | 'FRAGILE' | 'LOST';
export interface TieAtRiskRow extends Partial<Filtered> {
  tie: AcquaintanceRow;
  carriersA: number;
  carriersB: number;
  status: TieStatus;
}
export interface TurnoverImpactRow {
  serviceId: string;
  tiesCarried: number;
  wouldBeLost: AcquaintanceRow[];
  wouldBecomeFragile: AcquaintanceRow[];
}
export interface InitiativeBorderRow {
  initiativeId: string;
  ties: number;
  crossBorder: number;
  share: number | null;
}
export interface ZoneReachRow {
  zoneCode: string;
  services: number;
}
export interface InitiativeImpactRow extends Filtered {
  editionId: string;
  newTies: number;
  newCrossSectorTies: number;
  newCrossLanguageTies: number;
  reach: ZoneReachRow[];
  participants: number;
  firstTimeParticipants: number;
  hosts: number;
  firstTimeHosts: number;
  /** No-shows, and present + no-shows: the no-show rate's terms (counts of people). */
  noShows: number;
  shown: number;
  /** Registrations and capacity over sessions with a capacity: capacity use's terms. */
  registered: number;
  capacity: number;
}
export interface PathStepRow {
  from: string;
  to: string;
  initiatives: string[];
  firstMet: string;
  lastMet: string;
}
export interface IntroductionPathRow extends Filtered {
  found: boolean;
  startId: string | null;
  steps: PathStepRow[];
}
export interface RecommendationRow extends Filtered {
  kind: 'HOST' | 'ZONE' | 'SECTOR_MIX';
  serviceId?: string;
  zoneCode?: string;
  sectorA?: string;
  sectorB?: string;
  score: number;
  reasonFr: string;
  reasonNl: string;
}
