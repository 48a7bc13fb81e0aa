/**
 * What a service row is read with. A query that returns services looks ahead at the GraphQL
 * selection (`servicePartsOf`) and reads, in the same Cypher statement, the neighbours the selection
 * will ask for: a directory page or a service detail is then one round trip, as the hand-written
 * Cypher is. Each part is a constant Cypher fragment; a projection is composed from fragments only
 * (never from request text) and cached by its set of parts.
 */
import { Kind, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { LangCode } from '../../context';
import { cypher, type NamedQuery } from '../../neo4j/driver';
import { many, one, row, shape, type Field, type Fields, type Omission, type Shape } from '../../neo4j/shape';
import { SESSION_HOSTED_BY_S } from '../initiatives/queries';
import { STAFF_TODAY } from '../people/queries';
import { MUNICIPALITY_PLACED, NEIGHBOURHOOD, NEIGHBOURHOOD_BARE, NEIGHBOURHOOD_IN_MUNICIPALITY, NEIGHBOURHOOD_IN_ZONE, NEIGHBOURHOOD_PLACE, ZONE } from '../territory/queries';
import type { ServiceNeighbours, ServiceRow } from './model';
import { ORGANISATION, SERVICE_SECTOR } from './shapes';

export const SERVICE_PARTS = [
  'zoneCode',
  'organisation',
  'sectors',
  'neighbourhood',
  'neighbourhoodInMunicipality',
  'neighbourhoodInZone',
  'neighbourhoodPlace',
  'monitoring',
  'municipality',
  'zone',
  'staff',
  'sessions',
  ...(['onlyNamesFr', 'onlyNamesNl', 'noFlags'] as const),
] as const;
export type ServicePart = (typeof SERVICE_PARTS)[number];

/**
 * Trims: parts that read less. Each names the fields left out of the service row and of every row in
 * it (`Shape.without`), when the whole operation asks none of them (`servicePartsOf`): names in the
 * other language, and the `synthetic` and `workingLanguage` flags.
 */
type Trim = 'onlyNamesFr' | 'onlyNamesNl' | 'noFlags';
const TRIM: Record<Trim, readonly string[]> = { onlyNamesFr: ['nameNl'], onlyNamesNl: ['nameFr'], noFlags: ['synthetic', 'workingLanguage'] };

/** A service's quartier: its neighbourhood on the grid the zones are made of (the one in a zone). */
const QUARTIER_WALK = '(s)-[:LOCATED_IN]->(n:Neighbourhood)';
const IN_A_ZONE = ' WHERE (n)-[:IN_ZONE]->()';

/**
 * Where a service row finds its quartier (the neighbourhood in a zone): by walking its
 * LOCATED_IN ties (`walked`), or bound already as `sh` by a territory anchor that reached the service
 * through it (`bound`, services.ts). A page of 50 services read 0.02–0.03× of the hand-written
 * Cypher faster without the second walk.
 */
export type Quartier = 'walked' | 'bound';
const QUARTIER: Record<Quartier, { row: string; from: string; where: string }> = {
  walked: { row: QUARTIER_WALK + IN_A_ZONE, from: QUARTIER_WALK, where: IN_A_ZONE },
  // `n` rebound to `sh` for the quartier's own shape, which reads `n`.
  bound: { row: 'n IN [sh]', from: '(sh)', where: '' },
};

type Neighbour = Exclude<ServicePart, 'zoneCode' | Trim>;
/**
 * Each part from a bound `s:Service` (staff reads `$today`): the neighbour it fills and how it is read.
 * `neighbourhoodPlace` is the quartier with its municipality's and zone's rows, for
 * `neighbourhood { municipality zone }`; `neighbourhoodInMunicipality` and `neighbourhoodInZone`
 * carry one of them (each row read costs Neo4j hops). The zone code is not a part of this table: it
 * is a column of the service itself, read for zone keys only (their policy drops services of other
 * zones by it).
 */
function partTable(quartier: Quartier): Record<Neighbour, [keyof ServiceNeighbours, Field<unknown>]> {
  const { row: sh, from, where } = QUARTIER[quartier];
  return {
    organisation: ['organisation', one('(s)<-[:RUNS]-(o:Organisation)', ORGANISATION)],
    sectors: ['sectors', many('(s)-[r:IN_SECTOR]->(sec:Sector)', SERVICE_SECTOR)],
    neighbourhood: ['neighbourhood', one(sh, NEIGHBOURHOOD_BARE)],
    neighbourhoodInMunicipality: ['neighbourhood', one(sh, NEIGHBOURHOOD_IN_MUNICIPALITY)],
    neighbourhoodInZone: ['neighbourhood', one(sh, NEIGHBOURHOOD_IN_ZONE)],
    neighbourhoodPlace: ['neighbourhood', one(sh, NEIGHBOURHOOD_PLACE)],
    monitoring: ['monitoring', one("(s)-[:LOCATED_IN]->(n:Neighbourhood {grid: 'MONITORING'})", NEIGHBOURHOOD)],
    municipality: ['municipality', one(`${from}-[:IN_MUNICIPALITY]->(m)${where}`, MUNICIPALITY_PLACED)],
    zone: ['zone', one(`${from}-[:IN_ZONE]->(z)`, ZONE)],
    staff: ['staff', STAFF_TODAY],
    sessions: ['sessions', many('(s)<-[:HOSTED_BY]-(x:Session)', SESSION_HOSTED_BY_S)],
  };
}
const PARTS: Record<Quartier, ReturnType<typeof partTable>> = { walked: partTable('walked'), bound: partTable('bound') };
const zoneCode = (quartier: Quartier) => `head([${QUARTIER[quartier].from}-[:IN_ZONE]->(z) | z.code])`;

/** One list per set of parts (at most 2^12, far fewer in use), and the key of each frozen list seen. */
const canonicalKeys = new Map<string, readonly ServicePart[]>();
const keyOfFrozen = new WeakMap<object, readonly ServicePart[]>();

/**
 * The parts in a fixed order, without repeats (each fills its neighbour once: a placed neighbourhood
 * includes the bare one, and one placed in both its municipality and zone the half-placed ones): the
 * cache key of a projection. The same set of parts always gives the same frozen list, so caches are
 * keyed by the list itself; a frozen list given again (as `servicePartsOf` gives) is looked up, not
 * worked out (per request, that was a few µs of a service detail).
 */
export function partsKey(parts: Iterable<ServicePart>): readonly ServicePart[] {
  const frozen = Object.isFrozen(parts);
  const known = frozen ? keyOfFrozen.get(parts) : undefined;
  if (known) return known;
  const set = new Set(parts);
  const inMunicipality = set.has('neighbourhoodInMunicipality');
  const inZone = set.has('neighbourhoodInZone');
  if (set.has('neighbourhoodPlace') || (inMunicipality && inZone)) {
    set.add('neighbourhoodPlace');
    set.delete('neighbourhoodInMunicipality');
    set.delete('neighbourhoodInZone');
  }
  if (inMunicipality || inZone || set.has('neighbourhoodPlace')) set.delete('neighbourhood');
  // Names in one language only: asked for both, both are read.
  if (set.has('onlyNamesFr') && set.has('onlyNamesNl')) {
    set.delete('onlyNamesFr');
    set.delete('onlyNamesNl');
  }
  const list = SERVICE_PARTS.filter((p) => set.has(p));
  const id = list.join(',');
  let key = canonicalKeys.get(id);
  if (!key) {
    key = Object.freeze(list);
    canonicalKeys.set(id, key);
    keyOfFrozen.set(key, key);
  }
  if (frozen) keyOfFrozen.set(parts, key);
  return key;
}

/**
 * A service row read with `parts`: its own fields, its zone code or null, then its neighbours; less
 * what its trims leave out. `quartier` says whether the statement has bound the quartier as `sh`.
 */
export function serviceShape(parts: Iterable<ServicePart>, quartier: Quartier = 'walked'): Shape<ServiceRow> {
  const key = partsKey(parts);
  const table = PARTS[quartier];
  const neighbours = key.flatMap((p) => (p in table ? [table[p as Neighbour]] : []));
  const omit: Omission = Object.freeze(key.flatMap((p) => (p in TRIM ? TRIM[p as Trim] : [])).sort());
  // The set of parts is chosen at run time, so the neighbours' field list is built here, not written out.
  const embedded = shape<Partial<ServiceNeighbours>>(Object.fromEntries(neighbours) as Fields<Partial<ServiceNeighbours>>);
  const whole = shape<ServiceRow>('Service', {
    id: 's.id',
    nameFr: 's.nameFr',
    nameNl: 's.nameNl',
    workingLanguage: 's.workingLanguage',
    synthetic: 'coalesce(s.synthetic, false)',
    zoneCode: key.includes('zoneCode') ? zoneCode(quartier) : 'null',
    embedded: row(embedded),
  });
  return omit.length ? whole.without(omit) : whole;
}

/** How a service query returns its services: one row per record, or a list of rows in one record. */
type ServiceColumns = Record<string, 'row' | 'rows'>;

/**
 * Queries that differ only by the parts they read, built once per set of parts. `text` places the
 * service list expression; `columns` names the columns that hold services (decoded to ServiceRow);
 * `quartier` is `bound` when `text` binds each service's quartier as `sh`.
 */
export function byParts(
  name: string,
  text: (service: string) => string,
  columns: ServiceColumns = { service: 'row' },
  quartier: Quartier = 'walked',
): (parts: Iterable<ServicePart>) => NamedQuery {
  const cache = new Map<readonly ServicePart[], NamedQuery>();
  return (parts) => {
    const key = partsKey(parts);
    let query = cache.get(key);
    if (!query) {
      const id = key.join(',');
      const service = serviceShape(key, quartier);
      const decoders = Object.fromEntries(
        Object.entries(columns).map(([column, kind]) => [column, kind === 'row' ? service.decode : (value: unknown) => (value as unknown[]).map(service.decode)]),
      );
      query = cypher(key.length ? `${name}[${id}]` : name, text(service.list), decoders);
      cache.set(key, query);
    }
    return query;
  };
}

/** Service fields whose answer a part provides. */
const PART_OF_FIELD: Record<string, Exclude<ServicePart, 'zoneCode' | 'neighbourhoodPlace' | 'neighbourhoodInMunicipality' | 'neighbourhoodInZone'>> = {
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
  let level = fieldsIn(info.fragments, selectionsOf(info.fieldNodes));
  for (const name of path) level = fieldsIn(info.fragments, selectionsOf(level.filter((f) => f.name.value === name)));
  return level;
}

const selectionsOf = (fields: readonly FieldNode[]): SelectionSetNode[] => fields.flatMap((f) => (f.selectionSet ? [f.selectionSet] : []));

/** The fields selected directly in `sets`, through inline fragments and fragment spreads. */
function fieldsIn(fragments: GraphQLResolveInfo['fragments'], sets: readonly SelectionSetNode[]): FieldNode[] {
  const out: FieldNode[] = [];
  const visit = (set: SelectionSetNode, seen: Set<string>) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) visit(sel.selectionSet, seen);
      else if (!seen.has(sel.name.value)) {
        const fragment: FragmentDefinitionNode | undefined = fragments[sel.name.value];
        if (fragment) visit(fragment.selectionSet, new Set([...seen, sel.name.value]));
      }
    }
  };
  for (const set of sets) visit(set, new Set());
  return out;
}

