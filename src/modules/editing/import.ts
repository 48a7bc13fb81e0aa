/**
 * Bulk import of the lists editors hold (CSV): organisations, services, people, employment,
 * attendance, and the official monitoring-neighbourhood grid. Used by `npm run import` and the
 * `importCsv` mutation.
 *
 * - Every row is checked first; a rejected row is reported with its row number, field and reason
 *   (and never half-written).
 * - Rows are written in batches with UNWIND, one transaction per batch, MERGE on stable keys;
 *   derived ties are refreshed in the same transaction. Re-running a file changes nothing: the
 *   report then says 0 created, N unchanged.
 * - Every row that would be written is checked by the rules engine (rules.ts) — the same checks
 *   as the mutations — inside the batch's write transaction, on the state the batch would produce,
 *   with set-based reads (a few statements per batch, none per row). A row that breaks a rule is
 *   rejected with the rule's code, the field and the reason; nothing of it is written.
 * - `dryRun` runs the import exactly as a real run, in one transaction that is then rolled back: it
 *   reports exactly what a real run would refuse, and writes nothing. `allOrNothing` runs it in one
 *   transaction that is committed only when no row is rejected.
 * - A row naming a person who was erased (a tombstone matches, see erasure.ts) is skipped and
 *   counted as `erased`: never written, never reported one by one.
 * - Reasons name no person: they quote only codes the row gives (session, organisation, role).
 */
import { parse } from 'csv-parse/sync';
import { cypher, type Db, type NamedQuery, type Row, type Tx } from '../../neo4j/driver';
import { refreshTies } from '../network/ties';
import { ERASED_KEYS, erasedKeys, erasureKey, nameErasureKey } from './erasure';
import { CandidatePool, emailHash, matchPerson, newPersonId, normaliseName } from './matching';
import { EVIDENCE_IMPORT_KINDS, importEvidence, isEvidenceKind } from '../evidence/import';
import { AttendanceState, groupProblem, type AttendanceChange, type AttendanceFields } from './rules';

export const IMPORT_KINDS = ['organisations', 'services', 'people', 'employment', 'attendance', 'neighbourhoods', ...EVIDENCE_IMPORT_KINDS] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface RejectedRow {
  row: number;
  field: string;
  reason: string;
}

export interface DoubtfulMatch {
  row: number;
  name: string;
  candidates: string[];
  reason: string;
}

export interface ImportReportRow {
  kind: ImportKind;
  dryRun: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows skipped because they name a person who was erased. */
  erased: number;
  rejected: RejectedRow[];
  doubtful: DoubtfulMatch[];
  /** Whether rows were written (false: a dry run, or an all-or-nothing import with rejected rows). */
  written: boolean;
  ms: number;
  rowsPerSecond: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Write every row or none: one transaction, committed only when no row is rejected. */
  allOrNothing?: boolean;
  batchSize?: number;
  /** For e-mail hashes, new person ids and tombstone keys: the same secret as pseudonyms. */
  secret: string;
  onProgress?: (done: number, total: number) => void;
  /**
   * Services only (the HSDS import): a row without language, neighbourhood or sectors is written
   * as incomplete (`incomplete: [fields]` on the node) for an editor to complete, rather than
   * rejected. A field the row leaves empty keeps what the graph already holds (an editor's
   * completion survives the next import of the same source).
   */
  incompleteAllowed?: boolean;
}

/** The service fields a source such as HSDS may leave out; see `incompleteAllowed`. */
export const SERVICE_OPTIONAL_FIELDS = ['language', 'neighbourhood', 'sectors'] as const;

export type Csv = Record<string, string>;

/**
 * The monitoring grid as GeoJSON (opendata.brussels export): one row per feature, from its
 * MDZONE / NAMEFRE / NAMEDUT properties (any case), with the polygon's mean vertex as centroid.
 */
export function geojsonGridRows(text: string): Csv[] {
  const doc = JSON.parse(text) as { features?: Array<{ properties?: Record<string, unknown>; geometry?: { type: string; coordinates: unknown } }> };
  return (doc.features ?? []).map((f) => {
    const props = Object.fromEntries(Object.entries(f.properties ?? {}).map(([k, v]) => [k.toLowerCase(), v === null || v === undefined ? '' : String(v)]));
    const points: number[][] = [];
    const collect = (c: unknown): void => {
      if (Array.isArray(c) && typeof c[0] === 'number') points.push(c as number[]);
      else if (Array.isArray(c)) c.forEach(collect);
    };
    collect(f.geometry?.coordinates);
    const mean = (i: number) => (points.length ? points.reduce((s, p) => s + (p[i] ?? 0), 0) / points.length : NaN);
    return { ...props, lon: Number.isFinite(mean(0)) ? mean(0).toFixed(6) : '', lat: Number.isFinite(mean(1)) ? mean(1).toFixed(6) : '' };
  });
}

export function parseCsv(text: string): Csv[] {
  return parse(text, { columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()), skip_empty_lines: true, trim: true, bom: true, relax_column_count: true });
}

interface Prepared {
  key: string;
  props: Record<string, unknown>;
}

interface KindSpec {
  required: string[];
  prepare(row: Csv, n: number, reject: (field: string, reason: string) => void, opts: ImportOptions): Prepared | null;
  existing: NamedQuery; // $keys → key, sig
  write: NamedQuery; // $rows of {key, props}
}

const WORKING_LANGUAGES = new Set(['FR', 'NL', 'BOTH']);
const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
const yes = (s: string) => ['1', 'true', 'yes', 'oui', 'ja'].includes(s.toLowerCase());

