/**
 * The benchmark operations: each is a GraphQL document and the same answer computed from
 * hand-written Cypher through the driver (the baseline our API must stay within 1.25× of).
 * Where a measure has no Cypher form in Community (betweenness), the baseline fetches the subgraph
 * with one Cypher query and runs the same algorithm.
 */
import { cypher, int, type Db } from '../../src/neo4j/driver';
import { PEER_DETAIL, PEER_DIRECTORY } from './peer';
import { fromGlobalId } from '../../src/modules/common/ids';
import { betweenness } from '../../src/modules/network/measures/centrality';
import { gaps, mixingMatrix } from '../../src/modules/network/measures/mixing';

export interface BenchTargets {
  zone: string;
  serviceId: string;
  pathFrom: string;
  pathTo: string;
}

export interface Operation {
  name: string;
  graphql: string;
  variables: (t: BenchTargets) => Record<string, unknown>;
  raw: (db: Db, t: BenchTargets) => Promise<unknown>;
  /** A few ms long: the database is warmed on these before anything is timed (harness.ts `warmDatabase`). */
  fast?: boolean;
  /** The same answer through the Neo4j GraphQL Library (peer.ts), and how to check that it is the same. */
  peer?: {
    query: string;
    variables: (t: BenchTargets) => Record<string, unknown>;
    /** Our answer and the peer's, reduced to what both must agree on. */
    same: (ours: unknown, peer: unknown) => [unknown, unknown];
  };
  /** Cypher to PROFILE for the plan check (the main query of the raw baseline). */
  plan?: { query: ReturnType<typeof cypher>; params: (t: BenchTargets) => Record<string, unknown> };
}

const RAW_DIRECTORY = cypher(
  'bench.raw.directory',
  `MATCH (:Zone {code: $zone})<-[:IN_ZONE]-(n:Neighbourhood)<-[:LOCATED_IN]-(s:Service)
   WITH DISTINCT s, n ORDER BY s.id LIMIT $limit
   RETURN s.id AS id, s.nameFr AS name, [(s)-[:IN_SECTOR]->(x) | x.nameFr] AS sectors, n.nameFr AS neighbourhood, head([(s)<-[:RUNS]-(o) | o.nameFr]) AS organisation`,
);
const RAW_DETAIL = cypher(
  'bench.raw.detail',
  `MATCH (s:Service {id: $id})
   RETURN s.nameFr AS name, head([(s)<-[:RUNS]-(o) | o.nameFr]) AS organisation, [(s)-[:IN_SECTOR]->(x) | x.nameFr] AS sectors,
          head([(s)-[:LOCATED_IN]->(n:Neighbourhood)-[:IN_MUNICIPALITY]->(m) WHERE (n)-[:IN_ZONE]->() | [n.nameFr, m.nameFr]]) AS place,
          [(p:Person)-[w:WORKS_AT]->(s) WHERE w.from <= date() AND (w.to IS NULL OR w.to >= date()) AND p.consent | [p.displayName, w.role]] AS staff,
          [(s)<-[:HOSTED_BY]-(x:Session) | [x.title, x.startsAt]][0..10] AS sessions`,
);
const RAW_SUBGRAPH = cypher(
  'bench.raw.subgraph',
  `MATCH (:Zone {code: $zone})<-[:IN_ZONE]-(:Neighbourhood)<-[:LOCATED_IN]-(s:Service)
   WITH collect(DISTINCT s) AS services
   UNWIND services AS s
   OPTIONAL MATCH (s)-[k:KNOWS]->(t:Service)
   RETURN s.id AS id, head([(s)-[r:IN_SECTOR]->(x) WHERE r.primary | x.code]) AS sector, collect([t.id, k.strength]) AS ties`,
);
const RAW_ACQUAINTANCES = cypher(
  'bench.raw.acquaintances',
  `MATCH (:Zone {code: $zone})<-[:IN_ZONE]-(:Neighbourhood)<-[:LOCATED_IN]-(s:Service)
   WITH collect(DISTINCT s) AS services
   UNWIND services AS s
   MATCH (s)-[k:KNOWS]->(t:Service)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(:Zone {code: $zone})
   RETURN s.id AS a, t.id AS b, k.strength AS strength ORDER BY strength DESC, a, b LIMIT 100`,
);
/** Over the ties the default tie filter keeps (weight ≥ 0.25, one encounter or more), as ours walks them. */
const RAW_PATH = cypher(
  'bench.raw.path',
  `MATCH (a:Service {id: $from}), (b:Service {id: $to})
   MATCH p = shortestPath((a)-[:KNOWS*..10]-(b)) WHERE all(k IN relationships(p) WHERE k.weight >= 0.25 AND k.strength >= 1)
   RETURN [r IN relationships(p) | [startNode(r).id, endNode(r).id, r.initiatives, r.firstAt]] AS steps`,
);