const WHOLE_SELECTION: ReadonlyArray<readonly string[]> = [[]];
/**
 * Parts by field node, paths and request language: documents are cached (and compiled) by the
 * server, so the same field node comes back with every request of the same operation and its parts
 * are worked out once per language.
 */
const partsCache = new WeakMap<FieldNode, Map<ReadonlyArray<readonly string[]>, Partial<Record<LangCode, readonly ServicePart[]>>>>();

/**
 * The parts a selection of services will read, looking under each of `paths` (e.g. `['nodes']` and
 * `['edges', 'node']` for a connection), with the trims the whole operation allows (`trimsOf`).
 * Staff is read ahead only for today (no `asOf` argument). `paths` is a constant of the caller (the
 * cache is keyed by it); `lang` is the request's language (names asked without `lang:` are in it).
 */
export function servicePartsOf(
  info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments' | 'operation'>,
  lang: LangCode,
  paths: ReadonlyArray<readonly string[]> = WHOLE_SELECTION,
): readonly ServicePart[] {
  const node = info.fieldNodes[0];
  const cached = node && partsCache.get(node)?.get(paths)?.[lang];
  if (cached) return cached;
  const parts = partsKey([...selectedParts(info, paths), ...trimsOf(info, lang)]);
  if (node) {
    const byPaths = partsCache.get(node) ?? partsCache.set(node, new Map()).get(node)!;
    byPaths.set(paths, { ...byPaths.get(paths), [lang]: parts });
  }
  return parts;
}

