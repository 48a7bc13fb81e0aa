/** Row shapes of the territory module: what the Cypher returns and the resolvers receive. */
export interface RegionRow {
  __typename: 'Region';
  code: string;
  nameFr: string;
  nameNl: string;
}

export interface ZoneRow {
  __typename: 'Zone';
  code: string;
  nameFr: string;
  nameNl: string;
  nameNlOfficial: boolean;
  regionCode: string;
}

export interface MunicipalityRow {
  __typename: 'Municipality';
  nis: string;
  nameFr: string;
  nameNl: string;
  /** Absent from rows read as a place (MUNICIPALITY_PLACED): the resolver reads it then. */
  regionCode?: string;
}

export type Grid = 'SOCIAL_HEALTH' | 'MONITORING';

export interface NeighbourhoodRow {
  __typename: 'Neighbourhood';
  code: string;
  grid: Grid;
  nameFr: string;
  nameNl: string;
  synthetic: boolean;
  /** Undefined when the row was read bare (a service's neighbourhood, see directory/projection.ts). */
  municipalityNis?: string | null;
  zoneCode?: string | null;
  /** The municipality's and zone's rows, when read with the neighbourhood (a service's neighbourhood can be). */
  municipality?: MunicipalityRow | null;
  zone?: ZoneRow | null;
}

export type TerritoryRow = RegionRow | ZoneRow | MunicipalityRow | NeighbourhoodRow;
