/** Row shapes of the network module: what the resolvers of schema/network.graphql receive. */
import type { Page } from '../common/pagination';
import type { BrokerageRoles } from './measures/centrality';
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

export type AcquaintancePage = Page<AcquaintanceRow> & { serviceIds: string[] };
export type MixingCellRow = MixingCell;
export type GapRow = Gap;
export type EiScoreRow = EiScore;
export interface EiIndexRow {
  territory: EiScore;
  sectors: EiScore[];
}
export interface BrokerRow {
  serviceId: string;
  degree: number;
  betweenness: number;
  constraint: number | null;
  roles: BrokerageRoles;
}
export interface BrokersRow {
  brokers: BrokerRow[];
  isolates: string[];
  serviceCount: number;
}
export type TieStatus = 'SOLID' | 'FRAGILE' | 'LOST';
export interface TieAtRiskRow {
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
export interface InitiativeImpactRow {
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
export interface IntroductionPathRow {
  found: boolean;
  startId: string | null;
  steps: PathStepRow[];
}
export interface RecommendationRow {
  kind: 'HOST' | 'ZONE' | 'SECTOR_MIX';
  serviceId?: string;
  zoneCode?: string;
  sectorA?: string;
  sectorB?: string;
  score: number;
  reasonFr: string;
  reasonNl: string;
}
