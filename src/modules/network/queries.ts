/** Named Cypher of the network module. Territory-local: each starts from the territory node. */
import { cypher, type NamedQuery } from '../../neo4j/driver';
import { byParts } from '../directory/projection';
import { ANCHOR } from '../directory/services';
import type { TerritoryLevel } from '../territory/select';
import { encounterCondition, filterCypher, type TieQueryFilter } from './tie-filter';

const LEVELS: TerritoryLevel[] = ['region', 'zone', 'municipality', 'neighbourhood'];

/** Services of a territory with their primary sector, language and zone. One query per level. */
export const territoryServices: Record<TerritoryLevel, NamedQuery> = Object.fromEntries(
  LEVELS.map((level) => [
    level,
    cypher(
      `network.services.${level}`,
      `${ANCHOR[level]}
       WHERE ($sectors IS NULL OR EXISTS { (s)-[:IN_SECTOR]->(x:Sector) WHERE x.code IN $sectors })
         AND ($languages IS NULL OR s.workingLanguage IN $languages)
       WITH DISTINCT s
       RETURN s.id AS id, s.workingLanguage AS language,
              coalesce(head([(s)-[r:IN_SECTOR]->(x:Sector) WHERE r.primary | x.code]), 'UNKNOWN') AS sector,
              head([(s)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(z:Zone) | z.code]) AS zone
       ORDER BY id`,
    ),
  ]),
) as Record<TerritoryLevel, NamedQuery>;

/** Indices of the encounters of KNOWS tie k inside [$from, $to] (either end may be null). */
const IN_WINDOW = `[i IN range(0, size(k.dates) - 1) WHERE ($from IS NULL OR k.dates[i] >= date($from)) AND ($to IS NULL OR k.dates[i] <= date($to))]`;

/**
 * Columns of a KNOWS tie k from s (the lower id) to t, one row per tie. When the filter has no
 * condition on single encounters, the stored aggregates; otherwise the encounters that count
 * (`idx`, see tie-filter.ts; summed up in tie-rows.ts).
 */
const TIE_COLUMNS = {
  allTime: `RETURN s.id AS a, t.id AS b, k.strength AS strength, k.weight AS weight, k.meetings AS meetings, k.visits AS visits, k.firstAt AS firstMet, k.lastAt AS lastMet,
                   k.initiatives AS initiatives, k.peopleA AS peopleA, k.peopleB AS peopleB`,
  window: `RETURN s.id AS a, t.id AS b, [i IN idx | k.dates[i]] AS dates, [i IN idx | k.via[i]] AS via,
                  [i IN idx | k.encounterPeopleA[i]] AS encounterPeopleA, [i IN idx | k.encounterPeopleB[i]] AS encounterPeopleB, [i IN idx | k.weights[i]] AS weights,
                  [i IN idx | k.kinds[i]] AS kinds`,
};
export type TieColumns = keyof typeof TIE_COLUMNS;

/** One statement per name and filter shape, made once. */
const made = new Map<string, NamedQuery>();
function byShape(name: string, f: TieQueryFilter, text: (c: ReturnType<typeof filterCypher>) => string): NamedQuery {
  const c = filterCypher(f);
  const key = `${name}.${c.variant}`;
  let query = made.get(key);
  if (!query) {
    query = cypher(key, text(c));
    made.set(key, query);
  }
  return query;
}

/** Whether rows of this filter carry the stored aggregates (allTime) or the encounters that count (window). */
export const columnsOf = (f: TieQueryFilter): TieColumns => (filterCypher(f).encounters ? 'window' : 'allTime');

/** Given KNOWS ties (pairs a < b), one row each, if it passes the filter. For a page of acquaintances. */
export const tiesOfPairs = (f: TieQueryFilter) =>
  byShape(
    'network.tiesOfPairs',
    f,
    (c) => `UNWIND $pairs AS pair MATCH (s:Service {id: pair.a})-[k:KNOWS]->(t:Service {id: pair.b}) WHERE true ${c.where} ${TIE_COLUMNS[c.encounters ? 'window' : 'allTime']}`,
  );

