/**
 * Geography and cold data of territorial units, read beside the rows the rest of the API shares
 * (shapes are large: they are read only when a `geometry` field asks). Batch queries take `$keys`.
 */
import type { Db } from '../../neo4j/driver';
import { cypher } from '../../neo4j/driver';
import { manyLoader, oneLoader } from '../common/loader';
import { ATTRIBUTION, CRS, MAX_TOLERANCE_METRES, bboxOf, contains, parseArea, simplifyArea, type Area } from './geometry';
import { badInput } from '../../errors';
import { rollUp, type IndicatorLevel } from './indicators';
import { needWeights, type NeedDirection, type NeedWeights } from './need';
import type { Provenance } from './zones';

export interface PointRow {
  lon: number;
  lat: number;
}

export interface NeighbourhoodDetail {
  kind: string | null;
  areaKm2: number | null;
  centroid: PointRow | null;
  innerPoint: PointRow | null;
  provenance: { status: Provenance; basis: string } | null;
  /** Every municipality touched, main first. */
  shares: ShareRow[];
}

export interface IndicatorRow {
  indicator: string;
  year: number;
  value: number | null;
  unit: string;
  source: string;
}

export interface SectorUnitRow {
  code: string;
  nameFr: string;
  nameNl: string;
  years: number[];
  neighbourhoodCode: string | null;
  municipalityNis: string | null;
}

export interface ShareRow {
  nis: string;
  areaShare: number | null;
  main: boolean;
}

export interface TerritoryAtRow {
  lon: number;
  lat: number;
  neighbourhoodCode: string | null;
  municipalityNis: string | null;
}

export interface GeometryRow {
  geoJson: string;
  crs: string;
  toleranceMetres: number;
  bbox: number[];
  attribution: string;
}

const point = (lon: unknown, lat: unknown): PointRow | null => (typeof lon === 'number' && typeof lat === 'number' ? { lon, lat } : null);

const NEIGHBOURHOOD_DETAILS = cypher(
  'territory.neighbourhoodDetails',
  `UNWIND $keys AS key MATCH (n:Neighbourhood {code: key})
   OPTIONAL MATCH (n)-[z:IN_ZONE]->()
   WITH key, n, head(collect(z)) AS z
   RETURN key, n.kind AS kind, n.areaKm2 AS areaKm2, n.lon AS lon, n.lat AS lat, n.innerLon AS innerLon, n.innerLat AS innerLat,
          z.provenance AS provenance, z.basis AS basis,
          head([(n)-[:IN_MUNICIPALITY]->(m) | m.nis]) AS mainNis,
          [(n)-[r:OVERLAPS]->(m) | {nis: m.nis, areaShare: r.areaShare}] AS shares`,
);
const MUNICIPALITY_DETAILS = cypher(
  'territory.municipalityDetails',
  'UNWIND $keys AS key MATCH (m:Municipality {nis: key}) RETURN key, m.areaKm2 AS areaKm2, m.lon AS lon, m.lat AS lat',
);
const ZONE_SOURCES = cypher('territory.zoneSources', 'UNWIND $keys AS key MATCH (z:Zone {code: key}) RETURN key, z.source AS source');
const SHAPES = {
  Neighbourhood: cypher('territory.shapes.neighbourhood', 'UNWIND $keys AS key MATCH (n:Neighbourhood {code: key}) RETURN key, n.geometry AS geometry'),
  Municipality: cypher('territory.shapes.municipality', 'UNWIND $keys AS key MATCH (n:Municipality {nis: key}) RETURN key, n.geometry AS geometry'),
  Zone: cypher('territory.shapes.zone', 'UNWIND $keys AS key MATCH (n:Zone {code: key}) RETURN key, n.geometry AS geometry'),
};
export type ShapeLabel = keyof typeof SHAPES;

const INDICATORS = cypher(
  'territory.indicators',
  `UNWIND $keys AS key WITH key, split(key, '|') AS k
   MATCH (v:IndicatorValue {level: k[0], code: k[1]})
   RETURN key, v.indicator AS indicator, v.year AS year, v.value AS value, v.unit AS unit, v.source AS source
   ORDER BY key, indicator, year`,
);
/** The values of a zone's quartiers or a region's municipalities, with how many parts there are. */
const PART_VALUES = {
  Zone: cypher(
    'territory.indicators.zone',
    `UNWIND $keys AS key MATCH (z:Zone {code: key})
     WITH key, z, COUNT { (z)<-[:IN_ZONE]-(:Neighbourhood) } AS parts
     OPTIONAL MATCH (z)<-[:IN_ZONE]-(:Neighbourhood)<-[:DESCRIBES]-(v:IndicatorValue)
     RETURN key, parts, collect({indicator: v.indicator, year: v.year, value: v.value, unit: v.unit, source: v.source}) AS values`,
  ),
  Region: cypher(
    'territory.indicators.region',
    `UNWIND $keys AS key MATCH (r:Region {code: key})
     WITH key, r, COUNT { (r)<-[:IN_REGION]-(:Municipality) } AS parts
     OPTIONAL MATCH (r)<-[:IN_REGION]-(:Municipality)<-[:DESCRIBES]-(v:IndicatorValue)
     RETURN key, parts, collect({indicator: v.indicator, year: v.year, value: v.value, unit: v.unit, source: v.source}) AS values`,
  ),
};