/** What a whole operation asks of the fields trims leave out. */
interface Asked {
  /** Names asked with `lang: FR` / `lang: NL` (or with a variable: both), or as `nameFr` / `nameNl`. */
  fr: boolean;
  nl: boolean;
  /** A name asked without `lang:`, in the request's language. */
  inRequestLanguage: boolean;
  /** A `synthetic` or `workingLanguage` field (each read as it is named from the row). */
  flags: boolean;
}
const askedCache = new WeakMap<OperationDefinitionNode, Asked>();

/**
 * The trims a request may read its services with. They look at the whole operation, not only at the
 * services' own selection: a row read for one field serves every later field of the request that
 * names the same service (DirectoryLoaders.remember), so the row must hold whatever any field of the
 * operation may ask. Any field called `name`, `nameFr`, `nameNl`, `synthetic` or `workingLanguage`
 * counts, whatever its type (more is read, never less).
 */
export function trimsOf(info: Pick<GraphQLResolveInfo, 'fragments' | 'operation'>, lang: LangCode): Trim[] {
  let asked = askedCache.get(info.operation);
  if (!asked) askedCache.set(info.operation, (asked = askedIn(info)));
  const fr = asked.fr || (asked.inRequestLanguage && lang === 'FR');
  const nl = asked.nl || (asked.inRequestLanguage && lang === 'NL');
  const trims: Trim[] = [];
  if (!nl) trims.push('onlyNamesFr');
  else if (!fr) trims.push('onlyNamesNl');
  if (!asked.flags) trims.push('noFlags');
  return trims;
}

