/** The HTTP surface over a real socket: GraphQL, GraphiQL (served locally), health, readiness, metrics, limits. */
import { loadConfig } from '../../src/config';
import { createServer, type ApiServer } from '../../src/server';
import { PUBLIC } from '../../src/access/principal';
import { testApi } from '../helpers/api';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';

let server: ApiServer;
let base: string;
const METRICS_TOKEN = 'metrics-token-for-http-test';
/** /metrics as Prometheus reads it: with its bearer token (who else may read it: tests/e2e/route-walk.test.ts). */
const metrics = () => fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });

beforeAll(async () => {
  await resetGraph();
  await loadFixture('small-territory');
  server = await createServer(loadConfig({ ...process.env, PORT: '0', METRICS_TOKEN: METRICS_TOKEN }), testDb());
  base = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server.stop();
  await closeTestDb();
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('GraphQL over HTTP', () => {
  it('answers a query, in the language of Accept-Language', async () => {
    const res = await post({ query: '{ municipality(nisCode: "21009") { name } }' }, { 'accept-language': 'nl-BE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { municipality: { name: 'Elsene' } } });
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const plain = await fetch(`${base}/graphql?query=${encodeURIComponent('{ zones { code } }')}`);
    expect(plain.status).toBe(400);
    const withHeader = await fetch(`${base}/graphql?query=${encodeURIComponent('{ zones { code } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(withHeader.status).toBe(200);
  });

  it('refuses bodies over the limit', async () => {
    const res = await post({ query: `{ zones { code } } # ${'x'.repeat(1_100_000)}` });
    expect(res.status).toBe(413);
  });

  it('never sends a stack trace', async () => {
    const res = await post({ query: '{ services(after: "###") { totalCount } }' });
    const body = (await res.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(body.errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(body)).not.toMatch(/stacktrace|\.ts:\d+/);
  });
});

describe('with introspection switched off (INTROSPECTION=false)', () => {
  it('refuses introspection and hides field suggestions, which the default server gives', async () => {
    const closed = await testApi({ INTROSPECTION: 'false' });
    try {
      const introspection = (await closed.run('{ __schema { types { name } } }')).errors ?? [];
      expect(introspection.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
      expect(introspection[0]?.message).toMatch(/introspection/i);
      // A misspelt field names the schema's real fields only when introspection is on.
      const [hidden] = (await closed.run('{ sectorz { code } }')).errors ?? [];
      expect(hidden?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      expect(hidden?.message).toMatch(/Cannot query field "sectorz"/);
      expect(hidden?.message).not.toMatch(/Did you mean|"sectors"/);
      const given = (await (await post({ query: '{ sectorz { code } }' })).json()) as { errors: Array<{ message: string }> };
      expect(given.errors[0]?.message).toMatch(/Did you mean .*"sectors"/);
      expect(await (await post({ query: '{ __schema { queryType { name } } }' })).json()).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    } finally {
      await closed.server.stop();
    }
  });

  it('answers errors met while executing with their own code, not as internal errors', async () => {
    const closed = await testApi({ INTROSPECTION: 'false' });
    try {
      // The public role may not ask network questions: FORBIDDEN, as with introspection on.
      const forbidden = await closed.run('{ eiIndex(territory: { zone: "SUD" }) { territory { index } } }', undefined, { as: PUBLIC });
      expect(forbidden.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
      const bad = await closed.run('{ services(first: -1) { totalCount } }');
      expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    } finally {
      await closed.server.stop();
    }
  });
});

describe('GraphiQL', () => {
  it('is served from installed packages, with no CDN', async () => {
    const page = await fetch(`${base}/graphql`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('/graphiql/assets/graphiql.js');
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string);
    expect(assets).toHaveLength(5); // react, react-dom, graphiql js + css, app.js
    for (const asset of assets) {
      const res = await fetch(`${base}${asset}`);
      expect(res.status).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });
});

describe('operations endpoints', () => {
  it('/health and /ready', async () => {
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', migrations: true });
  });

  it('/metrics counts Neo4j queries and operation latency in Prometheus text', async () => {
    await post({ query: 'query ZoneList { zones { code } }', operationName: 'ZoneList' });
    const text = await (await metrics()).text();
    expect(text).toMatch(/^neo4j_queries_total\{query="territory.zonesOfRegion"\} \d+/m);
    expect(text).toMatch(/^graphql_operation_duration_seconds_count\{operation="ZoneList",outcome="ok"\} [1-9]/m);
  });

  it("/metrics keeps each operation's outcomes and round trips apart", async () => {
    const before = await (await metrics()).text();
    const count = (text: string, series: string) => Number(text.match(new RegExp(`^${series} (\\d+)`, 'm'))?.[1] ?? 0);
    await post({ query: 'query MetricsProbe { zones { code } }', operationName: 'MetricsProbe' });
    await post({ query: 'query MetricsProbe { zone(code: "NOWHERE") { code } }', operationName: 'MetricsProbe' });
    await post({ query: 'query MetricsProbe { zones { code } }', operationName: 'MetricsProbe' });
    const after = await (await metrics()).text();
    // 2 answered, 1 failed (unknown zone), 3 operations with their round trips
    expect(
      count(after, 'graphql_operation_duration_seconds_count\\{operation="MetricsProbe",outcome="ok"\\}') -
        count(before, 'graphql_operation_duration_seconds_count\\{operation="MetricsProbe",outcome="ok"\\}'),
    ).toBe(2);
    expect(
      count(after, 'graphql_operation_duration_seconds_count\\{operation="MetricsProbe",outcome="error"\\}') -
        count(before, 'graphql_operation_duration_seconds_count\\{operation="MetricsProbe",outcome="error"\\}'),
    ).toBe(1);
    expect(count(after, 'graphql_operation_neo4j_round_trips_count\\{operation="MetricsProbe"\\}')).toBe(3);
  });
});
