/**
 * The peer: the Neo4j GraphQL Library (`@neo4j/graphql` 7) over the same database and driver, with
 * type definitions of the same shape as our directory (services, organisations, sectors,
 * neighbourhoods, municipalities, zones, staff, hosted sessions). It is served like ours in the
 * harness: an Apollo Server executing operations in process (`executeOperation`), no HTTP. It
 * compiles a whole selection into one Cypher query; we resolve level by level with DataLoaders.
 *
 * Read-only: no Mutation type (`@mutation(operations: [])`), no subscriptions, no authorization
 * rules (none are declared, so the library adds no auth filters).
 *
 * Differences, kept small:
 * - v7 has no single-valued relationship fields: organisation, quartier and municipality are lists
 *   of one, and the check takes the first.
 * - The zone filter goes through two hops as nested `some` filters (service → neighbourhood →
 *   zone), which is our anchor pattern read from the service side.
 * - No `lang` argument: the peer reads the French names, as the raw baseline does.
 * - Current staff is an edge filter with today's date as a variable (we compute `today` per request).
 * - The library formats DateTime values with APOC, which Neo4j Community does not ship, so
 *   `startsAt` is read through a `@cypher` field (`toString`), as a user without APOC would.
 */
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { Neo4jGraphQL } from '@neo4j/graphql';
import type { Driver } from 'neo4j-driver';

const TYPE_DEFS = /* GraphQL */ `
  type Zone @node(labels: ["Zone"]) {
    code: String!
    nameFr: String!
    neighbourhoods: [Neighbourhood!]! @relationship(type: "IN_ZONE", direction: IN)
  }
  type Municipality @node(labels: ["Municipality"]) {
    nis: String!
    nameFr: String!
  }
  type Neighbourhood @node(labels: ["Neighbourhood"]) {
    code: String!
    grid: String!
    nameFr: String!
    zones: [Zone!]! @relationship(type: "IN_ZONE", direction: OUT)
    municipalities: [Municipality!]! @relationship(type: "IN_MUNICIPALITY", direction: OUT)
  }
  type Sector @node(labels: ["Sector"]) {
    code: String!
    nameFr: String!
  }
  type Organisation @node(labels: ["Organisation"]) {
    id: ID!
    nameFr: String!
  }
  type Employment @relationshipProperties {
    role: String
    from: Date!
    to: Date
  }
  type Person @node(labels: ["Person"]) {
    id: ID!
    displayName: String
    consent: Boolean
  }
  type Session @node(labels: ["Session"]) {
    id: ID!
    title: String
    startsAt: DateTime!
    startsAtText: String @cypher(statement: "RETURN toString(this.startsAt) AS startsAtText", columnName: "startsAtText")
  }
  type Service @node(labels: ["Service"]) {
    id: ID!
    nameFr: String!
    organisations: [Organisation!]! @relationship(type: "RUNS", direction: IN)
    sectors: [Sector!]! @relationship(type: "IN_SECTOR", direction: OUT)
    neighbourhoods: [Neighbourhood!]! @relationship(type: "LOCATED_IN", direction: OUT)
    staff: [Person!]! @relationship(type: "WORKS_AT", direction: IN, properties: "Employment")
    sessionsHosted: [Session!]! @relationship(type: "HOSTED_BY", direction: IN)
  }
  extend schema @mutation(operations: [])
`;

// A service's quartier is its neighbourhood in a zone: on the generated graphs, the monitoring grid.
export const PEER_DIRECTORY = `query PeerDirectory($zone: String!, $first: Int) {
  services(where: { neighbourhoods: { some: { zones: { some: { code: { eq: $zone } } } } } }, limit: $first, sort: [{ id: ASC }]) {
    id nameFr
    sectors { nameFr }
    neighbourhoods(where: { grid: { eq: "MONITORING" } }) { nameFr }
    organisations { nameFr }
  }
}`;

export const PEER_DETAIL = `query PeerDetail($id: ID!, $today: Date!) {
  services(where: { id: { eq: $id } }) {
    id nameFr
    organisations { nameFr }
    sectors { nameFr }
    neighbourhoods(where: { grid: { eq: "MONITORING" } }) { nameFr municipalities { nameFr } }
    staffConnection(where: { node: { consent: { eq: true } }, edge: { from: { lte: $today }, OR: [{ to: { eq: null } }, { to: { gte: $today } }] } }) {
      edges { properties { role } node { displayName } }
    }
    sessionsHosted(limit: 10, sort: [{ startsAt: DESC }, { id: DESC }]) { title startsAtText }
  }
}`;

export interface Peer {
  run(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function createPeer(driver: Driver): Promise<Peer> {
  const schema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  const apollo = new ApolloServer({ schema, plugins: [ApolloServerPluginLandingPageDisabled()] });
  await apollo.start();
  return {
    async run(query, variables) {
      const res = await apollo.executeOperation({ query, variables });
      if (res.body.kind !== 'single') throw new Error('@neo4j/graphql: unexpected incremental response');
      const { data, errors } = res.body.singleResult;
      if (errors?.length) throw new Error(`@neo4j/graphql failed: ${errors.map((e) => e.message).join('; ')}`);
      return data ?? {};
    },
    stop: () => apollo.stop(),
  };
}