const SPECS: Record<Exclude<ImportKind, 'attendance' | (typeof EVIDENCE_IMPORT_KINDS)[number]>, KindSpec> = {
  organisations: {
    required: ['id', 'name_fr', 'name_nl'],
    prepare: (r) => ({ key: r.id!, props: { nameFr: r.name_fr, nameNl: r.name_nl } }),
    existing: cypher('import.organisations.existing', 'UNWIND $keys AS key MATCH (o:Organisation {id: key}) RETURN key, [o.nameFr, o.nameNl] AS sig'),
    write: cypher(
      'import.organisations.write',
      'UNWIND $rows AS row MERGE (o:Organisation {id: row.key}) ON CREATE SET o.synthetic = false SET o.nameFr = row.props.nameFr, o.nameNl = row.props.nameNl',
    ),
  },
  services: {
    required: ['id', 'name_fr', 'name_nl', 'organisation_id', 'neighbourhood', 'language', 'sectors'],
    prepare: (r, _n, reject, opts) => {
      const language = (r.language ?? '').toUpperCase();
      if (!WORKING_LANGUAGES.has(language) && !(opts.incompleteAllowed && !language)) return (reject('language', 'must be FR, NL or BOTH'), null);
      const sectors = (r.sectors ?? '')
        .split(/[;|]/)
        .map((s) => s.trim().toUpperCase())
        .filter(Boolean);
      if (!sectors.length && !opts.incompleteAllowed) return (reject('sectors', 'give at least the primary sector'), null);
      const incomplete = [!language && 'language', !r.neighbourhood && 'neighbourhood', !sectors.length && 'sectors'].filter((f): f is string => Boolean(f));
      return {
        key: r.id!,
        props: {
          nameFr: r.name_fr,
          nameNl: r.name_nl,
          workingLanguage: language || null,
          organisationId: r.organisation_id,
          neighbourhood: r.neighbourhood || null,
          sectors,
          incomplete,
        },
      };
    },
    existing: cypher(
      'import.services.existing',
      `UNWIND $keys AS key MATCH (s:Service {id: key})
       RETURN key, [s.nameFr, s.nameNl, s.workingLanguage, head([(s)<-[:RUNS]-(o) | o.id]), head([(s)-[:LOCATED_IN]->(n:Neighbourhood) WHERE (n)-[:IN_ZONE]->() | n.code]),
                    head(COLLECT { MATCH (s)-[:IN_SECTOR {primary: true}]->(c) RETURN c.code }),
                    COLLECT { MATCH (s)-[:IN_SECTOR {primary: false}]->(c) RETURN c.code ORDER BY c.code }] AS sig`,
    ),
    write: cypher(
      'import.services.write',
      `UNWIND $rows AS row
       MERGE (s:Service {id: row.key}) ON CREATE SET s.synthetic = false
       SET s.nameFr = row.props.nameFr, s.nameNl = row.props.nameNl, s.workingLanguage = coalesce(row.props.workingLanguage, s.workingLanguage)
       WITH s, row
       CALL { WITH s MATCH (s)<-[r:RUNS]-() DELETE r }
       CALL { WITH s, row WITH s, row WHERE row.props.neighbourhood IS NOT NULL MATCH (s)-[r:LOCATED_IN]->(n:Neighbourhood) WHERE (n)-[:IN_ZONE]->() DELETE r }
       CALL { WITH s, row WITH s, row WHERE size(row.props.sectors) > 0 MATCH (s)-[r:IN_SECTOR]->() DELETE r }
       MATCH (o:Organisation {id: row.props.organisationId})
       MERGE (o)-[:RUNS]->(s)
       WITH s, row
       CALL { WITH s, row WITH s, row WHERE row.props.neighbourhood IS NOT NULL MATCH (n:Neighbourhood {code: row.props.neighbourhood}) MERGE (s)-[:LOCATED_IN]->(n) }
       CALL { WITH s, row UNWIND range(0, size(row.props.sectors) - 1) AS i
              MATCH (c:Sector {code: row.props.sectors[i]}) MERGE (s)-[r:IN_SECTOR]->(c) SET r.primary = (i = 0) }
       // What is still missing once the graph's own values are kept: the marker an editor works from.
       WITH s, [f IN ['language', 'neighbourhood', 'sectors'] WHERE
                  (f = 'language' AND s.workingLanguage IS NULL)
               OR (f = 'neighbourhood' AND NOT EXISTS { (s)-[:LOCATED_IN]->(n:Neighbourhood)-[:IN_ZONE]->() })
               OR (f = 'sectors' AND NOT EXISTS { (s)-[:IN_SECTOR]->(:Sector) })] AS missing
       SET s.incomplete = CASE WHEN size(missing) = 0 THEN null ELSE missing END`,
    ),
  },
  people: {
    required: ['id', 'display_name'],
    prepare: (r) => ({ key: r.id!, props: { displayName: r.display_name, nameKey: normaliseName(r.display_name!), consent: yes(r.consent ?? '') } }),
    existing: cypher('import.people.existing', 'UNWIND $keys AS key MATCH (p:Person {id: key}) RETURN key, [p.displayName, p.consent] AS sig'),
    write: cypher(
      'import.people.write',
      'UNWIND $rows AS row MERGE (p:Person {id: row.key}) ON CREATE SET p.synthetic = false SET p.displayName = row.props.displayName, p.nameKey = row.props.nameKey, p.consent = row.props.consent',
    ),
  },
  employment: {
    required: ['person_id', 'service_id', 'from'],
    prepare: (r, _n, reject) => {
      if (!isDate(r.from!)) return (reject('from', 'must be a date YYYY-MM-DD'), null);
      if (r.to && !isDate(r.to)) return (reject('to', 'must be a date YYYY-MM-DD or empty'), null);
      if (r.to && r.to < r.from!) return (reject('to', 'must not be before from'), null);
      return { key: `${r.person_id}|${r.service_id}|${r.from}`, props: { personId: r.person_id, serviceId: r.service_id, from: r.from, to: r.to || null, role: r.role || null } };
    },
    existing: cypher(
      'import.employment.existing',
      `UNWIND $keys AS key WITH key, split(key, '|') AS k
       MATCH (:Person {id: k[0]})-[w:WORKS_AT {from: date(k[2])}]->(:Service {id: k[1]})
       RETURN key, [k[0], k[1], k[2], toString(w.to), w.role] AS sig`,
    ),
    write: cypher(
      'import.employment.write',
      `UNWIND $rows AS row MATCH (p:Person {id: row.props.personId}), (s:Service {id: row.props.serviceId})
       MERGE (p)-[w:WORKS_AT {from: date(row.props.from)}]->(s)
       SET w.to = CASE WHEN row.props.to IS NULL THEN null ELSE date(row.props.to) END, w.role = row.props.role`,
    ),
  },
  neighbourhoods: {
    // The IBSA monitoring grid as opendata.brussels exports it (MDZONE, NAMEFRE, NAMEDUT).
    required: ['mdzone', 'namefre', 'namedut'],
    prepare: (r) => ({
      key: r.mdzone!,
      props: { nameFr: r.namefre, nameNl: r.namedut, municipalityNis: r.municipality_nis || null, lat: r.lat ? Number(r.lat) : null, lon: r.lon ? Number(r.lon) : null },
    }),
    existing: cypher(
      'import.neighbourhoods.existing',
      'UNWIND $keys AS key MATCH (n:Neighbourhood {code: key}) RETURN key, [n.nameFr, n.nameNl, head([(n)-[:IN_MUNICIPALITY]->(m) | m.nis])] AS sig',
    ),
    write: cypher(
      'import.neighbourhoods.write',
      `UNWIND $rows AS row MERGE (n:Neighbourhood {code: row.key})
       SET n.grid = 'MONITORING', n.nameFr = row.props.nameFr, n.nameNl = row.props.nameNl, n.synthetic = false, n.rezoneArea = false,
           n.lat = row.props.lat, n.lon = row.props.lon
       WITH n, row OPTIONAL MATCH (m:Municipality {nis: row.props.municipalityNis})
       FOREACH (_ IN CASE WHEN m IS NULL THEN [] ELSE [1] END | MERGE (n)-[:IN_MUNICIPALITY]->(m))`,
    ),
  },
};