type Named = { name: string };
interface DirectoryAnswer {
  services: { nodes: Array<Named & { id: string; sectors: Named[]; neighbourhood: Named | null; organisation: Named | null }> };
}
interface PeerDirectoryAnswer {
  services: Array<{ id: string; nameFr: string; sectors: Array<{ nameFr: string }>; neighbourhoods: Array<{ nameFr: string }>; organisations: Array<{ nameFr: string }> }>;
}
interface DetailAnswer {
  service: Named & {
    organisation: Named | null;
    sectors: Named[];
    neighbourhood: (Named & { municipality: Named | null }) | null;
    staff: Array<{ person: { displayName: string }; role: string | null }>;
    sessionsHosted: { nodes: Array<{ title: string | null; startsAt: string }> };
  };
}
interface PeerDetailAnswer {
  services: Array<{
    nameFr: string;
    organisations: Array<{ nameFr: string }>;
    sectors: Array<{ nameFr: string }>;
    neighbourhoods: Array<{ nameFr: string; municipalities: Array<{ nameFr: string }> }>;
    staffConnection: { edges: Array<{ properties: { role: string | null }; node: { displayName: string } }> };
    sessionsHosted: Array<{ title: string | null; startsAtText: string }>;
  }>;
}

async function subgraph(db: Db, zone: string) {
  const rows = await db.read<{ id: string; sector: string | null; ties: Array<[string | null, number | null]> }>(RAW_SUBGRAPH, { zone });
  const ids = new Set(rows.map((r) => r.id));
  return {
    nodes: rows.map((r) => ({ id: r.id, sector: r.sector ?? 'UNKNOWN', language: 'FR' as const, zone })),
    edges: rows.flatMap((r) => r.ties.filter(([b]) => b !== null && ids.has(b)).map(([b, w]) => ({ a: r.id, b: b as string, strength: w ?? 1 }))),
  };
}

