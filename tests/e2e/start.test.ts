/**
 * `npm start` as a new user runs it: with NEO4J_URI unset it starts a local Neo4j in its own data
 * directory, migrates, seeds the demo graph, serves GraphQL; Ctrl-C (SIGINT) stops API and Neo4j;
 * a second start reuses the data (no second seed) and is faster. The start-up log names both URLs
 * and the local analyst key (the same on the second start), and the shutdown log says "stopped".
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiProcess, stopApiProcess as stop } from '../helpers/api-process';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-start-'));

const start = () =>
  startApiProcess(
    { ...process.env, NEO4J_URI: '', LOCAL_NEO4J_HOME: home, LOCAL_NEO4J_PORT: '0', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development' },
    150_000,
  );

const countServices = async (url: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ services { totalCount } municipalities { nisCode } zones { code } }' }),
  });
  return (await res.json()) as { data: { services: { totalCount: number }; municipalities: unknown[]; zones: unknown[] } };
};

afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

const localKey = (logs: string[]) => logs.map((l) => /local analyst key[^:]*: (bng_\S+)/.exec(l)?.[1]).find(Boolean);

/** An analyst-only question, asked with a key. */
const brokersWith = async (url: string, key: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ brokers(territory: { zone: "SUD" }, first: 3) { brokers { degree } } }' }),
  });
  return (await res.json()) as { data?: { brokers: { brokers: unknown[] } }; errors?: unknown[] };
};

it('starts, seeds, serves, stops cleanly, and restarts on the same data', async () => {
  const first = await start();
  expect(first.logs.some((l) => l.includes('loading the Brussels demo graph'))).toBe(true);
  const body = await countServices(first.url);
  expect(body.data.municipalities).toHaveLength(19);
  expect(body.data.zones).toHaveLength(5);
  expect(body.data.services.totalCount).toBeGreaterThan(100);
  expect(first.logs.some((l) => l.includes(`zone dashboard on ${first.url}/dashboard`))).toBe(true);
  const key = localKey(first.logs);
  expect(key).toBeDefined();
  expect(fs.statSync(path.join(home, 'api-key.json')).mode & 0o077).toBe(0);
  const brokers = await brokersWith(first.url, key!);
  expect(brokers.errors).toBeUndefined();
  expect(brokers.data?.brokers.brokers.length).toBeGreaterThan(0);
  expect(await stop(first)).toBe(0);
  expect(first.logs.some((l) => l.includes('"msg":"stopped"'))).toBe(true);
  expect(fs.existsSync(path.join(home, 'data', 'databases'))).toBe(true);

  const second = await start();
  expect(second.logs.some((l) => l.includes('loading the Brussels demo graph'))).toBe(false);
  expect((await countServices(second.url)).data.services.totalCount).toBe(body.data.services.totalCount);
  expect(localKey(second.logs)).toBe(key); // made once for this database, then reused
  expect(await stop(second)).toBe(0);
}, 400_000);