/** References a batch needs (organisation, neighbourhood, sectors, person, service) that do not exist. */
const MISSING_REFS = cypher(
  'import.missingRefs',
  `UNWIND $refs AS ref
   CALL { WITH ref
     RETURN CASE ref.label
       WHEN 'Organisation' THEN EXISTS { MATCH (:Organisation {id: ref.id}) }
       WHEN 'Neighbourhood' THEN EXISTS { MATCH (:Neighbourhood {code: ref.id})-[:IN_ZONE]->() }
       WHEN 'Sector' THEN EXISTS { MATCH (:Sector {code: ref.id}) }
       WHEN 'Person' THEN EXISTS { MATCH (:Person {id: ref.id}) }
       WHEN 'Service' THEN EXISTS { MATCH (:Service {id: ref.id}) }
       ELSE true END AS found }
   WITH ref, found WHERE NOT found RETURN ref.label AS label, ref.id AS id`,
);

const REF_FIELDS: Partial<Record<ImportKind, Array<[field: string, label: string, pick: (p: Record<string, unknown>) => string[]]>>> = {
  services: [
    ['organisation_id', 'Organisation', (p) => [String(p.organisationId)]],
    ['neighbourhood', 'Neighbourhood', (p) => (p.neighbourhood === null ? [] : [String(p.neighbourhood)])],
    ['sectors', 'Sector', (p) => p.sectors as string[]],
  ],
  employment: [
    ['person_id', 'Person', (p) => [String(p.personId)]],
    ['service_id', 'Service', (p) => [String(p.serviceId)]],
  ],
};

function emptyReport(kind: ImportKind, rows: number, dryRun: boolean): ImportReportRow {
  return { kind, dryRun, rows, created: 0, updated: 0, unchanged: 0, erased: 0, rejected: [], doubtful: [], written: false, ms: 0, rowsPerSecond: 0 };
}

/** Where an import reads and writes: the database (a transaction per batch), or one transaction for the whole import. */
export interface Io {
  read<T extends Row>(query: NamedQuery, params?: Record<string, unknown>): Promise<T[]>;
  /** A batch's write transaction. */
  batch<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}
const perBatch = (db: Db): Io => ({ read: (q, p) => db.read(q, p), batch: (work) => db.writeTx(work) });
const oneTransaction = (tx: Tx): Io => ({ read: (q, p) => tx.run(q, p), batch: (work) => work(tx) });
/** Thrown to roll back a dry run, or an all-or-nothing import with rejected rows. */
class RollBack extends Error {}
/** A whole file in one transaction may take longer than one request. */
const WHOLE_IMPORT_TIMEOUT_MS = 30 * 60_000;

