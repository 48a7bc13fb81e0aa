/**
 * Open Referral HSDS to our directory rows, from either form HSDS publishes:
 *  - the tabular data package: a folder of CSV files, found through its `datapackage.json`
 *    (resource name → path: `organization`, `service`, `location`, `service_at_location`,
 *    `language`), else under the conventional names (HSDS 1.x and 3.0 spell the service-at-location
 *    file three ways);
 *  - HSDS 3.0 JSON: a services array (bare, or under `contents` as the API pages it, or `services`)
 *    with each service's `organization`, `service_at_locations[].location` and `languages` nested.
 *
 * HSDS has no Brussels sector nor social-health quartier, and makes language optional, so:
 *  - sectors come from the extension `x_sectors` (codes, `;`-separated, or a JSON array);
 *  - the quartier is the quartier (in a zone) whose polygon holds the service's first location
 *    inside the Brussels region (without polygons in the graph: the one whose centroid is nearest);
 *    a location elsewhere, or one without coordinates, gives no quartier;
 *  - the working language is FR, NL or BOTH from the service's languages (ISO codes or names);
 *    other languages do not count;
 *  - names have no language in HSDS: `name` is taken as French and `alternate_name` as Dutch.
 * What HSDS leaves optional stays optional: a service without language, sectors or a Brussels
 * location is imported as incomplete (`incomplete` on the node) and listed in the report with what
 * is missing, for an editor to complete. Nothing is guessed, and an incomplete service never stops
 * the others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { cypher, type Db } from '../../neo4j/driver';
import { importRows, importRowsInTransaction, parseCsv, type ImportKind, type ImportOptions, type ImportReportRow } from './import';
import { contains, parseArea } from '../territory/geometry';

const QUARTIERS = cypher(
  'import.hsds.quartiers',
  'MATCH (n:Neighbourhood) WHERE n.lat IS NOT NULL AND (n)-[:IN_ZONE]->() RETURN n.code AS code, n.lat AS lat, n.lon AS lon, n.geometry AS geometry',
);

const INCOMPLETE = cypher('import.hsds.incomplete', 'UNWIND $ids AS id MATCH (s:Service {id: id}) RETURN s.id AS id, s.incomplete AS incomplete');

/**
 * The Brussels-Capital Region's bounding box, with a margin. A location outside it is not placed
 * in the nearest Brussels quartier (that would be a guess): the service is incomplete instead.
 */
const BRUSSELS = { minLat: 50.76, maxLat: 50.92, minLon: 4.24, maxLon: 4.49 };

type Csv = Record<string, string>;

/** One service as HSDS gives it, whatever the form. */
interface HsdsService {
  /** Where it is in the source, for the report: services.csv row (header = 1) or array index. */
  row: number;
  id: string;
  organizationId: string;
  name: string;
  alternateName: string;
  sectors: string;
  languages: string[];
  locations: Array<{ latitude: string; longitude: string }>;
}

interface HsdsOrganization {
  id: string;
  name: string;
  alternateName: string;
}

export interface IncompleteService {
  /** services.csv row (the header is row 1), or the service's position in the JSON array (from 1). */
  row: number;
  id: string;
  /** `language`, `neighbourhood`, `sectors`: what an editor has to complete. */
  missing: string[];
  reason: string;
}

export interface HsdsReport {
  /** `csv` (a data package) or `json` (HSDS 3.0). */
  form: 'csv' | 'json';
  /** The file the services came from, for the report's `file` column. */
  servicesFile: string;
  organisations: ImportReportRow;
  services: ImportReportRow;
  /** Services written without language, sectors or a Brussels quartier. */
  incomplete: IncompleteService[];
  note: string;
}

/** The data package's resource paths by resource name, when it has a `datapackage.json`. */
function packagePaths(dir: string): Map<string, string> {
  const file = path.join(dir, 'datapackage.json');
  if (!fs.existsSync(file)) return new Map();
  const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as { resources?: Array<{ name?: unknown; path?: unknown }> };
  return new Map((doc.resources ?? []).flatMap((r) => (typeof r.name === 'string' && typeof r.path === 'string' ? [[r.name.toLowerCase(), r.path] as [string, string]] : [])));
}

/** A resource of the package: its declared path first, then the names HSDS versions use. */
function readResource(dir: string, declared: Map<string, string>, names: string[], fallbacks: string[], required: boolean): { rows: Csv[]; file: string } {
  const candidates = [...names.flatMap((n) => (declared.has(n) ? [declared.get(n)!] : [])), ...fallbacks];
  for (const c of candidates) {
    const file = path.join(dir, c);
    if (fs.existsSync(file)) return { rows: parseCsv(fs.readFileSync(file, 'utf8')), file: c };
  }
  if (required) throw new Error(`HSDS: no ${names[0]} resource in ${dir} (looked for ${[...new Set(candidates)].join(', ')})`);
  return { rows: [], file: '' };
}

