/**
 * GIS exports of a territory's service network, as GeoJSON FeatureCollections that QGIS opens with no
 * edit, in WGS84 (the `crs` member names OGC:CRS84, the GeoJSON default, for readers that look for one):
 *
 *   GEOJSON_QUARTIERS  the territory's monitoring quartiers as MultiPolygons, with the network's figures
 *                      per quartier and the cold data beside them (a choropleth of any of them);
 *   GEOJSON_TIES       the services as points and each tie as a line between its two services.
 *
 * Both carry the sources' attribution (UrbIS, IBSA, Statbel) as a top-level `attribution` member.
 */
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { cypher } from '../../neo4j/driver';
import type { ServiceGraph } from '../network/measures/graph';
import type { Scope } from '../network/scope';
import { ATTRIBUTION, CRS_URN, parseArea, type Area } from '../territory/geometry';
import type { ExportGraph, ExportLevel } from './graph';
import type { Write } from './formats';

export const MAP_FORMATS = ['GEOJSON_QUARTIERS', 'GEOJSON_TIES'] as const;
export type MapFormat = (typeof MAP_FORMATS)[number];
export const isMapFormat = (format: string): format is MapFormat => (MAP_FORMATS as readonly string[]).includes(format);

/** The maps place services: a people-level export has no places to draw. */
export function checkMapLevel(format: MapFormat, level: ExportLevel): void {
  if (level !== 'SERVICES') throw badInput('level', `${format} maps services: ask level SERVICES`);
}

/** The quartiers of a territory (those in a zone or region through their zone or main municipality). */
const QUARTIERS_OF: Record<Scope['territory']['level'], string> = {
  region: 'MATCH (:Region {code: $code})<-[:IN_REGION]-(:Municipality)<-[:IN_MUNICIPALITY]-(n:Neighbourhood)',
  zone: 'MATCH (:Zone {code: $code})<-[:IN_ZONE]-(n:Neighbourhood)',
  municipality: 'MATCH (:Municipality {nis: $code})<-[:IN_MUNICIPALITY]-(n:Neighbourhood)',
  neighbourhood: 'MATCH (n:Neighbourhood {code: $code})',
};
const QUARTIER_ROWS = Object.fromEntries(
  Object.entries(QUARTIERS_OF).map(([level, match]) => [
    level,
    cypher(
      `exports.map.quartiers.${level}`,
      `${match} WHERE n.geometry IS NOT NULL AND EXISTS { (n)-[:IN_ZONE]->() }
       OPTIONAL MATCH (n)-[z:IN_ZONE]->(zone)
       WITH n, head(collect({zone: zone.code, provenance: z.provenance})) AS zone
       RETURN n.code AS code, n.nameFr AS nameFr, n.nameNl AS nameNl, n.kind AS kind, n.areaKm2 AS areaKm2, n.geometry AS geometry,
              head([(n)-[:IN_MUNICIPALITY]->(m) | m.nis]) AS municipality, zone.zone AS zone, zone.provenance AS provenance,
              [(n)<-[:DESCRIBES]-(v:IndicatorValue) | {indicator: v.indicator, year: v.year, value: v.value}] AS indicators
       ORDER BY code`,
    ),
  ]),
) as Record<Scope['territory']['level'], ReturnType<typeof cypher>>;
const QUARTIER_OF_SERVICES = cypher(
  'exports.map.serviceQuartiers',
  'UNWIND $ids AS id MATCH (:Service {id: id})-[:LOCATED_IN]->(n:Neighbourhood) WHERE (n)-[:IN_ZONE]->() RETURN id, n.code AS quartier',
);

type QuartierRow = {
  code: string;
  nameFr: string;
  nameNl: string;
  kind: string | null;
  areaKm2: number | null;
  geometry: string;
  municipality: string | null;
  zone: string | null;
  provenance: string | null;
  indicators: Array<{ indicator: string; year: number; value: number | null }>;
};

/** The network as the per-quartier figures read it: an export's graph, or a question's (ties as source–target pairs). */
export interface PlacedNetwork {
  nodes: ReadonlyArray<{ id: string }>;
  edges: ReadonlyArray<{ source: string; target: string }>;
}

export interface QuartierFigures {
  services: number;
  servicesWithoutTie: number;
  tiesInside: number;
  tiesOutside: number;
}

