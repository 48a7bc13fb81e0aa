/// <reference lib="dom" />
/**
 * Every GraphQL operation the zone dashboard sends. Typed by codegen's client preset
 * (src/dashboard/__generated__): a schema change that breaks one fails `npm run codegen:check`
 * and the type check.
 */
import { graphql } from './__generated__';

export const ViewerAndZones = graphql(`
  query DashboardViewer($lang: Lang) {
    me {
      role
      zone
    }
    zones {
      code
      name(lang: $lang)
    }
    sectors {
      code
      name(lang: $lang)
    }
  }
`);

/** The kinds of evidence the API knows, from its schema: kinds added to TieEvidence appear in the chooser. */
export const EvidenceKinds = graphql(`
  query DashboardEvidenceKinds {
    __type(name: "TieEvidence") {
      enumValues {
        name
      }
    }
  }
`);

export const ZoneNetwork = graphql(`
  query DashboardZoneNetwork($zone: String!, $lang: Lang, $after: String, $ties: TieFilter, $withServices: Boolean!) {
    acquaintances(territory: { zone: $zone }, first: 2000, after: $after, ties: $ties) {
      totalCount
      appliedTieFilter {
        minWeight
        evidence
        excludeInitiativeKinds
        backbone {
          alpha
        }
        isDefault
      }
      pageInfo {
        hasNextPage
        endCursor
      }
      services @include(if: $withServices) {
        id
        name(lang: $lang)
        workingLanguage
        primarySector {
          code
          name(lang: $lang)
        }
        municipality {
          name(lang: $lang)
        }
        location {
          lon
          lat
        }
        neighbourhood {
          code
        }
      }
      nodes {
        a {
          id
        }
        b {
          id
        }
        strength
        count
        lastMet
      }
    }
  }
`);

export const ZoneBrokers = graphql(`
  query DashboardZoneBrokers($zone: String!, $lang: Lang, $ties: TieFilter) {
    brokers(territory: { zone: $zone }, first: 10, ties: $ties) {
      serviceCount
      brokers {
        service {
          id
          name(lang: $lang)
        }
        degree
        betweenness
        constraint
        roles {
          coordinator
          gatekeeper
          representative
          consultant
          liaison
        }
      }
      isolates {
        id
        name(lang: $lang)
      }
    }
  }
`);

export const ZoneMixing = graphql(`
  query DashboardZoneMixing($zone: String!, $lang: Lang, $ties: TieFilter) {
    mixingMatrix(territory: { zone: $zone }, ties: $ties) {
      sectorA {
        code
        name(lang: $lang)
      }
      sectorB {
        code
        name(lang: $lang)
      }
      observed
      possible
      expected
      density
    }
    gaps(territory: { zone: $zone }, first: 8, ties: $ties) {
      sectorA {
        name(lang: $lang)
      }
      sectorB {
        name(lang: $lang)
      }
      observed
      expected
      unconnectedServices
    }
  }
`);

export const ZoneRisks = graphql(`
  query DashboardZoneRisks($zone: String!, $lang: Lang, $ties: TieFilter) {
    fragileTies(territory: { zone: $zone }, first: 12, ties: $ties) {
      status
      carriersA {
        value
        suppressed
      }
      carriersB {
        value
        suppressed
      }
      tie {
        a {
          id
          name(lang: $lang)
        }
        b {
          id
          name(lang: $lang)
        }
        strength
        count
        lastMet
      }
    }
  }
`);

export const LatestEditions = graphql(`
  query DashboardEditions($lang: Lang) {
    initiatives {
      name(lang: $lang)
      editions {
        id
        name(lang: $lang)
        startsOn
        endsOn
      }
    }
  }
`);

export const EditionImpact = graphql(`
  query DashboardEditionImpact($edition: ID!, $lang: Lang, $ties: TieFilter) {
    initiativeImpact(edition: $edition, ties: $ties) {
      edition {
        name(lang: $lang)
      }
      newTies
      newCrossSectorTies
      newCrossLanguageTies
      participants {
        value
        suppressed
      }
      hosts
      reach {
        zone {
          code
        }
        services
      }
    }
  }
`);

export const ServiceDetail = graphql(`
  query DashboardService($id: ID!, $lang: Lang) {
    service(id: $id) {
      id
      name(lang: $lang)
      workingLanguage
      organisation {
        name(lang: $lang)
      }
      sectors {
        name(lang: $lang)
      }
      neighbourhood {
        name(lang: $lang)
      }
      municipality {
        name(lang: $lang)
      }
      staffCount {
        value
        suppressed
      }
    }
  }
`);

/** The zone's quartiers for the map: shapes (simplified to 10 m, under a pixel at zone scale), inner points and the need indicators (2019). */
export const ZoneShapes = graphql(`
  query DashboardZoneShapes($zone: String!, $lang: Lang) {
    zone(code: $zone) {
      code
      name(lang: $lang)
      neighbourhoods {
        code
        name(lang: $lang)
        innerPoint {
          lon
          lat
        }
        geometry(toleranceMetres: 10) {
          geoJson
          attribution
        }
        population: indicator(name: "population", year: 2019) {
          value
          unit
          year
          source
        }
        income: indicator(name: "median_taxable_income_per_declaration", year: 2019) {
          value
          unit
          year
          source
        }
      }
    }
  }
`);

/** The network's figures per quartier under the tie filter (the GEOJSON_QUARTIERS export's). */
export const ZoneQuartierFigures = graphql(`
  query DashboardQuartierFigures($zone: String!, $ties: TieFilter) {
    quartierFigures(territory: { zone: $zone }, ties: $ties) {
      quartiers {
        neighbourhood {
          code
        }
        services
        servicesWithoutTie
        shareWithoutTie
        tiesInside
        tiesOutside
        eiIndex
        crossBorderTies
        languageBorderShare
      }
    }
  }
`);

/** Louvain communities under the tie filter: the colour of each tied service when the map colours by community. */
export const ZoneCommunities = graphql(`
  query DashboardZoneCommunities($zone: String!, $ties: TieFilter) {
    communities(territory: { zone: $zone }, ties: $ties) {
      count
      modularity
      communities(first: 30) {
        index
        size
        services(first: 500) {
          id
        }
      }
    }
  }
`);

/** The zone's network year by year (change over time), under the filter bar's filter. */
export const ZoneChange = graphql(`
  query DashboardZoneChange($zone: String!, $ties: TieFilter) {
    networkChange(territory: { zone: $zone }, ties: $ties) {
      years {
        year
        ties
        newTies
        lostTies
        density
        eiIndex
        languageBorderShare
        isolates
        communities {
          count
          modularity
          continued
          split
          merged
          new
          dissolved
        }
      }
    }
  }
`);
