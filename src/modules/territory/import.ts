/**
 * Imports of the territory, from files as a user downloads them (`npm run import -- <kind> <file>`):
 *
 *   monitoring-grid      the IBSA monitoring quartiers as GeoJSON (opendata.brussels / UrbIS export:
 *                        MDZONE, NAMEFRE, NAMEDUT in any case, or code, name_fr, name_nl) or CSV
 *                        with the polygon as GeoJSON text (`geo_shape` or `geometry`). Each quartier
 *                        gets what the demo's have: the municipalities it touches and their area
 *                        shares (overlay with the municipalities' polygons in the graph), its main
 *                        municipality, area, kind, centroid and inner point, and its zone with
 *                        provenance (zones.ts). Zone shapes are recomputed.
 *   statistical-sectors  IBSA's sector → quartier → municipality table (2024 or 2025 layout); the
 *                        year from `--year` or from the file name.
 *   indicators           tidy CSV `code, year, indicator, value, unit[, source]` for one level
 *                        (`--level`), with `--source` for rows without their own.
 *   social-health-grid   the official sector → social-health quartier → bassin table (SS_QSS,
 *                        saved as CSV: CodeSector, QuartierSS_Gwwijk, NomQuartierSSFR, NaamGWwijkNL,
 *                        BassinFR). Writes the QSS (grid SOCIAL_HEALTH, code `QSS-<code>`, VERIFIED
 *                        zone) and, since the table is what zones are made of, re-derives each
 *                        monitoring quartier's zone from its sectors: VERIFIED when all of them lie
 *                        in one zone's QSS, INFERRED (the majority's) when they are split.
 *
 * Every import MERGEs on the units' codes (running it twice changes nothing) and reports per row.
 */
import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { cypher, type Db } from '../../neo4j/driver';
import { QUARTIERS, REZONE_MUNICIPALITIES, REZONE_QUARTER_NAME, ZONES, projectZoneRows, type QuartierKind } from '../../seed/brussels';
import { areaM2, bboxOf, contains, overlapShares, parseArea, pointInside, type Area } from './geometry';
import { INDICATOR_LEVELS, parseIndicatorCsv, type IndicatorLevel } from './indicators';
import { assignZone } from './zones';
import { refreshZoneShapes, WRITE_QUARTIERS, WRITE_SECTORS, writeIndicators } from './writes';

export const TERRITORY_IMPORT_KINDS = ['monitoring-grid', 'statistical-sectors', 'indicators', 'social-health-grid'] as const;
export type TerritoryImportKind = (typeof TERRITORY_IMPORT_KINDS)[number];
export const isTerritoryKind = (kind: string): kind is TerritoryImportKind => (TERRITORY_IMPORT_KINDS as readonly string[]).includes(kind);

export interface TerritoryImportReport {
  kind: TerritoryImportKind;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: Array<{ row: number; field: string; reason: string }>;
  notes: string[];
}

export interface TerritoryImportOptions {
  fileName: string;
  dryRun?: boolean;
  year?: number | null;
  level?: string | null;
  source?: string | null;
}

type Props = Record<string, string>;
const lower = (o: Record<string, unknown>): Props =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k.trim().toLowerCase(), v === null || v === undefined ? '' : typeof v === 'string' ? v.trim() : String(v)]));
const pick = (p: Props, ...names: string[]) => names.map((n) => p[n]).find((v) => v !== undefined && v !== '') ?? '';

/** Rows of a CSV in either delimiter (IBSA's 2025 table uses `;`), headers lower-cased. */
function csvRows(text: string): Props[] {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (header.match(/;/g) ?? []).length > (header.match(/,/g) ?? []).length ? ';' : ',';
  return parse<Record<string, unknown>>(text, { columns: true, delimiter, skip_empty_lines: true, bom: true, relax_column_count: true }).map(lower);
}

