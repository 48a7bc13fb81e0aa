/** Per-request DataLoaders of the territory module. */
import type { Db } from '../../neo4j/driver';
import { manyLoader, oneLoader, rowOf } from '../common/loader';
import type { MunicipalityRow, NeighbourhoodRow, RegionRow, ZoneRow } from './model';
import * as q from './queries';
import { createGeographyLoaders } from './geography';

const region = rowOf<RegionRow>('Region');
const zone = rowOf<ZoneRow>('Zone');
const municipality = rowOf<MunicipalityRow>('Municipality');
const neighbourhood = rowOf<NeighbourhoodRow>('Neighbourhood');

export function createTerritoryLoaders(db: Db) {
  return {
    region: oneLoader(db, q.regionsByCode, region),
    zone: oneLoader(db, q.zonesByCode, zone),
    municipality: oneLoader(db, q.municipalitiesByNis, municipality),
    neighbourhood: oneLoader(db, q.neighbourhoodsByCode, neighbourhood),
    zonesOfRegion: manyLoader(db, q.zonesOfRegion, zone),
    municipalitiesOfRegion: manyLoader(db, q.municipalitiesOfRegion, municipality),
    municipalitiesOfZone: manyLoader(db, q.municipalitiesOfZone, municipality),
    zonesOfMunicipality: manyLoader(db, q.zonesOfMunicipality, zone),
    neighbourhoodsOfZone: manyLoader(db, q.neighbourhoodsOfZone, neighbourhood),
    neighbourhoodsOfMunicipality: manyLoader(db, q.neighbourhoodsOfMunicipality, neighbourhood),
    neighbourhoodsOfRegion: manyLoader(db, q.neighbourhoodsOfRegion, neighbourhood),
    /** Shapes, details, indicators, sectors and points (geography.ts). */
    geo: createGeographyLoaders(db),
    /** Every neighbourhood of one grid (or both when `grid` is null). */
    async allNeighbourhoods(grid: string | null): Promise<NeighbourhoodRow[]> {
      return (await db.read(q.allNeighbourhoods, { grid })).map(neighbourhood);
    },
  };
}

export type TerritoryLoaders = ReturnType<typeof createTerritoryLoaders>;