/** All KNOWS ties of one service, either direction, in a window. */
export const tiesOfService = cypher(
  'network.tiesOfService',
  `MATCH (:Service {id: $id})-[k:KNOWS]-(:Service) WITH startNode(k) AS s, endNode(k) AS t, k, ${IN_WINDOW} AS idx WHERE size(idx) > 0 ${TIE_COLUMNS.window}`,
);

/**
 * The KNOWS ties among a territory's services that pass the filter, packed: one row per service with
 * the list of its ties to higher ids (a whole zone in ~1,400 rows rather than ~150,000: the driver's
 * cost is per row), as one list expression per tie. Three widths: weight and count only (for the measures), the initiatives
 * (language border), everything. Each tie is a list: see PackedTie in tie-rows.ts for the order of its items.
 */
const PACKED = {
  strength: { allTime: '[t.id, k.weight, k.strength]', window: '[t.id, weight, size(idx)]' },
  initiatives: { allTime: '[t.id, k.initiatives]', window: '[t.id, [i IN idx | k.via[i]]]' },
  full: {
    allTime: '[t.id, k.strength, k.visits, toString(k.firstAt), toString(k.lastAt), k.initiatives, k.peopleA, k.peopleB, k.weight, k.meetings]',
    window:
      '[t.id, [i IN idx | toString(k.dates[i])], [i IN idx | k.via[i]], [i IN idx | k.encounterPeopleA[i]], [i IN idx | k.encounterPeopleB[i]], [i IN idx | k.weights[i]], [i IN idx | k.kinds[i]]]',
  },
} as const;
export type PackedWidth = keyof typeof PACKED;

/**
 * Below the region, each service's ties are walked from it: the walk stays inside the territory
 * whatever the graph's size. A region's are sought by weight instead (knows_weight): the filter's
 * threshold keeps a few percent of them, and the walk would read them all.
 */
export const tiesPacked = (width: PackedWidth, f: TieQueryFilter, level: TerritoryLevel = 'zone') => {
  const tie = (c: { encounters: boolean }) => PACKED[width][c.encounters ? 'window' : 'allTime'];
  return level === 'region'
    ? byShape(
        `network.tiesPacked.${width}.byWeight`,
        f,
        (c) => `MATCH (s:Service)-[k:KNOWS]->(t:Service) USING INDEX SEEK k:KNOWS(weight)
     WHERE s.id IN $ids AND t.id IN $ids ${c.where}
     WITH s, collect(${tie(c)}) AS ties
     RETURN s.id AS a, ties`,
      )
    : byShape(
        `network.tiesPacked.${width}`,
        f,
        (c) => `UNWIND $ids AS id MATCH (s:Service {id: id})
     WITH s, COLLECT { MATCH (s)-[k:KNOWS]->(t:Service) WHERE t.id IN $ids ${c.where}
                       RETURN ${tie(c)} } AS ties
     WHERE size(ties) > 0
     RETURN s.id AS a, ties`,
      );
};

/** The dates of the encounters that count, of given ties (pairs a < b). For exports' timelines. */
export const encounterDates = (f: TieQueryFilter) =>
  byShape('network.encounterDates', f, () => {
    const condition = encounterCondition(f);
    return `UNWIND $pairs AS pair MATCH (:Service {id: pair.a})-[k:KNOWS]->(:Service {id: pair.b})
     RETURN pair.a AS a, pair.b AS b, [i IN range(0, size(k.dates) - 1) ${condition ? `WHERE ${condition}` : ''} | toString(k.dates[i])] AS dates`;
  });

/** Which of the given (person, service) pairs still hold on a date. */
export const stillEmployed = cypher(
  'network.stillEmployed',
  `UNWIND $pairs AS pair
   MATCH (:Person {id: pair.person})-[w:WORKS_AT]->(:Service {id: pair.service})
   WHERE w.from <= date($asOf) AND (w.to IS NULL OR w.to >= date($asOf))
   RETURN DISTINCT pair.person AS person, pair.service AS service`,
);

export const sectorsExist = cypher('network.sectorsExist', 'UNWIND $codes AS code OPTIONAL MATCH (s:Sector {code: code}) RETURN code, s IS NOT NULL AS known');

