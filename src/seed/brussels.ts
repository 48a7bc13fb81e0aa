/**
 * The real Brussels territory, read at run time from the source files in data/brussels/ (copied from
 * the project's shared research folder with their SOURCES.md; see BRUSSELS-SOURCES.md). Nothing here
 * is retyped: the region's name, the 19 municipalities (NIS codes, FR/NL names, UrbIS polygons and
 * centroids), the five care zones (bassins) with the status of each municipality's membership, the
 * 145 IBSA monitoring quartiers (codes, FR/NL names as published, every municipality each touches with
 * its area share, polygons, area, kind) and the statistical sectors of 2024 and 2025.
 * The zone of each quartier and its provenance are decided in src/modules/territory/zones.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { PROJECT_ROOT } from '../config';
import type { Area } from '../modules/territory/geometry';
import { assignZone, type ZoneAssignment, type ZoneMembership, type Provenance } from '../modules/territory/zones';
import { parseIndicatorCsv, type IndicatorLevel, type IndicatorValue } from '../modules/territory/indicators';

export const DATA_DIR = path.join(PROJECT_ROOT, 'src', 'seed', 'data', 'brussels');

type Row = Record<string, string>;
export function readCsv(file: string, delimiter = ','): Row[] {
  return parse<Row>(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'), { columns: true, delimiter, skip_empty_lines: true, bom: true, trim: true });
}
const readGeoJson = (file: string) =>
  JSON.parse(fs.readFileSync(path.join(DATA_DIR, file), 'utf8')) as { features: Array<{ properties: Record<string, unknown>; geometry: Area }> };

/** Not in the files: the project's own code for the region. Its names are the region's official ones. */
export const REGION = { code: 'BRU', nameFr: 'Région de Bruxelles-Capitale', nameNl: 'Brussels Hoofdstedelijk Gewest' };

export interface MunicipalityFact {
  nis: string;
  nameFr: string;
  nameNl: string;
  lat: number;
  lon: number;
  areaKm2: number;
  geometry: Area;
}

export type QuartierKind = 'RESIDENTIAL' | 'PARK' | 'INDUSTRIAL' | 'CEMETERY';
/** `code_group_inferred` of monitoring_quartiers.csv: the kind read from the code ranges (inferred, see SOURCES). */
const KIND: Record<string, QuartierKind> = { quartier: 'RESIDENTIAL', parc_bois: 'PARK', zone_industrielle_ou_gare: 'INDUSTRIAL', cimetiere: 'CEMETERY' };

export interface QuartierFact {
  code: string;
  nameFr: string;
  nameNl: string;
  kind: QuartierKind;
  /** The municipality holding the largest share of its area. */
  mainNis: string;
  /** Every municipality it touches (IBSA's set, verified), with the share of its area (computed against UrbIS, see SOURCES). */
  shares: Array<{ nis: string; share: number | null }>;
  areaKm2: number;
  centroid: [number, number];
  /** A point inside the polygon (the centroid of a crescent can fall outside). */
  innerPoint: [number, number];
  inspireId: string;
  geometry: Area;
  zone: ZoneAssignment;
}

export interface ZoneFact {
  code: string;
  nameFr: string;
  nameNl: string;
  nameNlOfficial: boolean;
  source: string;
  municipalities: ZoneMembership[];
}

export interface SectorUnitFact {
  code: string;
  nameFr: string;
  nameNl: string;
  quartierCode: string;
  nis: string;
  years: number[];
}

/**
 * Not found in any source: the Dutch name of the Sud-Est zone. This is the project's translation,
 * served with nameNlOfficial = false.
 */
const PROJECT_NL_NAMES: Record<string, string> = { SUD_EST: 'Zorgzone Zuid-Oost' };

const splitList = (s: string) =>
  s
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean);
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function loadMunicipalities(): MunicipalityFact[] {
  const shapes = new Map(readGeoJson('grids/brussels_municipalities_simplified.geojson').features.map((f) => [String(f.properties.nis), f.geometry]));
  return readCsv('grids/brussels_municipalities.csv').map((r) => ({
    nis: r.nis!,
    nameFr: r.name_fr!,
    nameNl: r.name_nl!,
    lat: Number(r.centroid_lat),
    lon: Number(r.centroid_lon),
    areaKm2: Number(r.area_km2),
    geometry: shapes.get(r.nis!) ?? fail(`no polygon for municipality ${r.nis}`),
  }));
}