const NEED_VALUES = cypher(
  'territory.needValues',
  `UNWIND $ids AS id MATCH (:Service {id: id})-[:LOCATED_IN]->(n:Neighbourhood) WHERE (n)-[:IN_ZONE]->()
   OPTIONAL MATCH (n)<-[:DESCRIBES]-(v:IndicatorValue {indicator: $indicator, year: $year})
   RETURN id, head(collect(v.value)) AS value`,
);

/** Each service's quartier value of an indicator and year (null: none published or loaded). */
async function needValues(db: Db, ids: readonly string[], indicator: string, year: number): Promise<Map<string, number | null>> {
  const rows = await db.read<{ id: string; value: number | null }>(NEED_VALUES, { ids, indicator, year });
  const out = new Map<string, number | null>(ids.map((id) => [id, null]));
  for (const r of rows) out.set(r.id, r.value ?? null);
  return out;
}

/** The need weights of these services (territory/need.ts): their quartier's value of the `need` indicator. */
export async function serviceNeedWeights(db: Db, ids: readonly string[], need: { indicator: string; year: number; direction: NeedDirection }): Promise<NeedWeights> {
  return needWeights(await needValues(db, ids, need.indicator, need.year), need.direction);
}

/** The `need` argument, checked: BAD_USER_INPUT naming its field. */
export function parseNeed(need: { indicator: string; year: number; direction?: 'HIGH' | 'LOW' | null }): { indicator: string; year: number; direction: 'HIGH' | 'LOW' } {
  if (!/^[a-z][a-z0-9_]{0,63}$/.test(need.indicator)) throw badInput('need.indicator', 'must be an indicator name like population');
  if (!Number.isInteger(need.year) || need.year < 1900 || need.year > 2100) throw badInput('need.year', 'must be a year');
  return { indicator: need.indicator, year: need.year, direction: need.direction ?? 'HIGH' };
}

const SECTOR = `s.code AS code, s.nameFr AS nameFr, s.nameNl AS nameNl, coalesce(s.years, []) AS years,
   head([(s)-[:IN_NEIGHBOURHOOD]->(n) | n.code]) AS neighbourhoodCode, head([(s)-[:IN_MUNICIPALITY]->(m) | m.nis]) AS municipalityNis`;
const SECTORS_BY_CODE = cypher('territory.sectorsByCode', `UNWIND $keys AS key MATCH (s:StatisticalSector {code: key}) RETURN key, ${SECTOR}`);
const SECTORS_OF_NEIGHBOURHOOD = cypher(
  'territory.sectorsOfNeighbourhood',
  `UNWIND $keys AS key MATCH (:Neighbourhood {code: key})<-[:IN_NEIGHBOURHOOD]-(s:StatisticalSector) RETURN key, ${SECTOR} ORDER BY key, code`,
);
const SERVICE_LOCATIONS = cypher('territory.serviceLocations', 'UNWIND $keys AS key MATCH (s:Service {id: key}) RETURN key, s.lon AS lon, s.lat AS lat');

/** Units whose bounding box holds the point: the candidates the polygon test decides between. */
const AT = {
  Neighbourhood: cypher(
    'territory.at.neighbourhood',
    `MATCH (n:Neighbourhood) WHERE n.west <= $lon AND $lon <= n.east AND n.south <= $lat AND $lat <= n.north
     RETURN n.code AS code, n.geometry AS geometry ORDER BY code`,
  ),
  Municipality: cypher(
    'territory.at.municipality',
    `MATCH (n:Municipality) WHERE n.west <= $lon AND $lon <= n.east AND n.south <= $lat AND $lat <= n.north
     RETURN n.nis AS code, n.geometry AS geometry ORDER BY code`,
  ),
};