/** One edition's attendance statistics, compared with the initiative's earlier editions. */
export const editionStats = cypher(
  'network.editionStats',
  `MATCH (e:Edition {id: $edition})-[:OF]->(i:Initiative)
   MATCH (x:Session)-[:IN]->(e)
   WITH e, i, collect(x) AS sessions, min(x.startsAt) AS firstStart
   CALL { WITH sessions UNWIND sessions AS x MATCH (x)<-[a:ATTENDED]-(:Person)
          RETURN sum(CASE a.status WHEN 'PRESENT' THEN 1 ELSE 0 END) AS present, sum(CASE a.status WHEN 'NO_SHOW' THEN 1 ELSE 0 END) AS noShow, count(a) AS registered }
   CALL { WITH sessions UNWIND sessions AS x WITH x WHERE x.capacity IS NOT NULL RETURN sum(x.capacity) AS capacity,
          sum(COUNT { (x)<-[:ATTENDED]-() }) AS registeredWithCapacity }
   CALL { WITH sessions, i, firstStart UNWIND sessions AS x MATCH (x)<-[:ATTENDED {status: 'PRESENT'}]-(p:Person)
          WITH DISTINCT p, i, firstStart
          RETURN count(p) AS participants,
                 sum(CASE WHEN EXISTS { (p)-[:ATTENDED {status: 'PRESENT'}]->(y:Session)-[:IN]->(:Edition)-[:OF]->(i) WHERE y.startsAt < firstStart } THEN 0 ELSE 1 END) AS firstTimers }
   CALL { WITH sessions, i, firstStart UNWIND sessions AS x MATCH (x)-[:HOSTED_BY]->(h:Service)
          WITH DISTINCT h, i, firstStart
          RETURN count(h) AS hosts,
                 sum(CASE WHEN EXISTS { (h)<-[:HOSTED_BY]-(y:Session)-[:IN]->(:Edition)-[:OF]->(i) WHERE y.startsAt < firstStart } THEN 0 ELSE 1 END) AS firstTimeHosts }
   RETURN [x IN sessions | x.id] AS sessionIds, present, noShow, registered, capacity, registeredWithCapacity, participants, firstTimers, hosts, firstTimeHosts`,
);

/** First encounter ever of service pairs (of those that pass the filter's encounter conditions), and what we need to classify them. */
export const pairsInfo = (f: TieQueryFilter) =>
  byShape('network.pairsInfo', { ...f, from: null, to: null, minMeetings: 1 }, () => {
    const condition = encounterCondition({ ...f, from: null, to: null });
    return `UNWIND $pairs AS pair
   MATCH (a:Service {id: pair.a})-[k:KNOWS]->(b:Service {id: pair.b})
   RETURN pair.a AS a, pair.b AS b, ${condition ? `head([i IN range(0, size(k.dates) - 1) WHERE ${condition} | toString(k.dates[i])])` : 'toString(k.firstAt)'} AS firstAt,
          head([(a)-[r:IN_SECTOR]->(x) WHERE r.primary | x.code]) AS sectorA, head([(b)-[r:IN_SECTOR]->(x) WHERE r.primary | x.code]) AS sectorB,
          a.workingLanguage AS languageA, b.workingLanguage AS languageB,
          head([(a)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(z) | z.code]) AS zoneA, head([(b)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(z) | z.code]) AS zoneB`;
  });

export const zonesOfServices = cypher(
  'network.zonesOfServices',
  `UNWIND $ids AS id MATCH (:Service {id: id})-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(z:Zone) RETURN z.code AS zone, count(DISTINCT id) AS services ORDER BY zone`,
);

/**
 * The steps and service ids of a path bound to `route`: each step as [initiatives, firstMet,
 * lastMet] (a list, not a map: the driver names map keys one by one), oriented by the ids.
 */
const PATH_STEPS = `[r IN relationships(route) | [r.initiatives, toString(r.firstAt), toString(r.lastAt)]] AS steps,
   [n IN nodes(route) | n.id] AS ids`;
