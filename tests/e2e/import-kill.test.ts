/**
 * Killing an import half way: only whole batches were written (each batch is one transaction),
 * and re-running the same file converges to the same graph as an uninterrupted import.
 * (Registrations, not presences: 231 people in the same 120 sessions would make every pair meet,
 * which tests the tie upkeep's speed rather than the import's atomicity.)
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { cypher, int } from '../../src/neo4j/driver';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { generateDataset } from '../../src/seed/generate';
import { loadDataset } from '../../src/seed/load';
import { closeTestDb, resetGraph, testDb, waitForQuiet } from '../helpers/db';
import { tieSnapshot } from '../helpers/ties';

const SETUP = cypher(
  'test.killSetup',
  `MERGE (i:Initiative {id: 'kill-ini'}) SET i.kind = 'NETWORK_EVENT', i.nameFr = 'K', i.nameNl = 'K'
   MERGE (e:Edition {id: 'kill-ed'}) SET e.cycle = '2030', e.nameFr = 'K', e.nameNl = 'K', e.language = 'BOTH', e.startsOn = date('2030-01-01'), e.endsOn = date('2030-12-31'), e.closed = false
   MERGE (e)-[:OF]->(i)
   WITH e UNWIND range(1, $sessions) AS k
   MERGE (x:Session {id: 'kill-' + toString(k)}) SET x.title = 'k', x.startsAt = datetime('2030-01-01T08:00:00Z') + duration({days: k}), x.endsAt = datetime('2030-01-01T10:00:00Z') + duration({days: k})
   MERGE (x)-[:IN]->(e)`,
);
const PEOPLE = cypher(
  'test.killPeople',
  `MATCH (p:Person)-[w:WORKS_AT]->(:Service)<-[:RUNS]-(o:Organisation) WHERE w.to IS NULL AND COUNT { (:Person {nameKey: p.nameKey}) } = 1
   RETURN DISTINCT p.displayName AS name, o.id AS organisation ORDER BY name LIMIT $n`,
);
const IMPORTED = cypher('test.killCount', "MATCH (x:Session)-[:IN]->(:Edition {id: 'kill-ed'}) MATCH (x)<-[a:ATTENDED]-() RETURN count(a) AS n");

/** Enough batches that the import is still running when the first one lands. */
const SESSIONS = 120;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-kill-'));
const file = path.join(dir, 'attendance.csv');
const importer = (extra: string[] = []) => [require.resolve('tsx/cli'), 'scripts/import.ts', 'attendance', file, ...extra];
const env = { ...process.env, LOG_LEVEL: 'silent' };
const count = async () => (await testDb().read<{ n: number }>(IMPORTED))[0]?.n ?? 0;

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await closeTestDb();
});

it('a killed import leaves whole batches only, and re-running converges', async () => {
  await resetGraph();
  await loadDataset(testDb(), generateDataset({ scale: 'demo', seed: 42 }));
  await rebuildAllTies(testDb());
  await testDb().write(SETUP, { sessions: int(SESSIONS) });
  const people = await testDb().read<{ name: string; organisation: string }>(PEOPLE, { n: int(400) });
  const rows = people.flatMap((p) =>
    Array.from({ length: SESSIONS }, (_, k) => [`kill-${k + 1}`, new Date(Date.UTC(2030, 0, 2 + k)).toISOString().slice(0, 10), p.name, p.organisation, 'guest', '']),
  );
  fs.writeFileSync(file, `session,date,name,organisation,role,present\n${rows.map((r) => r.join(',')).join('\n')}\n`);
  expect(rows.length).toBeGreaterThan(25_000); // 231 people with a unique name × 120 sessions on the demo graph: 14 batches

  // Kill it as soon as the first batch has landed.
  // Its own process group: tsx runs the script in a child process, and both must die.
  const child = spawn(process.execPath, importer(), { cwd: PROJECT_ROOT, env, stdio: 'ignore', detached: true });
  let seen = 0;
  for (let i = 0; i < 2400 && seen === 0; i++) {
    await new Promise((r) => setTimeout(r, 25));
    seen = await count();
  }
  process.kill(-child.pid!, 'SIGKILL');
  await new Promise((r) => child.once('exit', r));
  // The server rolls back the dead client's open transaction when it notices the closed socket.
  await waitForQuiet();
  const afterKill = await count();
  expect(afterKill).toBeGreaterThan(0);
  expect(afterKill).toBeLessThan(rows.length);
  expect({ afterKill, wholeBatches: afterKill % 2000 === 0 }).toEqual({ afterKill, wholeBatches: true }); // batches of 2,000 rows, each one transaction

  const rerun = spawnSync(process.execPath, importer(), { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 300_000 });
  expect({ status: rerun.status, stderr: rerun.stderr.slice(0, 500) }).toEqual({ status: 0, stderr: '' });
  expect(rerun.stdout).toContain(`${rows.length - afterKill} created, 0 updated, ${afterKill} unchanged, 0 rejected`);
  expect(await count()).toBe(rows.length);
  // The incremental ties equal a rebuild after the interrupted run and the re-run.
  const incremental = await tieSnapshot(testDb());
  await rebuildAllTies(testDb());
  expect(await tieSnapshot(testDb())).toEqual(incremental);
}, 400_000);