function loadZones(): ZoneFact[] {
  const bassins = new Map(readCsv('grids/qss_bassins.csv').map((r) => [`Bassin ${r.bassin_fr}`, r]));
  return readCsv('zones.csv').map((z) => {
    const b = bassins.get(z.name_fr!) ?? fail(`no bassin row for ${z.name_fr}`);
    const nlFound = b.zone_nl_status!.startsWith('verified');
    const status: Provenance = b.communes_status === 'stated' ? 'VERIFIED' : 'INFERRED';
    return {
      code: z.code!,
      nameFr: z.name_fr!,
      nameNl: nlFound ? capitalised(b.zone_nl!) : (PROJECT_NL_NAMES[z.code!] ?? fail(`no Dutch name for ${z.code}`)),
      nameNlOfficial: nlFound,
      source: b.source!,
      // "21004(part)" in qss_bassins.csv; zones.csv lists 21004 plainly and says "only partly" in its notes.
      municipalities: splitList(b.communes_nis!).map((m) => ({ nis: m.replace('(part)', ''), part: m.endsWith('(part)'), status })),
    };
  });
}

/** The project's zone for each quartier of Brussels-City (project/brussels_city_zones.csv), by quartier code. */
export function projectZoneRows(): Map<string, { zone: string; provenance: Provenance; basis: string }> {
  return new Map(readCsv('project/brussels_city_zones.csv').map((r) => [r.quartier_code!, { zone: r.zone_code!, provenance: r.provenance as Provenance, basis: r.basis! }]));
}

function loadQuartiers(zones: ZoneFact[]): QuartierFact[] {
  const shapes = new Map(readGeoJson('grids/monitoring_quartiers_simplified15m_wgs84.geojson').features.map((f) => [String(f.properties.code), f.geometry]));
  const split = projectZoneRows();
  return readCsv('grids/monitoring_quartiers.csv').map((r) => {
    const shareOf = new Map(splitList(r.municipality_area_shares_urbadm!).map((s) => s.split(':') as [string, string]));
    const shares = splitList(r.municipalities_nis_ibsa!).map((nis) => ({ nis, share: shareOf.has(nis) ? Number(shareOf.get(nis)) : null }));
    const code = r.code!;
    return {
      code,
      nameFr: r.name_fr!,
      nameNl: r.name_nl!,
      kind: KIND[r.code_group_inferred!] ?? fail(`unknown kind ${r.code_group_inferred}`),
      mainNis: r.municipality_nis!,
      shares,
      areaKm2: Number(r.area_km2),
      centroid: [Number(r.centroid_lon), Number(r.centroid_lat)],
      innerPoint: [Number(r.inner_point_lon), Number(r.inner_point_lat)],
      inspireId: r.inspire_id_wfs!,
      geometry: shapes.get(code) ?? fail(`no polygon for quartier ${code}`),
      zone: assignZone({ mainNis: r.municipality_nis!, municipalities: shares.map((s) => s.nis) }, zones, split.get(code)),
    };
  });
}

/** Statistical sectors of 2024 and 2025 with their quartier and municipality (IBSA's tables). */
function loadSectors(): SectorUnitFact[] {
  const byCode = new Map<string, SectorUnitFact>();
  const add = (year: number, code: string, nameFr: string, nameNl: string, quartierCode: string, nis: string) => {
    const known = byCode.get(code);
    if (known) known.years.push(year);
    else byCode.set(code, { code, nameFr, nameNl, quartierCode, nis, years: [year] });
  };
  for (const r of readCsv('grids/ibsa_sectors_2024_to_monitoring_quartiers.csv'))
    add(2024, r.SecteurStatistique_Code!, r.SecteurStatistique_Nom_FR!, r.SecteurStatistique_Nom_NL!, r.Quartier_Code!, r.Commune_Code!);
  for (const r of readCsv('grids/ibsa_sectors_2025_to_monitoring_quartiers.csv', ';'))
    add(2025, r.secteurstatistique_code!, r.secteurstatistique_nom_fr!, r.secteurstatistique_nom_nl!, r.quartier_code!, r.commune_code!);
  return [...byCode.values()];
}

function fail(message: string): never {
  throw new Error(`src/seed/data/brussels: ${message}`);
}

export const MUNICIPALITIES: MunicipalityFact[] = loadMunicipalities();
export const ZONES: ZoneFact[] = loadZones();
export const QUARTIERS: QuartierFact[] = loadQuartiers(ZONES);
let sectors: SectorUnitFact[] | null = null;
/** Read on first use (1,500 rows the API never needs). */
export const statisticalSectors = (): SectorUnitFact[] => (sectors ??= loadSectors());

