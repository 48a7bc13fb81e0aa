/** Named Cypher of the territory module. Batch queries take `$keys` and return a `key` column. */
import { cypher } from '../../neo4j/driver';
import { one, shape } from '../../neo4j/shape';
import type { MunicipalityRow, NeighbourhoodRow, ZoneRow } from './model';

/** Row shapes, bound to `z`, `m` and `n`: their columns here, their lists inside service rows (directory/projection.ts). */
export const ZONE = shape<ZoneRow>('Zone', {
  code: 'z.code',
  nameFr: 'z.nameFr',
  nameNl: 'z.nameNl',
  nameNlOfficial: 'coalesce(z.nameNlOfficial, false)',
  regionCode: 'head([(z)-[:IN_REGION]->(r) | r.code])',
});
const MUNICIPALITY_OWN = { nis: 'm.nis', nameFr: 'm.nameFr', nameNl: 'm.nameNl' };
export const MUNICIPALITY = shape<MunicipalityRow>('Municipality', { ...MUNICIPALITY_OWN, regionCode: 'head([(m)-[:IN_REGION]->(r) | r.code])' });
/**
 * A municipality as the place of a neighbourhood or service, without its region: one hop less per
 * row read (a service detail's statement was 5 % slower than the hand-written one with it). Its
 * `region` field reads the municipality's own row when asked.
 */
export const MUNICIPALITY_PLACED = shape<MunicipalityRow>('Municipality', MUNICIPALITY_OWN);
const NEIGHBOURHOOD_OWN = { code: 'n.code', grid: 'n.grid', nameFr: 'n.nameFr', nameNl: 'n.nameNl', synthetic: 'coalesce(n.synthetic, false)' };
/** A neighbourhood with the codes of its municipality and zone. */
export const NEIGHBOURHOOD = shape<NeighbourhoodRow>('Neighbourhood', {
  ...NEIGHBOURHOOD_OWN,
  municipalityNis: 'head([(n)-[:IN_MUNICIPALITY]->(m) | m.nis])',
  zoneCode: 'head([(n)-[:IN_ZONE]->(z) | z.code])',
});
/** A neighbourhood alone (its place is read again if asked). */
export const NEIGHBOURHOOD_BARE = shape<NeighbourhoodRow>('Neighbourhood', NEIGHBOURHOOD_OWN);
const PLACED_IN_MUNICIPALITY = one('(n)-[:IN_MUNICIPALITY]->(m)', MUNICIPALITY_PLACED);
const PLACED_IN_ZONE = one('(n)-[:IN_ZONE]->(z)', ZONE);
/**
 * A neighbourhood with its municipality's and zone's rows, so `neighbourhood { municipality zone }`
 * costs no further trip; or with one of them, when the selection asks only that one.
 */
export const NEIGHBOURHOOD_PLACE = shape<NeighbourhoodRow>('Neighbourhood', { ...NEIGHBOURHOOD_OWN, municipality: PLACED_IN_MUNICIPALITY, zone: PLACED_IN_ZONE });
export const NEIGHBOURHOOD_IN_MUNICIPALITY = shape<NeighbourhoodRow>('Neighbourhood', { ...NEIGHBOURHOOD_OWN, municipality: PLACED_IN_MUNICIPALITY });
export const NEIGHBOURHOOD_IN_ZONE = shape<NeighbourhoodRow>('Neighbourhood', { ...NEIGHBOURHOOD_OWN, zone: PLACED_IN_ZONE });

export const regionsByCode = cypher(
  'territory.regionsByCode',
  'UNWIND $keys AS key MATCH (r:Region {code: key}) RETURN key, r.code AS code, r.nameFr AS nameFr, r.nameNl AS nameNl',
);
export const zonesByCode = cypher('territory.zonesByCode', `UNWIND $keys AS key MATCH (z:Zone {code: key}) RETURN key, ${ZONE.columns}`);
export const municipalitiesByNis = cypher('territory.municipalitiesByNis', `UNWIND $keys AS key MATCH (m:Municipality {nis: key}) RETURN key, ${MUNICIPALITY.columns}`);
export const neighbourhoodsByCode = cypher('territory.neighbourhoodsByCode', `UNWIND $keys AS key MATCH (n:Neighbourhood {code: key}) RETURN key, ${NEIGHBOURHOOD.columns}`);

export const zonesOfRegion = cypher(
  'territory.zonesOfRegion',
  `UNWIND $keys AS key MATCH (:Region {code: key})<-[:IN_REGION]-(z:Zone) RETURN key, ${ZONE.columns} ORDER BY key, code`,
);
export const municipalitiesOfRegion = cypher(
  'territory.municipalitiesOfRegion',
  `UNWIND $keys AS key MATCH (:Region {code: key})<-[:IN_REGION]-(m:Municipality) RETURN key, ${MUNICIPALITY.columns} ORDER BY key, nis`,
);
export const municipalitiesOfZone = cypher(
  'territory.municipalitiesOfZone',
  `UNWIND $keys AS key MATCH (:Zone {code: key})<-[:IN_ZONE]-(:Neighbourhood)-[:IN_MUNICIPALITY]->(m:Municipality)
   WITH DISTINCT key, m RETURN key, ${MUNICIPALITY.columns} ORDER BY key, nis`,
);
export const zonesOfMunicipality = cypher(
  'territory.zonesOfMunicipality',
  `UNWIND $keys AS key MATCH (:Municipality {nis: key})<-[:IN_MUNICIPALITY]-(:Neighbourhood)-[:IN_ZONE]->(z:Zone)
   WITH DISTINCT key, z RETURN key, ${ZONE.columns} ORDER BY key, code`,
);
export const neighbourhoodsOfZone = cypher(
  'territory.neighbourhoodsOfZone',
  `UNWIND $keys AS key MATCH (:Zone {code: key})<-[:IN_ZONE]-(n:Neighbourhood) RETURN key, ${NEIGHBOURHOOD.columns} ORDER BY key, code`,
);
export const neighbourhoodsOfMunicipality = cypher(
  'territory.neighbourhoodsOfMunicipality',
  `UNWIND $keys AS key MATCH (:Municipality {nis: key})<-[:IN_MUNICIPALITY]-(n:Neighbourhood) RETURN key, ${NEIGHBOURHOOD.columns} ORDER BY key, code`,
);

export const neighbourhoodsOfRegion = cypher(
  'territory.neighbourhoodsOfRegion',
  `UNWIND $keys AS key MATCH (:Region {code: key})<-[:IN_REGION]-(:Municipality)<-[:IN_MUNICIPALITY]-(n:Neighbourhood)
   WITH DISTINCT key, n RETURN key, ${NEIGHBOURHOOD.columns} ORDER BY key, code`,
);

export const allNeighbourhoods = cypher(
  'territory.allNeighbourhoods',
  `MATCH (n:Neighbourhood) WHERE $grid IS NULL OR n.grid = $grid RETURN ${NEIGHBOURHOOD.columns} ORDER BY code`,
);
