/**
 * Ids round-trip: every ID argument of the queries and mutations takes the global id the API
 * returned and the source id alike, with the same answer; `node(id:)` takes both; a global id of
 * another type is BAD_USER_INPUT naming the argument. On tests/fixtures/network-small.cypher.
 */
import type { Principal } from '../../src/access/principal';
import { toGlobalId, type NodeType } from '../../src/modules/common/ids';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { codes, useFixtureApi } from '../helpers/api';
import { testDb } from '../helpers/db';

const api = useFixtureApi('network-small', async () => {
  await rebuildAllTies(testDb());
});
const admin: Principal = { role: 'admin', keyId: 'k-admin' };
const editor: Principal = { role: 'editor', keyId: 'k-editor' };
const g = (type: NodeType, key: string) => toGlobalId(type, key);

/** The same operation with source ids and with global ids: both answer, alike. */
async function same(query: string, bySource: Record<string, string>, types: Record<string, NodeType>, as?: Principal) {
  const byGlobal = Object.fromEntries(Object.entries(bySource).map(([k, v]) => [k, g(types[k]!, v)]));
  const a = await api().run(query, bySource, { as });
  const b = await api().run(query, byGlobal, { as });
  expect({ query, errors: a.errors }).toEqual({ query, errors: undefined });
  expect({ query, data: b.data, errors: b.errors }).toEqual({ query, data: a.data, errors: undefined });
  return a.data;
}

it('lookups and network questions answer alike for source and global ids', async () => {
  await same('query ($id: ID!) { service(id: $id) { id nameFr } }', { id: 'sA' }, { id: 'Service' });
  await same('query ($id: ID!) { organisation(id: $id) { id nameFr } }', { id: 'oA' }, { id: 'Organisation' });
  await same('query ($id: ID!) { person(id: $id) { id displayName } }', { id: 'a1' }, { id: 'Person' });
  await same('query ($id: ID!) { initiative(id: $id) { id } }', { id: 'iniX' }, { id: 'Initiative' });
  await same('query ($id: ID!) { edition(id: $id) { id } }', { id: 'edX' }, { id: 'Edition' });
  await same('query ($id: ID!) { session(id: $id) { id } }', { id: 's1' }, { id: 'Session' });
  await same('query ($s: ID!, $p: ID!) { turnoverImpact(service: $s, person: $p) { tiesCarried } }', { s: 'sA', p: 'a1' }, { s: 'Service', p: 'Person' });
  await same('query ($e: ID!) { initiativeImpact(edition: $e) { newTies } }', { e: 'edX' }, { e: 'Edition' });
  const path = await same(
    'query ($f: ID!, $t: ID!) { introductionPath(fromService: $f, to: $t) { found steps { to { id } } } }',
    { f: 'sB', t: 'sD' },
    { f: 'Service', t: 'Service' },
  );
  expect((path as { introductionPath: { found: boolean } }).introductionPath.found).toBe(true);
  await same('query ($f: ID!, $t: ID!) { introductionPath(fromPerson: $f, to: $t) { found } }', { f: 'b1', t: 'sD' }, { f: 'Person', t: 'Service' });
  await same('query ($i: ID!) { recommendations(initiative: $i, territory: { zone: "SUD" }) { service { id } } }', { i: 'iniX' }, { i: 'Initiative' });
  await same('query ($e: ID!) { editionValidation(edition: $e) { code } }', { e: 'edX' }, { e: 'Edition' });
  await same('query ($p: ID) { auditTrail(personId: $p) { totalCount } }', { p: 'a1' }, { p: 'Person' }, admin);
});

