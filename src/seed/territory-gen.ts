/**
 * The territory of one region: the real Brussels one (region 0), read from the source files
 * (brussels.ts), or a synthetic copy for the L scale, with prefixed codes, "(R02)" names and its
 * shapes moved north by one degree per region. Neighbourhoods are the 145 IBSA monitoring quartiers;
 * each is in one care zone (zones.ts, with provenance). The statistical sectors and the indicators of
 * the source files are loaded with region 0 only (they describe the real one).
 */
import { demoIndicators, MUNICIPALITIES, QUARTIERS, REGION, REZONE_MUNICIPALITIES, REZONE_QUARTER_NAME, ZONES, statisticalSectors, type QuartierKind } from './brussels';
import type { Dataset } from './dataset';
import type { Random } from './random';
import { bboxOf, shiftNorth, unionAreas, type Area } from '../modules/territory/geometry';

export interface Quartier {
  code: string;
  zoneCode: string;
  nis: string;
  rezoneArea: boolean;
  lat: number;
  lon: number;
  kind: QuartierKind;
  /** Registered population on 1 January 2019 (Statbel, summed by quartier); 0 where none is published. */
  population: number;
  geometry: Area;
  /** Its main municipality's polygon: demo services are placed inside both. */
  municipalityGeometry: Area;
}

export interface RegionTerritory {
  regionCode: string;
  prefix: string;
  quartiers: Quartier[];
  /** Residential quartiers with people: where demo services are placed. */
  residential: Quartier[];
  zoneCodes: string[];
  nameOfMunicipality: Map<string, { fr: string; nl: string }>;
}

/** Zone shapes of region 0, computed once (a union of 20–40 quartiers takes 40–180 ms). */
let baseZoneShapes: Map<string, Area | null> | null = null;
const zoneShapes = () => (baseZoneShapes ??= new Map(ZONES.map((z) => [z.code, unionAreas(QUARTIERS.filter((q) => q.zone.zoneCode === z.code).map((q) => q.geometry))])));

export function generateTerritory(data: Dataset, _rnd: Random, regionIndex: number): RegionTerritory {
  const prefix = regionIndex === 0 ? '' : `R${String(regionIndex + 1).padStart(2, '0')}-`;
  const regionCode = regionIndex === 0 ? REGION.code : `R${String(regionIndex + 1).padStart(2, '0')}`;
  const synthetic = regionIndex > 0;
  const label = (fr: string, nl: string) => (synthetic ? { fr: `${fr} (${regionCode})`, nl: `${nl} (${regionCode})` } : { fr, nl });
  const shape = (g: Area) => shiftNorth(g, regionIndex);
  const placed = (g: Area) => {
    const s = shape(g);
    const [west, south, east, north] = bboxOf(s);
    return { geometry: JSON.stringify(s), west, south, east, north };
  };

  const regionName = synthetic ? { fr: `Région synthétique ${regionIndex + 1}`, nl: `Synthetisch gewest ${regionIndex + 1}` } : { fr: REGION.nameFr, nl: REGION.nameNl };
  data.regions.push({ code: regionCode, nameFr: regionName.fr, nameNl: regionName.nl });

  const nameOfMunicipality = new Map<string, { fr: string; nl: string }>();
  const municipalityShape = new Map<string, Area>();
  for (const m of MUNICIPALITIES) {
    const name = label(m.nameFr, m.nameNl);
    const nis = prefix + m.nis;
    nameOfMunicipality.set(nis, name);
    municipalityShape.set(nis, shape(m.geometry));
    data.municipalities.push({ nis, nameFr: name.fr, nameNl: name.nl, regionCode, lat: m.lat + regionIndex, lon: m.lon, areaKm2: m.areaKm2, synthetic, ...placed(m.geometry) });
  }

  const zoneCodes: string[] = [];
  for (const zone of ZONES) {
    const code = prefix + zone.code;
    zoneCodes.push(code);
    const name = label(zone.nameFr, zone.nameNl);
    const g = zoneShapes().get(zone.code) ?? null;
    data.zones.push({ code, nameFr: name.fr, nameNl: name.nl, nameNlOfficial: zone.nameNlOfficial, regionCode, source: zone.source, synthetic, ...(g ? placed(g) : NO_SHAPE) });
  }

  const population = new Map(
    demoIndicators()
      .filter((v) => v.level === 'NEIGHBOURHOOD' && v.indicator === 'population')
      .map((v) => [v.code, v.value ?? 0]),
  );
  const quartiers: Quartier[] = [];
  for (const q of QUARTIERS) {
    const code = prefix + q.code;
    const zoneCode = prefix + (q.zone.zoneCode ?? '');
    const nis = prefix + q.mainNis;
    const name = label(q.nameFr, q.nameNl);
    const rezoneArea = REZONE_MUNICIPALITIES.has(q.mainNis) || q.nameFr.startsWith(REZONE_QUARTER_NAME);
    const [lon, lat] = q.centroid;
    const geometry = shape(q.geometry);
    quartiers.push({
      code,
      zoneCode,
      nis,
      rezoneArea,
      lat: lat + regionIndex,
      lon,
      kind: q.kind,
      population: population.get(q.code) ?? 0,
      geometry,
      municipalityGeometry: municipalityShape.get(nis)!,
    });
    data.neighbourhoods.push({
      code,
      grid: 'MONITORING',
      nameFr: name.fr,
      nameNl: name.nl,
      synthetic,
      rezoneArea,
      municipalityNis: nis,
      zoneCode: q.zone.zoneCode ? zoneCode : null,
      zoneProvenance: q.zone.provenance,
      zoneBasis: q.zone.basis,
      municipalities: q.shares.map((s) => ({ nis: prefix + s.nis, share: s.share })),
      kind: q.kind,
      areaKm2: q.areaKm2,
      inspireId: synthetic ? null : q.inspireId,
      lat: lat + regionIndex,
      lon,
      innerLat: q.innerPoint[1] + regionIndex,
      innerLon: q.innerPoint[0],
      ...placed(q.geometry),
    });
  }

  if (!synthetic) {
    for (const s of statisticalSectors())
      data.statisticalSectors.push({ code: s.code, nameFr: s.nameFr, nameNl: s.nameNl, neighbourhoodCode: s.quartierCode, municipalityNis: s.nis, years: s.years });
    data.indicators.push(...demoIndicators());
  }
  const residential = quartiers.filter((q) => q.kind === 'RESIDENTIAL' && q.population > 0);
  return { regionCode, prefix, quartiers, residential, zoneCodes, nameOfMunicipality };
}

const NO_SHAPE = { geometry: null, west: null, south: null, east: null, north: null };