let indicators: IndicatorValue[] | null = null;
/** The shared indicator files, each with the level and source line of indicators/MANIFEST.csv. */
export function demoIndicators(): IndicatorValue[] {
  if (indicators) return indicators;
  indicators = [];
  for (const m of readCsv('indicators/MANIFEST.csv')) {
    const { values, problems } = parseIndicatorCsv(fs.readFileSync(path.join(DATA_DIR, 'indicators', m.file!), 'utf8'), m.level as IndicatorLevel, m.source!);
    if (problems.length) fail(`indicators/${m.file}: ${problems.map((p) => `row ${p.row} ${p.field}: ${p.message}`).join('; ')}`);
    indicators.push(...values);
  }
  return indicators;
}

/** The Rézone area: these municipalities plus the Louise quarter of Brussels-City. */
export const REZONE_MUNICIPALITIES = new Set(['21007', '21013', '21009', '21016', '21017']);
export const REZONE_QUARTER_NAME = 'Louise';

export interface SectorFact {
  code: string;
  nameFr: string;
  nameNl: string;
  /** Relative frequency among services. */
  weight: number;
  /** Service-name prefixes [FR, NL]. */
  prefix: [string, string];
}

export const SECTORS: SectorFact[] = [
  { code: 'MENTAL_HEALTH', nameFr: 'Santé mentale', nameNl: 'Geestelijke gezondheidszorg', weight: 14, prefix: ['SSM', 'CGG'] },
  { code: 'DISABILITY', nameFr: 'Handicap', nameNl: 'Personen met een handicap', weight: 8, prefix: ['Service handicap', 'Dienst handicap'] },
  { code: 'HOMELESSNESS', nameFr: 'Sans-abrisme', nameNl: 'Thuislozenzorg', weight: 6, prefix: ['Accueil de jour', 'Dagcentrum'] },
  { code: 'ADDICTION', nameFr: 'Assuétudes', nameNl: 'Verslavingszorg', weight: 5, prefix: ['Centre assuétudes', 'Centrum verslaving'] },
  { code: 'YOUTH', nameFr: 'Aide à la jeunesse', nameNl: 'Jeugdhulp', weight: 10, prefix: ['AMO', 'Jeugdhuis'] },
  {
    code: 'GENERAL_SOCIAL_WORK',
    nameFr: 'Travail social général (CPAS, CAW)',
    nameNl: 'Algemeen welzijnswerk (OCMW, CAW)',
    weight: 15,
    prefix: ['Service social', 'Sociale dienst'],
  },
  { code: 'PRIMARY_CARE', nameFr: 'Maisons médicales', nameNl: 'Wijkgezondheidscentra', weight: 10, prefix: ['Maison médicale', 'Wijkgezondheidscentrum'] },
  { code: 'FAMILY_PLANNING', nameFr: 'Planning familial', nameNl: 'Gezinsplanning', weight: 3, prefix: ['Planning familial', 'Centrum gezinsplanning'] },
  { code: 'HOME_HELP', nameFr: 'Aide à domicile', nameNl: 'Gezinszorg', weight: 9, prefix: ['Aide à domicile', 'Thuiszorg'] },
  { code: 'HOUSING', nameFr: 'Logement (AIS, SISP)', nameNl: 'Wonen (SVK, OVM)', weight: 6, prefix: ['AIS', 'SVK'] },
  { code: 'PALLIATIVE', nameFr: 'Soins palliatifs', nameNl: 'Palliatieve zorg', weight: 2, prefix: ['Équipe palliative', 'Palliatief team'] },
  { code: 'ELDERLY_DEMENTIA', nameFr: 'Personnes âgées et démence', nameNl: 'Ouderenzorg en dementie', weight: 7, prefix: ['Centre de jour seniors', 'Dagcentrum senioren'] },
  { code: 'POLICE_ADMIN', nameFr: 'Police et administration locale', nameNl: 'Politie en lokaal bestuur', weight: 3, prefix: ['Service de prévention', 'Preventiedienst'] },
];

/** The bodies that organise the seed initiatives (real organisations, with no demo services). */
export const ORGANISERS = [
  { id: 'org-smes', nameFr: 'Smes', nameNl: 'Smes' },
  { id: 'org-brusano', nameFr: 'Brusano', nameNl: 'Brusano' },
  { id: 'org-maya', nameFr: 'Maya', nameNl: 'Maya' },
  { id: 'org-rezone', nameFr: 'Rézone', nameNl: 'Rézone' },
  { id: 'org-kenniscentrum-wwz', nameFr: 'Centre d’expertise WWZ', nameNl: 'Kenniscentrum WWZ' },
];