function askedIn(info: Pick<GraphQLResolveInfo, 'fragments' | 'operation'>): Asked {
  const asked: Asked = { fr: false, nl: false, inRequestLanguage: false, flags: false };
  const visit = (fields: readonly FieldNode[]) => {
    for (const field of fields) {
      const name = field.name.value;
      if (name === 'synthetic' || name === 'workingLanguage') asked.flags = true;
      else if (name === 'nameFr') asked.fr = true;
      else if (name === 'nameNl') asked.nl = true;
      else if (name === 'name') {
        const lang = field.arguments?.find((a) => a.name.value === 'lang')?.value;
        if (!lang || lang.kind === Kind.NULL) asked.inRequestLanguage = true;
        else if (lang.kind === Kind.ENUM && lang.value === 'FR') asked.fr = true;
        else if (lang.kind === Kind.ENUM && lang.value === 'NL') asked.nl = true;
        else asked.fr = asked.nl = true;
      }
      visit(fieldsIn(info.fragments, selectionsOf([field])));
    }
  };
  visit(fieldsIn(info.fragments, [info.operation.selectionSet]));
  return asked;
}

/** The parts the selection under `paths` asks for (the key is made with the trims, by the caller). */
function selectedParts(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, paths: ReadonlyArray<readonly string[]>): Set<ServicePart> {
  const parts = new Set<ServicePart>();
  for (const path of paths) {
    for (const field of fieldsAt(info, path)) {
      const part = PART_OF_FIELD[field.name.value];
      if (!part) continue;
      if (part === 'staff' && field.arguments?.some((a) => a.name.value === 'asOf')) continue;
      if (part !== 'neighbourhood') {
        parts.add(part);
        continue;
      }
      // A neighbourhood is read with the places its own selection asks for.
      const asked = new Set(fieldsAt({ fieldNodes: [field], fragments: info.fragments }, []).map((f) => f.name.value));
      if (asked.has('municipality')) parts.add('neighbourhoodInMunicipality');
      if (asked.has('zone')) parts.add('neighbourhoodInZone');
      if (!asked.has('municipality') && !asked.has('zone')) parts.add('neighbourhood');
    }
  }
  return parts;
}

/** Where a connection of services keeps its services. */
export const CONNECTION_NODES: ReadonlyArray<readonly string[]> = [['nodes'], ['edges', 'node']];
