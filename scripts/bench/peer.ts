/**
 * The peer: the Neo4j GraphQL Library (`@neo4j/graphql` 7) over the same database, with type
 * definitions of the same shape as our directory (services, organisations, sectors, neighbourhoods,
 * municipalities, zones, staff, hosted sessions), executed in process like ours. It compiles a whole
 * selection into one Cypher query; we resolve level by level with DataLoaders.
 *
 * Differences, kept small: the library has no single-valued relationship fields in v7 (all are
 * lists), no computed "current staff" (the peer reads employments with consent and keeps the current
 * ones in JavaScript), and no `lang` argument (it reads the French names, as the baseline does). It
 * formats DateTime values with APOC, which Neo4j Community does not ship: the peer's hosted sessions
 * are sorted by their start but return id and title only.
 */
import { Neo4jGraphQL } from '@neo4j/graphql';
import { graphql, type GraphQLSchema } from 'graphql';
import type { Driver } from 'neo4j-driver';

const TYPE_DEFS = /* GraphQL */ `
  type Zone @node {
    code: String!
    nameFr: String!
    neighbourhoods: [Neighbourhood!]! @relationship(type: "IN_ZONE", direction: IN)
  }
  type Municipality @node {
    nisCode: String!
    nameFr: String!
  }
  type Neighbourhood @node {
    code: String!
    grid: String!
    nameFr: String!
    zones: [Zone!]! @relationship(type: "IN_ZONE", direction: OUT)
    municipalities: [Municipality!]! @relationship(type: "IN_MUNICIPALITY", direction: OUT)
  }
  type Sector @node {
    code: String!
    nameFr: String!
  }
  type Organisation @node {
    id: ID!
    nameFr: String!
  }
  type Employment @relationshipProperties {
    role: String
    from: Date!
    to: Date
  }
  type Person @node {
    id: ID!
    displayName: String
    consent: Boolean
  }
  type Session @node {
    id: ID!
    title: String
    startsAt: DateTime!
  }
  type Service @node {
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

export const PEER_DIRECTORY = `query PeerDirectory($zone: String!, $first: Int) {
  services(where: { neighbourhoods: { some: { zones: { some: { code: { eq: $zone } } } } } }, limit: $first, sort: [{ id: ASC }]) {
    id nameFr
    sectors { nameFr }
    neighbourhoods(where: { grid: { eq: "SOCIAL_HEALTH" } }) { nameFr }
    organisations { nameFr }
  }
}`;

export const PEER_DETAIL = `query PeerDetail($id: ID!) {
  services(where: { id: { eq: $id } }) {
    id nameFr
    organisations { nameFr }
    sectors { nameFr }
    neighbourhoods(where: { grid: { eq: "SOCIAL_HEALTH" } }) { nameFr municipalities { nameFr } }
    staffConnection(where: { node: { consent: { eq: true } } }) { edges { properties { role from to } node { displayName } } }
    sessionsHosted(limit: 10, sort: [{ startsAt: DESC }, { id: DESC }]) { id title }
  }
}`;

export interface Peer {
  run(query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export async function createPeer(driver: Driver): Promise<Peer> {
  const schema: GraphQLSchema = await new Neo4jGraphQL({ typeDefs: TYPE_DEFS, driver }).getSchema();
  return {
    async run(query, variables) {
      const res = await graphql({ schema, source: query, variableValues: variables, contextValue: {} });
      if (res.errors?.length) throw new Error(`@neo4j/graphql failed: ${res.errors.map((e) => e.message).join('; ')}`);
      return (res.data ?? {}) as Record<string, unknown>;
    },
  };
}
