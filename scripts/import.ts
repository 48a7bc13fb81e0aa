/**
 * `npm run import -- <kind> <file.csv> [--dry-run]`: imports a list (see docs/import.md for the
 * columns). Prints the report; rejected rows go to <file>.rejected.csv with row, field and reason.
 */
import fs from 'node:fs';
import { SingleBar, Presets } from 'cli-progress';
import { loadConfig } from '../src/config';
import { geojsonGridRows, IMPORT_KINDS, importRows, parseCsv, rejectedCsv, type ImportKind } from '../src/modules/editing/import';
import { importHsds } from '../src/modules/editing/hsds';
import { migrate } from '../src/neo4j/migrations';
import { withScriptDb } from './script-db';

const [kind, file] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const dryRun = process.argv.includes('--dry-run');
if (!kind || !file || !([...IMPORT_KINDS, 'hsds'] as readonly string[]).includes(kind)) {
  console.error(`usage: npm run import -- <${IMPORT_KINDS.join('|')}> <file.csv> [--dry-run]\n       npm run import -- hsds <folder of HSDS CSV files> [--dry-run]`);
  process.exit(2);
}
if (!fs.existsSync(file)) {
  console.error(`No such file: ${file}`);
  process.exit(2);
}

withScriptDb(async (db) => {
  await migrate(db);
  if (kind === 'hsds') {
    const r = await importHsds(db, file, { dryRun, secret: loadConfig().PSEUDONYM_SECRET });
    for (const [what, report] of [['organisations', r.organisations], ['services', r.services]] as const) {
      console.log(`${dryRun ? 'Dry run — ' : ''}HSDS ${what}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected`);
      for (const x of report.rejected) console.log(`  rejected, row ${x.row}, ${x.field}: ${x.reason}`);
    }
    console.log(`Note: ${r.note}`);
    return;
  }
  const text = fs.readFileSync(file, 'utf8');
  const rows = /\.(geo)?json$/i.test(file) ? geojsonGridRows(text) : parseCsv(text);
  const bar = process.stdout.isTTY && rows.length > 5000 ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} rows' }, Presets.shades_classic) : null;
  bar?.start(rows.length, 0);
  const report = await importRows(db, kind as ImportKind, rows, { dryRun, secret: loadConfig().PSEUDONYM_SECRET, onProgress: (done) => bar?.update(done) });
  bar?.stop();
  console.log(`${dryRun ? 'Dry run — nothing written. ' : ''}${kind}: ${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected (${report.rowsPerSecond} rows/s)`);
  for (const d of report.doubtful) console.log(`  doubtful, row ${d.row}: "${d.name}" — ${d.reason}: ${d.candidates.join(', ')}`);
  for (const r of report.rejected.slice(0, 20)) console.log(`  rejected, row ${r.row}, ${r.field}: ${r.reason}`);
  if (report.rejected.length) {
    fs.writeFileSync(`${file}.rejected.csv`, rejectedCsv(rows, report));
    console.log(`Rejected rows written to ${file}.rejected.csv`);
  }
});
