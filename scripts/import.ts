/**
 * `npm run import -- <kind> <file.csv> [--dry-run] [--rejected <path>]`: imports a list (see
 * docs/import.md for the columns). Prints the report; with `--rejected <path>`, also writes the
 * rejected rows there (row, field and reason only). Neither the printout nor the file copies a
 * cell of the list: names and e-mail addresses stay in the input file only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config';
import { geojsonGridRows, IMPORT_KINDS, importRows, parseCsv, rejectedCsv, type ImportKind } from '../src/modules/editing/import';
import { importHsds } from '../src/modules/editing/hsds';
import { importTerritory, isTerritoryKind, TERRITORY_IMPORT_KINDS } from '../src/modules/territory/import';
import { migrate } from '../src/neo4j/migrations';
import { withScriptDb } from './script-db';

const args = process.argv.slice(2);
const rejectedAt = args.indexOf('--rejected');
const rejectedPath = rejectedAt >= 0 ? args[rejectedAt + 1] : undefined;
/** Options with a value (`--year 2024`): their values are not positional arguments. */
const VALUED = ['--rejected', '--year', '--level', '--source'];
const valueOf = (flag: string) => (args.indexOf(flag) >= 0 ? args[args.indexOf(flag) + 1] : undefined);
const [kind, file] = args.filter((a, i) => !a.startsWith('--') && !VALUED.includes(args[i - 1] ?? ''));
const dryRun = args.includes('--dry-run');
const allOrNothing = args.includes('--all-or-nothing');
const USAGE = [
  `usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file.csv> [--dry-run] [--all-or-nothing] [--rejected <path>]`,
  '       npm run import -- hsds <HSDS data package folder | HSDS 3.0 services JSON> [--dry-run] [--rejected <path>]',
  '       npm run import -- monitoring-grid <quartiers.geojson | .csv> [--dry-run]   (IBSA monitoring quartiers, WGS84)',
  '       npm run import -- statistical-sectors <IBSA sector table .csv> [--year 2024] [--dry-run]',
  '       npm run import -- social-health-grid <SS_QSS table as .csv: CodeSector, QuartierSS_Gwwijk, NomQuartierSSFR, NaamGWwijkNL, BassinFR> [--dry-run]',
  '       npm run import -- indicators <code,year,indicator,value,unit.csv> --level NEIGHBOURHOOD|MUNICIPALITY|STATISTICAL_SECTOR [--source "…"] [--dry-run]',
  '  --dry-run          report what would change and what a real run would refuse, write nothing',
  '  --all-or-nothing   write every row or, when any row is rejected, none',
  '  --rejected <path>  also write the rejected rows to <path> as CSV: row number, field and reason only',
  '                     (no name, no e-mail address); without it no report file is written',
].join('\n');
if (args.includes('--help') || args.includes('-h')) {
  console.log(USAGE);
  process.exit(0);
}
if (
  !kind ||
  !file ||
  !([...IMPORT_KINDS, ...TERRITORY_IMPORT_KINDS, 'hsds'] as readonly string[]).includes(kind) ||
  (rejectedAt >= 0 && (!rejectedPath || rejectedPath.startsWith('--')))
) {
  console.error(USAGE);
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}
if (rejectedPath && path.resolve(rejectedPath) === path.resolve(file)) {
  console.error('--rejected must name another file than the input');
  process.exit(2);
}

withScriptDb(async (db) => {
  await migrate(db);
  if (isTerritoryKind(kind)) {
    const year = valueOf('--year');
    const r = await importTerritory(db, kind, fs.readFileSync(file, 'utf8'), {
      fileName: file,
      dryRun,
      year: year ? Number(year) : null,
      level: valueOf('--level'),
      source: valueOf('--source'),
    });
    console.log(
      `${dryRun ? 'Dry run — nothing written. ' : ''}${kind}: ${r.rows} rows: ${r.created} created, ${r.updated} updated, ${r.unchanged} unchanged, ${r.rejected.length} rejected`,
    );
    for (const x of r.rejected) console.log(`  rejected, row ${x.row}, ${x.field}: ${x.reason}`);
    for (const note of r.notes) console.log(`Note: ${note}`);
    if (rejectedPath) fs.writeFileSync(rejectedPath, rejectedCsv(r));
    return;
  }
  if (kind === 'hsds') {
    const r = await importHsds(db, file, { dryRun, secret: loadConfig().PSEUDONYM_SECRET });
    for (const [what, report] of [
      ['organisations', r.organisations],
      ['services', r.services],
    ] as const) {
      console.log(
        `${dryRun ? 'Dry run — ' : ''}HSDS ${what}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`,
      );
      for (const x of report.rejected) console.log(`  rejected, row ${x.row}, ${x.field}: ${x.reason}`);
    }
    // Written all the same, for an editor to complete (a service id is no personal data).
    console.log(`HSDS services incomplete: ${r.incomplete.length}`);
    for (const x of r.incomplete) console.log(`  incomplete, ${r.form === 'json' ? 'service' : 'row'} ${x.row} (${x.id}), missing ${x.missing.join(', ')}: ${x.reason}`);
    console.log(`Note: ${r.note}`);
    if (rejectedPath) {
      fs.writeFileSync(rejectedPath, rejectedCsv({ ...r.organisations, file: 'organizations.csv' }, { ...r.services, file: r.servicesFile }));
      console.log(`Rejected rows (row, field, reason) written to ${rejectedPath}`);
    }
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  const rows = /\.(geo)?json$/i.test(file) ? geojsonGridRows(text) : parseCsv(text);
  const bar = process.stdout.isTTY && rows.length > 5000 ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} rows' }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const report = await importRows(db, kind as ImportKind, rows, { dryRun, allOrNothing, secret: loadConfig().PSEUDONYM_SECRET, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  const erased = report.erased ? `, ${report.erased} skipped (erased people)` : '';
  if (allOrNothing && !dryRun && !report.written && report.rejected.length) console.log('All or nothing: rows were rejected, so nothing was written.');
  console.log(
    `${dryRun ? 'Dry run — nothing written. ' : ''}${kind}: ${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected${erased} (${report.rowsPerSecond} rows/s)`,
  );
  // The name is in the input at that row; the candidates are person ids for an editor to look up.
  for (const d of report.doubtful) console.log(`  doubtful, row ${d.row}: ${d.reason}; candidates: ${d.candidates.join(', ')}`);
  for (const r of report.rejected.slice(0, 20)) console.log(`  rejected, row ${r.row}, ${r.field}: ${r.reason}`);
  if (rejectedPath) {
    fs.writeFileSync(rejectedPath, rejectedCsv(report));
    console.log(`Rejected rows (row, field, reason) written to ${rejectedPath}`);
  } else if (report.rejected.length > 20) console.log(`  … ${report.rejected.length - 20} more: add --rejected <path> to write them all to a file`);
});
