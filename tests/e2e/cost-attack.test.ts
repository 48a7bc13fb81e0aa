/**
 * Issue 25, point 1, performed: five aliases nested to depth 11 through initiatives → editions →
 * sessions → attendances → person → … once drove the API past 4 GB and killed it and its Neo4j.
 * Here the API runs as a process of its own (its memory measured from /proc, peak included) on the
 * demo graph; the attack and its variants (page sizes in variables, named and inline fragments) are
 * sent 20 at a time with a zone key and an analyst key. Each is refused before it runs, with the code
 * and the estimated cost; the process's peak resident memory stays under 600 MB; legitimate
 * operations still answer. And an execution that outgrows its estimate stops at the row budget.
 */
import fs from 'node:fs';
import { createApiKey } from '../../src/access/api-keys';
import { QUERY_TOO_COSTLY } from '../../src/access/cost';
import { loadConfig } from '../../src/config';
import { REQUEST_TOO_LARGE } from '../../src/neo4j/driver';
import { generateDataset } from '../../src/seed/generate';
import { loadDataset } from '../../src/seed/load';
import { testApi } from '../helpers/api';
import { startApiProcess, type ApiProcess } from '../helpers/api-process';
import { closeTestDb, resetGraph, testDb } from '../helpers/db';

const MAX_RSS_BYTES = 600 * 1024 * 1024;
const MAX_COST = loadConfig({}).MAX_COST;

/** The API on the test run's Neo4j (an external one to it): no seed of its own. */
const startApi = () =>
  startApiProcess(
    {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      SEED_DEMO_WHEN_EMPTY: 'false',
      // The attack is sent as fast as possible: the rate limiter must not be what refuses it.
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    120_000,
  );

/** Resident memory of a process, now and at its peak (VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kb('VmRSS'), peak: kb('VmHWM') };
}

// The attack of the issue: initiatives → editions → sessions → attendances → person → attendances →
// session → attendances → person → attendances → session, eleven levels, five times over.
const CHAIN = (leaf: string) =>
  `initiatives { editions { sessions { attendances { person { attendances { session { attendances { person { attendances { session { ${leaf} } } } } } } } } } } }`;
const FIVE = (field: (i: number) => string) => Array.from({ length: 5 }, (_, i) => field(i)).join('\n');

const ATTACKS: Array<{ name: string; query: string; variables?: Record<string, unknown> }> = [
  { name: 'lists without first', query: `{ ${FIVE((i) => `a${i}: ${CHAIN('id')}`)} }` },
  {
    name: 'first in a variable',
    query: `query($n: Int) { ${FIVE(
      (i) => `a${i}: people(first: $n) { nodes { attendances { session { attendances { person { attendances { session { attendances { person { id } } } } } } } } } }`,
    )} }`,
    variables: { n: 500 },
  },
  {
    // Through what a zone key may read: services and the sessions they hosted, paged by a variable.
    name: 'zone-readable pages in variables',
    query: `query($n: Int) { ${FIVE(
      (i) =>
        `a${i}: services(first: $n) { nodes { sessionsHosted(first: $n) { nodes { edition { sessions { host { sessionsHosted(first: $n) { nodes { edition { sessions { id } } } } } } } } } } }`,
    )} }`,
    variables: { n: 500 },
  },
  {
    // graphql-armor counts each fragment as a level of depth, so fewer fields fit under MAX_DEPTH (12).
    name: 'named and inline fragments',
    query: `query { ${FIVE((i) => `a${i}: initiatives { ...I }`)} }
      fragment I on Initiative { editions { sessions { ...S } } }
      fragment S on Session { attendances { ... on Attendance { person { attendances { role } } } } }`,
  },
];

let api: ApiProcess;
const keys: Record<'zone' | 'analyst', string> = { zone: '', analyst: '' };

beforeAll(async () => {
  await resetGraph();
  await loadDataset(testDb(), generateDataset({ scale: 'demo', seed: 42 }));
  keys.zone = (await createApiKey(testDb(), 'zone', { zone: 'SUD', label: 'cost attack test' })).key;
  keys.analyst = (await createApiKey(testDb(), 'analyst', { label: 'cost attack test' })).key;
  api = await startApi();
}, 180_000);

afterAll(async () => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- unset when beforeAll failed
  if (api?.child.exitCode === null) {
    api.child.kill('SIGTERM');
    await api.exited;
  }
  await closeTestDb();
});

async function post(key: string, query: string, variables?: Record<string, unknown>) {
  const started = performance.now();
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: Array<{ extensions?: Record<string, unknown> }> };
  return { status: res.status, body, ms: performance.now() - started };
}

describe('the attack of issue 25', () => {
  it.each(ATTACKS)('is refused before it runs, 20 at a time with zone and analyst keys: $name', async ({ query, variables }) => {
    const pid = api.child.pid as number;
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => post(i % 2 === 0 ? keys.zone : keys.analyst, query, variables)));
    for (const { status, body } of answers) {
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors).toHaveLength(1);
      const extensions = body.errors?.[0]?.extensions ?? {};
      expect(extensions.code).toBe(QUERY_TOO_COSTLY);
      expect(extensions.limit).toBe(MAX_COST);
      expect(extensions.cost).toBeGreaterThan(MAX_COST);
    }
    // Refused without touching the database: no answer waits on Neo4j or on the others.
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5_000);
    const memory = memoryOf(pid);
    expect(memory.peak).toBeLessThan(MAX_RSS_BYTES);
    expect(api.child.exitCode).toBeNull();
  });

  it('left the API up and answering legitimate operations, its peak memory under 600 MB', async () => {
    const editions = await post(keys.zone, '{ initiatives { name editions { id name startsOn } } }');
    expect(editions.status).toBe(200);
    expect(editions.body.errors).toBeUndefined();
    expect((editions.body.data as { initiatives: unknown[] }).initiatives.length).toBeGreaterThan(0);
    const page = await post(keys.analyst, 'query($n: Int) { services(first: $n) { nodes { name sectors { name } } } }', { n: 100 });
    expect(page.status).toBe(200);
    expect((page.body.data as { services: { nodes: unknown[] } }).services.nodes).toHaveLength(100);
    expect(memoryOf(api.child.pid as number).peak).toBeLessThan(MAX_RSS_BYTES);
  });
});

describe('the row budget', () => {
  it('stops an execution that reads more rows than MAX_ROWS_PER_REQUEST, with REQUEST_TOO_LARGE', async () => {
    // A cost limit set out of the way: what stops this operation must be the row budget.
    const open = await testApi({ MAX_COST: String(Number.MAX_SAFE_INTEGER), MAX_ROWS_PER_REQUEST: '500' });
    try {
      // Under a cost limit of 2^53 the estimate (about 10^13) passes; the demo graph holds ~6,000 rows along it.
      const result = await open.run('{ initiatives { editions { sessions { attendances { person { attendances { session { id } } } } } } } }');
      const codes = new Set((result.errors ?? []).map((e) => e.extensions?.code));
      expect([...codes]).toEqual([REQUEST_TOO_LARGE]);
      expect(result.errors?.[0]?.extensions).toMatchObject({ limit: 500, analytics: false });
      // Nothing more was sent once the budget was spent: at most one statement per level of the chain.
      expect(result.roundTrips).toBeLessThanOrEqual(7);
      const within = await open.run('{ initiatives { editions { sessions { id } } } }');
      expect(within.errors).toBeUndefined();
    } finally {
      await open.server.stop();
    }
  });
});
