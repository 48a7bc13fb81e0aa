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
  regionCode: string;
}

export type Grid = 'SOCIAL_HEALTH' | 'MONITORING';

export interface NeighbourhoodRow {
  __typename: 'Neighbourhood';
  code: string;
  grid: Grid;
  nameFr: string;
  nameNl: string;
  synthetic: boolean;
  municipalityNis: string | null;
  zoneCode: string | null;
}

export type TerritoryRow = RegionRow | ZoneRow | MunicipalityRow | NeighbourhoodRow;