/** Kind from the MDZONE code range (the ranges are an inference, see SOURCES.md). */
export function kindOfCode(code: number): QuartierKind | null {
  if (!Number.isInteger(code) || code < 1) return null;
  if (code < 700) return 'RESIDENTIAL';
  if (code < 800) return 'CEMETERY';
  if (code < 900) return 'INDUSTRIAL';
  return 'PARK';
}

/** Planar centroid of the largest polygon's outer ring (degrees; the unit is a few km wide). */
function centroidOf(g: Area): [number, number] {
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const largest = polygons.reduce((a, b) => (areaM2({ type: 'Polygon', coordinates: b }) > areaM2({ type: 'Polygon', coordinates: a }) ? b : a));
  const ring = largest[0]!;
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i] as [number, number];
    const [x1, y1] = ring[i + 1] as [number, number];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return [round6(cx / (3 * a)), round6(cy / (3 * a))];
}
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** A stream of numbers in [0, 1) from a string: the same inner point for the same shape. */
function streamOf(seed: string): () => number {
  let counter = 0;
  return () => crypto.createHash('sha256').update(`${seed}:${counter++}`).digest().readUInt32BE(0) / 4294967296;
}

const MUNICIPALITY_SHAPES = cypher(
  'territory.import.municipalityShapes',
  'MATCH (m:Municipality) WHERE m.geometry IS NOT NULL AND NOT coalesce(m.synthetic, false) RETURN m.nis AS nis, m.geometry AS geometry',
);
const EXISTING = cypher('territory.import.existing', 'UNWIND $codes AS code MATCH (n:Neighbourhood {code: code}) RETURN n.code AS code, n.importHash AS hash');
const SET_HASH = cypher('territory.import.hash', 'UNWIND $rows AS row MATCH (n:Neighbourhood {code: row.code}) SET n.importHash = row.hash');

interface GridRow {
  row: number;
  code: string;
  nameFr: string;
  nameNl: string;
  geometry: Area | null;
  inspireId: string | null;
}

function gridRows(text: string, fileName: string, reject: (row: number, field: string, reason: string) => void): GridRow[] {
  const geo = /\.(geo)?json$/i.test(fileName);
  const items: Array<{ props: Props; geometry: unknown }> = geo
    ? ((JSON.parse(text) as { features?: Array<{ properties?: Record<string, unknown>; geometry?: unknown }> }).features ?? []).map((f) => ({
        props: lower(f.properties ?? {}),
        geometry: f.geometry,
      }))
    : csvRows(text).map((p) => ({ props: p, geometry: pick(p, 'geo_shape', 'geometry', 'geom') }));
  const out: GridRow[] = [];
  items.forEach(({ props, geometry }, i) => {
    const row = i + (geo ? 1 : 2);
    const code = pick(props, 'mdzone', 'mdrc', 'code', 'id');
    const nameFr = pick(props, 'namefre', 'name_fre', 'name_fr', 'nom_fr');
    const nameNl = pick(props, 'namedut', 'name_dut', 'name_nl', 'naam_nl');
    if (!/^\d+$/.test(code)) return reject(row, 'mdzone', `must be the numeric quartier code (got ${JSON.stringify(code)})`);
    if (!nameFr) return reject(row, 'namefre', 'required');
    if (!nameNl) return reject(row, 'namedut', 'required');
    let shape: Area | null = null;
    if (geometry) {
      try {
        shape = typeof geometry === 'string' ? parseArea(geometry) : parseArea(JSON.stringify(geometry));
      } catch (e) {
        return reject(row, 'geometry', `must be a GeoJSON Polygon or MultiPolygon (${(e as Error).message})`);
      }
      const [w, s, e, n] = bboxOf(shape);
      if (w < -180 || e > 180 || s < -90 || n > 90)
        return reject(row, 'geometry', 'coordinates must be WGS84 longitude/latitude (EPSG:4326); reproject Lambert 72 (EPSG:31370) first');
    }
    out.push({ row, code: String(Number(code)), nameFr, nameNl, geometry: shape, inspireId: pick(props, 'inspire_id', 'inspireid', 'inspire_id_wfs') || null });
  });
  return out;
}