export const OPERATIONS: Operation[] = [
  {
    name: 'directory page (50, nested)',
    fast: true,
    graphql: `query Directory($zone: String!, $first: Int) { services(filter: { territory: { zone: $zone } }, first: $first) {
      nodes { id name sectors { name } neighbourhood { name } organisation { name } } } }`,
    variables: (t) => ({ zone: t.zone, first: 50 }),
    raw: (db, t) => db.read(RAW_DIRECTORY, { zone: t.zone, limit: int(50) }),
    peer: {
      query: PEER_DIRECTORY,
      variables: (t) => ({ zone: t.zone, first: 50 }),
      same: (ours, peer) => [
        (ours as DirectoryAnswer).services.nodes.map((s) => [
          fromGlobalId(s.id)?.key ?? s.id,
          s.name,
          s.sectors.map((x) => x.name).sort(),
          s.neighbourhood?.name ?? null,
          s.organisation?.name ?? null,
        ]),
        (peer as PeerDirectoryAnswer).services.map((s) => [
          s.id,
          s.nameFr,
          s.sectors.map((x) => x.nameFr).sort(),
          s.neighbourhoods[0]?.nameFr ?? null,
          s.organisations[0]?.nameFr ?? null,
        ]),
      ],
    },
    plan: { query: RAW_DIRECTORY, params: (t) => ({ zone: t.zone, limit: int(50) }) },
  },
  {
    name: 'service detail',
    fast: true,
    graphql: `query Detail($id: ID!) { service(id: $id) { name organisation { name } sectors { name }
      neighbourhood { name municipality { name } } staff { person { displayName } role } sessionsHosted(first: 10) { nodes { title startsAt } } } }`,
    variables: (t) => ({ id: t.serviceId }),
    raw: (db, t) => db.read(RAW_DETAIL, { id: t.serviceId }),
    peer: {
      query: PEER_DETAIL,
      // Our API takes today (UTC) per request; the peer is given it.
      variables: (t) => ({ id: t.serviceId, today: new Date().toISOString().slice(0, 10) }),
      same: (ours, peer) => {
        const o = (ours as DetailAnswer).service;
        const p = (peer as PeerDetailAnswer).services[0];
        if (!p) return [o, null];
        const instant = (x: string) => new Date(x).toISOString();
        return [
          [
            o.name,
            o.organisation?.name,
            o.sectors.map((x) => x.name).sort(),
            o.neighbourhood?.name,
            o.neighbourhood?.municipality?.name,
            o.staff.map((e) => `${e.person.displayName}|${e.role}`).sort(),
            o.sessionsHosted.nodes.map((x) => [x.title, instant(x.startsAt)]),
          ],
          [
            p.nameFr,
            p.organisations[0]?.nameFr,
            p.sectors.map((x) => x.nameFr).sort(),
            p.neighbourhoods[0]?.nameFr,
            p.neighbourhoods[0]?.municipalities[0]?.nameFr,
            p.staffConnection.edges.map((e) => `${e.node.displayName}|${e.properties.role}`).sort(),
            p.sessionsHosted.map((x) => [x.title, instant(x.startsAtText)]),
          ],
        ];
      },
    },
    plan: { query: RAW_DETAIL, params: (t) => ({ id: t.serviceId }) },
  },
  {
    name: 'zone acquaintances (100 ties)',
    graphql: `query Acq($zone: String!) { acquaintances(territory: { zone: $zone }, first: 100) { totalCount nodes { a { id } b { id } strength } } }`,
    variables: (t) => ({ zone: t.zone }),
    raw: (db, t) => db.read(RAW_ACQUAINTANCES, { zone: t.zone }),
    plan: { query: RAW_ACQUAINTANCES, params: (t) => ({ zone: t.zone }) },
  },
  {
    name: 'mixing matrix + gaps',
    graphql: `query Mix($zone: String!) { mixingMatrix(territory: { zone: $zone }) { sectorA { code } sectorB { code } observed possible expected }
      gaps(territory: { zone: $zone }) { sectorA { code } sectorB { code } unconnectedServices } }`,
    variables: (t) => ({ zone: t.zone }),
    raw: async (db, t) => {
      const g = await subgraph(db, t.zone);
      return { matrix: mixingMatrix(g), gaps: gaps(g) };
    },
    plan: { query: RAW_SUBGRAPH, params: (t) => ({ zone: t.zone }) },
  },
  {
    name: 'brokers (betweenness)',
    graphql: `query Brokers($zone: String!) { brokers(territory: { zone: $zone }, first: 20) { serviceCount brokers { service { id } betweenness } } }`,
    variables: (t) => ({ zone: t.zone }),
    raw: async (db, t) => {
      const b = betweenness(await subgraph(db, t.zone));
      return [...b.entries()].sort((x, y) => y[1] - x[1]).slice(0, 20);
    },
  },
  {
    name: 'introduction path',
    fast: true,
    graphql: `query Path($from: ID!, $to: ID!) { introductionPath(fromService: $from, to: $to) { found steps { from { id } to { id } firstMet } } }`,
    variables: (t) => ({ from: t.pathFrom, to: t.pathTo }),
    raw: (db, t) => db.read(RAW_PATH, { from: t.pathFrom, to: t.pathTo }),
    plan: { query: RAW_PATH, params: (t) => ({ from: t.pathFrom, to: t.pathTo }) },
  },
];