export async function importRows(db: Db, kind: ImportKind, rows: Csv[], opts: ImportOptions): Promise<ImportReportRow> {
  const started = Date.now();
  let report = emptyReport(kind, rows.length, Boolean(opts.dryRun));
  const run = (io: Io) => runKind(io, kind, rows, opts, report);
  if (opts.dryRun || opts.allOrNothing) {
    try {
      await db.writeTx(
        async (tx) => {
          report = emptyReport(kind, rows.length, Boolean(opts.dryRun)); // a retried transaction starts over
          await run(oneTransaction(tx));
          if (opts.dryRun || report.rejected.length) throw new RollBack();
        },
        { timeoutMs: WHOLE_IMPORT_TIMEOUT_MS },
      );
      report.written = true;
    } catch (err) {
      if (!(err instanceof RollBack)) throw err;
    }
  } else {
    await run(perBatch(db));
    report.written = report.created + report.updated > 0;
  }
  report.ms = Date.now() - started;
  report.rowsPerSecond = report.ms > 0 ? Math.round((rows.length * 1000) / report.ms) : rows.length;
  report.rejected.sort((a, b) => a.row - b.row);
  return report;
}

/**
 * Rows imported inside a transaction the caller owns, for lists that must see each other before
 * anything is committed (an HSDS dry run: its services name the organisations the same run would
 * create). Committing or rolling back is the caller's; `dryRun` only sets the report's flag.
 */
export async function importRowsInTransaction(tx: Tx, kind: ImportKind, rows: Csv[], opts: ImportOptions): Promise<ImportReportRow> {
  const started = Date.now();
  const report = emptyReport(kind, rows.length, Boolean(opts.dryRun));
  const io = oneTransaction(tx);
  await runKind(io, kind, rows, opts, report);
  report.written = !opts.dryRun && report.created + report.updated > 0;
  report.ms = Date.now() - started;
  report.rowsPerSecond = report.ms > 0 ? Math.round((rows.length * 1000) / report.ms) : rows.length;
  report.rejected.sort((a, b) => a.row - b.row);
  return report;
}

function runKind(io: Io, kind: ImportKind, rows: Csv[], opts: ImportOptions, report: ImportReportRow): Promise<void> {
  if (kind === 'attendance') return importAttendance(io, rows, opts, report);
  if (isEvidenceKind(kind)) return importEvidence(io, kind, rows, opts, report);
  return importSimple(io, kind, SPECS[kind], rows, opts, report);
}

async function importSimple(io: Io, kind: ImportKind, spec: KindSpec, rows: Csv[], opts: ImportOptions, report: ImportReportRow): Promise<void> {
  const batchSize = opts.batchSize ?? 2000;
  const seen = new Map<string, number>();
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch: Array<Prepared & { n: number }> = [];
    rows.slice(start, start + batchSize).forEach((row, i) => {
      const n = start + i + 2; // row numbers as a spreadsheet shows them (header is row 1)
      const optional: readonly string[] = opts.incompleteAllowed && kind === 'services' ? SERVICE_OPTIONAL_FIELDS : [];
      const missing = spec.required.filter((c) => !row[c] && !optional.includes(c));
      if (missing.length) return void report.rejected.push({ row: n, field: missing[0]!, reason: 'is required' });
      const prepared = spec.prepare(row, n, (field, reason) => report.rejected.push({ row: n, field, reason }), opts);
      if (!prepared) return;
      // The earlier row by its number, not its key: a key can be a person's id.
      const earlier = seen.get(prepared.key);
      if (earlier !== undefined) return void report.rejected.push({ row: n, field: spec.required[0]!, reason: `duplicate of row ${earlier}` });
      seen.set(prepared.key, n);
      batch.push({ ...prepared, n });
    });
    // People lists name people by id: an erased person's id is skipped, not created again.
    if (kind === 'people') {
      const keyOf = (b: Prepared) => erasureKey(opts.secret, 'id', b.key);
      const erased = await erasedKeys((keys) => io.read<{ key: string }>(ERASED_KEYS, { keys }), batch.map(keyOf));
      const kept = batch.filter((b) => !erased.has(keyOf(b)));
      report.erased += batch.length - kept.length;
      batch.splice(0, batch.length, ...kept);
    }
    // References must exist: a row pointing nowhere is rejected, not half-written.
    const refs = (REF_FIELDS[kind] ?? []).flatMap(([field, label, pick]) => batch.flatMap((b) => pick(b.props).map((id) => ({ field, label, id, n: b.n }))));
    const missing = refs.length ? await io.read<{ label: string; id: string }>(MISSING_REFS, { refs: refs.map(({ label, id }) => ({ label, id })) }) : [];
    const bad = new Set(missing.map((m) => `${m.label}|${m.id}`));
    const rejectedRows = new Set<number>();
    for (const r of refs) {
      if (bad.has(`${r.label}|${r.id}`) && !rejectedRows.has(r.n)) {
        rejectedRows.add(r.n);
        // A person is not named by their id in a report (only the row and field point at it).
        report.rejected.push({ row: r.n, field: r.field, reason: r.label === 'Person' ? 'unknown person' : `unknown ${r.label.toLowerCase()} "${r.id}"` });
      }
    }
    const good = batch.filter((b) => !rejectedRows.has(b.n));
    const existing = new Map((await io.read<{ key: string; sig: unknown }>(spec.existing, { keys: good.map((g) => g.key) })).map((e) => [e.key, e.sig]));
    const toWrite = good.filter((g) => {
      const before = existing.get(g.key);
      if (before === undefined) return ((report.created += 1), true);
      if (sameSignature(kind, g, before)) return ((report.unchanged += 1), false);
      return ((report.updated += 1), true);
    });
    if (toWrite.length) {
      await io.batch(async (tx) => {
        await tx.run(spec.write, { rows: toWrite.map(({ key, props }) => ({ key, props })) });
        if (kind === 'employment') {
          await refreshTies(tx, { employmentOf: toWrite.map((w) => String(w.props.personId)), serviceIds: toWrite.map((w) => String(w.props.serviceId)) });
        }
      });
    }
    opts.onProgress?.(Math.min(start + batchSize, rows.length), rows.length);
  }
}

