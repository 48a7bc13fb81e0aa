/**
 * Open Referral HSDS (CSV form) to our directory rows: organizations.csv, services.csv,
 * locations.csv and service_at_location.csv (plus languages.csv when present). HSDS has no
 * Brussels sector nor social-health quartier, so:
 *  - sectors come from the extension column `x_sectors` of services.csv (codes, `;`-separated);
 *    a service without one is rejected rather than guessed;
 *  - the quartier is the social-health quartier whose centroid is nearest to the service's
 *    location (an approximation until quartier polygons are imported; the report says so);
 *  - names have no language in HSDS: `name` is taken as French and `alternate_name` as Dutch.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cypher, type Db } from '../../neo4j/driver';
import { importRows, parseCsv, type ImportOptions, type ImportReportRow } from './import';

const QUARTIERS = cypher('import.hsds.quartiers', "MATCH (n:Neighbourhood {grid: 'SOCIAL_HEALTH'}) WHERE n.lat IS NOT NULL RETURN n.code AS code, n.lat AS lat, n.lon AS lon");

type Csv = Record<string, string>;
const read = (dir: string, name: string, required: boolean): Csv[] => {
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) {
    if (required) throw new Error(`HSDS: ${name} is missing in ${dir}`);
    return [];
  }
  return parseCsv(fs.readFileSync(file, 'utf8'));
};

export interface HsdsReport {
  organisations: ImportReportRow;
  services: ImportReportRow;
  note: string;
}

export async function importHsds(db: Db, dir: string, opts: ImportOptions): Promise<HsdsReport> {
  const orgs = read(dir, 'organizations.csv', true);
  const services = read(dir, 'services.csv', true);
  const locations = new Map(read(dir, 'locations.csv', true).map((l) => [l.id!, l]));
  const locationOf = new Map(read(dir, 'service_at_location.csv', true).map((s) => [s.service_id!, s.location_id!]));
  const languages = new Map<string, Set<string>>();
  for (const l of read(dir, 'languages.csv', false)) languages.set(l.service_id!, (languages.get(l.service_id!) ?? new Set()).add(l.language!.toLowerCase().slice(0, 2)));
  const quartiers = await db.read<{ code: string; lat: number; lon: number }>(QUARTIERS);
  const nearest = (lat: number, lon: number) => {
    let best: string | undefined;
    let bestD = Infinity;
    for (const q of quartiers) {
      const d = (q.lat - lat) ** 2 + ((q.lon - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
      if (d < bestD) [best, bestD] = [q.code, d];
    }
    return best ?? '';
  };
  const organisations = await importRows(db, 'organisations', orgs.map((o) => ({ id: o.id ?? '', name_fr: o.name ?? '', name_nl: o.alternate_name || o.name || '' })), opts);
  const rows = services.map((s) => {
    const loc = locations.get(locationOf.get(s.id ?? '') ?? '');
    const lat = Number(loc?.latitude);
    const lon = Number(loc?.longitude);
    const langs = languages.get(s.id ?? '') ?? new Set<string>();
    const language = langs.has('fr') && langs.has('nl') ? 'BOTH' : langs.has('nl') ? 'NL' : langs.has('fr') ? 'FR' : '';
    return {
      id: s.id ?? '',
      name_fr: s.name ?? '',
      name_nl: s.alternate_name || s.name || '',
      organisation_id: s.organization_id ?? '',
      neighbourhood: Number.isFinite(lat) && Number.isFinite(lon) && loc ? nearest(lat, lon) : '',
      language,
      sectors: s.x_sectors ?? '',
    };
  });
  const servicesReport = await importRows(db, 'services', rows, opts);
  return { organisations, services: servicesReport, note: 'quartiers assigned by nearest centroid (approximate); names: name = FR, alternate_name = NL' };
}
