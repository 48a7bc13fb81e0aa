/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query DashboardViewer($lang: Lang) {\n    me {\n      role\n      zone\n    }\n    zones {\n      code\n      name(lang: $lang)\n    }\n    sectors {\n      code\n      name(lang: $lang)\n    }\n  }\n": typeof types.DashboardViewerDocument,
    "\n  query DashboardEvidenceKinds {\n    __type(name: \"TieEvidence\") {\n      enumValues {\n        name\n      }\n    }\n  }\n": typeof types.DashboardEvidenceKindsDocument,
    "\n  query DashboardZoneNetwork($zone: String!, $lang: Lang, $after: String, $ties: TieFilter) {\n    acquaintances(territory: { zone: $zone }, first: 300, after: $after, ties: $ties) {\n      totalCount\n      appliedTieFilter {\n        minWeight\n        evidence\n        excludeInitiativeKinds\n        backbone {\n          alpha\n        }\n        isDefault\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      services {\n        id\n        name(lang: $lang)\n        workingLanguage\n        primarySector {\n          code\n          name(lang: $lang)\n        }\n        municipality {\n          name(lang: $lang)\n        }\n      }\n      nodes {\n        a {\n          id\n        }\n        b {\n          id\n        }\n        strength\n        count\n        lastMet\n      }\n    }\n  }\n": typeof types.DashboardZoneNetworkDocument,
    "\n  query DashboardZoneBrokers($zone: String!, $lang: Lang, $ties: TieFilter) {\n    brokers(territory: { zone: $zone }, first: 10, ties: $ties) {\n      serviceCount\n      brokers {\n        service {\n          id\n          name(lang: $lang)\n        }\n        degree\n        betweenness\n        constraint\n        roles {\n          coordinator\n          gatekeeper\n          representative\n          consultant\n          liaison\n        }\n      }\n      isolates {\n        id\n        name(lang: $lang)\n      }\n    }\n  }\n": typeof types.DashboardZoneBrokersDocument,
    "\n  query DashboardZoneMixing($zone: String!, $lang: Lang, $ties: TieFilter) {\n    mixingMatrix(territory: { zone: $zone }, ties: $ties) {\n      sectorA {\n        code\n        name(lang: $lang)\n      }\n      sectorB {\n        code\n        name(lang: $lang)\n      }\n      observed\n      possible\n      expected\n      density\n    }\n    gaps(territory: { zone: $zone }, first: 8, ties: $ties) {\n      sectorA {\n        name(lang: $lang)\n      }\n      sectorB {\n        name(lang: $lang)\n      }\n      observed\n      expected\n      unconnectedServices\n    }\n  }\n": typeof types.DashboardZoneMixingDocument,
    "\n  query DashboardZoneRisks($zone: String!, $lang: Lang, $ties: TieFilter) {\n    fragileTies(territory: { zone: $zone }, first: 12, ties: $ties) {\n      status\n      carriersA {\n        value\n        suppressed\n      }\n      carriersB {\n        value\n        suppressed\n      }\n      tie {\n        a {\n          id\n          name(lang: $lang)\n        }\n        b {\n          id\n          name(lang: $lang)\n        }\n        strength\n        count\n        lastMet\n      }\n    }\n  }\n": typeof types.DashboardZoneRisksDocument,
    "\n  query DashboardEditions($lang: Lang) {\n    initiatives {\n      name(lang: $lang)\n      editions {\n        id\n        name(lang: $lang)\n        startsOn\n        endsOn\n      }\n    }\n  }\n": typeof types.DashboardEditionsDocument,
    "\n  query DashboardEditionImpact($edition: ID!, $lang: Lang, $ties: TieFilter) {\n    initiativeImpact(edition: $edition, ties: $ties) {\n      edition {\n        name(lang: $lang)\n      }\n      newTies\n      newCrossSectorTies\n      newCrossLanguageTies\n      participants {\n        value\n        suppressed\n      }\n      hosts\n      reach {\n        zone {\n          code\n        }\n        services\n      }\n    }\n  }\n": typeof types.DashboardEditionImpactDocument,
    "\n  query DashboardService($id: ID!, $lang: Lang) {\n    service(id: $id) {\n      id\n      name(lang: $lang)\n      workingLanguage\n      organisation {\n        name(lang: $lang)\n      }\n      sectors {\n        name(lang: $lang)\n      }\n      neighbourhood {\n        name(lang: $lang)\n      }\n      municipality {\n        name(lang: $lang)\n      }\n      staffCount {\n        value\n        suppressed\n      }\n    }\n  }\n": typeof types.DashboardServiceDocument,
};
const documents: Documents = {
    "\n  query DashboardViewer($lang: Lang) {\n    me {\n      role\n      zone\n    }\n    zones {\n      code\n      name(lang: $lang)\n    }\n    sectors {\n      code\n      name(lang: $lang)\n    }\n  }\n": types.DashboardViewerDocument,
    "\n  query DashboardEvidenceKinds {\n    __type(name: \"TieEvidence\") {\n      enumValues {\n        name\n      }\n    }\n  }\n": types.DashboardEvidenceKindsDocument,
    "\n  query DashboardZoneNetwork($zone: String!, $lang: Lang, $after: String, $ties: TieFilter) {\n    acquaintances(territory: { zone: $zone }, first: 300, after: $after, ties: $ties) {\n      totalCount\n      appliedTieFilter {\n        minWeight\n        evidence\n        excludeInitiativeKinds\n        backbone {\n          alpha\n        }\n        isDefault\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      services {\n        id\n        name(lang: $lang)\n        workingLanguage\n        primarySector {\n          code\n          name(lang: $lang)\n        }\n        municipality {\n          name(lang: $lang)\n        }\n      }\n      nodes {\n        a {\n          id\n        }\n        b {\n          id\n        }\n        strength\n        count\n        lastMet\n      }\n    }\n  }\n": types.DashboardZoneNetworkDocument,
    "\n  query DashboardZoneBrokers($zone: String!, $lang: Lang, $ties: TieFilter) {\n    brokers(territory: { zone: $zone }, first: 10, ties: $ties) {\n      serviceCount\n      brokers {\n        service {\n          id\n          name(lang: $lang)\n        }\n        degree\n        betweenness\n        constraint\n        roles {\n          coordinator\n          gatekeeper\n          representative\n          consultant\n          liaison\n        }\n      }\n      isolates {\n        id\n        name(lang: $lang)\n      }\n    }\n  }\n": types.DashboardZoneBrokersDocument,
    "\n  query DashboardZoneMixing($zone: String!, $lang: Lang, $ties: TieFilter) {\n    mixingMatrix(territory: { zone: $zone }, ties: $ties) {\n      sectorA {\n        code\n        name(lang: $lang)\n      }\n      sectorB {\n        code\n        name(lang: $lang)\n      }\n      observed\n      possible\n      expected\n      density\n    }\n    gaps(territory: { zone: $zone }, first: 8, ties: $ties) {\n      sectorA {\n        name(lang: $lang)\n      }\n      sectorB {\n        name(lang: $lang)\n      }\n      observed\n      expected\n      unconnectedServices\n    }\n  }\n": types.DashboardZoneMixingDocument,
    "\n  query DashboardZoneRisks($zone: String!, $lang: Lang, $ties: TieFilter) {\n    fragileTies(territory: { zone: $zone }, first: 12, ties: $ties) {\n      status\n      carriersA {\n        value\n        suppressed\n      }\n      carriersB {\n        value\n        suppressed\n      }\n      tie {\n        a {\n          id\n          name(lang: $lang)\n        }\n        b {\n          id\n          name(lang: $lang)\n        }\n        strength\n        count\n        lastMet\n      }\n    }\n  }\n": types.DashboardZoneRisksDocument,
    "\n  query DashboardEditions($lang: Lang) {\n    initiatives {\n      name(lang: $lang)\n      editions {\n        id\n        name(lang: $lang)\n        startsOn\n        endsOn\n      }\n    }\n  }\n": types.DashboardEditionsDocument,
    "\n  query DashboardEditionImpact($edition: ID!, $lang: Lang, $ties: TieFilter) {\n    initiativeImpact(edition: $edition, ties: $ties) {\n      edition {\n        name(lang: $lang)\n      }\n      newTies\n      newCrossSectorTies\n      newCrossLanguageTies\n      participants {\n        value\n        suppressed\n      }\n      hosts\n      reach {\n        zone {\n          code\n        }\n        services\n      }\n    }\n  }\n": types.DashboardEditionImpactDocument,
    "\n  query DashboardService($id: ID!, $lang: Lang) {\n    service(id: $id) {\n      id\n      name(lang: $lang)\n      workingLanguage\n      organisation {\n        name(lang: $lang)\n      }\n      sectors {\n        name(lang: $lang)\n      }\n      neighbourhood {\n        name(lang: $lang)\n      }\n      municipality {\n        name(lang: $lang)\n      }\n      staffCount {\n        value\n        suppressed\n      }\n    }\n  }\n": types.DashboardServiceDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardViewer($lang: Lang) {\n    me {\n      role\n      zone\n    }\n    zones {\n      code\n      name(lang: $lang)\n    }\n    sectors {\n      code\n      name(lang: $lang)\n    }\n  }\n"): typeof import('./graphql').DashboardViewerDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardEvidenceKinds {\n    __type(name: \"TieEvidence\") {\n      enumValues {\n        name\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardEvidenceKindsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardZoneNetwork($zone: String!, $lang: Lang, $after: String, $ties: TieFilter) {\n    acquaintances(territory: { zone: $zone }, first: 300, after: $after, ties: $ties) {\n      totalCount\n      appliedTieFilter {\n        minWeight\n        evidence\n        excludeInitiativeKinds\n        backbone {\n          alpha\n        }\n        isDefault\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      services {\n        id\n        name(lang: $lang)\n        workingLanguage\n        primarySector {\n          code\n          name(lang: $lang)\n        }\n        municipality {\n          name(lang: $lang)\n        }\n      }\n      nodes {\n        a {\n          id\n        }\n        b {\n          id\n        }\n        strength\n        count\n        lastMet\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardZoneNetworkDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardZoneBrokers($zone: String!, $lang: Lang, $ties: TieFilter) {\n    brokers(territory: { zone: $zone }, first: 10, ties: $ties) {\n      serviceCount\n      brokers {\n        service {\n          id\n          name(lang: $lang)\n        }\n        degree\n        betweenness\n        constraint\n        roles {\n          coordinator\n          gatekeeper\n          representative\n          consultant\n          liaison\n        }\n      }\n      isolates {\n        id\n        name(lang: $lang)\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardZoneBrokersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardZoneMixing($zone: String!, $lang: Lang, $ties: TieFilter) {\n    mixingMatrix(territory: { zone: $zone }, ties: $ties) {\n      sectorA {\n        code\n        name(lang: $lang)\n      }\n      sectorB {\n        code\n        name(lang: $lang)\n      }\n      observed\n      possible\n      expected\n      density\n    }\n    gaps(territory: { zone: $zone }, first: 8, ties: $ties) {\n      sectorA {\n        name(lang: $lang)\n      }\n      sectorB {\n        name(lang: $lang)\n      }\n      observed\n      expected\n      unconnectedServices\n    }\n  }\n"): typeof import('./graphql').DashboardZoneMixingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardZoneRisks($zone: String!, $lang: Lang, $ties: TieFilter) {\n    fragileTies(territory: { zone: $zone }, first: 12, ties: $ties) {\n      status\n      carriersA {\n        value\n        suppressed\n      }\n      carriersB {\n        value\n        suppressed\n      }\n      tie {\n        a {\n          id\n          name(lang: $lang)\n        }\n        b {\n          id\n          name(lang: $lang)\n        }\n        strength\n        count\n        lastMet\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardZoneRisksDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardEditions($lang: Lang) {\n    initiatives {\n      name(lang: $lang)\n      editions {\n        id\n        name(lang: $lang)\n        startsOn\n        endsOn\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardEditionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardEditionImpact($edition: ID!, $lang: Lang, $ties: TieFilter) {\n    initiativeImpact(edition: $edition, ties: $ties) {\n      edition {\n        name(lang: $lang)\n      }\n      newTies\n      newCrossSectorTies\n      newCrossLanguageTies\n      participants {\n        value\n        suppressed\n      }\n      hosts\n      reach {\n        zone {\n          code\n        }\n        services\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardEditionImpactDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DashboardService($id: ID!, $lang: Lang) {\n    service(id: $id) {\n      id\n      name(lang: $lang)\n      workingLanguage\n      organisation {\n        name(lang: $lang)\n      }\n      sectors {\n        name(lang: $lang)\n      }\n      neighbourhood {\n        name(lang: $lang)\n      }\n      municipality {\n        name(lang: $lang)\n      }\n      staffCount {\n        value\n        suppressed\n      }\n    }\n  }\n"): typeof import('./graphql').DashboardServiceDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
