/** Named Cypher of the territory module. Batch queries take `$keys` and return a `key` column. */
import { cypher } from '../../neo4j/driver';

const ZONE = 'z.code AS code, z.nameFr AS nameFr, z.nameNl AS nameNl, coalesce(z.nameNlOfficial, false) AS nameNlOfficial, head([(z)-[:IN_REGION]->(r) | r.code]) AS regionCode';
const MUNICIPALITY = 'm.nis AS nis, m.nameFr AS nameFr, m.nameNl AS nameNl, head([(m)-[:IN_REGION]->(r) | r.code]) AS regionCode';
/** The same rows as maps, for embedding in another query's rows (see directory/projection.ts): keep in step with the columns above. */
export const ZONE_MAP = (z: string) => `${z} {.code, .nameFr, .nameNl, nameNlOfficial: coalesce(${z}.nameNlOfficial, false), regionCode: head([(${z})-[:IN_REGION]->(r) | r.code])}`;
export const MUNICIPALITY_MAP = (m: string) => `${m} {.nis, .nameFr, .nameNl, regionCode: head([(${m})-[:IN_REGION]->(r) | r.code])}`;
export const NEIGHBOURHOOD_MAP = (n: string) =>
  `${n} {.code, .grid, .nameFr, .nameNl, synthetic: coalesce(${n}.synthetic, false), municipalityNis: head([(${n})-[:IN_MUNICIPALITY]->(m) | m.nis]), zoneCode: head([(${n})-[:IN_ZONE]->(z) | z.code])}`;
/** A neighbourhood map carrying its municipality's and zone's rows too, so `neighbourhood { municipality zone }` costs no further trip. */
export const NEIGHBOURHOOD_PLACE_MAP = (n: string) =>
  `${n} {.code, .grid, .nameFr, .nameNl, synthetic: coalesce(${n}.synthetic, false),
    municipality: head([(${n})-[:IN_MUNICIPALITY]->(m) | ${MUNICIPALITY_MAP('m')}]), zone: head([(${n})-[:IN_ZONE]->(z) | ${ZONE_MAP('z')}])}`;
const NEIGHBOURHOOD =
  'n.code AS code, n.grid AS grid, n.nameFr AS nameFr, n.nameNl AS nameNl, coalesce(n.synthetic, false) AS synthetic, head([(n)-[:IN_MUNICIPALITY]->(m) | m.nis]) AS municipalityNis, head([(n)-[:IN_ZONE]->(z) | z.code]) AS zoneCode';

export const regionsByCode = cypher(
  'territory.regionsByCode',
  'UNWIND $keys AS key MATCH (r:Region {code: key}) RETURN key, r.code AS code, r.nameFr AS nameFr, r.nameNl AS nameNl',
);
export const zonesByCode = cypher('territory.zonesByCode', `UNWIND $keys AS key MATCH (z:Zone {code: key}) RETURN key, ${ZONE}`);
export const municipalitiesByNis = cypher(
  'territory.municipalitiesByNis',
  `UNWIND $keys AS key MATCH (m:Municipality {nis: key}) RETURN key, ${MUNICIPALITY}`,
);
export const neighbourhoodsByCode = cypher(
  'territory.neighbourhoodsByCode',
  `UNWIND $keys AS key MATCH (n:Neighbourhood {code: key}) RETURN key, ${NEIGHBOURHOOD}`,
);

export const zonesOfRegion = cypher(
  'territory.zonesOfRegion',
  `UNWIND $keys AS key MATCH (:Region {code: key})<-[:IN_REGION]-(z:Zone) RETURN key, ${ZONE} ORDER BY key, code`,
);
export const municipalitiesOfRegion = cypher(
  'territory.municipalitiesOfRegion',
  `UNWIND $keys AS key MATCH (:Region {code: key})<-[:IN_REGION]-(m:Municipality) RETURN key, ${MUNICIPALITY} ORDER BY key, nis`,
);
export const municipalitiesOfZone = cypher(
  'territory.municipalitiesOfZone',
  `UNWIND $keys AS key MATCH (:Zone {code: key})<-[:IN_ZONE]-(:Neighbourhood)-[:IN_MUNICIPALITY]->(m:Municipality)
   WITH DISTINCT key, m RETURN key, ${MUNICIPALITY} ORDER BY key, nis`,
);
export const zonesOfMunicipality = cypher(
  'territory.zonesOfMunicipality',
  `UNWIND $keys AS key MATCH (:Municipality {nis: key})<-[:IN_MUNICIPALITY]-(:Neighbourhood)-[:IN_ZONE]->(z:Zone)
   WITH DISTINCT key, z RETURN key, ${ZONE} ORDER BY key, code`,
);
export const neighbourhoodsOfZone = cypher(
  'territory.neighbourhoodsOfZone',
  `UNWIND $keys AS key MATCH (:Zone {code: key})<-[:IN_ZONE]-(n:Neighbourhood) RETURN key, ${NEIGHBOURHOOD} ORDER BY key, code`,
);
export const neighbourhoodsOfMunicipality = cypher(
  'territory.neighbourhoodsOfMunicipality',
  `UNWIND $keys AS key MATCH (:Municipality {nis: key})<-[:IN_MUNICIPALITY]-(n:Neighbourhood) RETURN key, ${NEIGHBOURHOOD} ORDER BY key, code`,
);

export const neighbourhoodsOfRegion = cypher(
  'territory.neighbourhoodsOfRegion',
  `UNWIND $keys AS key MATCH (:Region {code: key})<-[:IN_REGION]-(:Municipality)<-[:IN_MUNICIPALITY]-(n:Neighbourhood)
   WITH DISTINCT key, n RETURN key, ${NEIGHBOURHOOD} ORDER BY key, code`,
);

export const allNeighbourhoods = cypher(
  'territory.allNeighbourhoods',
  `MATCH (n:Neighbourhood) WHERE $grid IS NULL OR n.grid = $grid RETURN ${NEIGHBOURHOOD} ORDER BY code`,
);
