/**
 * The territory of one region: the real Brussels one (region 0), or a synthetic copy with
 * prefixed codes for the L scale. Neighbourhoods are invented ("démo"/"demo", synthetic: true)
 * inside the real municipalities and zones; an import of the official grid replaces them.
 */
import { MUNICIPALITIES, REGION, REZONE_MUNICIPALITIES, REZONE_QUARTER_NAME, ZONES } from './brussels';
import type { Dataset } from './dataset';
import type { Random } from './random';

export interface Quartier {
  code: string;
  zoneCode: string;
  nis: string;
  rezoneArea: boolean;
  lat: number;
  lon: number;
}

export interface RegionTerritory {
  regionCode: string;
  prefix: string;
  quartiers: Quartier[];
  /** Monitoring-grid neighbourhood codes by municipality NIS. */
  monitoringByNis: Map<string, string[]>;
  zoneCodes: string[];
  nameOfMunicipality: Map<string, { fr: string; nl: string }>;
}

const MONITORING_PER_MUNICIPALITY = 2;

export function generateTerritory(data: Dataset, rnd: Random, regionIndex: number): RegionTerritory {
  const prefix = regionIndex === 0 ? '' : `R${String(regionIndex + 1).padStart(2, '0')}-`;
  const regionCode = regionIndex === 0 ? REGION.code : `R${String(regionIndex + 1).padStart(2, '0')}`;
  const synthetic = regionIndex > 0;
  const label = (fr: string, nl: string) => (synthetic ? { fr: `${fr} (${regionCode})`, nl: `${nl} (${regionCode})` } : { fr, nl });

  const regionName = synthetic ? { fr: `Région synthétique ${regionIndex + 1}`, nl: `Synthetisch gewest ${regionIndex + 1}` } : { fr: REGION.nameFr, nl: REGION.nameNl };
  data.regions.push({ code: regionCode, nameFr: regionName.fr, nameNl: regionName.nl });

  const nameOfMunicipality = new Map<string, { fr: string; nl: string }>();
  const centroid = new Map<string, { lat: number; lon: number }>();
  for (const m of MUNICIPALITIES) {
    const name = label(m.nameFr, m.nameNl);
    const nis = prefix + m.nis;
    nameOfMunicipality.set(nis, name);
    centroid.set(nis, { lat: m.lat + regionIndex, lon: m.lon });
    data.municipalities.push({ nis, nameFr: name.fr, nameNl: name.nl, regionCode, lat: m.lat + regionIndex, lon: m.lon });
  }

  const quartiers: Quartier[] = [];
  const zoneCodes: string[] = [];
  for (const zone of ZONES) {
    const zoneCode = prefix + zone.code;
    zoneCodes.push(zoneCode);
    const name = label(zone.nameFr, zone.nameNl);
    data.zones.push({ code: zoneCode, nameFr: name.fr, nameNl: name.nl, nameNlOfficial: false, regionCode });
    let n = 0;
    for (const [baseNis, count] of Object.entries(zone.quartiers)) {
      const nis = prefix + baseNis;
      const known = zone.knownNames[baseNis] ?? [];
      const muni = nameOfMunicipality.get(nis) as { fr: string; nl: string };
      const c = centroid.get(nis) as { lat: number; lon: number };
      for (let i = 0; i < count; i++) {
        n += 1;
        const [fr, nl] = known[i] ?? [`${muni.fr} ${i + 1}`, `${muni.nl} ${i + 1}`];
        const code = `${prefix}SYN-QSS-${zone.code}-${String(n).padStart(2, '0')}`;
        const rezoneArea = REZONE_MUNICIPALITIES.has(baseNis) || fr === REZONE_QUARTER_NAME;
        const lat = round(c.lat + (rnd.next() - 0.5) * 0.012);
        const lon = round(c.lon + (rnd.next() - 0.5) * 0.018);
        quartiers.push({ code, zoneCode, nis, rezoneArea, lat, lon });
        data.neighbourhoods.push({
          code,
          grid: 'SOCIAL_HEALTH',
          nameFr: `${fr} (démo)`,
          nameNl: `${nl} (demo)`,
          synthetic: true,
          rezoneArea,
          municipalityNis: nis,
          zoneCode,
          lat,
          lon,
        });
      }
    }
  }

  const monitoringByNis = new Map<string, string[]>();
  for (const m of MUNICIPALITIES) {
    const nis = prefix + m.nis;
    const muni = nameOfMunicipality.get(nis) as { fr: string; nl: string };
    const c = centroid.get(nis) as { lat: number; lon: number };
    const codes: string[] = [];
    for (let i = 1; i <= MONITORING_PER_MUNICIPALITY; i++) {
      const code = `${prefix}SYN-MON-${m.nis}-${i}`;
      codes.push(code);
      data.neighbourhoods.push({
        code,
        grid: 'MONITORING',
        nameFr: `${muni.fr} secteur ${i} (démo)`,
        nameNl: `${muni.nl} sector ${i} (demo)`,
        synthetic: true,
        rezoneArea: false,
        municipalityNis: nis,
        zoneCode: null,
        lat: round(c.lat + (i - 1.5) * 0.006),
        lon: round(c.lon),
      });
    }
    monitoringByNis.set(nis, codes);
  }
  return { regionCode, prefix, quartiers, monitoringByNis, zoneCodes, nameOfMunicipality };
}

const round = (x: number) => Math.round(x * 1e5) / 1e5;
