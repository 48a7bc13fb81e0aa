/**
 * Derived ties on tests/fixtures/network-small.cypher (hand counts in its header), and a seeded
 * random sequence of writes and deletes after which the incrementally kept ties equal a rebuild,
 * tie by tie.
 */
import { cypher, type Tx } from '../../src/neo4j/driver';
import { rebuildAllTies, refreshTies } from '../../src/modules/network/ties';
import { Random } from '../../src/seed/random';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';
import { tieSnapshot } from '../helpers/ties';

afterAll(closeTestDb);

describe('rebuild on the hand-drawn graph', () => {
  beforeAll(async () => {
    await resetGraph();
    await loadFixture('network-small');
  });

  it('finds the 5 MET and 7 KNOWS ties counted by hand', async () => {
    const report = await rebuildAllTies(testDb());
    expect(report).toMatchObject({ met: 5, knows: 7, sessions: 4 });
    const ties = await tieSnapshot(testDb());
    expect(ties.filter((t) => t.startsWith('MET')).map((t) => t.split(' ').slice(0, 3).join(' '))).toEqual([
      'MET a1-b1 2', // s1 and s2
      'MET a1-c1 1',
      'MET a2-e1 1', // co-present visitors at v1
      'MET b1-c1 1',
      'MET d1-m1 1', // s3 (d1 was a no-show at s1)
    ]);
    expect(ties.filter((t) => t.startsWith('KNOWS')).map((t) => t.split(' ').slice(0, 4).join(' '))).toEqual([
      'KNOWS sA-sB s2 v0', // a1–b1 at s1 and s2
      'KNOWS sA-sC s1 v0', // a1–c1 at s1 (m1 worked at sA then, but was not at s1)
      'KNOWS sA-sD s1 v1', // a2 visited host sD
      'KNOWS sA-sE s1 v0', // a2–e1 at v1
      'KNOWS sB-sC s1 v0',
      'KNOWS sC-sD s1 v0', // m1 had moved to sC by s3
      'KNOWS sD-sE s1 v1', // e1 visited host sD
    ]);
  });

  it('rebuilding twice gives the same ties', async () => {
    const once = await tieSnapshot(testDb());
    await rebuildAllTies(testDb());
    expect(await tieSnapshot(testDb())).toEqual(once);
  });
});