/** Shortest chain of KNOWS ties that pass the filter (up to 10 steps; callers cut to their own maximum). */
export const shortestPath = (f: TieQueryFilter) =>
  byShape(
    'network.shortestPath',
    f,
    (c) => `MATCH (a:Service {id: $from}), (b:Service {id: $to})
   MATCH route = shortestPath((a)-[:KNOWS*..10]-(b)) WHERE all(k IN relationships(route) WHERE ${c.predicate})
   RETURN ${PATH_STEPS}`,
  );
/**
 * Both ends checked, the shortest chain between two different services, and the services on it (or
 * the ends, when none) read with the selection's parts: the whole answer in one round trip. The rows
 * are a list comprehension over the chain, which Neo4j evaluates in the row it has (a CALL subquery
 * that unwound and collected them cost 8 % of the statement). (The path is `route`, not `p`: the
 * service rows' staff binds `p` to a person.)
 */
const pathVariants = new Map<string, ReturnType<typeof byParts>>();
export const pathBetweenServices = (f: TieQueryFilter) => {
  const c = filterCypher(f);
  let variant = pathVariants.get(c.variant);
  if (!variant) {
    variant = byParts(
      `network.pathBetweenServices.${c.variant}`,
      (service) => `OPTIONAL MATCH (a:Service {id: $from})
   OPTIONAL MATCH (b:Service {id: $to})
   OPTIONAL MATCH route = shortestPath((a)-[:KNOWS*..10]-(b)) WHERE all(k IN relationships(route) WHERE ${c.predicate})
   RETURN a IS NOT NULL AS fromFound, b IS NOT NULL AS toFound,
          [s IN CASE WHEN route IS NULL THEN [x IN [a, b] WHERE x IS NOT NULL] ELSE nodes(route) END | ${service}] AS services,
          ${PATH_STEPS}`,
      { services: 'rows' },
    );
    pathVariants.set(c.variant, variant);
  }
  return variant;
};

export const currentServiceOf = cypher(
  'network.currentServiceOf',
  `MATCH (:Person {id: $person})-[w:WORKS_AT]->(s:Service) WHERE w.from <= date($today) AND (w.to IS NULL OR w.to >= date($today))
   RETURN s.id AS id ORDER BY w.from DESC LIMIT 1`,
);

export const initiativeInfo = cypher(
  'network.initiativeInfo',
  `MATCH (i:Initiative {id: $id})
   RETURN i.kind AS kind, [(i)<-[:OF]-(:Edition)<-[:IN]-(:Session)-[:HOSTED_BY]->(h) | h.id] AS pastHosts,
          [(i)-[:COVERS]->(t) | {level: [l IN labels(t) WHERE l IN ['Region', 'Zone', 'Municipality', 'Neighbourhood']][0], code: coalesce(t.code, t.nis)}] AS covers`,
);

export const rezoneEligible = cypher(
  'network.rezoneEligible',
  `UNWIND $ids AS id MATCH (s:Service {id: id})
   WHERE EXISTS { (s)-[:IN_SECTOR]->(:Sector {code: 'MENTAL_HEALTH'}) } AND EXISTS { (s)-[:LOCATED_IN]->(:Neighbourhood {rezoneArea: true}) }
   RETURN s.id AS id`,
);

/**
 * The two-mode graph of the backbone (measures/backbone.ts): one row per meeting — a session of the
 * window and initiatives, or one group of it (attendances without a group are one group, as in
 * ties.ts) — with the services of the people present, by employment on the session's day.
 */
export const backboneMeetings = cypher(
  'network.backboneMeetings',
  `MATCH (x:Session)
   WITH x, date(x.startsAt) AS day
   WHERE ($from IS NULL OR day >= date($from)) AND ($to IS NULL OR day <= date($to))
   WITH x, day, coalesce(head([(x)-[:IN]->(:Edition)-[:OF]->(i:Initiative) | i.id]), '') AS via
   WHERE $initiatives IS NULL OR via IN $initiatives
   MATCH (p:Person)-[a:ATTENDED {status: 'PRESENT'}]->(x)
   MATCH (p)-[w:WORKS_AT]->(s:Service) WHERE w.from <= day AND (w.to IS NULL OR w.to >= day)
   WITH x, coalesce(a.group, '') AS grp, collect(DISTINCT s.id) AS services
   RETURN services`,
);