async function importGrid(db: Db, text: string, opts: TerritoryImportOptions, report: TerritoryImportReport): Promise<void> {
  const reject = (row: number, field: string, reason: string) => void report.rejected.push({ row, field, reason });
  const rows = gridRows(text, opts.fileName, reject);
  report.rows = rows.length + report.rejected.length;
  const municipalities = (await db.read<{ nis: string; geometry: string }>(MUNICIPALITY_SHAPES)).map((m) => ({ key: m.nis, area: parseArea(m.geometry) }));
  if (!municipalities.length) report.notes.push('No municipality shapes in the graph: quartiers are written without municipalities (seed or load the municipalities first).');
  const split = projectZoneRows();
  const written = rows.flatMap((r) => {
    const kind = kindOfCode(Number(r.code));
    const shares = r.geometry ? overlapShares(r.geometry, municipalities) : [];
    const main = shares[0]?.key;
    if (r.geometry && municipalities.length && !main) return (reject(r.row, 'geometry', 'lies in no municipality of the region'), []);
    if (!main) return (reject(r.row, 'geometry', 'required: the main municipality is found by overlay'), []);
    const zone = assignZone({ mainNis: main, municipalities: shares.map((s) => s.key) }, ZONES, split.get(r.code));
    const [lon, lat] = centroidOf(r.geometry!);
    const [innerLon, innerLat] = contains(r.geometry!, lon, lat) ? [lon, lat] : (pointInside(r.geometry!, streamOf(r.code)) ?? [lon, lat]);
    const [west, south, east, north] = bboxOf(r.geometry!);
    const props = {
      code: r.code,
      grid: 'MONITORING',
      nameFr: r.nameFr,
      nameNl: r.nameNl,
      synthetic: false,
      rezoneArea: REZONE_MUNICIPALITIES.has(main) || r.nameFr.startsWith(REZONE_QUARTER_NAME),
      kind,
      areaKm2: Math.round(areaM2(r.geometry!) / 1e4) / 100,
      inspireId: r.inspireId,
      lat,
      lon,
      innerLat,
      innerLon,
      geometry: JSON.stringify(r.geometry),
      west,
      south,
      east,
      north,
      municipalityNis: main,
      municipalities: shares.map((s) => ({ nis: s.key, share: s.share })),
      zoneCode: zone.zoneCode,
      zoneProvenance: zone.provenance,
      zoneBasis: zone.basis,
    };
    return [{ ...props, hash: crypto.createHash('sha256').update(JSON.stringify(props)).digest('hex').slice(0, 16) }];
  });
  const existing = new Map((await db.read<{ code: string; hash: string | null }>(EXISTING, { codes: written.map((w) => w.code) })).map((e) => [e.code, e.hash]));
  const changed = written.filter((w) => existing.get(w.code) !== w.hash);
  report.created = written.filter((w) => !existing.has(w.code)).length;
  report.updated = changed.length - report.created;
  report.unchanged = written.length - changed.length;
  if (opts.dryRun || !changed.length) return;
  await db.writeTx(async (tx) => {
    await tx.run(WRITE_QUARTIERS, { rows: changed });
    await tx.run(SET_HASH, { rows: changed.map((c) => ({ code: c.code, hash: c.hash })) });
  });
  await refreshZoneShapes(db);
  const known = new Set(QUARTIERS.map((q) => q.code));
  const fresh = changed.filter((c) => !known.has(c.code)).length;
  if (fresh) report.notes.push(`${fresh} quartier code(s) unknown to the shared grid: their zone follows the municipality rule only.`);
}

const SECTOR_YEARS = cypher(
  'territory.import.sectorYears',
  'UNWIND $codes AS code MATCH (s:StatisticalSector {code: code}) RETURN s.code AS code, s.years AS years, head([(s)-[:IN_NEIGHBOURHOOD]->(n) | n.code]) AS quartier',
);
const KNOWN_QUARTIERS = cypher('territory.import.knownQuartiers', 'UNWIND $codes AS code MATCH (n:Neighbourhood {code: code}) RETURN n.code AS code');