describe('incremental upkeep equals a rebuild after every write', () => {
  const PEOPLE = ['a1', 'a2', 'b1', 'c1', 'd1', 'e1', 'm1'];
  const SERVICES = ['sA', 'sB', 'sC', 'sD', 'sE', 'sF'];
  const STATUSES = ['PRESENT', 'NO_SHOW', 'REGISTERED'];
  const q = {
    attend: cypher(
      'test.attend',
      `MATCH (p:Person {id: $person}), (x:Session {id: $session}) MERGE (p)-[a:ATTENDED]->(x) SET a.role = $role, a.status = $status`,
    ),
    unattend: cypher('test.unattend', 'MATCH (:Person {id: $person})-[a:ATTENDED]->(:Session {id: $session}) DELETE a'),
    hire: cypher(
      'test.hire',
      `MATCH (p:Person {id: $person}), (s:Service {id: $service}) CREATE (p)-[:WORKS_AT {from: date($from), to: CASE WHEN $to IS NULL THEN null ELSE date($to) END, role: 'x'}]->(s)`,
    ),
    endJob: cypher(
      'test.endJob',
      'MATCH (:Person {id: $person})-[w:WORKS_AT]->(s:Service) WITH w, s ORDER BY w.from LIMIT 1 SET w.to = date($to) RETURN s.id AS service',
    ),
    dropJob: cypher('test.dropJob', 'MATCH (:Person {id: $person})-[w:WORKS_AT]->(s:Service) WITH w, s ORDER BY w.from DESC LIMIT 1 DELETE w RETURN s.id AS service'),
    sessionPeople: cypher(
      'test.sessionPeople',
      'MATCH (x:Session {id: $session}) RETURN [(x)<-[:ATTENDED]-(p) | p.id] AS people, [(x)-[:HOSTED_BY]->(h) | h.id] AS hosts',
    ),
    deleteSession: cypher('test.deleteSession', 'MATCH (x:Session {id: $session}) DETACH DELETE x'),
    newSession: cypher(
      'test.newSession',
      `MATCH (e:Edition {id: $edition}), (h:Service {id: $host})
       CREATE (x:Session {id: $session, title: $session, startsAt: datetime($at), endsAt: datetime($at) + duration('PT2H'), capacity: 15})-[:IN]->(e)
       CREATE (x)-[:HOSTED_BY]->(h)`,
    ),
  };

  beforeAll(async () => {
    await resetGraph();
    await loadFixture('network-small');
    await rebuildAllTies(testDb());
  });

  it('holds over 60 random writes and deletes (seed 2026)', async () => {
    const rnd = new Random(2026);
    const sessions = ['s1', 's2', 's3', 'v1'];
    const day = () => `2023-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    let created = 0;
    const steps: string[] = [];
    for (let step = 0; step < 60; step++) {
      const op = rnd.int(0, 7);
      const person = rnd.pick(PEOPLE);
      const session = rnd.pick(sessions);
      await testDb().writeTx(async (tx: Tx) => {
        if (op <= 2) {
          const role = rnd.chance(0.3) ? 'VISITOR' : 'PARTICIPANT';
          const status = rnd.pick(STATUSES);
          await tx.run(q.attend, { person, session, role, status });
          await refreshTies(tx, { personIds: [person], sessionIds: [session] });
          steps.push(`attend ${person} ${session} ${role} ${status}`);
        } else if (op === 3) {
          await tx.run(q.unattend, { person, session });
          await refreshTies(tx, { personIds: [person], sessionIds: [session] });
          steps.push(`unattend ${person} ${session}`);
        } else if (op === 4) {
          const service = rnd.pick(SERVICES);
          await tx.run(q.hire, { person, service, from: day(), to: rnd.chance(0.5) ? null : '2023-12-31' });
          await refreshTies(tx, { personIds: [person], serviceIds: [service] });
          steps.push(`hire ${person} ${service}`);
        } else if (op === 5) {
          const rows = await tx.run<{ service: string }>(q.endJob, { person, to: day() });
          await refreshTies(tx, { personIds: [person], serviceIds: rows.map((r) => r.service) });
          steps.push(`endJob ${person}`);
        } else if (op === 6) {
          const rows = await tx.run<{ service: string }>(q.dropJob, { person });
          await refreshTies(tx, { personIds: [person], serviceIds: rows.map((r) => r.service) });
          steps.push(`dropJob ${person}`);
        } else if (rnd.chance(0.5) && sessions.length > 2) {
          // Deleting a session: the writer gathers who and what it touched before deleting.
          const [touched] = await tx.run<{ people: string[]; hosts: string[] }>(q.sessionPeople, { session });
          await tx.run(q.deleteSession, { session });
          sessions.splice(sessions.indexOf(session), 1);
          await refreshTies(tx, { personIds: touched?.people ?? [], serviceIds: touched?.hosts ?? [] });
          steps.push(`deleteSession ${session}`);
        } else {
          created += 1;
          const id = `n${created}`;
          await tx.run(q.newSession, { edition: rnd.pick(['edX', 'edV']), host: rnd.pick(SERVICES), session: id, at: `${day()}T09:00:00Z` });
          sessions.push(id);
          await refreshTies(tx, { sessionIds: [id] });
          steps.push(`newSession ${id}`);
        }
      });
      const incremental = await tieSnapshot(testDb());
      await rebuildAllTies(testDb());
      const rebuilt = await tieSnapshot(testDb());
      if (JSON.stringify(incremental) !== JSON.stringify(rebuilt)) {
        throw new Error(`after step ${step} (${steps.join(' → ')}):\nincremental ${JSON.stringify(incremental, null, 1)}\nrebuilt ${JSON.stringify(rebuilt, null, 1)}`);
      }
    }
    expect(steps).toHaveLength(60);
    expect((await tieSnapshot(testDb())).length).toBeGreaterThan(0);
  }, 240_000);
});
