/**
 * No N+1: a page of 50 services with sectors, neighbourhood, zone, municipality and organisation
 * costs the same number of Neo4j round trips as a page of 5 (one DataLoader set per request).
 */
import { cypher } from '../../src/neo4j/driver';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';
import { testApi, type TestApi } from '../helpers/api';

let api: TestApi;

// 60 extra services spread over the fixture's quartiers, sectors and organisations.
const MORE_SERVICES = cypher(
  'test.moreServices',
  `UNWIND range(1, 60) AS i
   MATCH (q:Neighbourhood {code: 'Q' + toString(1 + i % 4)}), (sec:Sector) WHERE sec.code = ['MENTAL_HEALTH', 'DISABILITY', 'HOUSING'][i % 3]
   MATCH (o:Organisation {id: 'o' + toString(1 + i % 3)})
   CREATE (s:Service {id: 'bulk-' + right('00' + toString(i), 3), nameFr: 'Service ' + i, nameNl: 'Dienst ' + i, workingLanguage: 'FR', synthetic: true})
   CREATE (s)-[:LOCATED_IN]->(q), (s)-[:IN_SECTOR {primary: true}]->(sec), (o)-[:RUNS]->(s)`,
);

const PAGE = `query Page($first: Int!) {
  services(first: $first) {
    totalCount
    nodes {
      name
      sectors { code name }
      primarySector { code }
      neighbourhood { name }
      municipality { name }
      zone { name region { code } }
      organisation { name }
    }
  }
}`;

beforeAll(async () => {
  await resetGraph();
  await loadFixture('small-territory');
  await testDb().write(MORE_SERVICES);
  api = await testApi();
});
afterAll(async () => {
  await api.server.stop();
  await closeTestDb();
});

it('listing 50 services costs the same round trips as listing 5', async () => {
  const five = await api.run<{ services: { nodes: unknown[] } }>(PAGE, { first: 5 });
  const fifty = await api.run<{ services: { nodes: unknown[] } }>(PAGE, { first: 50 });
  expect(five.errors).toBeUndefined();
  expect(fifty.errors).toBeUndefined();
  expect(five.data?.services.nodes).toHaveLength(5);
  expect(fifty.data?.services.nodes).toHaveLength(50);
  // page + count + sectors + neighbourhoods + municipalities + zones + organisations + region = 8
  expect(fifty.roundTrips).toBe(five.roundTrips);
  expect(fifty.roundTrips).toBeLessThanOrEqual(8);
});

it('a service detail page is a handful of round trips, whatever its staff size', async () => {
  const detail = await api.run('{ service(id: "s1") { name organisation { name } sectors { code } zone { name } staff(asOf: "2022-06-01") { person { displayName } service { name } } } }');
  expect(detail.errors).toBeUndefined();
  // service + organisation + sectors + zone + staff + persons (service already cached) = 6
  expect(detail.roundTrips).toBeLessThanOrEqual(6);
});