it('node(id:) takes a global id or a bare source id of any type', async () => {
  const cases: Array<[NodeType, string, string]> = [
    ['Service', 'sA', '... on Service { nameFr }'],
    ['Organisation', 'org-x', '... on Organisation { nameFr }'],
    ['Person', 'a1', '... on Person { displayName }'],
    ['Session', 's1', '... on Session { title }'],
    ['Edition', 'edX', '... on Edition { nameFr }'],
    ['Initiative', 'iniX', '... on Initiative { nameFr }'],
    ['Neighbourhood', 'Q1', '... on Neighbourhood { nameFr }'],
    ['Municipality', '21007', '... on Municipality { nameFr }'],
    ['Zone', 'SUD', '... on Zone { nameFr }'],
    ['Region', 'BRU', '... on Region { nameFr }'],
    ['Sector', 'HOUSING', '... on Sector { nameFr }'],
  ];
  for (const [type, key, fields] of cases) {
    const query = `query ($id: ID!) { node(id: $id) { __typename id ${fields} } }`;
    const byKey = await api().run<{ node: { __typename: string; id: string } | null }>(query, { id: key });
    const byGlobal = await api().run(query, { id: g(type, key) });
    expect({ key, errors: byKey.errors, type: byKey.data?.node?.__typename, id: byKey.data?.node?.id }).toEqual({ key, errors: undefined, type, id: g(type, key) });
    expect(byGlobal.data).toEqual(byKey.data);
  }
  expect((await api().run('{ node(id: "no-such-id") { id } }')).data).toEqual({ node: null });
});

it('a global id of another type is BAD_USER_INPUT naming the argument', async () => {
  const res = await api().run('query ($id: ID!) { service(id: $id) { id } }', { id: g('Person', 'a1') });
  expect(codes(res.errors)).toEqual(['BAD_USER_INPUT']);
  expect(res.errors?.[0]?.extensions?.argument).toBe('id');
  const input = await api().run(
    'mutation ($i: InitiativeInput!) { upsertInitiative(input: $i) { errors { code } } }',
    { i: { id: 'iniY', kind: 'NETWORK_EVENT', nameFr: 'Y', nameNl: 'Y', organiserId: g('Service', 'sA') } },
    { as: editor },
  );
  expect(codes(input.errors)).toEqual(['BAD_USER_INPUT']);
  expect(input.errors?.[0]?.extensions?.argument).toBe('input.organiserId');
});

it('mutations take the global ids that queries return', async () => {
  const ids = await api().run<{ organisation: { id: string }; edition: { id: string }; service: { id: string }; person: { id: string } }>(
    '{ organisation(id: "org-x") { id } edition(id: "edX") { id } service(id: "sC") { id } person(id: "b1") { id } }',
  );
  const { organisation, edition, service, person } = ids.data!;
  const initiative = await api().run<{ upsertInitiative: { initiative: { id: string } | null; errors: unknown[] } }>(
    'mutation ($i: InitiativeInput!) { upsertInitiative(input: $i) { initiative { id } errors { code message } } }',
    { i: { id: 'iniY', kind: 'NETWORK_EVENT', nameFr: 'Rencontre Y', nameNl: 'Ontmoeting Y', organiserId: organisation.id } },
    { as: editor },
  );
  expect(initiative.errors).toBeUndefined();
  expect(initiative.data?.upsertInitiative).toEqual({ initiative: { id: g('Initiative', 'iniY') }, errors: [] });

  const session = await api().run<{ upsertSession: { session: { id: string } | null; errors: unknown[] } }>(
    'mutation ($s: SessionInput!) { upsertSession(input: $s) { session { id } errors { code message } } }',
    { s: { id: g('Session', 's4'), editionId: edition.id, title: 's4', startsAt: '2023-11-07T08:00:00Z', endsAt: '2023-11-07T10:00:00Z', capacity: 12, hostId: service.id } },
    { as: editor },
  );
  expect(session.errors).toBeUndefined();
  expect(session.data?.upsertSession).toEqual({ session: { id: g('Session', 's4') }, errors: [] });

  const registered = await api().run<{ registerAttendance: { errors: unknown[] } }>(
    'mutation ($p: ID!, $s: ID!) { registerAttendance(personId: $p, sessionId: $s, role: PARTICIPANT) { errors { code message } } }',
    { p: person.id, s: session.data!.upsertSession.session!.id },
    { as: editor },
  );
  expect(registered.errors).toBeUndefined();
  expect(registered.data?.registerAttendance.errors).toEqual([]);

  const closed = await api().run<{ closeService: { service: { id: string } | null; errors: unknown[] } }>(
    'mutation ($id: ID!) { closeService(id: $id, on: "2024-12-31") { service { id } errors { code } } }',
    { id: g('Service', 'sF') },
    { as: editor },
  );
  expect(closed.data?.closeService).toEqual({ service: { id: g('Service', 'sF') }, errors: [] });
});