/**
 * The network's figures per quartier (pure): services placed there, those with no tie in the export,
 * ties with both ends there, and ties from there to a service of another quartier of the export.
 */
export function quartierFigures(graph: PlacedNetwork, quartierOf: ReadonlyMap<string, string>): Map<string, QuartierFigures> {
  const out = new Map<string, QuartierFigures>();
  const of = (q: string) => out.get(q) ?? (out.set(q, { services: 0, servicesWithoutTie: 0, tiesInside: 0, tiesOutside: 0 }), out.get(q)!);
  const degree = new Map<string, number>();
  for (const e of graph.edges) {
    degree.set(e.source, (degree.get(e.source) ?? 0) + 1);
    degree.set(e.target, (degree.get(e.target) ?? 0) + 1);
    const [a, b] = [quartierOf.get(e.source), quartierOf.get(e.target)];
    if (a && a === b) of(a).tiesInside += 1;
    else {
      if (a) of(a).tiesOutside += 1;
      if (b) of(b).tiesOutside += 1;
    }
  }
  for (const n of graph.nodes) {
    const q = quartierOf.get(n.id);
    if (!q) continue;
    of(q).services += 1;
    if (!degree.get(n.id)) of(q).servicesWithoutTie += 1;
  }
  return out;
}

export interface QuartierMixing {
  /** Ties of its services between two primary sectors (E of the E-I index) and within one (I). */
  crossSector: number;
  sameSector: number;
  /** Ties of its services between a French-only and a Dutch-only service. */
  crossBorder: number;
}

/**
 * Per quartier, what its services' ties cross (pure): sectors (the E-I index's E and I, sectors as
 * the groups, as `eiIndex` counts a territory) and the language border (as `languageBorder` reads
 * it). A tie inside a quartier counts once there; a tie between two quartiers once at each end, as
 * `quartierFigures` counts tiesOutside.
 */
export function quartierMixing(
  nodes: ReadonlyArray<{ id: string; sector: string; language: string }>,
  edges: PlacedNetwork['edges'],
  quartierOf: ReadonlyMap<string, string>,
): Map<string, QuartierMixing> {
  const out = new Map<string, QuartierMixing>();
  const node = new Map(nodes.map((n) => [n.id, n]));
  for (const e of edges) {
    const [a, b] = [node.get(e.source), node.get(e.target)];
    if (!a || !b) continue;
    const cross = a.sector !== b.sector;
    const border = [a.language, b.language].sort().join() === 'FR,NL';
    for (const q of new Set([quartierOf.get(a.id), quartierOf.get(b.id)])) {
      if (!q) continue;
      const row = out.get(q) ?? { crossSector: 0, sameSector: 0, crossBorder: 0 };
      if (cross) row.crossSector += 1;
      else row.sameSector += 1;
      if (border) row.crossBorder += 1;
      out.set(q, row);
    }
  }
  return out;
}

const QUARTIER_CODES = Object.fromEntries(
  Object.entries(QUARTIERS_OF).map(([level, match]) => [
    level,
    cypher(`exports.map.quartierCodes.${level}`, `${match} WHERE n.geometry IS NOT NULL AND EXISTS { (n)-[:IN_ZONE]->() } RETURN n.code AS code ORDER BY code`),
  ]),
) as Record<Scope['territory']['level'], ReturnType<typeof cypher>>;

export interface QuartierMapRow extends QuartierFigures, QuartierMixing {
  code: string;
}

/**
 * The figures of every quartier of the scope's territory (those the GEOJSON_QUARTIERS export
 * draws), from the scope's network: the export's counts and what its ties cross.
 */
export async function quartierMapRows(ctx: Context, scope: Scope, graph: ServiceGraph): Promise<QuartierMapRow[]> {
  const codes = await ctx.db.read<{ code: string }>(QUARTIER_CODES[scope.territory.level], { code: scope.territory.code });
  const placed = graph.nodes.length ? await ctx.db.read<{ id: string; quartier: string }>(QUARTIER_OF_SERVICES, { ids: graph.nodes.map((n) => n.id) }) : [];
  const quartierOf = new Map(placed.map((p) => [p.id, p.quartier]));
  const edges = graph.edges.map((e) => ({ source: e.a, target: e.b }));
  const figures = quartierFigures({ nodes: graph.nodes, edges }, quartierOf);
  const mixing = quartierMixing(graph.nodes, edges, quartierOf);
  return codes.map(({ code }) => ({
    code,
    ...(figures.get(code) ?? { services: 0, servicesWithoutTie: 0, tiesInside: 0, tiesOutside: 0 }),
    ...(mixing.get(code) ?? { crossSector: 0, sameSector: 0, crossBorder: 0 }),
  }));
}

