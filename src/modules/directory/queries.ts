/** Named Cypher of the directory module. */
import { cypher } from '../../neo4j/driver';
import { byParts } from './projection';
import { ORGANISATION, SECTOR } from './shapes';

/** Services by id, read with the given parts; each row's `service` column is the whole row. */
export const servicesById = byParts('directory.servicesById', (service) => `UNWIND $keys AS key MATCH (s:Service {id: key}) RETURN key, ${service} AS service`);
export const sectorsByCode = cypher('directory.sectorsByCode', `UNWIND $keys AS key MATCH (sec:Sector {code: key}) RETURN key, ${SECTOR.columns}`);
export const allSectors = cypher('directory.allSectors', `MATCH (sec:Sector) RETURN ${SECTOR.columns} ORDER BY code`);
export const organisationsById = cypher('directory.organisationsById', `UNWIND $keys AS key MATCH (o:Organisation {id: key}) RETURN key, ${ORGANISATION.columns}`);
export const servicesOfOrganisation = byParts(
  'directory.servicesOfOrganisation',
  (service) => `UNWIND $keys AS key MATCH (:Organisation {id: key})-[:RUNS]->(s:Service) WITH key, s ORDER BY key, s.id RETURN key, ${service} AS service`,
);

const ORGANISATION_FILTER = `WHERE $after IS NULL OR o.id > $after WITH o ORDER BY o.id LIMIT $limit RETURN ${ORGANISATION.columns}`;
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