async function importSectors(db: Db, text: string, opts: TerritoryImportOptions, report: TerritoryImportReport): Promise<void> {
  const year = opts.year ?? Number(/(20\d\d)/.exec(opts.fileName)?.[1] ?? NaN);
  if (!Number.isInteger(year)) {
    report.rejected.push({ row: 1, field: 'year', reason: 'give --year (the table lists no year, and the file name has none)' });
    return;
  }
  const rows = csvRows(text);
  report.rows = rows.length;
  const parsed = rows.flatMap((p, i) => {
    const row = i + 2;
    const code = pick(p, 'secteurstatistique_code', 'cd_sector', 'sector_code', 'code');
    const quartier = pick(p, 'quartier_code', 'mdzone', 'monitoringdistrict_id');
    const nis = pick(p, 'commune_code', 'cd_refnis', 'municipality_nis') || code.slice(0, 5);
    if (!/^21\d{3}[A-Z0-9-]{4}$/.test(code))
      return (report.rejected.push({ row, field: 'secteurstatistique_code', reason: `must be a Brussels NIS9 sector code (got ${JSON.stringify(code)})` }), []);
    if (!/^\d+$/.test(quartier)) return (report.rejected.push({ row, field: 'quartier_code', reason: 'must be the numeric quartier code' }), []);
    return [
      {
        row,
        code,
        nameFr: pick(p, 'secteurstatistique_nom_fr', 'tx_sector_descr_fr', 'name_fr'),
        nameNl: pick(p, 'secteurstatistique_nom_nl', 'tx_sector_descr_nl', 'name_nl'),
        neighbourhoodCode: String(Number(quartier)),
        municipalityNis: nis,
      },
    ];
  });
  const quartiers = new Set((await db.read<{ code: string }>(KNOWN_QUARTIERS, { codes: [...new Set(parsed.map((p) => p.neighbourhoodCode))] })).map((r) => r.code));
  const ok = parsed.filter(
    (p) =>
      quartiers.has(p.neighbourhoodCode) ||
      (report.rejected.push({ row: p.row, field: 'quartier_code', reason: `no quartier ${p.neighbourhoodCode} in the graph (import the monitoring grid first)` }), false),
  );
  const existing = new Map(
    (await db.read<{ code: string; years: number[] | null; quartier: string | null }>(SECTOR_YEARS, { codes: ok.map((p) => p.code) })).map((e) => [e.code, e]),
  );
  const out = ok.map(({ row: _row, ...p }) => {
    const before = existing.get(p.code);
    const years = [...new Set([...(before?.years ?? []).map(Number), year])].sort();
    const same = before && before.quartier === p.neighbourhoodCode && (before.years ?? []).map(Number).includes(year);
    if (!before) report.created += 1;
    else if (same) report.unchanged += 1;
    else report.updated += 1;
    return { ...p, years };
  });
  if (!opts.dryRun && out.length) await db.write(WRITE_SECTORS, { rows: out });
}

async function importIndicators(db: Db, text: string, opts: TerritoryImportOptions, report: TerritoryImportReport): Promise<void> {
  const level = (opts.level ?? '').toUpperCase();
  if (!(INDICATOR_LEVELS as readonly string[]).includes(level)) {
    report.rejected.push({ row: 1, field: 'level', reason: `give --level ${INDICATOR_LEVELS.join('|')}` });
    return;
  }
  const { values, rowOf, problems } = parseIndicatorCsv(text, level as IndicatorLevel, opts.source ?? '');
  report.rows = values.length + problems.length;
  report.rejected.push(...problems.map((p) => ({ row: p.row, field: p.field, reason: p.message })));
  if (opts.dryRun) return;
  const { written, unknownCodes } = await writeIndicators(db, values);
  // Values are merged on unit, indicator and year: `created` counts the values written (new or replaced).
  report.created = written;
  const unknown = new Set(unknownCodes);
  values.forEach(
    (v, i) => unknown.has(v.code) && report.rejected.push({ row: rowOf[i]!, field: 'code', reason: `no ${level.toLowerCase().replace('_', ' ')} ${v.code} in the graph` }),
  );
  if (values.some((v) => v.value === null)) report.notes.push(`${values.filter((v) => v.value === null).length} value(s) empty at the source: stored as missing (null), not 0.`);
}

