/**
 * The service directory query. Its Cypher starts from the most selective anchor (the full-text
 * index for a name search, else the territory node), so a territory-local page never scans the
 * country. The variants are composed once, at load time, from constant fragments.
 */
import type { Context } from '../../context';
import type { ServiceFilter } from '../../__generated__/resolvers-types';
import { cypher, int, type NamedQuery } from '../../neo4j/driver';
import { notFound } from '../../errors';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { fullTextQuery } from '../common/search';
import { loadTerritory, parseTerritory, type TerritoryLevel } from '../territory/select';
import type { ServicePage } from './model';
import { asService } from './loaders';
import { byParts, type ServicePart } from './projection';

type Anchor = 'all' | 'search' | TerritoryLevel;

/**
 * Cypher that binds `s` to the services of `$territory` at each level (shared with the network
 * module). Those that reach a service through its quartier (the neighbourhood of the grid the zones
 * are made of: the one with an IN_ZONE link) bind it as `sh`, so a page reads it from there
 * (projection.ts `Quartier`).
 *
 * Each starts from the territory's own index (the hint): on a small graph the planner would rather
 * start from another index. Only the zones' grid is in a zone, so the zone's walk needs no further
 * condition; a municipality can also hold neighbourhoods of another grid, hence `(sh)-[:IN_ZONE]->()`.
 */
export const ANCHOR: Record<Anchor, string> = {
  all: 'MATCH (s:Service)',
  search: "CALL db.index.fulltext.queryNodes('service_names', $search) YIELD node AS s",
  region: `MATCH (place:Region {code: $territory})<-[:IN_REGION]-(:Municipality)<-[:IN_MUNICIPALITY]-(sh:Neighbourhood)<-[:LOCATED_IN]-(s:Service), (sh)-[:IN_ZONE]->(:Zone)
           USING INDEX place:Region(code)`,
  zone: `MATCH (place:Zone {code: $territory})<-[:IN_ZONE]-(sh:Neighbourhood)<-[:LOCATED_IN]-(s:Service)
         USING INDEX place:Zone(code)`,
  municipality: `MATCH (place:Municipality {nis: $territory})<-[:IN_MUNICIPALITY]-(sh:Neighbourhood)<-[:LOCATED_IN]-(s:Service), (sh)-[:IN_ZONE]->(:Zone)
                 USING INDEX place:Municipality(nis)`,
  neighbourhood: 'MATCH (:Neighbourhood {code: $territory})<-[:LOCATED_IN]-(s:Service)',
};
const THROUGH_QUARTIER: ReadonlySet<Anchor> = new Set(['region', 'zone', 'municipality']);

/** Territory as a filter, for a name search inside a territory. */
const WITHIN: Record<TerritoryLevel, string> = {
  region: 'EXISTS { (s)-[:LOCATED_IN]->(n:Neighbourhood)-[:IN_MUNICIPALITY]->(:Municipality)-[:IN_REGION]->(:Region {code: $territory}) WHERE (n)-[:IN_ZONE]->() }',
  zone: 'EXISTS { (s)-[:LOCATED_IN]->(:Neighbourhood)-[:IN_ZONE]->(:Zone {code: $territory}) }',
  municipality: 'EXISTS { (s)-[:LOCATED_IN]->(n:Neighbourhood)-[:IN_MUNICIPALITY]->(:Municipality {nis: $territory}) WHERE (n)-[:IN_ZONE]->() }',
  neighbourhood: 'EXISTS { (s)-[:LOCATED_IN]->(:Neighbourhood {code: $territory}) }',
};

/**
 * The conditions of the filters a request gives, each a constant fragment. A page carries only the
 * conditions it needs: `$sector IS NULL OR …` for an absent filter is still evaluated on every
 * candidate service (measured: 0.16 ms of a 3.3 ms zone page of 50).
 */
const CONDITION = {
  after: 's.id > $after',
  sector: 'EXISTS { (s)-[:IN_SECTOR]->(:Sector {code: $sector}) }',
  languages: 's.workingLanguage IN $languages',
} as const;
export type Condition = keyof typeof CONDITION;
const CONDITIONS = Object.keys(CONDITION) as Condition[];

