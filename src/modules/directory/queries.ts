/** Named Cypher of the directory module. */
import { cypher } from '../../neo4j/driver';
import { MUNICIPALITY_MAP, NEIGHBOURHOOD_MAP, ZONE_MAP } from '../territory/queries';

/**
 * Columns of a ServiceRow, from a bound `s:Service`. Pattern comprehensions keep one row per service.
 * `embedded` carries the directory neighbours a page or a detail nearly always asks for (organisation,
 * sectors, quartier, municipality, zone): resolved from the row, they cost no further round trip.
 */
export const SERVICE_COLUMNS = `s.id AS id, s.nameFr AS nameFr, s.nameNl AS nameNl, s.workingLanguage AS workingLanguage,
  coalesce(s.synthetic, false) AS synthetic,
  head([(s)<-[:RUNS]-(o:Organisation) | o.id]) AS organisationId,
  head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'SOCIAL_HEALTH'}) | n.code]) AS neighbourhoodCode,
  head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'MONITORING'}) | n.code]) AS monitoringCode,
  head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_MUNICIPALITY]->(m) | m.nis]) AS municipalityNis,
  head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_ZONE]->(z) | z.code]) AS zoneCode,
  {
    organisation: head([(s)<-[:RUNS]-(o:Organisation) | o {.id, .nameFr, .nameNl, synthetic: coalesce(o.synthetic, false)}]),
    sectors: [(s)-[r:IN_SECTOR]->(sec:Sector) | sec {.code, .nameFr, .nameNl, primary: coalesce(r.primary, false)}],
    neighbourhood: head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'SOCIAL_HEALTH'}) | ${NEIGHBOURHOOD_MAP('n')}]),
    municipality: head([(s)-[:LOCATED_IN]->(:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_MUNICIPALITY]->(m) | ${MUNICIPALITY_MAP('m')}]),
    zone: head([(s)-[:LOCATED_IN]->(:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_ZONE]->(z) | ${ZONE_MAP('z')}])
  } AS embedded`;

const SECTOR = 'sec.code AS code, sec.nameFr AS nameFr, sec.nameNl AS nameNl';
const ORGANISATION = 'o.id AS id, o.nameFr AS nameFr, o.nameNl AS nameNl, coalesce(o.synthetic, false) AS synthetic';

export const servicesById = cypher('directory.servicesById', `UNWIND $keys AS key MATCH (s:Service {id: key}) RETURN key, ${SERVICE_COLUMNS}`);
export const sectorsOfService = cypher(
  'directory.sectorsOfService',
  `UNWIND $keys AS key MATCH (:Service {id: key})-[r:IN_SECTOR]->(sec:Sector)
   RETURN key, ${SECTOR}, coalesce(r.primary, false) AS primary ORDER BY key, primary DESC, code`,
);
export const sectorsByCode = cypher('directory.sectorsByCode', `UNWIND $keys AS key MATCH (sec:Sector {code: key}) RETURN key, ${SECTOR}`);
export const allSectors = cypher('directory.allSectors', `MATCH (sec:Sector) RETURN ${SECTOR} ORDER BY code`);
export const organisationsById = cypher(
  'directory.organisationsById',
  `UNWIND $keys AS key MATCH (o:Organisation {id: key}) RETURN key, ${ORGANISATION}`,
);
export const servicesOfOrganisation = cypher(
  'directory.servicesOfOrganisation',
  `UNWIND $keys AS key MATCH (:Organisation {id: key})-[:RUNS]->(s:Service) RETURN key, ${SERVICE_COLUMNS} ORDER BY key, id`,
);

const ORGANISATION_FILTER = 'WHERE $after IS NULL OR o.id > $after WITH o ORDER BY o.id LIMIT $limit RETURN ' + ORGANISATION;
export const organisationsPage = cypher('directory.organisationsPage', `MATCH (o:Organisation) ${ORGANISATION_FILTER}`);
export const organisationsCount = cypher('directory.organisationsCount', 'MATCH (o:Organisation) RETURN count(o) AS total');
export const organisationsSearchPage = cypher(
  'directory.organisationsSearchPage',
  `CALL db.index.fulltext.queryNodes('organisation_names', $search) YIELD node AS o ${ORGANISATION_FILTER}`,
);
export const organisationsSearchCount = cypher(
  'directory.organisationsSearchCount',
  "CALL db.index.fulltext.queryNodes('organisation_names', $search) YIELD node AS o RETURN count(o) AS total",
);