const QSS_WRITE = cypher(
  'territory.import.qss',
  `UNWIND $rows AS row MERGE (q:Neighbourhood {code: row.code})
   SET q.grid = 'SOCIAL_HEALTH', q.nameFr = row.nameFr, q.nameNl = row.nameNl, q.synthetic = false, q.rezoneArea = coalesce(q.rezoneArea, false)
   WITH q, row
   CALL { WITH q MATCH (q)-[r:IN_ZONE|IN_MUNICIPALITY]->() DELETE r }
   CALL { WITH q MATCH (q)<-[r:IN_SOCIAL_HEALTH_QUARTIER]-() DELETE r }
   WITH q, row MATCH (z:Zone {code: row.zone}) MERGE (q)-[l:IN_ZONE]->(z) SET l.provenance = 'VERIFIED', l.basis = row.basis
   WITH q, row MATCH (m:Municipality {nis: row.municipality}) MERGE (q)-[:IN_MUNICIPALITY]->(m)
   WITH q, row UNWIND row.sectors AS code MATCH (s:StatisticalSector {code: code}) MERGE (s)-[:IN_SOCIAL_HEALTH_QUARTIER]->(q)`,
);
/** Each monitoring quartier's sectors with the zone of their QSS (null when a sector has none). */
const ZONES_BY_SECTORS = cypher(
  'territory.import.zonesBySectors',
  `MATCH (n:Neighbourhood {grid: 'MONITORING'})<-[:IN_NEIGHBOURHOOD]-(s:StatisticalSector)
   RETURN n.code AS code, collect(head([(s)-[:IN_SOCIAL_HEALTH_QUARTIER]->(q)-[:IN_ZONE]->(z) | z.code])) AS zones, count(s) AS sectors`,
);
const SET_ZONE = cypher(
  'territory.import.setZone',
  `UNWIND $rows AS row MATCH (n:Neighbourhood {code: row.code}), (z:Zone {code: row.zone})
   CALL { WITH n MATCH (n)-[r:IN_ZONE]->() DELETE r }
   MERGE (n)-[l:IN_ZONE]->(z) SET l.provenance = row.provenance, l.basis = row.basis`,
);
const KNOWN_SECTORS = cypher('territory.import.knownSectors', 'UNWIND $codes AS code MATCH (s:StatisticalSector {code: code}) RETURN s.code AS code');