function fromPackage(dir: string): { orgs: HsdsOrganization[]; services: HsdsService[]; servicesFile: string } {
  const declared = packagePaths(dir);
  const orgs = readResource(dir, declared, ['organization', 'organizations'], ['organizations.csv'], true).rows;
  const services = readResource(dir, declared, ['service', 'services'], ['services.csv'], true);
  const locations = new Map(readResource(dir, declared, ['location', 'locations'], ['locations.csv'], false).rows.map((l) => [l.id ?? '', l]));
  const atLocation = readResource(
    dir,
    declared,
    ['service_at_location', 'services_at_location', 'service_at_locations'],
    ['service_at_location.csv', 'services_at_location.csv', 'service_at_locations.csv'],
    false,
  ).rows;
  const locationsOf = new Map<string, Csv[]>();
  for (const s of atLocation) {
    const l = locations.get(s.location_id ?? '');
    if (l && s.service_id) locationsOf.set(s.service_id, [...(locationsOf.get(s.service_id) ?? []), l]);
  }
  const languagesOf = new Map<string, string[]>();
  // HSDS 1.x has a `language` column; HSDS 3.0 has `name` and `code`.
  for (const l of readResource(dir, declared, ['language', 'languages'], ['languages.csv'], false).rows) {
    if (l.service_id) languagesOf.set(l.service_id, [...(languagesOf.get(l.service_id) ?? []), l.language || l.code || l.name || '']);
  }
  return {
    orgs: orgs.map((o) => ({ id: o.id ?? '', name: o.name ?? '', alternateName: o.alternate_name ?? '' })),
    services: services.rows.map((s, i) => ({
      row: i + 2,
      id: s.id ?? '',
      organizationId: s.organization_id ?? '',
      name: s.name ?? '',
      alternateName: s.alternate_name ?? '',
      sectors: s.x_sectors ?? '',
      languages: languagesOf.get(s.id ?? '') ?? [],
      locations: (locationsOf.get(s.id ?? '') ?? []).map((l) => ({ latitude: l.latitude ?? '', longitude: l.longitude ?? '' })),
    })),
    servicesFile: services.file,
  };
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);

/** HSDS 3.0 JSON: the services with their organisation, locations and languages nested. */
export function fromJson(text: string): { orgs: HsdsOrganization[]; services: HsdsService[] } {
  const doc: unknown = JSON.parse(text);
  const services = Array.isArray(doc) ? list(doc) : isObject(doc) ? list(doc.contents ?? doc.services) : [];
  const orgs = new Map<string, HsdsOrganization>();
  const out = services.map((s, i): HsdsService => {
    const org = isObject(s.organization) ? s.organization : undefined;
    const organizationId = str(s.organization_id) || str(org?.id);
    if (org && organizationId && !orgs.has(organizationId)) orgs.set(organizationId, { id: organizationId, name: str(org.name), alternateName: str(org.alternate_name) });
    const sectors = Array.isArray(s.x_sectors) ? s.x_sectors.map(str).join(';') : str(s.x_sectors);
    return {
      row: i + 1,
      id: str(s.id),
      organizationId,
      name: str(s.name),
      alternateName: str(s.alternate_name),
      sectors,
      languages: list(s.languages).map((l) => str(l.code) || str(l.name) || str(l.language)),
      locations: list(s.service_at_locations).flatMap((sal) => {
        const l = isObject(sal.location) ? sal.location : undefined;
        return l ? [{ latitude: str(l.latitude), longitude: str(l.longitude) }] : [];
      }),
    };
  });
  return { orgs: [...orgs.values()], services: out };
}

const FRENCH = new Set(['fr', 'fra', 'fre', 'french', 'français', 'francais', 'frans']);
const DUTCH = new Set(['nl', 'nld', 'dut', 'dutch', 'nederlands', 'néerlandais', 'neerlandais', 'flemish', 'vlaams']);

/** FR, NL or BOTH from HSDS languages (ISO 639 codes, `fr-BE`, or names); '' when neither is there. */
export function workingLanguage(languages: string[]): string {
  const base = languages.map((l) => l.trim().toLowerCase().split(/[-_]/)[0] ?? '');
  const fr = base.some((l) => FRENCH.has(l));
  const nl = base.some((l) => DUTCH.has(l));
  return fr && nl ? 'BOTH' : fr ? 'FR' : nl ? 'NL' : '';
}

const REASONS: Record<string, string> = {
  language: 'no French or Dutch among its languages',
  neighbourhood: 'no location with coordinates in the Brussels region',
  sectors: 'no x_sectors',
};

/** Carries a dry run's reports out of the transaction it rolls back. */
class DryRun extends Error {
  constructor(
    readonly organisations: ImportReportRow,
    readonly services: ImportReportRow,
  ) {
    super('HSDS dry run: rolled back');
  }
}

