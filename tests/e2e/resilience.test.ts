/**
 * Neo4j going away: a query answers SERVICE_UNAVAILABLE and /ready says 503 while it is down, and
 * the same API process recovers once it is back. Uses its own Neo4j so the shared one stays up.
 * Also: an unreachable Neo4j at start gives one clear line and a non-zero exit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../src/config';
import { createDriver, Db } from '../../src/neo4j/driver';
import { freePort, startNeo4j, type RunningNeo4j } from '../../src/neo4j/local';
import { migrate } from '../../src/neo4j/migrations';
import { createServer, type ApiServer } from '../../src/server';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-resilience-'));
let neo4j: RunningNeo4j;
let port: number;
let server: ApiServer;
let base: string;
let db: Db;

const start = (p: number) => startNeo4j({ home, port: p, heap: '512m', pagecacheMiB: 64, txTimeoutSeconds: 30, attached: true });
const ask = async () => {
  const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ zones { code } }' }) });
  return (await res.json()) as { data?: unknown; errors?: Array<{ extensions: { code: string } }> };
};

beforeAll(async () => {
  port = await freePort();
  neo4j = await start(port);
  db = new Db(createDriver({ uri: neo4j.uri, user: neo4j.user, password: neo4j.password }), undefined, 5_000);
  // Migrated with a patient handle: a fresh Neo4j plans its first statements slowly on a busy machine.
  await migrate(new Db(db.driver, undefined, 60_000));
  server = await createServer(loadConfig({ ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: neo4j.user, NEO4J_PASSWORD: neo4j.password }), db);
  base = await server.listen(0, '127.0.0.1');
}, 120_000);

afterAll(async () => {
  await server.stop();
  await db.driver.close();
  await neo4j.stop();
  fs.rmSync(home, { recursive: true, force: true });
});

it('answers SERVICE_UNAVAILABLE while Neo4j is down, then recovers without a restart', async () => {
  expect(await ask()).toEqual({ data: { zones: [] } });

  await neo4j.stop();
  const down = await ask();
  expect(down.errors?.map((e) => e.extensions.code)).toEqual(['SERVICE_UNAVAILABLE']);
  expect((await fetch(`${base}/ready`)).status).toBe(503);
  expect((await fetch(`${base}/health`)).status).toBe(200); // the process itself is fine

  neo4j = await start(port);
  expect(await ask()).toEqual({ data: { zones: [] } });
  expect((await fetch(`${base}/ready`)).status).toBe(200);
}, 120_000);

it('exits non-zero with one clear line when Neo4j is unreachable at start', async () => {
  const closedPort = await freePort();
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: `bolt://127.0.0.1:${closedPort}`, PORT: '0', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(new RegExp(`^Cannot start: Cannot reach Neo4j at bolt://127.0.0.1:${closedPort} \\(unreachable: ServiceUnavailable: `));
}, 90_000);
