/**
 * No N+1: a page of 50 services with sectors, neighbourhood, zone, municipality and organisation
 * costs the same number of Neo4j round trips as a page of 5 (one DataLoader set per request), and
 * the neighbours a selection asks for are read with the services (directory/projection.ts).
 */
import { oneKeyForm } from '../../src/modules/common/loader';
import { SERVICE_PARTS } from '../../src/modules/directory/projection';
import * as directory from '../../src/modules/directory/queries';
import * as initiatives from '../../src/modules/initiatives/queries';
import * as people from '../../src/modules/people/queries';
import * as territory from '../../src/modules/territory/queries';
import { cypher, type NamedQuery } from '../../src/neo4j/driver';
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
  // page with its sectors, quartier, municipality, zone and organisation (1) + count (1) + the zones' region (1) = 3
  expect(fifty.roundTrips).toBe(five.roundTrips);
  expect(fifty.roundTrips).toBe(3);
});

it('a service detail for today is one round trip: neighbours, staff with their persons and sessions come with the service', async () => {
  const detail = await api.run<{
    service: {
      staff: Array<{ person: { displayName: string }; role: string }>;
      sessionsHosted: { nodes: Array<{ title: string }> };
      neighbourhood: { municipality: { nisCode: string }; zone: { code: string } };
    };
  }>(
    `{ service(id: "s1") { name organisation { name } sectors { code } primarySector { code }
        neighbourhood { name municipality { nisCode } zone { code } } monitoringNeighbourhood { code }
        staff { person { displayName } role } sessionsHosted(first: 10) { nodes { title } } } }`,
  );
  expect(detail.errors).toBeUndefined();
  expect(detail.roundTrips).toBe(1);
  // The fixture: p1 works at s1 since 2020 (p2 left at the end of 2022); s1 hosts x1.
  expect(detail.data?.service.staff.map((e) => e.role)).toEqual(['psychologist']);
  expect(detail.data?.service.sessionsHosted.nodes.map((x) => x.title)).toEqual(['Rencontre 1']);
});

it("a hosted session's edition and a placed municipality's region are read when asked: service (1) + session and municipality rows (2) + edition and region (2) = 5", async () => {
  // Service rows carry their sessions without editions and their municipality without its region
  // (a hop per row the detail does not need); asking for them reads them, batched.
  const detail = await api.run<{
    service: { sessionsHosted: { nodes: Array<{ edition: { id: string; cycle: string } }> }; municipality: { nisCode: string; region: { code: string } } };
  }>('{ service(id: "s1") { sessionsHosted(first: 10) { nodes { edition { id cycle } } } municipality { nisCode region { code } } } }');
  expect(detail.errors).toBeUndefined();
  // The fixture: x1 (hosted by s1) is in ed1 (2023-2024); s1 is in Forest (21007), in BRU.
  expect(detail.data?.service.sessionsHosted.nodes.map((x) => x.edition.cycle)).toEqual(['2023-2024']);
  expect(detail.data?.service.municipality).toMatchObject({ nisCode: '21007', region: { code: 'BRU' } });
  expect(detail.roundTrips).toBe(5);
});

it('staff on another date is read apart: service (1) + staff on that date (1) + their persons (1) = 3', async () => {
  const detail = await api.run(
    '{ service(id: "s1") { name organisation { name } sectors { code } zone { name } staff(asOf: "2022-06-01") { person { displayName } service { name } } } }',
  );
  expect(detail.errors).toBeUndefined();
  expect(detail.roundTrips).toBe(3);
});

it('a neighbour not read ahead is still right: one batched query per missing part', async () => {
  // A page read with bare quartiers primes the plain service loader; the staff's service then asks
  // for the quartier's municipality and zone, which those rows do not carry.
  const Q = `{ services(first: 50) { nodes { id neighbourhood { code } } }
    service(id: "s1") { staff(asOf: "2022-06-01") { service { neighbourhood { code municipality { nisCode } zone { code } } } } } }`;
  const mixed = await api.run<{ service: { staff: Array<{ service: { neighbourhood: unknown } }> } }>(Q);
  const direct = await api.run<{ service: { neighbourhood: unknown } }>('{ service(id: "s1") { neighbourhood { code municipality { nisCode } zone { code } } } }');
  expect(mixed.errors).toBeUndefined();
  expect(direct.roundTrips).toBe(1);
  expect(mixed.data?.service.staff.map((e) => e.service.neighbourhood)).toEqual([direct.data?.service.neighbourhood, direct.data?.service.neighbourhood]);
});

