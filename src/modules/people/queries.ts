/** Named Cypher of the people module. */
import { cypher } from '../../neo4j/driver';
import { day, many, row, shape } from '../../neo4j/shape';
import type { EmploymentRow, PersonRow, StaffRow } from './model';

/** Row shapes, bound to `p` (and `w`, `s` for an employment): columns here, lists inside service rows (directory/projection.ts). */
export const PERSON = shape<PersonRow>('Person', {
  id: 'p.id',
  displayName: 'p.displayName',
  consent: 'coalesce(p.consent, false)',
  synthetic: 'coalesce(p.synthetic, false)',
});
const EMPLOYMENT_FIELDS = {
  personId: 'p.id',
  personConsent: 'coalesce(p.consent, false)',
  serviceId: 's.id',
  role: 'w.role',
  from: day('w.from'),
  to: day('w.to'),
};
const EMPLOYMENT = shape<Omit<EmploymentRow, 'asOf'>>(EMPLOYMENT_FIELDS);
/** Current staff of a bound `s` on `$today`, each with the date it is current on and the person's row: resolvers take it as it is. */
export const STAFF_TODAY = many(
  '(p:Person)-[w:WORKS_AT]->(s) WHERE w.from <= date($today) AND (w.to IS NULL OR w.to >= date($today))',
  shape<StaffRow>({ ...EMPLOYMENT_FIELDS, asOf: '$today', person: row(PERSON) }),
);

export const personsById = cypher('people.personsById', `UNWIND $keys AS key MATCH (p:Person {id: key}) RETURN key, ${PERSON.columns}`);
export const employmentsOfPerson = cypher(
  'people.employmentsOfPerson',
  `UNWIND $keys AS key MATCH (p:Person {id: key})-[w:WORKS_AT]->(s:Service) RETURN key, ${EMPLOYMENT.columns} ORDER BY key, w.from DESC, s.id`,
);
/** Staff of a service on a date: employment periods that include it. */
export const staffOfService = cypher(
  'people.staffOfService',
  `UNWIND $keys AS key MATCH (p:Person)-[w:WORKS_AT]->(s:Service {id: key})
   WHERE w.from <= date($asOf) AND (w.to IS NULL OR w.to >= date($asOf))
   RETURN key, ${EMPLOYMENT.columns} ORDER BY key, p.id`,
);

export const staffCountOfService = cypher(
  'people.staffCountOfService',
  `UNWIND $keys AS key MATCH (p:Person)-[w:WORKS_AT]->(:Service {id: key})
   WHERE w.from <= date($asOf) AND (w.to IS NULL OR w.to >= date($asOf))
   RETURN key, count(DISTINCT p) AS n`,
);

const PERSON_PAGE = `WHERE $after IS NULL OR p.id > $after WITH p ORDER BY p.id LIMIT $limit RETURN ${PERSON.columns}`;
export const peoplePage = cypher('people.peoplePage', `MATCH (p:Person) ${PERSON_PAGE}`);
export const peopleCount = cypher('people.peopleCount', 'MATCH (p:Person) RETURN count(p) AS total');
export const peopleSearchPage = cypher('people.peopleSearchPage', `CALL db.index.fulltext.queryNodes('person_names', $search) YIELD node AS p ${PERSON_PAGE}`);
export const peopleSearchCount = cypher('people.peopleSearchCount', "CALL db.index.fulltext.queryNodes('person_names', $search) YIELD node AS p RETURN count(p) AS total");
