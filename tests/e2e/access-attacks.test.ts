/**
 * The attacks of issue 25, performed as an attacker would, with real keys over HTTP where the door is
 * HTTP. Graph: tests/fixtures/small-territory.cypher (SUD holds s1, s2, s3; NORD s4, s5; sessions x1
 * at s1 and x2 at s3, edition ed1) plus, below, a session x4 of ed1 hosted by s4 (NORD) and a NORD
 * edition ed2 with one session x3 hosted by s4.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { getNamedType, isNonNullType, isObjectType } from 'graphql';
import { buildRawSchema } from '../../src/schema';
import { createApiKey, revokeApiKey } from '../../src/access/api-keys';
import type { Principal } from '../../src/access/principal';
import { loadConfig } from '../../src/config';
import { cypher } from '../../src/neo4j/driver';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { createServer } from '../../src/server';
import { createDriver, Db } from '../../src/neo4j/driver';
import { testDb } from '../helpers/db';
import { codes, useFixtureApi, useHttpServer } from '../helpers/api';

const NORD_EDITION = cypher(
  'test.nordEdition',
  `MATCH (ini:Initiative {id: 'ini1'}), (s4:Service {id: 's4'}), (p3:Person {id: 'p3'})
   CREATE (ed2:Edition {id: 'ed2', cycle: '2023-2024', nameFr: 'Connect FR 2', nameNl: 'Connect FR 2', language: 'FR',
                        startsOn: date('2023-10-01'), endsOn: date('2024-06-30'), closed: false})-[:OF]->(ini)
   CREATE (x3:Session {id: 'x3', title: 'Rencontre Nord', startsAt: datetime('2023-12-07T08:00:00Z'), endsAt: datetime('2023-12-07T11:00:00Z'), capacity: 12})-[:IN]->(ed2)
   CREATE (x3)-[:HOSTED_BY]->(s4)
   WITH s4 MATCH (ed1:Edition {id: 'ed1'})
   CREATE (x4:Session {id: 'x4', title: 'Visite Nord', startsAt: datetime('2024-01-11T08:00:00Z'), endsAt: datetime('2024-01-11T11:00:00Z'), capacity: 12})-[:IN]->(ed1)
   CREATE (x4)-[:HOSTED_BY]->(s4)
   WITH 1 AS done MATCH (p3:Person {id: 'p3'}), (x3:Session {id: 'x3'})
   CREATE (p3)-[:ATTENDED {role: 'PARTICIPANT', status: 'PRESENT'}]->(x3)`,
);

const api = useFixtureApi('small-territory', async () => {
  await testDb().write(NORD_EDITION);
  await rebuildAllTies(testDb());
});
const zoneSud: Principal = { role: 'zone', zone: 'SUD', keyId: 'k-zone' };
const observatory: Principal = { role: 'observatory', keyId: 'k-obs' };
const analyst: Principal = { role: 'analyst', keyId: 'k-analyst' };
const admin: Principal = { role: 'admin', keyId: 'k-admin' };

const code = async (res: Response) => ((await res.json()) as Json).errors?.[0]?.extensions.code;
function doors(url: () => string) {
  return {
    get: (path: string, key?: string) => fetch(`${url()}${path}`, { headers: key ? { authorization: `Bearer ${key}` } : {} }),
    post: (body: unknown, key?: string) =>
      fetch(`${url()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      }),
  };
}

type Json = { data?: Record<string, unknown> | null; errors?: Array<{ message: string; extensions: Record<string, unknown> }> };

describe('zone leaks (point 6)', () => {
  it('node(id:) of another zone’s service or session is refused, its own zone’s answers', async () => {
    for (const id of ['U2VydmljZTpzNA', 'U2Vzc2lvbjp4Mw']) {
      // Global ids of Service s4 and Session x3 (both NORD).
      const res = await api().run(`{ node(id: "${id}") { id } }`, {}, { as: zoneSud });
      expect(codes(res.errors)).toEqual(['FORBIDDEN']);
    }
    const own = await api().run<{ node: { id: string } }>('{ node(id: "U2VydmljZTpzMQ") { id } }', {}, { as: zoneSud });
    expect(own.data?.node.id).toBe('U2VydmljZTpzMQ');
    expect(codes((await api().run('{ session(id: "x3") { title } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
  });

  it('listings hold only its zone’s sessions', async () => {
    const q = '{ edition(id: "ed1") { sessions { title } } }';
    const res = await api().run<{ edition: { sessions: Array<{ title: string }> } }>(q, {}, { as: zoneSud });
    expect(res.errors).toBeUndefined();
    expect(res.data?.edition.sessions.map((x) => x.title).sort()).toEqual(['Rencontre 1', 'Rencontre 2']); // x4 is hosted in NORD
    const all = await api().run<{ edition: { sessions: unknown[] } }>(q);
    expect(all.data?.edition.sessions).toHaveLength(3);
  });

  it('listings hold only its zone’s editions (one with a session hosted there)', async () => {
    const q = '{ initiative(id: "ini1") { editions { nameFr } } }';
    const zone = await api().run<{ initiative: { editions: Array<{ nameFr: string }> } }>(q, {}, { as: zoneSud });
    expect(zone.data?.initiative.editions).toEqual([{ nameFr: 'Connect FR 1' }]); // ed2 meets in NORD only
    expect((await api().run<{ initiative: { editions: unknown[] } }>(q)).data?.initiative.editions).toHaveLength(2);
    expect(codes((await api().run('{ edition(id: "ed2") { nameFr } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
  });

  it('filtering by zone costs batches, not a round trip per row', async () => {
    // initiatives, their editions, the zones hosting both editions' sessions: 3
    // (a lookup per session, one after the other, took 6 here and grows with the rows).
    const editions = await api().run('{ initiatives { editions { nameFr } } }', {}, { as: zoneSud });
    expect([editions.errors, editions.roundTrips]).toEqual([undefined, 3]);
    // the edition, the zones hosting it, its sessions, their hosts: 4, in batches
    const sessions = await api().run('{ edition(id: "ed1") { sessions { title } } }', {}, { as: zoneSud });
    expect([sessions.errors, sessions.roundTrips]).toEqual([undefined, 4]);
  });

  it('another zone’s initiativeImpact and editionValidation are refused; region-wide recommendations become the zone’s', async () => {
    expect(codes((await api().run('{ initiativeImpact(edition: "ed2") { newTies } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await api().run('{ editionValidation(edition: "ed2") { code } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
    const own = await api().run<{ initiativeImpact: { hosts: number } }>('{ initiativeImpact(edition: "ed1") { hosts } }', {}, { as: zoneSud });
    expect(own.data?.initiativeImpact.hosts).toBe(3); // s1, s3 and s4 (x4): the edition's figures are the edition's
    const q = '{ recommendations(initiative: "ini1") { service { id } zone { code } } }';
    const recs = await api().run<{ recommendations: Array<{ service: { id: string } | null; zone: { code: string } | null }> }>(q, {}, { as: zoneSud });
    expect(recs.errors).toBeUndefined();
    const rows = recs.data?.recommendations ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.filter((r) => (r.zone && r.zone.code !== 'SUD') || (r.service && !['U2VydmljZTpzMQ', 'U2VydmljZTpzMg', 'U2VydmljZTpzMw'].includes(r.service.id)))).toEqual([]);
    const regionWide = await api().run<{ recommendations: Array<{ zone: { code: string } | null }> }>(q);
    expect(regionWide.data?.recommendations.some((r) => r.zone?.code === 'NORD')).toBe(true);
  });
});

describe('small cells that hold under differencing (point 7)', () => {
  it('a tie’s strength and visits follow the rule: strength 1 gives nothing away', async () => {
    const q = '{ acquaintances(territory: { zone: "SUD" }) { nodes { strength visits breadthA { value suppressed rounded } } } }';
    const zone = await api().run<{ acquaintances: { nodes: Array<{ strength: number | null; visits: number | null; breadthA: unknown }> } }>(q, {}, { as: zoneSud });
    const exact = await api().run<{ acquaintances: { nodes: Array<{ strength: number }> } }>(q);
    // s1–s3: p1 and p2 at x1 (p2 then at s1), p1 at x2 with p3 absent: one tie, strength 1 (p1–p2 at x1).
    expect(exact.data?.acquaintances.nodes.map((n) => n.strength)).toEqual([1]);
    expect(zone.data?.acquaintances.nodes).toEqual([{ strength: null, visits: 0, breadthA: { value: null, suppressed: true, rounded: false } }]);
  });

  it('fragile ties are not told apart from ties of 2–4 carriers', async () => {
    const q = '{ fragileTies(territory: { zone: "SUD" }, asOf: "2023-12-01") { status carriersA { value suppressed } carriersB { value suppressed } } }';
    const exact = await api().run<{ fragileTies: Array<{ status: string }> }>(q);
    expect(exact.data?.fragileTies.map((t) => t.status)).toEqual(['FRAGILE']);
    const zone = await api().run<{ fragileTies: Array<{ status: string }> }>(q, {}, { as: zoneSud });
    expect(zone.data?.fragileTies).toEqual([{ status: 'FEW_CARRIERS', carriersA: { value: null, suppressed: true }, carriersB: { value: null, suppressed: true } }]);
  });

  it('windows run in whole months for zone and observatory keys (a one-day window is refused)', async () => {
    const oneDay = '{ mixingMatrix(territory: { zone: "SUD" }, window: { from: "2023-10-05", to: "2023-10-05" }) { observed } }';
    for (const who of [zoneSud, observatory]) {
      const res = await api().run(oneDay, {}, { as: who });
      expect(codes(res.errors)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.extensions?.argument).toBe('window.from');
    }
    expect((await api().run(oneDay)).errors).toBeUndefined();
    const months = await api().run('{ mixingMatrix(territory: { zone: "SUD" }, window: { from: "2023-10-01", to: "2024-02-29" }) { observed } }', {}, { as: zoneSud });
    expect(months.errors).toBeUndefined();
  });

  it('participants, first-timers, rates and staff cannot be subtracted to a small count', async () => {
    const q = '{ initiativeImpact(edition: "ed1") { participants { value suppressed } firstTimeParticipants { value suppressed } noShowRate capacityUse } }';
    const exact = await api().run<{ initiativeImpact: { noShowRate: number } }>(q);
    expect(exact.data?.initiativeImpact.noShowRate).toBeCloseTo(1 / 4); // 3 present (p1, p2, p1) + 1 no-show (p3)
    const zone = await api().run<{ initiativeImpact: unknown }>(q, {}, { as: zoneSud });
    expect(zone.data?.initiativeImpact).toEqual({
      participants: { value: null, suppressed: true }, // 2 people
      firstTimeParticipants: { value: null, suppressed: true },
      noShowRate: null, // 1/4 would give both counts back
      capacityUse: null, // 4 registrations of 36 places
    });
  });
});

describe('pseudonyms (point 3)', () => {
  it('zone and observatory keys cannot address a person by id', async () => {
    for (const who of [zoneSud, observatory]) expect(codes((await api().run('{ person(id: "p1") { id } }', {}, { as: who })).errors)).toEqual(['FORBIDDEN']);
  });

  it('node(id:) gives a person only to whom person(id:) would (no pseudonym mapping by global or bare id)', async () => {
    for (const id of ['UGVyc29uOnAx', 'p1']) {
      const q = `{ node(id: "${id}") { ... on Person { id } } }`;
      for (const who of [zoneSud, observatory]) expect([id, who.role, codes((await api().run(q, {}, { as: who })).errors)]).toEqual([id, who.role, ['FORBIDDEN']]);
      expect((await api().run<{ node: { id: string } }>(q, {}, { as: analyst })).data?.node.id).toBe('UGVyc29uOnAx');
    }
  });

  it('pseudonyms can be keyed per export, so two exports do not join on people', async () => {
    const q = (p: string) => `{ networkExport(territory: { zone: "SUD" }, level: PEOPLE, format: CSV_NODES, pseudonyms: ${p}) { content } }`;
    const ids = async (p: string): Promise<string[]> => {
      const res = await api().run<{ networkExport: { content: string } }>(q(p), {}, { as: observatory });
      return (res.data?.networkExport.content.match(/psn_[A-Za-z0-9_-]{22}/g) ?? []).sort();
    };
    const [stable1, stable2, once1, once2] = [await ids('STABLE'), await ids('STABLE'), await ids('PER_EXPORT'), await ids('PER_EXPORT')];
    expect(stable1.length).toBeGreaterThan(0);
    expect(stable1).toEqual(stable2);
    expect(once1).toHaveLength(stable1.length);
    expect(once1.filter((id) => stable1.includes(id) || once2.includes(id))).toEqual([]);
  });
});

describe('audit of person-level reads, every door (point 5)', () => {
  const trailOf = async (operation: string) => {
    await api().server.audit.flush();
    return testDb().read<{ personIds: string[] }>(cypher('test.auditOf', 'MATCH (e:AuditEvent {operation: $operation}) RETURN e.personIds AS personIds'), { operation });
  };

  it('networkExport(level: PEOPLE), turnoverImpact and introductionPath(fromPerson) are recorded', async () => {
    await api().run('query AuditExport { networkExport(territory: { zone: "SUD" }, level: PEOPLE, format: CSV_NODES) { nodes } }', {}, { as: observatory });
    await api().run('query AuditTurnover { turnoverImpact(service: "s1", person: "p1") { tiesCarried } }', {}, { as: analyst });
    await api().run('query AuditPath { introductionPath(fromPerson: "p1", to: "s3") { found } }', {}, { as: analyst });
    expect((await trailOf('AuditExport')).flatMap((e) => e.personIds)).toHaveLength(2); // p1, p2 (p3 did not consent; s4 is NORD)
    expect(await trailOf('AuditTurnover')).toHaveLength(1);
    expect(await trailOf('AuditPath')).toHaveLength(1);
  });

  it('the REST download and the CLI record their people-level exports; the CLI checks its flags like the route', async () => {
    const { key } = await createApiKey(testDb(), 'analyst');
    const server = await createServer(loadConfig(process.env), testDb());
    const base = await server.listen(0, '127.0.0.1');
    try {
      const res = await fetch(`${base}/exports/network?zone=SUD&level=PEOPLE&format=CSV_NODES`, { headers: { authorization: `Bearer ${key}` } });
      expect([res.status, await res.text()]).toEqual([200, expect.stringContaining('Ana Peeters')]);
      await server.audit.flush();
    } finally {
      await server.stop();
    }
    expect((await trailOf('GET /exports/network')).flatMap((e) => e.personIds)).toHaveLength(2); // p1, p2

    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bng-export-')), 'people');
    const cli = (...args: string[]) => spawnSync(path.join('node_modules', '.bin', 'tsx'), ['scripts/export.ts', ...args], { env: process.env, encoding: 'utf8' });
    const ok = cli('--zone', 'SUD', '--level', 'PEOPLE', '--format', 'CSV_NODES', '--out', out);
    expect([ok.status, ok.stderr]).toEqual([0, '']);
    expect(fs.readFileSync(out, 'utf8')).toMatch(/psn_/); // pseudonymised without --names
    expect((await trailOf('npm run export')).flatMap((e) => e.personIds)).toHaveLength(2);
    const bad = cli('--zone', 'SUD', '--from', 'notadate', '--out', out);
    expect([bad.status, bad.stderr]).toEqual([1, expect.stringContaining('Invalid argument "from"')]);
  }, 60_000);
});

describe('HTTP doors', () => {
  const url = useHttpServer({ METRICS_TOKEN: 'metrics-token-0123456789' });
  const { get, post } = doors(url);

  it('GET /exports/network holds a zone key to its zone (point 2)', async () => {
    const { key } = await createApiKey(testDb(), 'zone', { zone: 'SUD' });
    for (const q of ['zone=NORD', 'region=BRU', 'municipality=21004', 'neighbourhood=Q4']) {
      const res = await get(`/exports/network?${q}&format=CSV_NODES`, key);
      expect([q, res.status]).toEqual([q, 403]);
    }
    const own = await get('/exports/network?zone=SUD&format=CSV_NODES', key);
    expect(own.status).toBe(200);
    expect(await own.text()).not.toMatch(/s4|s5/);
    const people = await get('/exports/network?zone=SUD&format=CSV_NODES&level=PEOPLE', key);
    expect(people.status).toBe(403); // zone keys see people only as counts
  });

  it('bad export arguments are 400 naming them, before any work (point 11)', async () => {
    const { key } = await createApiKey(testDb(), 'analyst');
    for (const [q, argument] of [
      ['zone=SUD&from=notadate', 'from'],
      ['zone=SUD&format=PDF', 'format'],
      ['zone=SUD&level=ALL', 'level'],
      ['zone=SUD&zone=NORD', 'zone'],
      ['zone=SUD&hack=1', 'hack'],
      ['zone=SUD&from=2024-02-01&to=2024-01-01', 'window'],
    ]) {
      const res = await get(`/exports/network?${q}`, key);
      const body = (await res.json()) as Json;
      expect([q, res.status, body.errors?.[0]?.extensions.argument]).toEqual([q, 400, argument]);
    }
    const obs = await createApiKey(testDb(), 'observatory');
    const sameDay = await get('/exports/network?zone=SUD&from=2023-10-05&to=2023-10-05', obs.key);
    expect(sameDay.status).toBe(400); // start = end: a day's people (whole months only)
  });

  it('a revoked key stops on the next request', async () => {
    const { key, id } = await createApiKey(testDb(), 'analyst');
    expect((await post({ query: '{ me { role } }' }, key)).status).toBe(200);
    await revokeApiKey(testDb(), id);
    const res = await post({ query: '{ me { role } }' }, key);
    expect([res.status, await code(res)]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it('/metrics needs the metrics token or an admin key (point 10)', async () => {
    expect((await get('/metrics')).status).toBe(403);
    expect((await get('/metrics', (await createApiKey(testDb(), 'analyst')).key)).status).toBe(403);
    expect((await get('/metrics', (await createApiKey(testDb(), 'admin')).key)).status).toBe(200);
    expect((await get('/metrics', 'metrics-token-0123456789')).status).toBe(200);
  });

  it('an unknown operationName is a 400, not a 500 (point 11)', async () => {
    const res = await post({ query: 'query A { me { role } }', operationName: 'B' });
    expect(res.status).toBe(400);
  });
});

describe('rate limiting (point 8)', () => {
  const url = useHttpServer({ RATE_LIMIT_PER_MINUTE: '30', EXPORT_RATE_COST: '10' });
  const { get, post } = doors(url);

  it('rate limits after authentication: invented keys share their address’s budget, a prefix locks no one out, exports weigh more (point 8)', async () => {
    const { key } = await createApiKey(testDb(), 'analyst');
    // An attacker sends invented keys that start like the real one: 401 each, then 429 for the address.
    const statuses: number[] = [];
    for (let i = 0; i < 35; i++) statuses.push((await post({ query: '{ me { role } }' }, `${key.slice(0, 20)}${i}`)).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429, 429, 429, 429]);
    // The real key is not touched by that.
    expect((await post({ query: '{ me { role } }' }, key)).status).toBe(200);
    // Three exports of weight 10 spend a budget of 30.
    const other = await createApiKey(testDb(), 'analyst');
    const exports: number[] = [];
    for (let i = 0; i < 4; i++) exports.push((await get('/exports/network?zone=SUD&format=CSV_NODES', other.key)).status);
    expect(exports).toEqual([200, 200, 200, 429]);
  });
});

describe('arguments checked before work (point 11)', () => {
  it('every Query field that takes `first` refuses a huge or negative one before any query runs', async () => {
    const query = buildRawSchema().getQueryType()!;
    const REQUIRED: Record<string, string> = {
      territory: '{ zone: "SUD" }',
      initiative: '"ini1"',
      edition: '"ed1"',
      id: '"s1"',
      to: '"s3"',
      service: '"s1"',
      person: '"p1"',
      format: 'CSV_NODES',
    };
    const failures: string[] = [];
    let walked = 0;
    for (const field of Object.values(query.getFields())) {
      if (!field.args.some((a) => a.name === 'first')) continue;
      const required = field.args.filter((a) => isNonNullType(a.type) && a.name !== 'first').map((a) => `${a.name}: ${REQUIRED[a.name] ?? 'MISSING'}`);
      const named = getNamedType(field.type);
      const selection = isObjectType(named) ? ' { __typename }' : '';
      for (const first of [1_000_000, -1]) {
        const res = await api().run(`{ ${field.name}(${[...required, `first: ${first}`].join(', ')})${selection} }`, {}, { as: admin });
        walked += 1;
        if (codes(res.errors).join() !== 'BAD_USER_INPUT' || res.roundTrips !== 0)
          failures.push(`${field.name}(first: ${first}): ${codes(res.errors).join()} after ${res.roundTrips} round trips`);
      }
    }
    expect(walked).toBeGreaterThan(10);
    expect(failures).toEqual([]);
  });

  it('fragileTies refuses first: 1000000 before computing anything', async () => {
    const res = await api().run('{ fragileTies(territory: { region: "BRU" }, first: 1000000) { status } }');
    expect(codes(res.errors)).toEqual(['BAD_USER_INPUT']);
    expect(res.roundTrips).toBe(0);
  });
});

describe('introspection (point 11)', () => {
  const url = useHttpServer({ INTROSPECTION: 'keys' });
  it('is refused to anonymous callers and served to keys', async () => {
    const ask = (headers: Record<string, string>) =>
      fetch(`${url()}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ __schema { queryType { name } } }' }),
      });
    const anonymous = await ask({});
    expect(anonymous.status).toBe(403);
    const { key } = await createApiKey(testDb(), 'observatory');
    expect(((await (await ask({ authorization: `Bearer ${key}` })).json()) as Json).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('production defaults to keys only', () => {
    expect(loadConfig({ NODE_ENV: 'production', PSEUDONYM_SECRET: 'a-real-secret-of-enough-length', NEO4J_URI: 'bolt://db:7687' }).INTROSPECTION).toBe('keys');
  });
});

describe('a database that is down (point 9)', () => {
  it('answers 503 with Retry-After, with and without a key', async () => {
    const deadDb = new Db(createDriver({ uri: 'bolt://127.0.0.1:1', user: 'neo4j', password: 'x' }), undefined, 2_000);
    const server = await createServer(loadConfig(process.env), deadDb);
    const base = await server.listen(0, '127.0.0.1');
    try {
      const query = (headers: Record<string, string>) =>
        fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ zones { code } }' }) });
      for (const headers of [{} as Record<string, string>, { authorization: `Bearer bng_0123456789abcdef_${'a'.repeat(43)}` }]) {
        const res = await query(headers);
        expect([res.status, res.headers.get('retry-after'), await code(res)]).toEqual([503, '5', 'SERVICE_UNAVAILABLE']);
      }
    } finally {
      await server.stop();
      await deadDb.driver.close();
    }
  });
});
