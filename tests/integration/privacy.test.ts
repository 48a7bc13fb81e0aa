/**
 * Issue 25, unlinkable ids and durable erasure, on tests/fixtures/network-small.cypher:
 *  - person ids are never sequential (generator) and never recomputable without the secret (imports),
 *    and re-importing a list still finds the same people;
 *  - erasing a person leaves tombstones of keyed hashes only; re-importing the same list, a people
 *    list or `upsertPerson` does not bring them back, and the reports count the skipped rows;
 *  - ties equal a rebuild after the erasure; the audit trail keeps that reads and an erasure
 *    happened, with no pseudonym of the erased person left.
 */
import crypto from 'node:crypto';
import type { Principal } from '../../src/access/principal';
import { ERASED_MARKER } from '../../src/access/audit';
import { pseudonym } from '../../src/access/pseudonym';
import { loadConfig } from '../../src/config';
import { cypher } from '../../src/neo4j/driver';
import { importRows } from '../../src/modules/editing/import';
import { newPersonId, normaliseName } from '../../src/modules/editing/matching';
import { rebuildAllTies } from '../../src/modules/network/ties';
import { generateDataset } from '../../src/seed/generate';
import { codes, useFixtureApi } from '../helpers/api';
import { testDb, loadFixture } from '../helpers/db';
import { tieSnapshot } from '../helpers/ties';

const api = useFixtureApi('network-small', async () => {
  // As the seed loader and every write do: people carry their normalised-name key.
  const people = await testDb().read<{ id: string; name: string }>(cypher('test.privacy.people', 'MATCH (p:Person) RETURN p.id AS id, p.displayName AS name'));
  await testDb().write(cypher('test.privacy.nameKeys', 'UNWIND $people AS row MATCH (p:Person {id: row.id}) SET p.nameKey = row.key'), {
    people: people.map((p) => ({ id: p.id, key: normaliseName(p.name) })),
  });
  // The lists below bring new people of oC: network-event sessions, as s1's Connect group has its one person of oC.
  await loadFixture('network-event-sessions');
  await rebuildAllTies(testDb());
});

const editor: Principal = { role: 'editor', keyId: 'k-editor' };
const admin: Principal = { role: 'admin', keyId: 'k-admin' };
/** The secret the API under test uses: testApi reads the same configuration. */
const secret = () => loadConfig().PSEUDONYM_SECRET;

const COUNT = cypher('test.privacy.count', 'MATCH (n) WHERE NOT n:AuditEvent OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels');
const NAMED = cypher('test.privacy.named', 'MATCH (p:Person) WHERE p.nameKey = $nameKey RETURN p.id AS id');
const snapshotMatchesRebuild = async () => {
  const incremental = await tieSnapshot(testDb());
  await rebuildAllTies(testDb());
  expect(await tieSnapshot(testDb())).toEqual(incremental);
  return incremental;
};

/** An attendance list of two new people of oC (it runs one service, sC): Iris (with an e-mail) and Jules. */
const LIST = [
  { session: 'n1', date: '2023-03-01', name: 'Iris Keyed', organisation: 'oC', role: 'participant', present: 'présent', email: 'iris@example.org' },
  { session: 'n2', date: '2023-05-10', name: 'Iris Keyed', organisation: 'oC', role: 'participant', present: 'présent', email: '' },
  { session: 'n1', date: '2023-03-01', name: 'Jules Stays', organisation: 'oC', role: 'participant', present: 'présent', email: '' },
];
const importList = (rows = LIST, dryRun = false) => importRows(testDb(), 'attendance', rows, { secret: secret(), dryRun });