/**
 * Whether a row would leave the graph as it is. A field an incomplete service row leaves empty keeps
 * the graph's value (see `incompleteAllowed`), so it matches whatever is there.
 */
function sameSignature(kind: ImportKind, g: Prepared, before: unknown): boolean {
  const now = signature(kind, g);
  if (kind !== 'services' || !Array.isArray(now) || !Array.isArray(before)) return JSON.stringify(now) === JSON.stringify(before);
  const missing = new Set(g.props.incomplete as string[]);
  const keep = new Set([...(missing.has('language') ? [2] : []), ...(missing.has('neighbourhood') ? [4] : []), ...(missing.has('sectors') ? [5, 6] : [])]);
  return now.every((v, i) => keep.has(i) || JSON.stringify(v) === JSON.stringify(before[i]));
}

/** What the `existing` query returns for a row that is already there unchanged. */
function signature(kind: ImportKind, g: Prepared): unknown {
  const p = g.props;
  switch (kind) {
    case 'organisations':
      return [p.nameFr, p.nameNl];
    case 'services':
      // Primary sector, then the others in code order (their order carries no meaning).
      return [p.nameFr, p.nameNl, p.workingLanguage, p.organisationId, p.neighbourhood, (p.sectors as string[])[0], [...new Set((p.sectors as string[]).slice(1))].sort()];
    case 'people':
      return [p.displayName, p.consent];
    case 'employment':
      return [p.personId, p.serviceId, p.from, p.to, p.role];
    case 'neighbourhoods':
      return [p.nameFr, p.nameNl, p.municipalityNis];
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Attendance lists: session, date, name, organisation, role, present [, email] [, service]

const ROLE_WORDS: Record<string, string> = {
  participant: 'PARTICIPANT',
  deelnemer: 'PARTICIPANT',
  participante: 'PARTICIPANT',
  buurtreferent: 'NEIGHBOURHOOD_REFERENT',
  'référent de quartier': 'NEIGHBOURHOOD_REFERENT',
  'referent de quartier': 'NEIGHBOURHOOD_REFERENT',
  'neighbourhood referent': 'NEIGHBOURHOOD_REFERENT',
  bewaker: 'GUARDIAN',
  gardien: 'GUARDIAN',
  guardian: 'GUARDIAN',
  animator: 'ANIMATOR',
  animateur: 'ANIMATOR',
  animatrice: 'ANIMATOR',
  begeleider: 'ANIMATOR',
  moderator: 'MODERATOR',
  modérateur: 'MODERATOR',
  moderateur: 'MODERATOR',
  observer: 'OBSERVER',
  observateur: 'OBSERVER',
  waarnemer: 'OBSERVER',
  'user representative': 'USER_REPRESENTATIVE',
  'représentant des usagers': 'USER_REPRESENTATIVE',
  gebruikersvertegenwoordiger: 'USER_REPRESENTATIVE',
  visitor: 'VISITOR',
  visiteur: 'VISITOR',
  bezoeker: 'VISITOR',
  guest: 'GUEST',
  invité: 'GUEST',
  invite: 'GUEST',
  gast: 'GUEST',
};
/** The columns a broken rule is reported on. */
const IMPORT_FIELDS: AttendanceFields = { person: 'name', session: 'session', role: 'role', status: 'present' };
const PRESENT_WORDS = new Set(['present', 'présent', 'présente', 'aanwezig', 'yes', 'oui', 'ja', '1', 'x']);
const ABSENT_WORDS = new Set(['absent', 'absente', 'afwezig', 'no', 'non', 'nee', '0', 'no-show']);

const SESSIONS = cypher('import.attendance.sessions', 'UNWIND $ids AS id MATCH (x:Session {id: id}) RETURN x.id AS id, toString(date(x.startsAt)) AS day');
const ORGANISATION_COLUMNS = 'o.id AS id, o.nameFr AS nameFr, o.nameNl AS nameNl, [(o)-[:RUNS]->(s) | s.id] AS services';
const ORGANISATIONS_BY_ID = cypher('import.attendance.organisationsById', `UNWIND $ids AS id MATCH (o:Organisation {id: id}) RETURN ${ORGANISATION_COLUMNS}`);
const ORGANISATIONS = cypher('import.attendance.organisations', `MATCH (o:Organisation) RETURN ${ORGANISATION_COLUMNS}`);
const CANDIDATES = cypher(
  'import.attendance.candidates',
  `UNWIND $orgs AS orgId MATCH (:Organisation {id: orgId})-[:RUNS]->(:Service)<-[:WORKS_AT]-(p:Person)
   WITH DISTINCT p, orgId RETURN p.id AS id, p.displayName AS name, p.nameKey AS nameKey, orgId AS organisationId, p.emailHash AS emailHash`,
);
const CANDIDATES_BY_NAME = cypher(
  'import.attendance.candidatesByName',
  `MATCH (p:Person) WHERE p.nameKey IN $names
   RETURN p.id AS id, p.displayName AS name, p.nameKey AS nameKey, head([(p)-[:WORKS_AT]->(:Service)<-[:RUNS]-(o) | o.id]) AS organisationId, p.emailHash AS emailHash`,
);
const EXISTING_ATTENDANCE = cypher(
  'import.attendance.existing',
  'UNWIND $pairs AS pair MATCH (:Person {id: pair.person})-[a:ATTENDED]->(:Session {id: pair.session}) RETURN pair.person + "|" + pair.session AS key, [a.role, a.status, a.group] AS sig',
);
/**
 * New people (their id derives from name and organisation, so a re-run finds them), their employment
 * and their rows of the list, in one statement (no second lookup of each person).
 */
const WRITE_PEOPLE = cypher(
  'import.attendance.people',
  `UNWIND $people AS row MERGE (p:Person {id: row.id})
   ON CREATE SET p.displayName = row.name, p.consent = false, p.synthetic = false, p.nameKey = row.nameKey, p.emailHash = row.emailHash
   WITH p, row MATCH (s:Service {id: row.service}) MERGE (p)-[:WORKS_AT {from: date(row.since)}]->(s)
   WITH p, row UNWIND row.attendances AS att
   MATCH (x:Session {id: att.session}) MERGE (p)-[a:ATTENDED]->(x) SET a.role = att.role, a.status = att.status, a.group = CASE WHEN att.keepGroup THEN a.group ELSE att.group END`,
);
const WRITE_ATTENDANCE = cypher(
  'import.attendance.write',
  `UNWIND $rows AS row MATCH (p:Person {id: row.person}), (x:Session {id: row.session}) MERGE (p)-[a:ATTENDED]->(x)
   SET a.role = row.role, a.status = row.status, a.group = CASE WHEN row.keepGroup THEN a.group ELSE row.group END`,
);

// Names as stored: a node may lack one (null), which the lookups below allow for.
type OrganisationRow = { id: string; nameFr: string | null; nameNl: string | null; services: string[] };
type CandidateRow = { id: string; name: string | null; nameKey: string | null; organisationId: string | null; emailHash: string | null };

/**
 * The organisations a list names, by id and by normalised FR and NL name (lists name them either
 * way): looked up by id first; only a list naming one otherwise reads them all (names are matched
 * after normalisation, in JavaScript).
 */
async function organisationIndex(io: Io, named: string[]): Promise<Map<string, OrganisationRow>> {
  const index = new Map<string, OrganisationRow>();
  const add = (rows: OrganisationRow[]) => {
    for (const o of rows) for (const k of [o.id, normaliseName(o.nameFr ?? ''), normaliseName(o.nameNl ?? '')]) if (k) index.set(k.toLowerCase(), o);
  };
  add(await io.read<OrganisationRow>(ORGANISATIONS_BY_ID, { ids: named }));
  if (named.some((value) => !organisationNamed(index, value))) add(await io.read<OrganisationRow>(ORGANISATIONS));
  return index;
}
const organisationNamed = (index: Map<string, OrganisationRow>, value: string) => index.get(value.toLowerCase()) ?? index.get(normaliseName(value));

async function importAttendance(io: Io, rows: Csv[], opts: ImportOptions, report: ImportReportRow): Promise<void> {
  const batchSize = opts.batchSize ?? 2000;
  let organisations: Promise<Map<string, OrganisationRow>> | undefined;
  const seen = new Set<string>();
  // People this import creates (not in the graph before it), and those of them already written.
  const created = new Map<string, { id: string; nameKey: string; name: string; emailHash: string | null; service: string; since: string; organisationId: string }>();
  const written = new Set<string>();
  // The people rows may be, kept for the whole import: each organisation's people and each name are
  // read once (a later batch asks only for those it adds), and people this import creates join as
  // they are created. Re-reading them per batch made a long list of first sightings quadratic.
  const candidates = new CandidatePool();
  const organisationsRead = new Set<string>();
  const namesRead = new Set<string>();
  /** The values not read yet, marked as read. */
  const fresh = <T>(values: Iterable<T>, read: Set<T>): T[] => {
    const out: T[] = [];
    for (const v of new Set(values)) {
      if (read.has(v)) continue;
      read.add(v);
      out.push(v);
    }
    return out;
  };
  // A list with a group column says each row's group (an empty cell: none); a list without one keeps the groups recorded.
  const groupColumn = rows.some((r) => 'group' in r);
  /**
   * What a batch reads before its rows are matched. Each batch's reads are sent while the batch
   * before it is matched and written (they do not depend on it: the people it creates join the
   * pool directly), so the database reads and writes side by side.
   */
  const readBatch = (start: number) => {
    const slice = rows.slice(start, start + batchSize);
    // Read once per import, beside the first batch's lookups that do not need it.
    organisations ??= organisationIndex(io, [...new Set(rows.map((r) => r.organisation ?? '').filter(Boolean))]);
    // Each name normalised once: for the lookup, the match and the stored name key.
    const norms = slice.map((r) => normaliseName(r.name ?? ''));
    const names = fresh(norms, namesRead);
    const candidatesOf = (index: Map<string, OrganisationRow>) => {
      const ids = fresh(
        slice.flatMap((r) => organisationNamed(index, r.organisation ?? '')?.id ?? []),
        organisationsRead,
      );
      return ids.length ? io.read<CandidateRow>(CANDIDATES, { orgs: ids }) : [];
    };
    // The tombstone keys the rows could match: name within the organisation given, and e-mail.
    const hashes = slice.map((r) => (r.email ? emailHash(opts.secret, r.email) : null));
    const rowKeys = (index: Map<string, OrganisationRow>) =>
      slice.map((r, i) => {
        const org = organisationNamed(index, r.organisation ?? '');
        const hash = hashes[i];
        return [org && norms[i] ? nameErasureKey(opts.secret, norms[i], org.id) : null, hash ? erasureKey(opts.secret, 'email', hash) : null];
      });
    const tombstonesOf = async (index: Map<string, OrganisationRow>) => {
      const keys = rowKeys(index);
      const found = await erasedKeys(
        (ks) => io.read<{ key: string }>(ERASED_KEYS, { keys: ks }),
        keys.flat().filter((k): k is string => k !== null),
      );
      return keys.map((ks) => ks.some((k) => k !== null && found.has(k)));
    };
    // Independent reads, run side by side.
    const reads = Promise.all([
      organisations,
      io.read<{ id: string; day: string }>(SESSIONS, { ids: [...new Set(slice.map((r) => r.session).filter(Boolean))] }),
      organisations.then(candidatesOf),
      names.length ? io.read<CandidateRow>(CANDIDATES_BY_NAME, { names }) : [],
      organisations.then(tombstonesOf),
    ]).then(([orgByKey, sessionRows, byOrganisation, byName, erasedRows]) => ({ slice, norms, hashes, orgByKey, sessionRows, byOrganisation, byName, erasedRows }));
    // A batch that fails stops the import before the next one's reads are awaited: they are not left unhandled.
    reads.catch(() => undefined);
    return reads;
  };
  let next = rows.length ? readBatch(0) : undefined;
  for (let start = 0; start < rows.length; start += batchSize) {
    const { slice, norms, hashes, orgByKey, sessionRows, byOrganisation, byName, erasedRows } = await next!;
    next = start + batchSize < rows.length ? readBatch(start + batchSize) : undefined;
    const sessions = new Map(sessionRows.map((s) => [s.id, s.day]));
    // The stored name key is normaliseName(displayName), written with every person; older rows may lack it.
    for (const c of [...byOrganisation, ...byName])
      candidates.add({ id: c.id, norm: c.nameKey ?? normaliseName(c.name ?? ''), organisationId: c.organisationId, emailHash: c.emailHash });

    const good: Array<{ n: number; person: string; session: string; role: string; status: string; group: string | null }> = [];
    slice.forEach((r, i) => {
      const n = start + i + 2;
      const reject = (field: string, reason: string) => void report.rejected.push({ row: n, field, reason });
      for (const c of ['session', 'date', 'name', 'organisation', 'role']) if (!r[c]) return reject(c, 'is required');
      const day = sessions.get(r.session!);
      if (!day) return reject('session', `unknown session "${r.session}"`);
      if (r.date !== day) return reject('date', `the session took place on ${day}, not ${r.date}`);
      const org = organisationNamed(orgByKey, r.organisation!);
      if (!org) return reject('organisation', `unknown organisation "${r.organisation}"`);
      const hash = hashes[i] ?? null;
      // A row naming an erased person is skipped, unless its e-mail says it is someone still here.
      if (erasedRows[i] && !(hash && candidates.withEmail(hash))) return void (report.erased += 1);
      const role =
        ROLE_WORDS[r.role!.toLowerCase()] ??
        (ROLE_WORDS[r.role!.toUpperCase()] ? r.role!.toUpperCase() : undefined) ??
        (Object.values(ROLE_WORDS).includes(r.role!.toUpperCase()) ? r.role!.toUpperCase() : undefined);
      if (!role) return reject('role', `unknown role "${r.role}"`);
      const presence = (r.present ?? '').toLowerCase();
      const status = presence === '' ? 'REGISTERED' : PRESENT_WORDS.has(presence) ? 'PRESENT' : ABSENT_WORDS.has(presence) ? 'NO_SHOW' : null;
      if (!status) return reject('present', 'is neither present (présent, aanwezig, yes) nor absent (absent, afwezig, no) nor empty');
      const group = r.group?.trim() || null;
      const badGroup = group === null ? null : groupProblem(group);
      if (badGroup) return reject('group', `INVALID: ${badGroup}`);
      let personId: string;
      const norm = norms[i]!;
      const match = matchPerson(r.name!, org.id, hash, candidates, norm);
      if (match.kind === 'match') {
        personId = match.personId;
        // A person this import creates works from their earliest session on the list (rows come in any order).
        const pending = created.get(personId);
        if (pending && !written.has(personId) && day < pending.since) pending.since = day;
      } else if (match.kind === 'doubtful') {
        report.doubtful.push({ row: n, name: r.name!, candidates: match.candidates, reason: match.reason });
        return reject('name', `doubtful match (${match.reason}): confirm which person this is`);
      } else {
        // A new professional: their service is the one named, or the organisation's only service.
        const service = r.service && org.services.includes(r.service) ? r.service : org.services.length === 1 ? org.services[0] : undefined;
        if (!service) return reject('service', `new person: say which service of ${org.id} they work at`);
        personId = newPersonId(opts.secret, r.name!, org.id, norm);
        const person = { id: personId, nameKey: norm, name: r.name!, emailHash: hash, service, since: day, organisationId: org.id };
        created.set(personId, person);
        candidates.add({ id: personId, norm: person.nameKey, organisationId: org.id, emailHash: hash });
      }
      const key = `${personId}|${r.session}`;
      if (seen.has(key)) return reject('name', 'this person is already on an earlier row for this session');
      seen.add(key);
      good.push({ n, person: personId, session: r.session!, role, status, group });
    });
    // People first seen in this import have no attendance but the rows above (repeats are rejected):
    // only known people's rows are looked up, and a list of first sightings costs no read at all.
    const pairs = good.filter((g) => !created.has(g.person)).map((g) => ({ person: g.person, session: g.session }));
    const existing = new Map((pairs.length ? await io.read<{ key: string; sig: unknown }>(EXISTING_ATTENDANCE, { pairs }) : []).map((e) => [e.key, JSON.stringify(e.sig)]));
    const toWrite = good.filter((g) => {
      const before = existing.get(`${g.person}|${g.session}`);
      const same = before !== undefined && (JSON.parse(before) as unknown[]).every((v, i) => (i === 2 && !groupColumn) || v === [g.role, g.status, g.group][i]);
      if (same) return ((report.unchanged += 1), false);
      return true;
    });
    if (!toWrite.length) {
      opts.onProgress?.(Math.min(start + batchSize, rows.length), rows.length);
      continue;
    }
    const pending = (id: string) => (written.has(id) ? undefined : created.get(id));
    // Ties rest on presences only: a batch that neither records one nor takes one back (a
    // registration list, no-shows) changes no tie, and new people who were present nowhere carry none.
    const wasPresent = (w: (typeof toWrite)[number]) => {
      const before = existing.get(`${w.person}|${w.session}`);
      return before !== undefined && (JSON.parse(before) as [string, string])[1] === 'PRESENT';
    };
    const changesTies = (ws: typeof toWrite) => ws.some((w) => w.status === 'PRESENT' || wasPresent(w));
    const changes: AttendanceChange[] = toWrite.map((g) => {
      const p = pending(g.person);
      return {
        person: g.person,
        session: g.session,
        role: g.role,
        status: g.status,
        ...(p ? { newPerson: { service: p.service, organisation: p.organisationId, since: p.since } } : {}),
      };
    });
    // The rules, then the write, in the batch's transaction: the checks see the state the batch leaves.
    const outcome = await io.batch(async (tx) => {
      const state = await AttendanceState.load(tx, changes, { lock: true, ties: changesTies(toWrite) });
      const verdicts = state.checkAll(changes, IMPORT_FIELDS);
      const accepted = toWrite.filter((_, i) => verdicts[i]!.length === 0);
      const newPeople = [...new Set(accepted.map((w) => w.person))].flatMap((id) => pending(id) ?? []);
      if (accepted.length) {
        // Rows of people new in this batch go with them; the others on their own.
        const ofNewPeople = new Map(newPeople.map((p) => [p.id, [] as typeof accepted]));
        const others: typeof accepted = [];
        for (const w of accepted) (ofNewPeople.get(w.person) ?? others).push(w);
        // Only what the statements read goes on the wire: packing parameters is a tenth of the import's time.
        const attendance = (w: (typeof accepted)[number]) => ({ session: w.session, role: w.role, status: w.status, group: w.group, keepGroup: !groupColumn });
        if (newPeople.length)
          await tx.run(WRITE_PEOPLE, {
            people: newPeople.map((p) => ({
              id: p.id,
              name: p.name,
              nameKey: p.nameKey,
              emailHash: p.emailHash,
              service: p.service,
              since: p.since,
              attendances: ofNewPeople.get(p.id)!.map(attendance),
            })),
          });
        if (others.length) await tx.run(WRITE_ATTENDANCE, { rows: others.map((w) => ({ person: w.person, ...attendance(w) })) });
        if (changesTies(accepted)) await refreshTies(tx, { sessionIds: [...new Set(accepted.map((w) => w.session))], personIds: newPeople.map((p) => p.id) });
      }
      return { verdicts, newPeople: newPeople.map((p) => p.id) };
    });
    for (const id of outcome.newPeople) written.add(id);
    toWrite.forEach((g, i) => {
      const errors = outcome.verdicts[i]!;
      if (errors.length) {
        // Each broken rule, its code first; the row is found by its number.
        for (const e of errors) report.rejected.push({ row: g.n, field: e.field ?? 'row', reason: `${e.code}: ${e.message}` });
      } else if (existing.has(`${g.person}|${g.session}`)) report.updated += 1;
      else report.created += 1;
    });
    opts.onProgress?.(Math.min(start + batchSize, rows.length), rows.length);
  }
}

/**
 * The rejected rows as CSV: row number, field and reason only. No cell of the input is copied (they
 * hold names and e-mail addresses): the row number finds the row in the file the user already has.
 */
export function rejectedCsv(...reports: Array<Pick<ImportReportRow, 'rejected'> & { file?: string }>): string {
  const esc = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  // Several reports (HSDS: one per input file) say which file a row number belongs to.
  const named = reports.length > 1;
  const lines = [[...(named ? ['file'] : []), 'row', 'field', 'reason'].map(esc).join(',')];
  for (const report of reports) for (const r of report.rejected) lines.push([...(named ? [report.file] : []), r.row, r.field, r.reason].map(esc).join(','));
  return `${lines.join('\n')}\n`;
}