it('a quartier is read with the places its selection asks for, one round trip each way, and each place is the same', async () => {
  const Q = (place: string) => `{ service(id: "s1") { neighbourhood { code ${place} } } }`;
  const both = await api.run<{ service: { neighbourhood: { municipality: unknown; zone: unknown } } }>(Q('municipality { nisCode } zone { code }'));
  const municipality = await api.run<{ service: { neighbourhood: { municipality: unknown } } }>(Q('municipality { nisCode }'));
  const zone = await api.run<{ service: { neighbourhood: { zone: unknown } } }>(Q('zone { code }'));
  expect([both.roundTrips, municipality.roundTrips, zone.roundTrips]).toEqual([1, 1, 1]);
  expect(municipality.data?.service.neighbourhood.municipality).toEqual(both.data?.service.neighbourhood.municipality);
  expect(zone.data?.service.neighbourhood.zone).toEqual(both.data?.service.neighbourhood.zone);
  // The same quartier asked twice, its municipality through one field and its zone through an alias:
  // one service row per set of parts, both places right.
  const aliased = await api.run<{ a: { neighbourhood: { municipality: unknown } }; b: { neighbourhood: { zone: unknown } } }>(
    '{ a: service(id: "s1") { neighbourhood { municipality { nisCode } } } b: service(id: "s1") { neighbourhood { zone { code } } } }',
  );
  expect(aliased.errors).toBeUndefined();
  expect([aliased.data?.a.neighbourhood.municipality, aliased.data?.b.neighbourhood.zone]).toEqual([
    both.data?.service.neighbourhood.municipality,
    both.data?.service.neighbourhood.zone,
  ]);
});