/** The zone of a monitoring quartier from the zones of its sectors' QSS (pure). */
export function zoneFromSectors(zones: ReadonlyArray<string | null>): { zone: string; provenance: 'VERIFIED' | 'INFERRED'; basis: string } | null {
  const counts = new Map<string, number>();
  for (const z of zones) if (z) counts.set(z, (counts.get(z) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  if (!ranked.length) return null;
  const [zone, n] = ranked[0]!;
  if (ranked.length === 1 && n === zones.length)
    return { zone, provenance: 'VERIFIED', basis: `all its ${n} statistical sectors lie in social-health quartiers of the zone (official sector table)` };
  return {
    zone,
    provenance: 'INFERRED',
    basis: `most of its statistical sectors (${n} of ${zones.length}) lie in social-health quartiers of the zone; ${
      ranked
        .slice(1)
        .map(([z, k]) => `${k} in ${z}`)
        .join(', ') || `${zones.length - n} in none`
    }`,
  };
}

async function importSocialHealth(db: Db, text: string, opts: TerritoryImportOptions, report: TerritoryImportReport): Promise<void> {
  const rows = csvRows(text);
  report.rows = rows.length;
  const zoneOf = new Map(
    ZONES.flatMap(
      (z) =>
        [
          [z.nameFr.toLowerCase(), z.code],
          [z.nameFr.replace(/^Bassin /, '').toLowerCase(), z.code],
        ] as Array<[string, string]>,
    ),
  );
  const sectors = new Set((await db.read<{ code: string }>(KNOWN_SECTORS, { codes: rows.map((r) => pick(r, 'codesector', 'cd_sector', 'sector_code')) })).map((r) => r.code));
  const qss = new Map<string, { code: string; nameFr: string; nameNl: string; zone: string; sectors: string[]; basis: string }>();
  rows.forEach((r, i) => {
    const row = i + 2;
    const sector = pick(r, 'codesector', 'cd_sector', 'sector_code');
    const code = pick(r, 'quartierss_gwwijk', 'qss_code', 'code_qss');
    const zone = zoneOf.get(pick(r, 'bassinfr', 'bassin_fr', 'bassin').toLowerCase());
    if (!sectors.has(sector))
      return void report.rejected.push({ row, field: 'CodeSector', reason: `no statistical sector ${JSON.stringify(sector)} in the graph (import the sector table first)` });
    if (!code) return void report.rejected.push({ row, field: 'QuartierSS_Gwwijk', reason: 'required' });
    if (!zone) return void report.rejected.push({ row, field: 'BassinFR', reason: `must name one of the five bassins (${ZONES.map((z) => z.nameFr).join(', ')})` });
    const key = `QSS-${code}`;
    const q = qss.get(key) ?? {
      code: key,
      nameFr: pick(r, 'nomquartierssfr', 'name_fr') || key,
      nameNl: pick(r, 'naamgwwijknl', 'name_nl') || key,
      zone,
      sectors: [],
      basis: `official sector table: BassinFR ${pick(r, 'bassinfr', 'bassin_fr', 'bassin')}`,
    };
    if (q.zone !== zone) return void report.rejected.push({ row, field: 'BassinFR', reason: `QSS ${code} is in ${q.zone} on an earlier row` });
    q.sectors.push(sector);
    qss.set(key, q);
  });
  const out = [...qss.values()].map((q) => {
    const byNis = new Map<string, number>();
    for (const s of q.sectors) byNis.set(s.slice(0, 5), (byNis.get(s.slice(0, 5)) ?? 0) + 1);
    return { ...q, municipality: [...byNis].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0] };
  });
  report.created = out.length;
  if (opts.dryRun || !out.length) return;
  await db.write(QSS_WRITE, { rows: out });
  const derived = (await db.read<{ code: string; zones: Array<string | null>; sectors: number }>(ZONES_BY_SECTORS)).flatMap((r) => {
    const z = zoneFromSectors(r.zones.length < r.sectors ? [...r.zones, ...Array<null>(r.sectors - r.zones.length).fill(null)] : r.zones);
    return z ? [{ code: r.code, zone: z.zone, provenance: z.provenance, basis: `from the social-health grid: ${z.basis}` }] : [];
  });
  if (derived.length) await db.write(SET_ZONE, { rows: derived });
  await refreshZoneShapes(db);
  report.notes.push(
    `${out.length} social-health quartiers; the zones of ${derived.length} monitoring quartiers re-derived from their sectors (${derived.filter((d) => d.provenance === 'VERIFIED').length} VERIFIED).`,
  );
}

export async function importTerritory(db: Db, kind: TerritoryImportKind, text: string, opts: TerritoryImportOptions): Promise<TerritoryImportReport> {
  const report: TerritoryImportReport = { kind, rows: 0, created: 0, updated: 0, unchanged: 0, rejected: [], notes: [] };
  if (kind === 'monitoring-grid') await importGrid(db, text, opts, report);
  else if (kind === 'statistical-sectors') await importSectors(db, text, opts, report);
  else if (kind === 'social-health-grid') await importSocialHealth(db, text, opts, report);
  else await importIndicators(db, text, opts, report);
  report.rejected.sort((a, b) => a.row - b.row);
  return report;
}