describe('person ids', () => {
  it('the generator draws random-looking ids from its seed: not sequential, the same for a seed, others for another', () => {
    const ids = (seed: number) => generateDataset({ scale: 'demo', seed }).people.map((p) => p.id);
    const a = ids(42);
    expect(a.every((id) => /^per-[0-9a-f]{16}$/.test(id))).toBe(true);
    expect(new Set(a).size).toBe(a.length);
    expect(ids(42)).toEqual(a);
    expect(ids(43).filter((id) => a.includes(id))).toEqual([]);
    // Neither in generation order nor one step apart: an id says nothing about the next one.
    expect([...a].sort()).not.toEqual(a);
    const asNumbers = a.map((id) => BigInt(`0x${id.slice(4)}`));
    const steps = asNumbers.slice(1).map((n, i) => n - asNumbers[i]!);
    expect(steps.filter((d) => d === 1n || d === -1n)).toEqual([]);
  });

  it('an imported person gets a keyed id (not the unkeyed hash of name and organisation), and re-importing finds them', async () => {
    const first = await importList();
    expect(first).toMatchObject({ created: 3, updated: 0, unchanged: 0, erased: 0, rejected: [], doubtful: [] });
    const [iris] = await testDb().read<{ id: string }>(NAMED, { nameKey: normaliseName('Iris Keyed') });
    expect(iris?.id).toBe(newPersonId(secret(), 'Iris Keyed', 'oC'));
    const unkeyed = crypto
      .createHash('sha256')
      .update(`${normaliseName('Iris Keyed')}|oC`)
      .digest('hex')
      .slice(0, 16);
    expect(iris?.id).not.toBe(`per-${unkeyed}`);
    const before = await testDb().read(COUNT);
    expect(await importList()).toMatchObject({ created: 0, updated: 0, unchanged: 3, erased: 0 });
    expect(await testDb().read(COUNT)).toEqual(before);
    await snapshotMatchesRebuild();
  });
});

