/**
 * Every HTTP route, walked with no key, an invalid key, a key of each role and a zone key of another
 * zone, plus hostile query strings on the routes that take parameters: no answer is a 5xx, each data
 * route answers as the policy says (src/access/rules.ts DOOR_RULES), and the list of routes is read
 * from the running app, so a new route cannot be left out of the walk.
 * Graph: tests/fixtures/small-territory.cypher (SUD: s1–s3, NORD: s4, s5).
 */
import type express from 'express';
import { createApiKey } from '../../src/access/api-keys';
import { ROLES, type Role } from '../../src/access/principal';
import { allows } from '../../src/access/policy';
import { DOOR_RULES } from '../../src/access/rules';
import { loadConfig } from '../../src/config';
import { createServer, type ApiServer } from '../../src/server';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** The GET routes the app serves, read from Express's router stack (routers mounted with app.use included). */
function getRoutes(app: express.Express): string[] {
  const out = new Set<string>();
  const walk = (stack: Layer[] | undefined) => {
    for (const layer of stack ?? []) {
      if (layer.route?.methods.get) out.add(layer.route.path);
      walk(layer.handle?.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return [...out].sort();
}

/** A concrete URL for each route pattern (parameters filled in). */
const URLS: Record<string, string> = {
  '/': '/',
  '/health': '/health',
  '/ready': '/ready',
  '/metrics': '/metrics',
  '/graphql': '/graphql?query=%7Bzones%7Bcode%7D%7D',
  '/graphiql/assets/:file': '/graphiql/assets/graphiql-app.js',
  '/dashboard': '/dashboard',
  '/dashboard/dashboard.js': '/dashboard/dashboard.js',
  '/exports/network': '/exports/network?zone=SUD&format=CSV_NODES',
};

const HOSTILE = ["' OR 1=1 --", '"}) MATCH (n) DETACH DELETE n //', '%00', '../../etc/passwd', 'A'.repeat(3000), '', '2023-02-30', '-1', '🙂'];

let server: ApiServer;
let base = '';
const keys = new Map<string, string | undefined>();

beforeAll(async () => {
  await resetGraph();
  await loadFixture('small-territory');
  // A high limit: the walk sends many requests from one address and key.
  server = await createServer(loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '100000' }), testDb());
  base = await server.listen(0, '127.0.0.1');
  keys.set('no key', undefined);
  keys.set('invalid key', `bng_0123456789abcdef_${'b'.repeat(43)}`);
  for (const role of ROLES.filter((r): r is Exclude<Role, 'public'> => r !== 'public')) {
    keys.set(role, (await createApiKey(testDb(), role, role === 'zone' ? { zone: 'SUD' } : {})).key);
  }
  keys.set('zone NORD', (await createApiKey(testDb(), 'zone', { zone: 'NORD' })).key);
});
afterAll(async () => {
  await server.stop();
  await closeTestDb();
});

const get = (url: string, key: string | undefined) =>
  fetch(`${base}${url}`, { headers: { accept: 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) }, redirect: 'manual' });

it('every route has a URL in this walk', () => {
  expect(getRoutes(server.app).filter((r) => !(r in URLS))).toEqual([]);
});

it('no route answers a 5xx, whoever calls', async () => {
  const failures: string[] = [];
  for (const route of getRoutes(server.app))
    for (const [who, key] of keys) {
      const res = await get(URLS[route]!, key);
      await res.arrayBuffer();
      if (res.status >= 500) failures.push(`${who} ${route}: ${res.status}`);
    }
  expect(failures).toEqual([]);
});

it('the data routes answer as the policy says, for each role and for another zone', async () => {
  const expected = (who: string, rule: keyof typeof DOOR_RULES, zoneOk: boolean) => {
    if (who === 'invalid key') return 401;
    const role = (who === 'no key' ? 'public' : who.startsWith('zone') ? 'zone' : who) as Role;
    if (!allows(DOOR_RULES[rule], { role })) return 403;
    return role === 'zone' && !zoneOk ? 403 : 200;
  };
  const seen: string[] = [];
  const want: string[] = [];
  for (const [who, key] of keys) {
    for (const [url, rule] of [
      ['/exports/network?zone=SUD&format=CSV_NODES', 'exportServices'],
      ['/exports/network?zone=SUD&format=CSV_NODES&level=PEOPLE', 'exportPeople'],
      ['/metrics', 'metrics'],
    ] as const) {
      const res = await get(url, key);
      await res.arrayBuffer();
      seen.push(`${who} ${url} ${res.status}`);
      want.push(`${who} ${url} ${expected(who, rule, who !== 'zone NORD' || url === '/metrics')}`);
    }
  }
  expect(seen).toEqual(want);
});

it('hostile parameters on the export route are refused with a 4xx naming them', async () => {
  const analyst = keys.get('analyst');
  const failures: string[] = [];
  for (const name of ['zone', 'region', 'municipality', 'neighbourhood', 'from', 'to', 'sectors', 'level', 'format', 'pseudonyms', 'other'])
    for (const value of HOSTILE) {
      const res = await get(`/exports/network?zone=SUD&${name}=${encodeURIComponent(value)}`, analyst);
      const body = await res.text();
      if (res.status >= 500 || (res.status >= 400 && !/"code":"[A-Z_]+"/.test(body))) failures.push(`${name}=${value.slice(0, 20)}: ${res.status}`);
    }
  expect(failures).toEqual([]);
});