export function createGeographyLoaders(db: Db) {
  return {
    neighbourhoodDetail: oneLoader<NeighbourhoodDetail>(db, NEIGHBOURHOOD_DETAILS, (r) => {
      const main = r.mainNis as string | null;
      const shares = (r.shares as Array<{ nis: string; areaShare: number | null }>).map((s) => ({ ...s, main: s.nis === main }));
      if (main && !shares.some((s) => s.main)) shares.push({ nis: main, areaShare: null, main: true });
      shares.sort((a, b) => Number(b.main) - Number(a.main) || (b.areaShare ?? 0) - (a.areaShare ?? 0) || a.nis.localeCompare(b.nis));
      return {
        kind: (r.kind as string | null) ?? null,
        areaKm2: (r.areaKm2 as number | null) ?? null,
        centroid: point(r.lon, r.lat),
        innerPoint: point(r.innerLon, r.innerLat),
        provenance: r.provenance ? { status: r.provenance as Provenance, basis: String(r.basis ?? '') } : null,
        shares,
      };
    }),
    municipalityDetail: oneLoader(db, MUNICIPALITY_DETAILS, (r) => ({ areaKm2: (r.areaKm2 as number | null) ?? null, centroid: point(r.lon, r.lat) })),
    zoneSource: oneLoader(db, ZONE_SOURCES, (r) => (r.source as string | null) ?? null),
    shape: Object.fromEntries(Object.entries(SHAPES).map(([label, q]) => [label, oneLoader(db, q, (r) => (r.geometry ? parseArea(r.geometry as string) : null))])) as Record<
      ShapeLabel,
      ReturnType<typeof oneLoader<Area | null>>
    >,
    indicators: manyLoader<IndicatorRow>(db, INDICATORS, (r) => ({
      indicator: r.indicator as string,
      year: r.year as number,
      value: (r.value as number | null) ?? null,
      unit: r.unit as string,
      source: r.source as string,
    })),
    /** Additive indicators summed over a zone's quartiers or a region's municipalities (indicators.ts rollUp). */
    rolledUp: Object.fromEntries(
      (Object.keys(PART_VALUES) as Array<keyof typeof PART_VALUES>).map((label) => [
        label,
        oneLoader(db, PART_VALUES[label], (r) => {
          const parts = Number(r.parts);
          const values = (r.values as Array<Omit<IndicatorRow, 'indicator'> & { indicator: string | null }>).filter((v): v is IndicatorRow => v.indicator !== null);
          return rollUp(values, parts, label === 'Zone' ? `the zone's ${parts} quartiers` : `the region's ${parts} municipalities`);
        }),
      ]),
    ) as Record<keyof typeof PART_VALUES, ReturnType<typeof oneLoader<IndicatorRow[]>>>,
    sector: oneLoader<SectorUnitRow>(db, SECTORS_BY_CODE, sectorRow),
    sectorsOfNeighbourhood: manyLoader<SectorUnitRow>(db, SECTORS_OF_NEIGHBOURHOOD, sectorRow),
    serviceLocation: oneLoader(db, SERVICE_LOCATIONS, (r) => point(r.lon, r.lat)),
    /** The code of the unit of `label` whose polygon holds the point, or null. */
    async unitAt(label: keyof typeof AT, lon: number, lat: number): Promise<string | null> {
      const rows = await db.read<{ code: string; geometry: string | null }>(AT[label], { lon, lat });
      const hit = rows.find((r) => r.geometry && contains(parseArea(r.geometry), lon, lat));
      return hit?.code ?? null;
    },
  };
}

const sectorRow = (r: Record<string, unknown>): SectorUnitRow => ({
  code: r.code as string,
  nameFr: r.nameFr as string,
  nameNl: r.nameNl as string,
  years: (r.years as number[]).map(Number),
  neighbourhoodCode: (r.neighbourhoodCode as string | null) ?? null,
  municipalityNis: (r.municipalityNis as string | null) ?? null,
});

export type GeographyLoaders = ReturnType<typeof createGeographyLoaders>;

/** The `toleranceMetres` argument: 0 to 2,000 m, or BAD_USER_INPUT naming it. */
export function parseTolerance(value: number | null | undefined): number {
  const t = value ?? 0;
  if (!Number.isFinite(t) || t < 0 || t > MAX_TOLERANCE_METRES) throw badInput('toleranceMetres', `must be between 0 and ${MAX_TOLERANCE_METRES} metres (got ${t})`);
  return t;
}

/** `lon`, `lat` of a point in WGS84, or BAD_USER_INPUT naming the coordinate. */
export function parsePoint(lon: number, lat: number): PointRow {
  if (!Number.isFinite(lon) || lon < -180 || lon > 180) throw badInput('lon', `must be a longitude between -180 and 180 (got ${lon})`);
  if (!Number.isFinite(lat) || lat < -90 || lat > 90) throw badInput('lat', `must be a latitude between -90 and 90 (got ${lat})`);
  return { lon, lat };
}

export function geometryRow(g: Area, toleranceMetres: number): GeometryRow {
  const simplified = simplifyArea(g, toleranceMetres);
  return { geoJson: JSON.stringify(simplified), crs: CRS, toleranceMetres, bbox: bboxOf(simplified), attribution: ATTRIBUTION };
}

/** The indicator key of a unit: `LEVEL|code`. */
export const unitKey = (level: IndicatorLevel, code: string) => `${level}|${code}`;

/** Filters a unit's values by the field's arguments. */
export function pickIndicators(rows: readonly IndicatorRow[], names: readonly string[] | null | undefined, year: number | null | undefined): IndicatorRow[] {
  return rows.filter((r) => (!names || names.includes(r.indicator)) && (year === null || year === undefined || r.year === year));
}
