/** Row shapes of the directory module. */
import type { Page } from '../common/pagination';
import type { SessionRow } from '../initiatives/model';
import type { EmploymentRow, PersonRow } from '../people/model';
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

/** A row's own fields without its type tag, as embedded in another row. */
type Embedded<T> = Omit<T, '__typename'>;

/** The neighbours a service row can be read with (directory/projection.ts): each present only when read. */
export interface ServiceNeighbours {
  organisation: Embedded<OrganisationRow> | null;
  sectors: Array<Embedded<SectorRow> & { primary: boolean }>;
  /** Bare, or with its place (municipality row and zone code) when the selection asks for them. */
  neighbourhood: Embedded<NeighbourhoodRow> | null;
  monitoring: Embedded<NeighbourhoodRow> | null;
  municipality: Embedded<MunicipalityRow> | null;
  zone: Embedded<ZoneRow> | null;
  /** Employments current today, each with its person. */
  staff: Array<Omit<EmploymentRow, 'asOf'> & { person: Embedded<PersonRow> }>;
  sessions: Array<Embedded<SessionRow>>;
}

export interface ServiceRow {
  __typename: 'Service';
  id: string;
  nameFr: string;
  nameNl: string;
  workingLanguage: WorkingLanguage;
  synthetic: boolean;
  /** Always read: a zone key's policy filters services by it. */
  zoneCode: string | null;
  embedded: Partial<ServiceNeighbours>;
}

export type ServicePage = Page<ServiceRow>;
export type OrganisationPage = Page<OrganisationRow>;