interface Variant {
  page: (parts: Iterable<ServicePart>) => NamedQuery;
  count: NamedQuery;
}

/** The page and count statements of one anchor, territory filter and set of given conditions. */
function variant(anchor: Anchor, within: TerritoryLevel | undefined, given: Condition[]): Variant {
  const base = within ? `${anchor}.${within}` : anchor;
  const where = (conditions: Condition[]) => {
    const all = [...conditions.map((c) => CONDITION[c]), ...(within ? [WITHIN[within]] : [])];
    return all.length ? `WHERE ${all.join(' AND ')}` : '';
  };
  const filters = given.filter((c) => c !== 'after');
  // A service has one quartier: `s, sh` are as distinct as `s`.
  const quartier = THROUGH_QUARTIER.has(anchor) ? 'bound' : 'walked';
  return {
    page: byParts(
      `directory.services.${[base, ...given].join('.')}`,
      (service) => `${ANCHOR[anchor]}
       ${where(given)}
       WITH DISTINCT s${quartier === 'bound' ? ', sh' : ''} ORDER BY s.id LIMIT $limit
       RETURN ${service} AS service`,
      { service: 'row' },
      quartier,
    ),
    // The count of a page is the count of every page: it takes the filters, not the cursor.
    count: cypher(`directory.servicesCount.${[base, ...filters].join('.')}`, `${ANCHOR[anchor]} ${where(filters)} RETURN count(DISTINCT s) AS total`),
  };
}

/** The statements of a page, made on first use (10 anchors × 8 sets of conditions), each composed of constant fragments. */
const VARIANTS = new Map<string, Variant>();
export function directoryStatements(anchor: Anchor, within: TerritoryLevel | undefined, given: Condition[]): Variant {
  const key = `${anchor}|${within ?? ''}|${given.join(',')}`;
  let v = VARIANTS.get(key);
  if (!v) VARIANTS.set(key, (v = variant(anchor, within, given)));
  return v;
}

/**
 * A page of the directory, its services read with `parts` (the selection's look-ahead). The territory
 * and sector are checked only when the page comes back empty: a page that found services proves they
 * exist, so the usual page is one round trip.
 */
export async function listServices(
  ctx: Context,
  filter: ServiceFilter | null | undefined,
  first: number | null | undefined,
  afterCursor: string | null | undefined,
  parts: Iterable<ServicePart> = [],
): Promise<ServicePage> {
  const size = pageSize(first, { max: ctx.config.MAX_PAGE_SIZE, default: ctx.config.DEFAULT_PAGE_SIZE });
  const after = decodeCursor(afterCursor);
  const search = fullTextQuery(filter?.search, 'filter.search');
  const territory = filter?.territory ? parseTerritory(filter.territory, 'filter.territory') : null;
  const sector = filter?.sector ?? null;
  const language = filter?.language ?? null;
  const languages = language === null ? null : language === 'BOTH' || filter?.exactLanguage ? [language] : [language, 'BOTH'];

  const anchor: Anchor = search ? 'search' : (territory?.level ?? 'all');
  const within = search && territory ? territory.level : undefined;
  const values = { after, sector, languages };
  const q = directoryStatements(
    anchor,
    within,
    CONDITIONS.filter((c) => values[c] !== null),
  );
  const params = { search, territory: territory?.code ?? null, sector, languages };
  const rows = (await ctx.db.read(q.page(ctx.loaders.directory.readParts(parts)), { ...params, after, limit: int(size.limit), today: ctx.today })).map(asService);
  if (rows.length === 0) {
    if (territory) await loadTerritory(ctx, territory, 'filter.territory');
    if (sector !== null && !(await ctx.loaders.directory.sector.load(sector))) throw notFound('filter.sector', sector, 'sector');
  }
  ctx.loaders.directory.remember(rows);
  let total: Promise<number> | undefined;
  const totalCount = () => (total ??= ctx.db.read<{ total: number }>(q.count, params).then((r) => r[0]?.total ?? 0));
  return toPage(rows, size, after, (r) => r.id, totalCount);
}