describe('erasure that lasts', () => {
  let irisId = '';
  const AUDIT_WITH = cypher('test.privacy.auditWith', 'MATCH (e:AuditEvent) WHERE $psn IN e.personIds RETURN count(e) AS n');
  const auditWith = async (psn: string) => (await testDb().read<{ n: number }>(AUDIT_WITH, { psn }))[0]?.n ?? 0;

  beforeAll(async () => {
    irisId = newPersonId(secret(), 'Iris Keyed', 'oC');
    // Imported people have not consented; Iris gives her consent, so analysts may read her by name.
    await testDb().write(cypher('test.privacy.consent', 'MATCH (p:Person {id: $id}) SET p.consent = true'), { id: irisId });
    // An analyst reads Iris: the trail records it by pseudonym (written with its batch).
    const read = await api().run<{ person: { id: string } | null }>(`{ person(id: "${irisId}") { id displayName } }`);
    expect(read.errors).toBeUndefined();
    await api().server.audit.flush();
    expect(await auditWith(pseudonym(secret(), irisId))).toBeGreaterThan(0);
  });

  it('erasePerson deletes the person, leaves tombstones of keyed hashes only, and ties equal a rebuild', async () => {
    const ties = (await tieSnapshot(testDb())).filter((t) => t.includes(irisId));
    expect(ties.length).toBeGreaterThan(0); // Iris met a1, b1, c1 and Jules
    // A read still pending when the erasure starts: the erasure writes it first, then scrubs it.
    await api().run(`{ person(id: "${irisId}") { id } }`);
    const res = await api().run<{ erasePerson: { erased: boolean; errors: unknown[] } }>(`mutation { erasePerson(id: "${irisId}") { erased errors { code } } }`, {}, { as: admin });
    expect(res.data?.erasePerson).toEqual({ erased: true, errors: [] });
    expect(await testDb().read(NAMED, { nameKey: normaliseName('Iris Keyed') })).toEqual([]);
    const incremental = await snapshotMatchesRebuild();
    expect(incremental.filter((t) => t.includes(irisId))).toEqual([]);
    expect(incremental.some((t) => t.includes('MET a1-b1'))).toBe(true); // others' ties stay

    const tombstones = await testDb().read<{ props: Record<string, unknown> }>(cypher('test.privacy.tombstones', 'MATCH (e:Erasure) RETURN properties(e) AS props'));
    expect(tombstones).toHaveLength(3); // id, name within oC, e-mail hash
    for (const t of tombstones) expect(Object.keys(t.props)).toEqual(['key']);
    const text = JSON.stringify(tombstones);
    for (const trace of [irisId, irisId.slice(4), 'Iris', 'iris', normaliseName('Iris Keyed'), pseudonym(secret(), irisId)]) expect(text).not.toContain(trace);
  });

  it('the audit trail keeps the reads and the erasure, and no pseudonym of the erased person', async () => {
    await api().server.audit.flush();
    expect(await auditWith(pseudonym(secret(), irisId))).toBe(0);
    expect(await auditWith(ERASED_MARKER)).toBeGreaterThanOrEqual(2); // both reads, the pending one included
    const events = await testDb().read<{ props: Record<string, unknown> }>(
      cypher('test.privacy.erasureEvents', "MATCH (e:AuditEvent {kind: 'erasure'}) RETURN properties(e) AS props"),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.props).toMatchObject({ operation: 'erasePerson', role: 'admin', keyId: 'k-admin', personIds: [] });
    expect(JSON.stringify(events)).not.toContain(irisId);
    // Admins see it in the trail.
    const trail = await api().run<{ auditTrail: { nodes: Array<{ operation: string; personIds: string[] }> } }>(
      '{ auditTrail(first: 50) { nodes { operation personIds } } }',
      {},
      { as: admin },
    );
    expect(trail.data?.auditTrail.nodes).toContainEqual({ operation: 'erasePerson', personIds: [] });
  });

  it('re-importing the same list does not bring the person back; the report counts the skipped rows', async () => {
    const before = await testDb().read(COUNT);
    expect(await importList(LIST, true)).toMatchObject({ created: 0, unchanged: 1, erased: 2, rejected: [] });
    const report = await importList();
    expect(report).toMatchObject({ rows: 3, created: 0, updated: 0, unchanged: 1, erased: 2, rejected: [], doubtful: [] }); // Jules stays
    expect(await testDb().read(COUNT)).toEqual(before);
    expect(await testDb().read(NAMED, { nameKey: normaliseName('Iris Keyed') })).toEqual([]);
    // Spelt otherwise (case, accents, word order), or only by the e-mail address: still erased.
    const other = [
      { ...LIST[1]!, session: 'n3', date: '2023-09-12', name: 'KEYED, ïris' },
      { ...LIST[0]!, session: 'n3', date: '2023-09-12', name: 'I. Keyed-Smith' },
    ];
    expect(await importList(other)).toMatchObject({ created: 0, erased: 2, rejected: [] });
    expect(await testDb().read(COUNT)).toEqual(before);
    await snapshotMatchesRebuild();
  });

  it('the importCsv mutation reports the skipped rows as well', async () => {
    const csv = ['session,date,name,organisation,role,present,email', ...LIST.map((r) => Object.values(r).join(','))].join('\n');
    const res = await api().run<{ importCsv: { created: number; unchanged: number; erased: number; rejected: unknown[] } }>(
      'mutation ($csv: String!) { importCsv(kind: attendance, csv: $csv) { created unchanged erased rejected { row } } }',
      { csv },
      { as: editor },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.importCsv).toEqual({ created: 0, unchanged: 1, erased: 2, rejected: [] });
  });

  it('a people list and upsertPerson do not re-create the erased id', async () => {
    const people = await importRows(
      testDb(),
      'people',
      [
        { id: irisId, display_name: 'Iris Keyed', consent: 'yes' },
        { id: 'pNew', display_name: 'Paul Nouveau', consent: 'no' },
      ],
      { secret: secret() },
    );
    expect(people).toMatchObject({ created: 1, erased: 1, rejected: [] });
    const upsert = await api().run<{ upsertPerson: { person: unknown; errors: Array<{ code: string; field: string }> } }>(
      `mutation { upsertPerson(input: { id: "${irisId}", displayName: "Iris Keyed", consent: true }) { person { id } errors { code field } } }`,
      {},
      { as: editor },
    );
    expect(codes(upsert.errors)).toEqual([]);
    expect(upsert.data?.upsertPerson).toEqual({ person: null, errors: [{ code: 'ERASED', field: 'input.id' }] });
    const [left] = await testDb().read<{ n: number }>(cypher('test.privacy.irisLeft', 'MATCH (p:Person {id: $id}) RETURN count(p) AS n'), { id: irisId });
    expect(left?.n).toBe(0);
  });

  it('erasing a person who is not there writes nothing, and no erasure event', async () => {
    const before = await testDb().read(COUNT);
    const res = await api().run<{ erasePerson: { erased: boolean } }>(`mutation { erasePerson(id: "${irisId}") { erased } }`, {}, { as: admin });
    expect(res.data?.erasePerson).toEqual({ erased: false });
    expect(await testDb().read(COUNT)).toEqual(before);
    const [events] = await testDb().read<{ n: number }>(cypher('test.privacy.erasureCount', "MATCH (e:AuditEvent {kind: 'erasure'}) RETURN count(e) AS n"));
    expect(events?.n).toBe(1);
  });
});
