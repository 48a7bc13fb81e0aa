/**
 * What each role sees, on tests/fixtures/small-territory.cypher (SUD holds s1, s2, s3; NORD s4, s5;
 * p1 and p2 consented, p3 did not). Keys over HTTP: created, used, revoked.
 */
import { createApiKey, KeyVerifier, revokeApiKey } from '../../src/access/api-keys';
import type { Principal } from '../../src/access/principal';
import { pseudonym } from '../../src/access/pseudonym';
import { AuditTrail } from '../../src/access/audit';
import { cypher } from '../../src/neo4j/driver';
import { loadConfig } from '../../src/config';
import { testDb } from '../helpers/db';
import { codes, useFixtureApi, useHttpServer } from '../helpers/api';

const api = useFixtureApi('small-territory');

const zoneSud: Principal = { role: 'zone', zone: 'SUD', keyId: 'k-zone' };
const observatory: Principal = { role: 'observatory', keyId: 'k-obs' };
const analyst: Principal = { role: 'analyst', keyId: 'k-analyst' };
const admin: Principal = { role: 'admin', keyId: 'k-admin' };

describe('zone key (SUD)', () => {
  it('lists only its zone’s services, with its own totals', async () => {
    const mine = await api().run<{ services: { totalCount: number; nodes: Array<{ nameFr: string }> } }>('{ services { totalCount nodes { nameFr } } }', {}, { as: zoneSud });
    expect(mine.data?.services.totalCount).toBe(3); // s1, s2, s3 (Q1..Q3 are in SUD)
    const all = await api().run<{ services: { totalCount: number } }>('{ services { totalCount } }', {}, { as: analyst });
    expect(all.data?.services.totalCount).toBe(5);
  });

  it('is refused another zone, a split municipality, the region, and another zone’s service', async () => {
    for (const territory of ['{ zone: "NORD" }', '{ municipality: "21004" }', '{ region: "BRU" }', '{ neighbourhood: "Q4" }']) {
      const res = await api().run(`{ services(filter: { territory: ${territory} }) { totalCount } }`, {}, { as: zoneSud });
      expect(codes(res.errors)).toEqual(['FORBIDDEN']);
    }
    expect(codes((await api().run('{ service(id: "s4") { nameFr } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
    const inside = await api().run<{ services: { totalCount: number } }>('{ services(filter: { territory: { municipality: "21007" } }) { totalCount } }', {}, { as: zoneSud });
    expect(inside.data?.services.totalCount).toBe(1); // Forest: s1
  });

  it('sees people only as counts, small ones suppressed', async () => {
    const res = await api().run<{ service: { staffCount: { value: number | null; suppressed: boolean } } }>(
      '{ service(id: "s1") { staffCount(asOf: "2022-06-01") { value suppressed } } }',
      {},
      { as: zoneSud },
    );
    expect(res.data?.service.staffCount).toEqual({ value: null, suppressed: true }); // 2 people < 5
    const forAnalyst = await api().run<{ service: { staffCount: { value: number } } }>('{ service(id: "s1") { staffCount(asOf: "2022-06-01") { value } } }');
    expect(forAnalyst.data?.service.staffCount.value).toBe(2);
    expect(codes((await api().run('{ service(id: "s1") { staff { role } } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
    expect(codes((await api().run('{ person(id: "p1") { id } }', {}, { as: zoneSud })).errors)).toEqual(['FORBIDDEN']);
  });

  it('nested services of another zone disappear', async () => {
    // o3 runs s4 and s5, both in NORD; the organisation itself is public.
    const res = await api().run<{ organisation: { services: unknown[] } }>('{ organisation(id: "o3") { services { nameFr } } }', {}, { as: zoneSud });
    expect(res.data?.organisation.services).toEqual([]);
  });
});

describe('observatory', () => {
  it('cannot address a person by id (it would map pseudonyms back to people), and gets no names', async () => {
    expect(codes((await api().run('{ person(id: "p1") { id displayName } }', {}, { as: observatory })).errors)).toEqual(['FORBIDDEN']);
    const people = await api().run<{ networkExport: { content: string } }>(
      '{ networkExport(territory: { zone: "SUD" }, level: PEOPLE, format: CSV_NODES) { content } }',
      {},
      { as: observatory },
    );
    expect(people.data?.networkExport.content).toContain(pseudonym(loadConfig().PSEUDONYM_SECRET, 'p1'));
    expect(people.data?.networkExport.content).not.toMatch(/Ana Peeters|\bp1\b/);
  });
});

describe('consent', () => {
  it('a person without consent appears only in counts (admins excepted)', async () => {
    expect(codes((await api().run('{ person(id: "p3") { displayName } }')).errors)).toEqual(['FORBIDDEN']);
    const staff = await api().run<{ service: { staff: unknown[]; staffCount: { value: number } } }>('{ service(id: "s4") { staff { role } staffCount { value } } }');
    expect(staff.data?.service).toEqual({ staff: [], staffCount: { value: 1 } }); // p3 works at s4, counted, not listed
    const asAdmin = await api().run<{ person: { displayName: string } }>('{ person(id: "p3") { displayName } }', {}, { as: admin });
    expect(asAdmin.data?.person.displayName).toBe('Chloé Janssens');
  });
});

describe('audit trail', () => {
  it('records who read which person, for admins to query', async () => {
    await api().run('query ReadAna { person(id: "p1") { displayName } }', {}, { as: analyst });
    // Written in a batch after the response; reading the trail writes what is pending first.
    const trail = await api().run<{ auditTrail: { nodes: Array<{ role: string; keyId: string; operation: string; personIds: string[] }> } }>(
      '{ auditTrail(personId: "p1", first: 5) { nodes { role keyId operation personIds } } }',
      {},
      { as: admin },
    );
    expect(trail.data?.auditTrail.nodes[0]).toEqual({ role: 'analyst', keyId: 'k-analyst', operation: 'ReadAna', personIds: [pseudonym(loadConfig().PSEUDONYM_SECRET, 'p1')] });
    expect(codes((await api().run('{ auditTrail { totalCount } }', {}, { as: analyst })).errors)).toEqual(['FORBIDDEN']);
  });

  it('events of requests close in time are written in one transaction; a lone event within 100 ms', async () => {
    const db = testDb().fork();
    const trail = new AuditTrail(db, 'test-secret-0123456789');
    const COUNT = cypher('test.auditCount', 'MATCH (e:AuditEvent {keyId: $keyId}) RETURN count(e) AS n');
    const reads = (id: string, keyId: string) => ({ principal: { ...analyst, keyId }, personReads: new Set([id]) });
    for (const id of ['p1', 'p2', 'p3']) trail.record(reads(id, 'k-batch'), 'Batch');
    trail.record({ principal: analyst, personReads: new Set() }, 'NoPeople'); // read nobody: nothing to record
    await trail.flush();
    expect([db.roundTrips, await testDb().read(COUNT, { keyId: 'k-batch' })]).toEqual([1, [{ n: 3 }]]); // 3 events, 1 write
    // Pseudonyms and ids are made when the batch is written: one event per person, ids distinct and in recording order.
    const written = await testDb().read<{ id: string; personIds: string[] }>(
      cypher('test.auditBatch', "MATCH (e:AuditEvent {keyId: 'k-batch'}) RETURN e.id AS id, e.personIds AS personIds ORDER BY id"),
    );
    expect(written.map((e) => e.personIds)).toEqual(['p1', 'p2', 'p3'].map((id) => [pseudonym('test-secret-0123456789', id)]));
    expect(new Set(written.map((e) => e.id)).size).toBe(3);
    trail.record(reads('p1', 'k-lone'), 'Lone');
    await new Promise((r) => setTimeout(r, 300));
    expect([db.roundTrips, await testDb().read(COUNT, { keyId: 'k-lone' })]).toEqual([2, [{ n: 1 }]]); // written by the timer
  });
});

describe('API keys over HTTP', () => {
  const url = useHttpServer();

  const me = (headers: Record<string, string>) =>
    fetch(`${url()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ me { role zone } }' }) });

  it('no key is public; a zone key is its zone; a bad key is 401 UNAUTHENTICATED', async () => {
    expect(await (await me({})).json()).toEqual({ data: { me: { role: 'public', zone: null } } });
    const { key } = await createApiKey(testDb(), 'zone', { zone: 'SUD', label: 'test' });
    expect(await (await me({ authorization: `Bearer ${key}` })).json()).toEqual({ data: { me: { role: 'zone', zone: 'SUD' } } });
    expect(await (await me({ 'x-api-key': key })).json()).toEqual({ data: { me: { role: 'zone', zone: 'SUD' } } });
    const bad = await me({ authorization: `Bearer ${key.slice(0, -2)}xx` });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]?.extensions.code).toBe('UNAUTHENTICATED');
  });

  it('a revoked key stops working', async () => {
    const { key, id } = await createApiKey(testDb(), 'analyst');
    expect((await new KeyVerifier(testDb()).verify(key)).role).toBe('analyst');
    await revokeApiKey(testDb(), id);
    await expect(new KeyVerifier(testDb()).verify(key)).rejects.toThrow(/revoked/);
  });

  it('zone keys need a known zone', async () => {
    await expect(createApiKey(testDb(), 'zone', { zone: 'ATLANTIS' })).rejects.toThrow(/unknown zone/);
  });
});
