/**
 * Versioned, idempotent schema migrations. Each is recorded as (:Migration {version}) with a
 * checksum; an applied migration whose text changed is an error (add a new version instead).
 */
import crypto from 'node:crypto';
import { cypher, type Db } from './driver';

export interface Migration {
  version: number;
  name: string;
  statements: string[];
}

const KEYS: Array<[label: string, property: string]> = [
  ['Region', 'code'],
  ['Zone', 'code'],
  ['Municipality', 'nis'],
  ['Neighbourhood', 'code'],
  ['Sector', 'code'],
  ['Organisation', 'id'],
  ['Service', 'id'],
  ['Person', 'id'],
  ['Initiative', 'id'],
  ['Edition', 'id'],
  ['Session', 'id'],
];

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'uniqueness constraints on every id',
    statements: KEYS.map(([label, prop]) => `CREATE CONSTRAINT ${label.toLowerCase()}_${prop} IF NOT EXISTS FOR (n:${label}) REQUIRE n.${prop} IS UNIQUE`),
  },
  {
    version: 2,
    name: 'indexes for the lookups the API makes',
    statements: [
      'CREATE INDEX neighbourhood_grid IF NOT EXISTS FOR (n:Neighbourhood) ON (n.grid)',
      'CREATE INDEX initiative_kind IF NOT EXISTS FOR (n:Initiative) ON (n.kind)',
      'CREATE INDEX session_starts_at IF NOT EXISTS FOR (n:Session) ON (n.startsAt)',
      'CREATE INDEX service_working_language IF NOT EXISTS FOR (n:Service) ON (n.workingLanguage)',
      // Name search: accent- and case-insensitive full text over both languages.
      "CREATE FULLTEXT INDEX service_names IF NOT EXISTS FOR (n:Service) ON EACH [n.nameFr, n.nameNl] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
      "CREATE FULLTEXT INDEX organisation_names IF NOT EXISTS FOR (n:Organisation) ON EACH [n.nameFr, n.nameNl] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
      "CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (n:Person) ON EACH [n.displayName] OPTIONS { indexConfig: { `fulltext.analyzer`: 'standard-folding' } }",
    ],
  },
  {
    version: 3,
    name: 'access: API keys and the audit trail',
    statements: [
      'CREATE CONSTRAINT apikey_id IF NOT EXISTS FOR (n:ApiKey) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT auditevent_id IF NOT EXISTS FOR (n:AuditEvent) REQUIRE n.id IS UNIQUE',
    ],
  },
  {
    version: 4,
    name: 'person matching by normalised name',
    statements: ['CREATE INDEX person_name_key IF NOT EXISTS FOR (n:Person) ON (n.nameKey)'],
  },
  {
    version: 5,
    name: 'network: the lock node that serialises tie upkeep',
    statements: ['CREATE CONSTRAINT tielock_id IF NOT EXISTS FOR (n:TieLock) REQUIRE n.id IS UNIQUE'],
  },
  {
    version: 6,
    name: 'erasure: one tombstone per keyed hash, looked up by every import',
    statements: ['CREATE CONSTRAINT erasure_key IF NOT EXISTS FOR (n:Erasure) REQUIRE n.key IS UNIQUE'],
  },
  {
    version: 7,
    name: 'territory: statistical sectors and indicator values, merged on their codes',
    statements: [
      'CREATE CONSTRAINT statisticalsector_code IF NOT EXISTS FOR (n:StatisticalSector) REQUIRE n.code IS UNIQUE',
      'CREATE CONSTRAINT indicatorvalue_key IF NOT EXISTS FOR (n:IndicatorValue) REQUIRE n.key IS UNIQUE',
      'CREATE INDEX indicatorvalue_unit IF NOT EXISTS FOR (n:IndicatorValue) ON (n.level, n.code)',
    ],
  },
  {
    version: 8,
    name: 'the graph version node bumped after every write, merged by concurrent writers',
    statements: ['CREATE CONSTRAINT graphversion_id IF NOT EXISTS FOR (n:GraphVersion) REQUIRE n.id IS UNIQUE'],
  },
  {
    version: 9,
    name: "network: KNOWS ties by weight, for a region's ties that pass a tie filter",
    // Awaited: the region's statements name it in a hint, which a populating index fails.
    statements: ['CREATE INDEX knows_weight IF NOT EXISTS FOR ()-[k:KNOWS]-() ON (k.weight)', "CALL db.awaitIndex('knows_weight', 3600)"],
  },
];

const checksum = (m: Migration) => crypto.createHash('sha256').update(m.statements.join('\n')).digest('hex').slice(0, 16);

const APPLIED = cypher('migrations.applied', 'MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum ORDER BY version');
const RECORD = cypher('migrations.record', 'MERGE (m:Migration {version: $version}) SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()');

export interface MigrationReport {
  applied: number[];
  alreadyApplied: number[];
}

export async function migrate(db: Db, migrations: Migration[] = MIGRATIONS): Promise<MigrationReport> {
  const done = new Map((await db.read<{ version: number; checksum: string }>(APPLIED)).map((r) => [r.version, r.checksum]));
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const m of migrations) {
    const sum = checksum(m);
    const previous = done.get(m.version);
    if (previous !== undefined) {
      if (previous !== sum) throw new Error(`Migration ${m.version} (${m.name}) changed after it was applied; add a new version instead`);
      report.alreadyApplied.push(m.version);
      continue;
    }
    // Schema statements cannot share a transaction with data writes: one transaction each.
    for (const statement of m.statements) await db.write(cypher(`migration.${m.version}`, statement));
    await db.write(RECORD, { version: m.version, name: m.name, checksum: sum });
    report.applied.push(m.version);
  }
  return report;
}

/** True when every known migration is recorded (the /ready check). */
export async function migrationsCurrent(db: Db, migrations: Migration[] = MIGRATIONS): Promise<boolean> {
  const done = new Set((await db.read<{ version: number }>(APPLIED)).map((r) => r.version));
  return migrations.every((m) => done.has(m.version));
}
