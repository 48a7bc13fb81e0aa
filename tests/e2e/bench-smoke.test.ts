/** The benchmark harness runs on the demo graph, so it cannot rot (figures are not asserted: benchmarks are not tests). */
import { benchScale, table } from '../../scripts/bench/harness';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { generateDataset } from '../../src/seed/generate';
import { loadDataset } from '../../src/seed/load';
import { closeTestDb, resetGraph, testDb } from '../helpers/db';

afterAll(closeTestDb);

it('runs every operation and the @neo4j/graphql peer, counts round trips, measures import and load, saves plans', async () => {
  await resetGraph();
  await loadDataset(testDb(), generateDataset({ scale: 'demo', seed: 42 }));
  await rebuildAllTies(testDb());
  const result = await benchScale(testDb(), {
    scale: 'demo',
    iterations: 2,
    warmup: 1,
    warmupMs: 0,
    warmupDatabaseMs: 0,
    measureMs: 0,
    loadSeconds: 1,
    importRows: 300,
    writesPerEditor: 4,
    neo4jUri: process.env.NEO4J_URI as string,
    log: () => {},
  });
  expect(result.operations).toHaveLength(6);
  for (const op of result.operations) {
    expect(op.graphql.p50).toBeGreaterThan(0);
    expect(Number.isFinite(op.ratio)).toBe(true);
  }
  // The @neo4j/graphql peer gave the same answer (the harness checks it) and was timed, for directory and detail.
  expect(result.operations.filter((op) => op.peer && op.peer.p50 > 0).map((op) => op.name)).toEqual(['directory page (50, nested)', 'service detail']);
  expect(table([result])).toContain('demo @neo4j/graphql p50 / p95 ms');
  // Two scales add the growth table, ours and raw Cypher's side by side: 1 when a scale is compared with itself.
  const growth = table([result, { ...result, scale: 'twice' }])
    .split('\n')
    .filter((l) => l.startsWith('| directory page'));
  expect(growth.at(-1)).toBe(`| directory page (50, nested) | ${result.operations[0]!.graphql.p50} | ${result.operations[0]!.graphql.p50} | 1 | 1 |`);
  expect(result.roundTrips.first10).toBe(result.roundTrips.first100); // no N+1
  expect(result.importRate?.rows).toBe(300);
  expect(result.load?.errors).toBe(0);
  expect(result.load?.non2xx).toBe(0);
  expect(result.load?.apiRssMb).toBeGreaterThan(0); // reported by the API process the load test forked
  expect(result.plans.length).toBeGreaterThanOrEqual(5);
  // 8 editors at once, on two shared sessions and on one session each: every write acknowledged.
  expect(result.writers?.map((w) => [w.mix, w.writes, w.errors, w.firstError])).toEqual([
    ['overlapping', 32, 0, undefined], // 8 editors × 4 writes
    ['separate', 32, 0, undefined],
  ]);
}, 400_000);
