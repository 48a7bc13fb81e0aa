/**
 * What a service row is read with. A query that returns services looks ahead at the GraphQL
 * selection (`servicePartsOf`) and reads, in the same Cypher statement, the neighbours the selection
 * will ask for: a directory page or a service detail is then one round trip, as the hand-written
 * Cypher is. Each part is a constant Cypher fragment; a projection is composed from fragments only
 * (never from request text) and cached by its set of parts.
 */
import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { cypher, type NamedQuery } from '../../neo4j/driver';
import { SESSION_MAP } from '../initiatives/queries';
import { STAFF_TODAY } from '../people/queries';
import { MUNICIPALITY_MAP, NEIGHBOURHOOD_MAP, NEIGHBOURHOOD_PLACE_MAP, ZONE_MAP } from '../territory/queries';

export const SERVICE_PARTS = ['zoneCode', 'organisation', 'sectors', 'neighbourhood', 'neighbourhoodPlace', 'monitoring', 'municipality', 'zone', 'staff', 'sessions'] as const;
export type ServicePart = (typeof SERVICE_PARTS)[number];

/**
 * Each part as a map entry, from a bound `s:Service` (staff reads `$today`). `zoneCode` is read for
 * zone keys, whose policy drops services of other zones by it (access/policy.ts); `neighbourhoodPlace`
 * is the neighbourhood with its municipality's and zone's rows, for `neighbourhood { municipality zone }`.
 */
const FRAGMENT: Record<ServicePart, string> = {
  zoneCode: "zoneCode: head([(s)-[:LOCATED_IN]->(:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_ZONE]->(z) | z.code])",
  organisation: 'organisation: head([(s)<-[:RUNS]-(o:Organisation) | o {.id, .nameFr, .nameNl, synthetic: coalesce(o.synthetic, false)}])',
  sectors: 'sectors: [(s)-[r:IN_SECTOR]->(sec:Sector) | sec {.code, .nameFr, .nameNl, primary: coalesce(r.primary, false)}]',
  neighbourhood: `neighbourhood: head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'SOCIAL_HEALTH'}) | n {.code, .grid, .nameFr, .nameNl, synthetic: coalesce(n.synthetic, false)}])`,
  neighbourhoodPlace: `neighbourhood: head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'SOCIAL_HEALTH'}) | ${NEIGHBOURHOOD_PLACE_MAP('n')}])`,
  monitoring: `monitoring: head([(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'MONITORING'}) | ${NEIGHBOURHOOD_MAP('n')}])`,
  municipality: `municipality: head([(s)-[:LOCATED_IN]->(:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_MUNICIPALITY]->(m) | ${MUNICIPALITY_MAP('m')}])`,
  zone: `zone: head([(s)-[:LOCATED_IN]->(:Neighbourhood {grid: 'SOCIAL_HEALTH'})-[:IN_ZONE]->(z) | ${ZONE_MAP('z')}])`,
  staff: `staff: ${STAFF_TODAY('s')}`,
  sessions: `sessions: [(s)<-[:HOSTED_BY]-(x:Session) | ${SESSION_MAP('x')}]`,
};

/** The parts in a fixed order, without repeats (the place of a neighbourhood includes it): the cache key of a projection. */
export const partsKey = (parts: Iterable<ServicePart>) => {
  const set = new Set(parts);
  if (set.has('neighbourhoodPlace')) set.delete('neighbourhood');
  return SERVICE_PARTS.filter((p) => set.has(p));
};

/** A service as one map: its own properties, then one entry per part (asService sets them apart). */
export function serviceProjection(parts: Iterable<ServicePart>): string {
  const entries = ['.id', '.nameFr', '.nameNl', '.workingLanguage', 'synthetic: coalesce(s.synthetic, false)', ...partsKey(parts).map((p) => FRAGMENT[p])];
  return `s {${entries.join(',\n    ')}}`;
}

/** Queries that differ only by the parts they read, built once per set of parts. */
export function byParts(name: string, text: (projection: string) => string): (parts: Iterable<ServicePart>) => NamedQuery {
  const cache = new Map<string, NamedQuery>();
  return (parts) => {
    const key = partsKey(parts);
    const id = key.join(',');
    let query = cache.get(id);
    if (!query) {
      query = cypher(key.length ? `${name}[${id}]` : name, text(serviceProjection(key)));
      cache.set(id, query);
    }
    return query;
  };
}

/** Service fields whose answer a part provides. */
const PART_OF_FIELD: Record<string, Exclude<ServicePart, 'zoneCode' | 'neighbourhoodPlace'>> = {
  organisation: 'organisation',
  sectors: 'sectors',
  primarySector: 'sectors',
  neighbourhood: 'neighbourhood',
  monitoringNeighbourhood: 'monitoring',
  municipality: 'municipality',
  zone: 'zone',
  staff: 'staff',
  sessionsHosted: 'sessions',
};

/** Sub-fields selected under `path` from the current field, fragments included. */
function fieldsAt(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): FieldNode[] {
  const children = (sets: SelectionSetNode[]): FieldNode[] => {
    const out: FieldNode[] = [];
    const visit = (set: SelectionSetNode, seen: Set<string>) => {
      for (const sel of set.selections) {
        if (sel.kind === 'Field') out.push(sel);
        else if (sel.kind === 'InlineFragment') visit(sel.selectionSet, seen);
        else if (!seen.has(sel.name.value)) {
          const fragment: FragmentDefinitionNode | undefined = info.fragments[sel.name.value];
          if (fragment) visit(fragment.selectionSet, new Set([...seen, sel.name.value]));
        }
      }
    };
    for (const set of sets) visit(set, new Set());
    return out;
  };
  let level = children(info.fieldNodes.flatMap((f) => (f.selectionSet ? [f.selectionSet] : [])));
  for (const name of path) {
    level = children(level.filter((f) => f.name.value === name && f.selectionSet).map((f) => f.selectionSet as SelectionSetNode));
  }
  return level;
}

/**
 * The parts a selection of services will read, looking under each of `paths` (e.g. `['nodes']` and
 * `['edges', 'node']` for a connection). Staff is read ahead only for today (no `asOf` argument).
 */
export function servicePartsOf(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, paths: ReadonlyArray<readonly string[]> = [[]]): ServicePart[] {
  const parts = new Set<ServicePart>();
  for (const path of paths) {
    for (const field of fieldsAt(info, path)) {
      const part = PART_OF_FIELD[field.name.value];
      if (!part) continue;
      if (part === 'staff' && field.arguments?.some((a) => a.name.value === 'asOf')) continue;
      const placed = part === 'neighbourhood' && fieldsAt({ fieldNodes: [field], fragments: info.fragments }, []).some((f) => f.name.value === 'municipality' || f.name.value === 'zone');
      parts.add(placed ? 'neighbourhoodPlace' : part);
    }
  }
  return partsKey(parts);
}

/** Where a connection of services keeps its services. */
export const CONNECTION_NODES: ReadonlyArray<readonly string[]> = [['nodes'], ['edges', 'node']];
