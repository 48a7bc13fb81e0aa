/** Row shapes of the directory module. */
import type { Page } from '../common/pagination';
import type { SessionRow } from '../initiatives/model';
import type { StaffRow } from '../people/model';
import type { MunicipalityRow, NeighbourhoodRow, ZoneRow } from '../territory/model';

export interface SectorRow {
  __typename: 'Sector';
  code: string;
  nameFr: string;
  nameNl: string;
}

export interface OrganisationRow {
  __typename: 'Organisation';
  id: string;
  nameFr: string;
  nameNl: string;
  synthetic: boolean;
}

export type WorkingLanguage = 'FR' | 'NL' | 'BOTH';

/** The neighbours a service row can be read with (directory/projection.ts): each present only when read. */
export interface ServiceNeighbours {
  organisation: OrganisationRow | null;
  sectors: Array<SectorRow & { primary: boolean }>;
  /** Bare, or with its place (municipality's and zone's rows) when the selection asks for them. */
  neighbourhood: NeighbourhoodRow | null;
  monitoring: NeighbourhoodRow | null;
  municipality: MunicipalityRow | null;
  zone: ZoneRow | null;
  /** Employments current today, each with its person. */
  staff: StaffRow[];
  sessions: SessionRow[];
}

/**
 * A service as read by a service query. Read with trims (projection.ts), a row and the rows in it lack
 * the names and flags the request's operation never asks: no resolver of that request reads them.
 */
export interface ServiceRow {
  __typename: 'Service';
  id: string;
  nameFr: string;
  nameNl: string;
  /** Null for a service an import left incomplete (no French or Dutch among its languages). */
  workingLanguage: WorkingLanguage | null;
  synthetic: boolean;
  /** Read for zone keys, whose policy filters services by it; null otherwise. */
  zoneCode: string | null;
  embedded: Partial<ServiceNeighbours>;
}

export type ServicePage = Page<ServiceRow>;
export type OrganisationPage = Page<OrganisationRow>;
