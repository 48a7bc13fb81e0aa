/**
 * `npm run db:seed -- --scale demo|S|L [--seed N]`: generates a graph (deterministic for a seed)
 * and loads it into NEO4J_URI, or the local Neo4j of `npm run neo4j -- start`. Applies the
 * migrations first. Prints a progress bar and the throughput.
 */
import { SingleBar, Presets } from 'cli-progress';
import { migrate } from '../src/neo4j/migrations';
import { generateDataset, SCALES, type Scale } from '../src/seed/generate';
import { loadDataset } from '../src/seed/load';
import { rebuildAllTies } from '../src/modules/network/ties';
import { withScriptDb } from './script-db';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

const scale = option('scale', 'demo') as Scale;
const seed = Number(option('seed', '42'));
if (!SCALES.includes(scale)) {
  console.error(`--scale must be one of ${SCALES.join(', ')} (got "${scale}")`);
  process.exit(2);
}
if (!Number.isInteger(seed)) {
  console.error(`--seed must be an integer (got "${option('seed', '')}")`);
  process.exit(2);
}

withScriptDb(async (db) => {
  await migrate(db);
  let t0 = Date.now();
  const data = generateDataset({ scale, seed });
  const tables: ReadonlyArray<readonly unknown[]> = Object.values(data);
  const total = tables.reduce((sum, rows) => sum + rows.length, 0);
  console.log(`Generated scale ${scale}, seed ${seed}: ${total.toLocaleString('en')} rows in ${Date.now() - t0} ms`);
  const bar = process.stdout.isTTY ? new SingleBar({ format: ' {bar} {percentage}% | {value}/{total} rows | {what}' }, Presets.shades_classic) : null;
  bar?.start(total, 0, { what: '' });
  t0 = Date.now();
  const report = await loadDataset(db, data, { onProgress: (done, _total, what) => bar?.update(done, { what }) });
  bar?.stop();
  const seconds = (Date.now() - t0) / 1000;
  const loaded = Object.values(report.rows).reduce((a, b) => a + b, 0);
  for (const [what, rows] of Object.entries(report.rows)) console.log(`  ${what.padEnd(24)} ${rows.toLocaleString('en').padStart(10)}`);
  console.log(`Loaded ${loaded.toLocaleString('en')} rows in ${seconds.toFixed(1)} s (${Math.round(loaded / seconds).toLocaleString('en')} rows/s)`);
  const ties = await rebuildAllTies(db);
  console.log(`Derived ${ties.met.toLocaleString('en')} MET and ${ties.knows.toLocaleString('en')} KNOWS ties in ${(ties.ms / 1000).toFixed(1)} s`);
});
