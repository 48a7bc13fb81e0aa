/**
 * The analytics cache through the API on tests/fixtures/network-small.cypher (SUD: five ties, see
 * network-queries.test.ts): answers shared across requests until a write bumps the graph version,
 * from this process or another; disclosure and zone checks still per request; figures in /metrics.
 */
import type { Principal } from '../../src/access/principal';
import { metricsText } from '../../src/metrics';
import { createDriver, cypher, Db } from '../../src/neo4j/driver';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { codes, useTiedFixture } from '../helpers/api';

const { api, data } = useTiedFixture('network-small');
const EDITOR: Principal = { role: 'editor', keyId: 'test-editor' };
const SUD_ZONE: Principal = { role: 'zone', zone: 'SUD', keyId: 'test-sud' };
const NORD_ZONE: Principal = { role: 'zone', zone: 'NORD', keyId: 'test-nord' };

const TIES = '{ acquaintances(territory: { zone: "SUD" }) { totalCount } }';
const BROKERS = '{ brokers(territory: { zone: "SUD" }) { brokers { service { nameFr } betweenness } } }';
const tieCount = async () => (await data<{ acquaintances: { totalCount: number } }>(TIES)).acquaintances.totalCount;

/** The analytics_cache_lookups_total series of /metrics, as { 'kind outcome': count }. */
async function lookups(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const m of (await metricsText()).matchAll(/^analytics_cache_lookups_total\{kind="(\w+)",outcome="(\w+)"\} (\d+)/gm)) out[`${m[1] ?? ''} ${m[2] ?? ''}`] = Number(m[3]);
  return out;
}

it('a question asked again is answered from the cache: no tie is read again, and /metrics counts the hit', async () => {
  const first = await api().run(BROKERS);
  const before = await lookups();
  const second = await api().run(BROKERS);
  expect(second.data).toEqual(first.data);
  // First: the scope's two checks (territory, initiative kinds), the version, the services, the ties (5).
  // Again: the checks and the version (3).
  expect([first.roundTrips, second.roundTrips]).toEqual([5, 3]);
  const after = await lookups();
  expect((after['brokers hit'] ?? 0) - (before['brokers hit'] ?? 0)).toBe(1);
  expect(await metricsText()).toMatch(/^analytics_cache_hit_ratio \d/m);
  expect(await metricsText()).toMatch(/^analytics_cache_bytes [1-9]/m);
});

it('a write through the API changes the next answer at once, and undoing it changes it back', async () => {
  expect(await tieCount()).toBe(5);
  const absent = await api().run('mutation { markAttendance(personId: "d1", sessionId: "s3", status: NO_SHOW) { errors { code } } }', {}, { as: EDITOR });
  expect(absent.errors).toBeUndefined();
  expect(await tieCount()).toBe(4); // sC–sD rested on m1 and d1 at s3 alone
  await api().run('mutation { markAttendance(personId: "d1", sessionId: "s3", status: PRESENT) { errors { code } } }', {}, { as: EDITOR });
  expect(await tieCount()).toBe(5);
});

it("another process's write is seen by the next request (the version lives in the database)", async () => {
  expect(await tieCount()).toBe(5);
  const uri = process.env.NEO4J_URI ?? '';
  const driver = createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
  const other = new Db(driver, undefined, 60_000);
  try {
    await other.write(cypher('test.dropTie', "MATCH (:Service {id: 'sC'})-[k:KNOWS]-(:Service {id: 'sD'}) DELETE k"));
    expect(await tieCount()).toBe(4);
    await rebuildAllTies(other);
    expect(await tieCount()).toBe(5);
  } finally {
    await driver.close();
  }
});

it("a cached answer still goes through the caller's checks and disclosure", async () => {
  const FRAGILE = '{ fragileTies(territory: { zone: "SUD" }, asOf: "2024-01-01") { status } }';
  const analyst = await api().run<{ fragileTies: Array<{ status: string }> }>(FRAGILE);
  expect(analyst.data?.fragileTies.map((t) => t.status)).toContain('FRAGILE');
  const zone = await api().run<{ fragileTies: Array<{ status: string }> }>(FRAGILE, {}, { as: SUD_ZONE });
  expect(zone.errors).toBeUndefined();
  expect(new Set(zone.data?.fragileTies.map((t) => t.status))).toEqual(new Set(['FEW_CARRIERS'])); // never FRAGILE for a zone key
  expect(codes((await api().run(BROKERS, {}, { as: NORD_ZONE })).errors)).toEqual(['FORBIDDEN']);
});

it("below the region, the measures read the map's walk of the ties: brokers after acquaintances reads no tie", async () => {
  // A filter no other test asks with, so no tie of it is cached yet.
  const scope = 'territory: { zone: "SUD" }, ties: { minWeight: 0.1 }';
  const before = await statementsRun();
  const map = await api().run(`{ acquaintances(${scope}, first: 500) { totalCount } }`);
  const between = await statementsRun();
  const measures = await api().run(`{ brokers(${scope}) { brokers { betweenness } } }`);
  const after = await statementsRun();
  expect([map.errors, measures.errors]).toEqual([undefined, undefined]);
  const tieReads = (from: Record<string, number>, to: Record<string, number>) =>
    Object.entries(to)
      .filter(([name, n]) => name.startsWith('network.tiesPacked.') && n > (from[name] ?? 0))
      .map(([name]) => name);
  expect(tieReads(before, between)).toEqual(['network.tiesPacked.full.agg']);
  expect(tieReads(between, after)).toEqual([]);
});

/** The neo4j_queries_total series of /metrics: statements run so far, by name. */
async function statementsRun(): Promise<Record<string, number>> {
  return Object.fromEntries([...(await metricsText()).matchAll(/^neo4j_queries_total\{query="([^"]+)"\} (\d+)/gm)].map((m) => [m[1] ?? '', Number(m[2])]));
}
