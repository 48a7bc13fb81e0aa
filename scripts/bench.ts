/**
 * `npm run bench -- [--scales S,L] [--iterations 30] [--warmup 3] [--warmup-db-ms 60000] [--warmup-ms 10000] [--measure-ms 5000] [--load-seconds 30] [--import-rows 20000] [--writes 60] [--issue30-runs 3] [--seed 42] [--only directory,detail,dashboard,region,reference,rebuild] [--out <file.json>]`
 *
 * `npm run bench` compiles first and runs this as JavaScript with NODE_ENV=production, as production
 * runs the API (the Dockerfile's `node dist/src/main.js`): under tsx, its require hook and source-mapped stack traces
 * (the driver captures one per query) added 4–9 % to a small operation, ours more than raw.
 *
 * For each scale: a local Neo4j of its own (.data/neo4j-bench-<scale>, seeded and tied on first
 * use, reused afterwards), then the harness (scripts/bench/harness.ts). Prints one table with every
 * figure from this run and writes it as JSON under bench/results/ (ignored by git), or to --out.
 * `--only` times just the operations whose names start with one of the given words (a quick look
 * while working; a full run is what the docs quote). Set BENCH_NEO4J_URI to measure an existing database instead (one scale).
 * Issue 30's rows (scripts/bench/issue30.ts) are timed `--issue30-runs` times each, and take the
 * same `--only` by group: dashboard, region, reference. The reference installs python-igraph into
 * .pydeps/ when it is missing. The tie rebuild is timed on a seeded database in a full run and with
 * `--only rebuild` (on a database just seeded, the seeding's own rebuild is reported instead).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { loadConfig } from '../src/config';
import { cypher, Db } from '../src/neo4j/driver';
import { startNeo4j, type RunningNeo4j } from '../src/neo4j/local';
import { migrate } from '../src/neo4j/migrations';
import { ensureTiesCurrent, rebuildAllTies } from '../src/modules/network/ties';
import { generateDataset, SCALES, type Scale } from '../src/seed/generate';
import { loadDataset } from '../src/seed/load';
import { benchScale, RESULTS_DIR, table, type ScaleResult } from './bench/harness';
import { benchDriver } from './bench/setup';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
};

const scales = arg('scales', 'S,L').split(',') as Scale[];
const iterations = Number(arg('iterations', '30'));
const loadSeconds = Number(arg('load-seconds', '30'));
const importRowCount = Number(arg('import-rows', '20000'));
const writesPerEditor = Number(arg('writes', '60'));
// A dashboard load or a region-wide question is long to run: a few runs each.
const issue30Runs = Number(arg('issue30-runs', '3'));
const seed = Number(arg('seed', '42'));
const only = arg('only', '').split(',').filter(Boolean);
const log = (line: string) => console.log(line);
const SEEDED = cypher('bench.seeded', 'MATCH (r:Region) RETURN count(r) > 0 AS seeded');

async function withDatabase(scale: Scale, work: (db: Db, uri: string) => Promise<ScaleResult>): Promise<ScaleResult> {
  let local: RunningNeo4j | undefined;
  let uri = process.env.BENCH_NEO4J_URI;
  if (!uri) {
    const config = loadConfig();
    local = await startNeo4j({
      home: path.join(config.projectRoot, '.data', `neo4j-bench-${scale}`),
      port: 0,
      heap: '4g',
      // The page cache holds the store, as Neo4j's memory guidance sizes it: L's is several times S's.
      pagecacheMiB: scale === 'L' ? 10_240 : 3072,
      txTimeoutSeconds: 1800,
      attached: true,
      log,
    });
    uri = local.uri;
    // benchDriver and the forked API process read the credentials from the environment.
    process.env.NEO4J_USER = local.user;
    process.env.NEO4J_PASSWORD = local.password;
  }
  const driver = benchDriver(uri);
  const db = new Db(driver, undefined, 1_800_000);
  try {
    await migrate(db);
    let rebuild: ScaleResult['rebuild'];
    const rebuilt = await ensureTiesCurrent(db);
    if (rebuilt) {
      log(`  ties were stored in an older format: rebuilt in ${(rebuilt.ms / 1000).toFixed(0)} s`);
      rebuild = { afterSeeding: false, runs: [{ ...rebuilt, rewrite: true }] };
    }
    const [row] = await db.read<{ seeded: boolean }>(SEEDED);
    if (!row?.seeded) {
      const t0 = Date.now();
      log(`Seeding scale ${scale} (seed ${seed})…`);
      const report = await loadDataset(db, generateDataset({ scale, seed }), { batchSize: 10_000 });
      const loaded = Object.values(report.rows).reduce((a, b) => a + b, 0);
      const ties = await rebuildAllTies(db);
      rebuild = { afterSeeding: true, runs: [{ ...ties, rewrite: false }] };
      log(
        `  ${loaded.toLocaleString('en')} rows in ${(report.ms / 1000).toFixed(0)} s (${Math.round((loaded * 1000) / report.ms)} rows/s); ${ties.knows.toLocaleString('en')} KNOWS, ${ties.met.toLocaleString('en')} MET in ${(ties.ms / 1000).toFixed(0)} s; total ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    const result = await work(db, uri);
    // Last: a rebuild rewrites most of the store, and the database flushes those pages for minutes
    // afterwards, which the other figures would otherwise measure.
    if (!rebuild && (only.length === 0 || only.includes('rebuild'))) {
      rebuild = { afterSeeding: false, runs: [] };
      for (const rewrite of [true, false]) {
        log(`  rebuilding every tie${rewrite ? ' (--rewrite)' : ''}…`);
        const ties = await rebuildAllTies(db, { rewrite });
        rebuild.runs.push({ ...ties, rewrite });
        log(
          `  ${ties.knows.toLocaleString('en')} KNOWS, ${ties.met.toLocaleString('en')} MET in ${(ties.ms / 1000).toFixed(0)} s: ${ties.written.toLocaleString('en')} written, ${ties.deleted.toLocaleString('en')} deleted`,
        );
      }
    }
    return { ...result, ...(rebuild ? { rebuild } : {}) };
  } finally {
    await driver.close();
    await local?.stop();
  }
}

async function main(): Promise<void> {
  // `npm run bench` sets NODE_ENV=production, as the Dockerfile does (graphql-js then skips its
  // development-only checks: 2 % of a directory page's CPU); production wants a pseudonym secret of its own.
  process.env.PSEUDONYM_SECRET ??= crypto.randomBytes(32).toString('hex');
  if (!scales.every((s) => SCALES.includes(s))) throw new Error(`--scales takes ${SCALES.join(', ')}`);
  const results: ScaleResult[] = [];
  for (const scale of scales) {
    log(`Scale ${scale}:`);
    results.push(
      await withDatabase(scale, (db, neo4jUri) =>
        benchScale(db, {
          scale,
          iterations,
          warmup: Math.min(Number(arg('warmup', '3')), iterations),
          warmupMs: Number(arg('warmup-ms', '10000')),
          warmupDatabaseMs: Number(arg('warmup-db-ms', '60000')),
          measureMs: Number(arg('measure-ms', '5000')),
          loadSeconds: scale === scales[0] ? loadSeconds : 0,
          importRows: scale === scales[0] ? importRowCount : 0,
          writesPerEditor: scale === scales[0] ? writesPerEditor : 0,
          neo4jUri,
          only,
          issue30Runs,
          installReference: true,
          log,
        }),
      ),
    );
  }
  const text = table(results);
  console.log(`\n${text}\n`);
  const file = path.resolve(arg('out', path.join(RESULTS_DIR, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`)));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const machine = {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
  fs.writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), machine, iterations, results, table: text }, null, 2));
  console.log(`Results: ${path.relative(process.cwd(), file)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