it('hosted sessions page newest first, the same whether read with the service or apart', async () => {
  // Three more sessions hosted by bulk-001 (2024-01-0{1,2,3}), and p1 working there too.
  await testDb().write(
    cypher(
      'test.moreSessions',
      `MATCH (e:Edition {id: 'ed1'}), (s:Service {id: 'bulk-001'}), (p:Person {id: 'p1'})
       CREATE (p)-[:WORKS_AT {from: date('2020-01-01')}]->(s)
       WITH e, s UNWIND [1, 2, 3] AS k
       CREATE (x:Session {id: 'more-' + k, title: 'More ' + k, startsAt: datetime('2024-01-0' + k + 'T08:00:00Z'), endsAt: datetime('2024-01-0' + k + 'T10:00:00Z')})-[:IN]->(e), (x)-[:HOSTED_BY]->(s)`,
    ),
  );
  type Sessions = { totalCount: number; edges: Array<{ cursor: string; node: { title: string } }> };
  const page = (after: string | null) => `sessionsHosted(first: 2${after ? `, after: "${after}"` : ''}) { totalCount edges { cursor node { title } } }`;
  // Read ahead with the service; or apart, for a service reached through an employment (its row carries no sessions).
  const withService = async (after: string | null) =>
    (await api.run<{ service: { sessionsHosted: Sessions } }>(`{ service(id: "bulk-001") { ${page(after)} } }`)).data!.service.sessionsHosted;
  const apart = async (after: string | null) => {
    const res = await api.run<{ person: { employments: Array<{ service: { id: string; sessionsHosted: Sessions } }> } }>(
      `{ person(id: "p1") { employments { service { id ${page(after)} } } } }`,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.person.employments.map((e) => e.service.sessionsHosted).find((x) => x.totalCount === 3);
  };
  const first = await withService(null);
  expect([first.totalCount, first.edges.map((e) => e.node.title)]).toEqual([3, ['More 3', 'More 2']]);
  expect(await apart(null)).toEqual(first);
  const second = await withService(first.edges[1]!.cursor);
  expect(second.edges.map((e) => e.node.title)).toEqual(['More 1']);
  expect(await apart(first.edges[1]!.cursor)).toEqual(second);
});

it('fragments and aliases are looked through: the same answer, still one round trip', async () => {
  const plain = await api.run('{ service(id: "s1") { name organisation { name } sectors { code } } }');
  const fragmented = await api.run(`{ service(id: "s1") { ...Named ... on Service { sectors { code } } } }
    fragment Named on Service { name organisation { name } }`);
  expect(fragmented.errors).toBeUndefined();
  expect(fragmented.data).toEqual(plain.data);
  expect(fragmented.roundTrips).toBe(1);
});

describe('a batch of one key', () => {
  // Every keyed statement of the loaders, the service ones read with every part.
  const keyed = (): NamedQuery[] =>
    [directory, initiatives, people, territory]
      .flatMap((module): unknown[] => Object.values(module))
      .filter((x): x is NamedQuery => typeof x === 'object' && x !== null && 'text' in x && typeof (x as NamedQuery).text === 'string')
      .concat([directory.servicesById(SERVICE_PARTS), directory.servicesOfOrganisation(SERVICE_PARTS)])
      .filter((query) => query.text.includes('$keys'));

  it('has a one-key form for every keyed statement of the loaders', () => {
    const queries = keyed();
    // 4 directory + 11 initiatives + 4 people + 11 territory statements read `$keys` (import's are not loaders').
    expect(queries.length).toBeGreaterThanOrEqual(30);
    for (const query of queries) expect([query.name, oneKeyForm(query)?.text.startsWith('WITH $key AS key ')]).toEqual([query.name, true]);
  });

  it('answers in its one-key form what the batch form answers for that key', async () => {
    const db = testDb();
    // The loaders' other parameters: staff on a date (`$today` read ahead, `$asOf` apart).
    const dates = { today: '2024-03-01', asOf: '2022-06-01' };
    // Every id, code and NIS code in the graph, so that each statement finds rows for some of them.
    const [{ keys }] = (await db.read(cypher('test.allKeys', 'MATCH (n) UNWIND [n.id, n.code, n.nis] AS k WITH k WHERE k IS NOT NULL RETURN collect(DISTINCT k) AS keys'))) as [
      { keys: string[] },
    ];
    // One of each kind (each new statement text costs Neo4j ~0.1–1 s to plan in tests): a service with
    // every neighbour, rows in order, a count, a walk of two hops, staff on a date.
    const sample = [directory.servicesById(SERVICE_PARTS), initiatives.sessionsHostedBy, initiatives.presentCountOfSession, territory.municipalitiesOfZone, people.staffOfService];
    for (const query of sample) {
      const batch = await db.read<{ key: string }>(query, { keys: [...keys, 'no-such-key'], ...dates });
      const found = [...new Set(batch.map((r) => r.key))].slice(0, 2);
      expect([query.name, found.length]).toEqual([query.name, 2]);
      for (const key of [...found, 'no-such-key']) {
        const one = await db.read(oneKeyForm(query)!, { key, ...dates });
        expect([query.name, key, one]).toEqual([query.name, key, batch.filter((r) => r.key === key)]);
      }
    }
  });

  it('costs one round trip, and a batch of two keys one too', async () => {
    const one = await api.run('{ service(id: "s1") { name } }');
    const two = await api.run('{ a: service(id: "s1") { name } b: service(id: "s2") { name } }');
    expect([one.errors, two.errors]).toEqual([undefined, undefined]);
    expect([one.roundTrips, two.roundTrips]).toEqual([1, 1]);
  });

  it('keeps the batch form for a statement that reads $keys again', () => {
    expect(oneKeyForm(cypher('t', 'UNWIND $keys AS key MATCH (s:Service {id: key}) RETURN key, size($keys) AS n'))).toBeNull();
    expect(oneKeyForm(cypher('t', 'MATCH (s:Service) WHERE s.id IN $keys RETURN s.id AS key'))).toBeNull();
  });
});