/** Reads `source` (a data-package folder, a folder holding `services.json`, or an HSDS 3.0 JSON file) and imports it. */
export async function importHsds(db: Db, source: string, opts: ImportOptions): Promise<HsdsReport> {
  const jsonFile = fs.statSync(source).isDirectory()
    ? fs.existsSync(path.join(source, 'services.json')) && !fs.existsSync(path.join(source, 'datapackage.json'))
      ? path.join(source, 'services.json')
      : null
    : source;
  const form = jsonFile ? 'json' : 'csv';
  const { orgs, services, servicesFile } = jsonFile ? { ...fromJson(fs.readFileSync(jsonFile, 'utf8')), servicesFile: path.basename(jsonFile) } : fromPackage(source);

  const quartiers = await db.read<{ code: string; lat: number; lon: number; geometry: string | null }>(QUARTIERS);
  // With the quartiers' polygons, the one that holds the point (none: outside the region); without
  // them, the nearest centroid inside the region's box.
  const shapes = quartiers.flatMap((q) => (q.geometry ? [{ code: q.code, area: parseArea(q.geometry) }] : []));
  const holding = (lat: number, lon: number) => shapes.find((q) => contains(q.area, lon, lat))?.code ?? '';
  const nearest = (lat: number, lon: number) => {
    let best = '';
    let bestD = Infinity;
    for (const q of quartiers) {
      const d = (q.lat - lat) ** 2 + ((q.lon - lon) * Math.cos((lat * Math.PI) / 180)) ** 2;
      if (d < bestD) [best, bestD] = [q.code, d];
    }
    return best;
  };
  const quartierOf = (s: HsdsService) => {
    for (const l of s.locations) {
      // Number('') is 0: an empty coordinate is no coordinate.
      const lat = l.latitude.trim() ? Number(l.latitude) : NaN;
      const lon = l.longitude.trim() ? Number(l.longitude) : NaN;
      if (lat >= BRUSSELS.minLat && lat <= BRUSSELS.maxLat && lon >= BRUSSELS.minLon && lon <= BRUSSELS.maxLon) return shapes.length ? holding(lat, lon) : nearest(lat, lon);
    }
    return '';
  };

  const orgRows = orgs.map((o) => ({ id: o.id, name_fr: o.name, name_nl: o.alternateName || o.name }));
  const rows = services.map((s) => ({
    id: s.id,
    name_fr: s.name,
    name_nl: s.alternateName || s.name,
    organisation_id: s.organizationId,
    neighbourhood: quartierOf(s),
    language: workingLanguage(s.languages),
    sectors: s.sectors,
  }));
  const serviceOpts = { ...opts, incompleteAllowed: true };
  let organisations: ImportReportRow;
  let servicesReport: ImportReportRow;
  if (opts.dryRun) {
    // One transaction, rolled back: the services must see the organisations the run would create.
    const both = await db
      .writeTx(async (tx) => {
        const run = (kind: ImportKind, list: Array<Record<string, string>>, o: ImportOptions) => importRowsInTransaction(tx, kind, list, o);
        throw new DryRun(await run('organisations', orgRows, opts), await run('services', rows, serviceOpts));
      })
      .catch((err: unknown) => {
        if (err instanceof DryRun) return err;
        throw err;
      });
    organisations = both.organisations;
    servicesReport = both.services;
  } else {
    organisations = await importRows(db, 'organisations', orgRows, opts);
    servicesReport = await importRows(db, 'services', rows, serviceOpts);
  }
  // importRows numbers rows as a CSV (header = row 1): keep the source's own numbering in the report.
  const rowOf = (n: number) => services[n - 2]?.row ?? n;
  servicesReport.rejected = servicesReport.rejected.map((r) => ({ ...r, row: rowOf(r.row) }));
  const rejected = new Set(servicesReport.rejected.map((r) => r.row));
  // Once written, what is still missing is the node's own marker: an editor may have completed a
  // field this source leaves empty.
  const marked = !opts.dryRun
    ? new Map((await db.read<{ id: string; incomplete: string[] | null }>(INCOMPLETE, { ids: services.map((s) => s.id) })).map((r) => [r.id, r.incomplete ?? []]))
    : null;
  const incomplete = services.flatMap((s, i): IncompleteService[] => {
    const r = rows[i]!;
    const fromSource = [!r.language && 'language', !r.neighbourhood && 'neighbourhood', !r.sectors.trim() && 'sectors'].filter((f): f is string => Boolean(f));
    const missing = marked?.has(s.id) ? fromSource.filter((f) => marked.get(s.id)!.includes(f)) : fromSource;
    if (!missing.length || rejected.has(s.row)) return [];
    return [{ row: s.row, id: s.id, missing, reason: missing.map((m) => REASONS[m]).join('; ') }];
  });
  return {
    form,
    servicesFile,
    organisations,
    services: servicesReport,
    incomplete,
    note: 'quartiers assigned by the polygon holding the location (by nearest centroid when the graph has no quartier polygons); names: name = FR, alternate_name = NL; incomplete services keep what an editor already completed',
  };
}
