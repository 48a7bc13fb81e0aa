/** Row shapes of the directory module. */
import type { Page } from '../common/pagination';

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
}

export type ServicePage = Page<ServiceRow>;
export type OrganisationPage = Page<OrganisationRow>;