/** One geometry type for the layer (GDAL calls a Polygon and MultiPolygon mix "Unknown"). */
const asMulti = (g: Area) => (g.type === 'MultiPolygon' ? g : { type: 'MultiPolygon', coordinates: [g.coordinates] });

const header = (name: string) => `{"type":"FeatureCollection","name":${JSON.stringify(name)},"crs":{"type":"name","properties":{"name":"${CRS_URN}"}},"attribution":${JSON.stringify(ATTRIBUTION + '; Statbel (population, income)')},"features":[`;

function featureWriter(write: Write) {
  let first = true;
  return (f: unknown) => {
    write(`${first ? '' : ','}\n${JSON.stringify(f)}`);
    first = false;
  };
}

export async function writeMap(ctx: Context, scope: Scope, graph: ExportGraph, format: MapFormat, write: Write): Promise<void> {
  if (format === 'GEOJSON_TIES') {
    writeTies(graph, write);
    return;
  }
  const quartiers = await ctx.db.read<QuartierRow>(QUARTIER_ROWS[scope.territory.level], { code: scope.territory.code });
  const placed = await ctx.db.read<{ id: string; quartier: string }>(QUARTIER_OF_SERVICES, { ids: graph.nodes.map((n) => n.id) });
  const figures = quartierFigures(graph, new Map(placed.map((p) => [p.id, p.quartier])));
  const value = (q: QuartierRow, indicator: string) => q.indicators.find((v) => v.indicator === indicator && v.year === 2019)?.value ?? null;
  write(header(`quartiers ${scope.territory.level} ${scope.territory.code}`));
  const feature = featureWriter(write);
  for (const q of quartiers) {
    const f = figures.get(q.code) ?? { services: 0, servicesWithoutTie: 0, tiesInside: 0, tiesOutside: 0 };
    feature({
      type: 'Feature',
      id: q.code,
      geometry: asMulti(parseArea(q.geometry)),
      properties: {
        code: q.code,
        name_fr: q.nameFr,
        name_nl: q.nameNl,
        kind: q.kind,
        municipality: q.municipality,
        zone: q.zone,
        zone_provenance: q.provenance,
        area_km2: q.areaKm2,
        services: f.services,
        services_without_tie: f.servicesWithoutTie,
        share_without_tie: f.services ? Math.round((f.servicesWithoutTie / f.services) * 1000) / 1000 : null,
        ties_inside: f.tiesInside,
        ties_outside: f.tiesOutside,
        // Cold data (null where the source publishes no figure).
        population_2019: value(q, 'population'),
        median_taxable_income_2019: value(q, 'median_taxable_income_per_declaration'),
      },
    });
  }
  write('\n]}\n');
}

function writeTies(graph: ExportGraph, write: Write): void {
  write(header('services and ties'));
  const feature = featureWriter(write);
  const at = new Map<string, [number, number]>();
  for (const n of graph.nodes) {
    if (n.lat === null || n.lon === null) continue;
    at.set(n.id, [n.lon, n.lat]);
    feature({ type: 'Feature', id: n.id, geometry: { type: 'Point', coordinates: [n.lon, n.lat] }, properties: { kind: 'service', id: n.id, label: n.label, sector: n.sector, zone: n.zone, municipality: n.municipality, language: n.language } });
  }
  for (const e of graph.edges) {
    const [a, b] = [at.get(e.source), at.get(e.target)];
    if (!a || !b) continue;
    feature({
      type: 'Feature',
      geometry: { type: 'LineString', coordinates: [a, b] },
      properties: { kind: 'tie', source: e.source, target: e.target, encounters: e.suppressed ? null : e.weight, strength: e.tieWeight, first: e.start, last: e.end },
    });
  }
  write('\n]}\n');
}
