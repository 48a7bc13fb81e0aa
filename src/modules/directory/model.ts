/** Row shapes of the directory module. */
import type { Page } from '../common/pagination';
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

export interface ServiceRow {
  __typename: 'Service';
  id: string;
  nameFr: string;
  nameNl: string;
  workingLanguage: WorkingLanguage;
  synthetic: boolean;
  organisationId: string | null;
  neighbourhoodCode: string | null;
  monitoringCode: string | null;
  municipalityNis: string | null;
  zoneCode: string | null;
  /** Neighbours read with the service (see SERVICE_COLUMNS); absent on rows built elsewhere. */
  embedded?: {
    organisation: Omit<OrganisationRow, '__typename'> | null;
    sectors: Array<Omit<SectorRow, '__typename'> & { primary: boolean }>;
    neighbourhood: Omit<NeighbourhoodRow, '__typename'> | null;
    municipality: Omit<MunicipalityRow, '__typename'> | null;
    zone: Omit<ZoneRow, '__typename'> | null;
  };
}

export type ServicePage = Page<ServiceRow>;
export type OrganisationPage = Page<OrganisationRow>;
