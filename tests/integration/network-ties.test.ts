/**
 * Derived ties: hand counts on tests/fixtures/network-small.cypher and network-ties.cypher (see their
 * headers); then seeded random sequences of writes and deletes, each followed in the same transaction
 * by the refresh a writer would call, after which the incrementally kept ties equal a rebuild, tie by
 * tie; then concurrent writers.
 */
import { cypher, type Tx } from '../../src/neo4j/driver';
import { ensureTiesCurrent, rebuildAllTies, refreshTies, refreshTiesForPeople, refreshTiesForSessions, tieScope } from '../../src/modules/network/ties';
import { Random } from '../../src/seed/random';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';
import { tieSnapshot } from '../helpers/ties';

afterAll(closeTestDb);

const head = (ties: string[], kind: string, words: number) => ties.filter((t) => t.startsWith(kind)).map((t) => t.split(' ').slice(0, words).join(' '));

describe('rebuild on network-small', () => {
  beforeAll(async () => {
    await resetGraph();
    await loadFixture('network-small');
  });

  it('finds the 5 MET and 7 KNOWS ties counted by hand', async () => {
    const report = await rebuildAllTies(testDb());
    expect(report).toMatchObject({ met: 5, knows: 7, sessions: 4 });
    const ties = await tieSnapshot(testDb());
    expect(head(ties, 'MET', 3)).toEqual([
      'MET a1-b1 2', // s1 and s2
      'MET a1-c1 1',
      'MET a2-e1 1', // co-present visitors at v1
      'MET b1-c1 1',
      'MET d1-m1 1', // s3 (d1 was a no-show at s1)
    ]);
    expect(head(ties, 'KNOWS', 4)).toEqual([
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

  it('a rebuild rewrites only the ties that differ from what it computes, and writes nothing the second time', async () => {
    const once = await tieSnapshot(testDb());
    expect(await rebuildAllTies(testDb())).toMatchObject({ met: 5, knows: 7, written: 0, deleted: 0 });
    await testDb().write(
      cypher(
        'test.tamperTies',
        `MATCH (:Service {id: 'sA'})-[gone:KNOWS]->(:Service {id: 'sB'}) DELETE gone
         WITH count(*) AS x MATCH (:Person {id: 'a1'})-[m:MET]->(:Person {id: 'b1'}) SET m.count = 99 REMOVE m.signature
         WITH count(*) AS x MATCH (:Service {id: 'sA'})-[k:KNOWS]->(:Service {id: 'sC'}), (b:Service {id: 'sB'}), (e:Service {id: 'sE'}) CREATE (b)-[bogus:KNOWS]->(e) SET bogus = properties(k)
         WITH count(*) AS x MATCH (d:Service {id: 'sD'})-[k:KNOWS]->(e:Service {id: 'sE'}) CREATE (d)-[twin:KNOWS]->(e) SET twin = properties(k)
         WITH count(*) AS x MATCH (d:Person {id: 'd1'})-[m:MET]->(p:Person {id: 'm1'}) CREATE (p)-[back:MET]->(d) SET back = properties(m) DELETE m`,
      ),
    );
    expect(await tieSnapshot(testDb())).not.toEqual(once);
    // written: sA–sB (missing), a1–b1 (no signature), sD–sE (stored twice), d1–m1 (stored from m1) = 4;
    // deleted: a1–b1, sB–sE (implied by nothing), sD–sE twice, m1→d1 = 5
    expect(await rebuildAllTies(testDb(), { blockSize: 2 })).toMatchObject({ met: 5, knows: 7, written: 4, deleted: 5 });
    expect(await tieSnapshot(testDb())).toEqual(once);
    expect(await rebuildAllTies(testDb())).toMatchObject({ written: 0, deleted: 0 });
    // A rewrite deletes and writes all 12.
    expect(await rebuildAllTies(testDb(), { rewrite: true })).toMatchObject({ met: 5, knows: 7, written: 12, deleted: 12 });
    expect(await tieSnapshot(testDb())).toEqual(once);
  });

  it('ties stored in an older format are rebuilt at start, once', async () => {
    const current = await tieSnapshot(testDb());
    // As a database from before per-encounter storage: no encounter people, no format mark.
    await testDb().write(cypher('test.oldTieFormat', 'MATCH ()-[k:KNOWS]->() REMOVE k.encounterPeopleA, k.encounterPeopleB WITH count(*) AS n MATCH (l:TieLock) REMOVE l.format'));
    expect(await tieSnapshot(testDb())).not.toEqual(current);
    expect(await ensureTiesCurrent(testDb())).toMatchObject({ met: 5, knows: 7 });
    expect(await tieSnapshot(testDb())).toEqual(current);
    expect(await ensureTiesCurrent(testDb())).toBeNull();
  });
});

describe('rebuild on network-ties: cohorts, turnover, two jobs, visits', () => {
  let ties: string[];
  beforeAll(async () => {
    await resetGraph();
    await loadFixture('network-ties');
    expect(await rebuildAllTies(testDb())).toMatchObject({ met: 9, knows: 6, sessions: 7 });
    ties = await tieSnapshot(testDb());
  });

  it('a rebuild by blocks of one person or service gives the same ties as one block', async () => {
    expect(await rebuildAllTies(testDb(), { blockSize: 1 })).toMatchObject({ met: 9, knows: 6, sessions: 7 });
    expect(await tieSnapshot(testDb())).toEqual(ties);
    expect(await rebuildAllTies(testDb(), { blockSize: 2 })).toMatchObject({ met: 9, knows: 6 });
    expect(await tieSnapshot(testDb())).toEqual(ties);
  });

  it('MET counts the cohort sessions both attended, with first and last date and the initiative', () => {
    expect(head(ties, 'MET', 4)).toEqual([
      'MET p1-p2 2 2023-03-01..2023-04-05', // c1, c2 (p3 was only registered at c2)
      'MET p1-p3 2 2023-03-01..2023-06-07', // c1, c3
      'MET p1-p4 1 2023-06-07..2023-06-07', // c3 (p4 was a no-show at c1)
      'MET p1-p5 1 2023-03-01..2023-03-01', // the user representative counts as a person met
      'MET p2-p3 1 2023-03-01..2023-03-01',
      'MET p2-p5 1 2023-03-01..2023-03-01',
      'MET p2-p6 1 2023-12-06..2023-12-06',
      'MET p3-p4 1 2023-06-07..2023-06-07',
      'MET p3-p5 1 2023-03-01..2023-03-01',
    ]);
    expect(ties.find((t) => t.startsWith('MET p1-p2'))).toMatch(/ cop, w/);
  });

  it('KNOWS counts each encounter at the service each person worked at that day', () => {
    expect(head(ties, 'KNOWS', 5)).toEqual([
      'KNOWS s1-s2 s4 v0 2023-03-01..2023-06-07', // (p1,p2) ×2, then p4 (s2 side) with p1 and with p3, who had moved to s1
      'KNOWS s1-s3 s1 v0 2023-03-01..2023-03-01', // p3 still at s3 on 03-01
      'KNOWS s1-s4 s2 v0 2023-06-07..2023-06-07', // p4's other job: (p1,p4), (p3,p4)
      'KNOWS s2-s3 s1 v0 2023-03-01..2023-03-01',
      'KNOWS s2-s4 s2 v1 2023-11-20..2023-12-06', // p2's visit at o1, then (p2,p6) at c4
      'KNOWS s3-s4 s1 v1 2023-09-15..2023-09-15', // p6's immersion day at s3; p3's visit to its own service is no tie
    ]);
    const s1s2 = ties.find((t) => t.startsWith('KNOWS s1-s2'))!;
    expect(s1s2).toContain(' A:p1,p3, B:p2,p4, '); // breadth 2 and 2
    // Weights (3-hour sessions, factor 1): c1 has 4 present (1/3 a pair), c2 2 (1), c3 3 (1/2):
    // s1–s2 = 1/3 (p1,p2 at c1) + 1 (c2) + 1/2 + 1/2 (c3) = 7/3 over 3 days; s2–s4 = 1 (visit) + 1 (c4).
    expect(s1s2).toMatch(/ w2\.33333333333333\d* m3$/);
    expect(ties.find((t) => t.startsWith('KNOWS s2-s4'))).toMatch(/ w2\.0 m2$/);
    expect(ties.find((t) => t.startsWith('MET p1-p2'))).toMatch(/ w1\.33333333333333\d*$/); // 1/3 + 1
    const s2s4 = ties.find((t) => t.startsWith('KNOWS s2-s4'))!;
    expect(s2s4).toContain('enc:2023-11-20/od/p2//1.0/VISIT;2023-12-06/cop/p2/p6/1.0/CO_PRESENCE;'); // the host side of a visit names no one; a visit weighs 1 (3 h)
  });
});

// ---------------------------------------------------------------------------------------------

const q = {
  attend: cypher('test.attend', `MATCH (p:Person {id: $person}), (x:Session {id: $session}) MERGE (p)-[a:ATTENDED]->(x) SET a.role = $role, a.status = $status, a.group = $group`),
  regroup: cypher('test.regroup', 'MATCH (:Person {id: $person})-[a:ATTENDED]->(:Session {id: $session}) SET a.group = $group'),
  resize: cypher('test.resize', 'MATCH (x:Session {id: $session}) SET x.endsAt = x.startsAt + duration({minutes: $minutes})'),
  mark: cypher('test.mark', 'MATCH (:Person {id: $person})-[a:ATTENDED]->(:Session {id: $session}) SET a.status = $status'),
  unattend: cypher('test.unattend', 'MATCH (:Person {id: $person})-[a:ATTENDED]->(:Session {id: $session}) DELETE a'),
  hire: cypher(
    'test.hire',
    `MATCH (p:Person {id: $person}), (s:Service {id: $service}) CREATE (p)-[:WORKS_AT {from: date($from), to: CASE WHEN $to IS NULL THEN null ELSE date($to) END, role: 'x'}]->(s)`,
  ),
  endJob: cypher('test.endJob', 'MATCH (:Person {id: $person})-[w:WORKS_AT]->(s:Service) WITH w, s ORDER BY w.from, s.id LIMIT 1 SET w.to = date($to)'),
  dropJob: cypher('test.dropJob', 'MATCH (:Person {id: $person})-[w:WORKS_AT]->(s:Service) WITH w, s ORDER BY w.from DESC, s.id LIMIT 1 DELETE w'),
  reschedule: cypher('test.reschedule', "MATCH (x:Session {id: $session}) SET x.startsAt = datetime($at), x.endsAt = datetime($at) + duration('PT2H')"),
  rehost: cypher(
    'test.rehost',
    'MATCH (x:Session {id: $session}), (h:Service {id: $host}) OPTIONAL MATCH (x)-[old:HOSTED_BY]->() DELETE old WITH DISTINCT x, h CREATE (x)-[:HOSTED_BY]->(h)',
  ),
  deleteSession: cypher('test.deleteSession', 'MATCH (x:Session {id: $session}) DETACH DELETE x'),
  // Evidence that is not attendance (src/modules/evidence): survey answers, referral counts, agreements.
  declare: cypher(
    'test.declare',
    `MATCH (p:Person {id: $person}), (s:Service {id: $service})
     MERGE (p)-[d:DECLARED_TIE {survey: $survey}]->(s) SET d.declaredOn = date($day), d.frequency = $frequency`,
  ),
  undeclare: cypher(
    'test.undeclare',
    'MATCH (:Person {id: $person})-[d:DECLARED_TIE]->(s:Service) WITH d, s ORDER BY d.survey, s.id LIMIT 1 WITH d, s.id AS service DELETE d RETURN service',
  ),
  refer: cypher(
    'test.refer',
    `MATCH (a:Service {id: $from}), (b:Service {id: $to})
     MERGE (a)-[r:REFERRED {period: $period}]->(b) SET r.count = $count, r.periodStart = date($start), r.periodEnd = date($end)`,
  ),
  unrefer: cypher(
    'test.unrefer',
    'MATCH (a:Service {id: $service})-[r:REFERRED]-(b:Service) WITH r, a, b ORDER BY r.period, b.id LIMIT 1 WITH r, [a.id, b.id] AS pair DELETE r RETURN pair',
  ),
  agree: cypher(
    'test.agree',
    `MATCH (a:Service {id: $a}), (b:Service {id: $b})
     MERGE (a)-[g:AGREEMENT {kind: $kind, signedOn: date($day)}]->(b)`,
  ),
  unagree: cypher(
    'test.unagree',
    'MATCH (a:Service {id: $service})-[g:AGREEMENT]-(b:Service) WITH g, a, b ORDER BY g.signedOn, b.id LIMIT 1 WITH g, [a.id, b.id] AS pair DELETE g RETURN pair',
  ),
  deletePerson: cypher('test.deletePerson', 'MATCH (p:Person {id: $person}) DETACH DELETE p'),
  newSession: cypher(
    'test.newSession',
    `MATCH (e:Edition {id: $edition}), (h:Service {id: $host})
     CREATE (x:Session {id: $session, title: $session, startsAt: datetime($at), endsAt: datetime($at) + duration('PT2H'), capacity: 15})-[:IN]->(e)
     CREATE (x)-[:HOSTED_BY]->(h)`,
  ),
};

interface World {
  fixture: string;
  seed: number;
  people: string[];
  services: string[];
  sessions: string[];
  editions: string[];
}

const WORLDS: World[] = [
  {
    fixture: 'network-small',
    seed: 2026,
    people: ['a1', 'a2', 'b1', 'c1', 'd1', 'e1', 'm1'],
    services: ['sA', 'sB', 'sC', 'sD', 'sE', 'sF'],
    sessions: ['s1', 's2', 's3', 'v1'],
    editions: ['edX', 'edV'],
  },
  {
    fixture: 'network-ties',
    seed: 7,
    people: ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'],
    services: ['s1', 's2', 's3', 's4'],
    sessions: ['c1', 'c2', 'c3', 'c4', 'i1', 'i2', 'o1'],
    editions: ['eCop', 'eImm', 'eOd'],
  },
];
const STATUSES = ['PRESENT', 'PRESENT', 'NO_SHOW', 'REGISTERED'];
const FREQUENCIES = ['YEARLY_OR_LESS', 'QUARTERLY', 'MONTHLY', 'WEEKLY', 'DAILY'];
const PERIODS: Array<[string, string, string]> = [
  ['2023', '2023-01-01', '2023-12-31'],
  ['2023-Q2', '2023-04-01', '2023-06-30'],
  ['2023-09', '2023-09-01', '2023-09-30'],
];

/**
 * One write of evidence that is not attendance, refreshed as a writer does (naming the services it
 * joins, and the person of a survey answer). Answers a label for the step list.
 */
async function writeEvidence(tx: Tx, rnd: Random, world: World, person: string, day: () => string): Promise<string> {
  const op = rnd.int(0, 5);
  const [s1, s2] = [rnd.pick(world.services), rnd.pick(world.services)];
  if (op <= 1) {
    // Answers may name the person's own service, or come from someone working nowhere that day: the rules
    // engine refuses those, but the upkeep must still equal a rebuild (no encounter with itself, none without a service).
    const args = { person, service: s1, survey: rnd.pick(['S1', 'S2']), day: day(), frequency: rnd.pick(FREQUENCIES) };
    await tx.run(q.declare, args);
    await refreshTies(tx, { personIds: [person], serviceIds: [s1] });
    return `declare ${person} ${s1} ${args.survey} ${args.day} ${args.frequency}`;
  }
  if (op === 2) {
    // A deletion: the scope is taken before (the person's services, found through the answer being deleted).
    const scope = await tieScope(tx, { personIds: [person] });
    const [row] = await tx.run<{ service: string }>(q.undeclare, { person });
    await refreshTies(tx, { personIds: [person], serviceIds: [...scope.serviceIds, ...(row ? [row.service] : [])] });
    return `undeclare ${person} ${row?.service}`;
  }
  if (op === 3 && s1 !== s2) {
    const [period, start, end] = rnd.pick(PERIODS);
    const count = rnd.int(1, 9);
    await tx.run(q.refer, { from: s1, to: s2, period, start, end, count });
    await refreshTies(tx, { serviceIds: [s1, s2] });
    return `refer ${s1} ${s2} ${period} ${count}`;
  }
  if (op === 4 && s1 !== s2) {
    const [a, b] = s1 < s2 ? [s1, s2] : [s2, s1];
    await tx.run(q.agree, { a, b, kind: rnd.pick(['PARTNERSHIP', 'IMMERSION']), day: day() });
    await refreshTies(tx, { serviceIds: [a, b] });
    return `agree ${a} ${b}`;
  }
  const [row] = await tx.run<{ pair: string[] }>(rnd.chance(0.5) ? q.unrefer : q.unagree, { service: s1 });
  await refreshTies(tx, { serviceIds: row?.pair ?? [] });
  return `unlink ${row?.pair.join('-') ?? 'none'}`;
}

describe.each(WORLDS)('incremental upkeep equals a rebuild after every write ($fixture, seed $seed)', (world) => {
  beforeAll(async () => {
    await resetGraph();
    await loadFixture(world.fixture);
    await rebuildAllTies(testDb());
  });

  it('holds over 100 random writes and deletes (groups, session lengths and evidence kinds too), each refreshed as a writer would', async () => {
    const rnd = new Random(world.seed);
    const sessions = [...world.sessions];
    const people = [...world.people];
    const day = () => `2023-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
    const role = () => (rnd.chance(0.3) ? 'VISITOR' : 'PARTICIPANT');
    // Tables of a session: most attendances name one, some none (they sit together as the session's own group).
    const group = () => (rnd.chance(0.3) ? null : rnd.pick(['T1', 'T2', 'T3']));
    let created = 0;
    const steps: string[] = [];
    for (let step = 0; step < 100; step++) {
      const op = rnd.int(0, 19);
      const person = rnd.pick(people);
      const session = rnd.pick(sessions);
      // The refresh a writer calls after an attendance change: by session, or by person and session as
      // the editing module does (the person alone no longer does: the group's size changes every pair's weight).
      const refreshEither = (tx: Tx) => (rnd.chance(0.5) ? refreshTies(tx, { personIds: [person], sessionIds: [session] }) : refreshTiesForSessions(tx, [session]));
      await testDb().writeTx(async (tx: Tx) => {
        if (op <= 1) {
          const [r, status] = [role(), rnd.pick(STATUSES)];
          const g = group();
          await tx.run(q.attend, { person, session, role: r, status, group: g });
          await refreshEither(tx);
          steps.push(`attend ${person} ${session} ${r} ${status} ${g}`);
        } else if (op === 2) {
          const status = rnd.pick(STATUSES);
          await tx.run(q.mark, { person, session, status });
          await refreshEither(tx);
          steps.push(`mark ${person} ${session} ${status}`);
        } else if (op === 3) {
          await tx.run(q.unattend, { person, session });
          await refreshTies(tx, { personIds: [person], sessionIds: [session] }); // taken off the session: it no longer leads to them
          steps.push(`unattend ${person} ${session}`);
        } else if (op === 4) {
          const service = rnd.pick(world.services);
          await tx.run(q.hire, { person, service, from: day(), to: rnd.chance(0.5) ? null : '2023-12-31' });
          await refreshTiesForPeople(tx, [person]);
          steps.push(`hire ${person} ${service}`);
        } else if (op === 5) {
          await tx.run(q.endJob, { person, to: day() });
          await refreshTiesForPeople(tx, [person]);
          steps.push(`endJob ${person}`);
        } else if (op === 6) {
          // An employment deleted outright: its scope is taken before the delete.
          const scope = await tieScope(tx, { employmentOf: [person] });
          await tx.run(q.dropJob, { person });
          await refreshTies(tx, scope);
          steps.push(`dropJob ${person}`);
        } else if (op === 7) {
          await tx.run(q.reschedule, { session, at: `${day()}T09:00:00Z` });
          await refreshTiesForSessions(tx, [session]);
          steps.push(`reschedule ${session}`);
        } else if (op === 8) {
          // A host replaced: the old host's ties change too, so the scope is taken before.
          const host = rnd.pick(world.services);
          const scope = await tieScope(tx, { sessionIds: [session] });
          await tx.run(q.rehost, { session, host });
          await refreshTies(tx, { ...scope, sessionIds: [session] });
          steps.push(`rehost ${session} ${host}`);
        } else if (op === 9 && sessions.length > 2) {
          // Deleting a session: take its scope first, refresh it after.
          const scope = await tieScope(tx, { sessionIds: [session] });
          await tx.run(q.deleteSession, { session });
          sessions.splice(sessions.indexOf(session), 1);
          await refreshTies(tx, scope);
          steps.push(`deleteSession ${session}`);
        } else if (op === 12) {
          const g = group();
          await tx.run(q.regroup, { person, session, group: g });
          await refreshEither(tx);
          steps.push(`regroup ${person} ${session} ${g}`);
        } else if (op === 13) {
          // A session's length changes its weight (duration factor), from 20 minutes to 9 hours.
          const minutes = rnd.pick([20, 90, 180, 240, 540]);
          await tx.run(q.resize, { session, minutes });
          await refreshTiesForSessions(tx, [session]);
          steps.push(`resize ${session} ${minutes}`);
        } else if (op === 14 && people.length > 3) {
          // A person deleted (as an erasure does): the groups of every session they attended shrink.
          const scope = await tieScope(tx, { personIds: [person], sessionsOfPeople: [person], employmentOf: [person] });
          await tx.run(q.deletePerson, { person });
          people.splice(people.indexOf(person), 1);
          await refreshTies(tx, scope);
          steps.push(`deletePerson ${person}`);
        } else if (op >= 15) {
          steps.push(await writeEvidence(tx, rnd, world, person, day));
        } else if (op === 10 || op === 9 || op === 14) {
          created += 1;
          const id = `n${created}`;
          await tx.run(q.newSession, { edition: rnd.pick(world.editions), host: rnd.pick(world.services), session: id, at: `${day()}T09:00:00Z` });
          sessions.push(id);
          await refreshTiesForSessions(tx, [id]);
          steps.push(`newSession ${id}`);
        } else {
          // A batch: three people's attendance changed in one transaction, one refresh.
          const who = [person, rnd.pick(people), rnd.pick(people)];
          const where = who.map(() => rnd.pick(sessions));
          for (const [i, p] of who.entries()) await tx.run(q.attend, { person: p, session: where[i], role: role(), status: rnd.pick(STATUSES), group: group() });
          await refreshTies(tx, { personIds: who, sessionIds: where });
          steps.push(`batch ${who.join(',')}`);
        }
      });
      const incremental = await tieSnapshot(testDb());
      // Small blocks: each tie must come out once, from its lower end's block. The upkeep stored what
      // a rebuild computes, signature and all, so the rebuild has nothing to rewrite.
      const report = await rebuildAllTies(testDb(), { blockSize: 3 });
      const rebuilt = await tieSnapshot(testDb());
      if (JSON.stringify(incremental) !== JSON.stringify(rebuilt) || report.written + report.deleted > 0) {
        throw new Error(
          `after step ${step} (${steps.join(' → ')}), ${report.written} written, ${report.deleted} deleted:\nincremental ${JSON.stringify(incremental, null, 1)}\nrebuilt ${JSON.stringify(rebuilt, null, 1)}`,
        );
      }
    }
    expect(steps).toHaveLength(100);
    for (const kind of ['declare', 'undeclare', 'refer', 'agree', 'unlink']) expect(steps.some((s) => s.startsWith(kind))).toBe(true);
    expect((await tieSnapshot(testDb())).length).toBeGreaterThan(0);
  }, 300_000);
});

describe('concurrent writers', () => {
  beforeAll(async () => {
    await resetGraph();
    await loadFixture('network-ties');
    await rebuildAllTies(testDb());
  });

  it('8 writers at once, 5 rounds: the ties still equal a rebuild', async () => {
    const rnd = new Random(99);
    const people = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const sessions = ['c1', 'c2', 'c3', 'c4', 'i1', 'o1'];
    for (let round = 0; round < 5; round++) {
      // Drawn before the transactions start, so a retried transaction redoes the same write.
      const writes = Array.from({ length: 8 }, () => ({
        person: rnd.pick(people),
        session: rnd.pick(sessions),
        status: rnd.pick(['PRESENT', 'NO_SHOW']),
        group: rnd.pick([null, 'T1', 'T2']),
        byPerson: rnd.chance(0.5),
      }));
      await Promise.all(
        writes.map((w) =>
          testDb().writeTx(async (tx) => {
            await tx.run(q.attend, { person: w.person, session: w.session, role: 'PARTICIPANT', status: w.status, group: w.group });
            await (w.byPerson ? refreshTies(tx, { personIds: [w.person], sessionIds: [w.session] }) : refreshTiesForSessions(tx, [w.session]));
          }),
        ),
      );
      const incremental = await tieSnapshot(testDb());
      await rebuildAllTies(testDb());
      expect(await tieSnapshot(testDb())).toEqual(incremental);
    }
  }, 120_000);

  it.each(WORLDS)(
    '8 random writers at once, every kind of write, 8 rounds ($fixture): the ties still equal a rebuild',
    async (world) => {
      await resetGraph();
      await loadFixture(world.fixture);
      await rebuildAllTies(testDb());
      const rnd = new Random(world.seed + 1);
      const day = () => `2023-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
      // Each write is drawn before its transaction starts, so a transaction run again after a deadlock redoes the same write.
      type Write = {
        kind: 'attend' | 'mark' | 'regroup' | 'hire' | 'endJob' | 'dropJob' | 'resize' | 'rehost' | 'evidence';
        person: string;
        session: string;
        args: Record<string, unknown>;
      };
      const draw = (): Write => {
        const person = rnd.pick(world.people);
        const session = rnd.pick(world.sessions);
        const kind = rnd.pick(['attend', 'attend', 'mark', 'regroup', 'hire', 'endJob', 'dropJob', 'resize', 'rehost', 'evidence'] as const);
        const args: Record<string, unknown> = {
          attend: { role: rnd.chance(0.3) ? 'VISITOR' : 'PARTICIPANT', status: rnd.pick(STATUSES), group: rnd.pick([null, 'T1', 'T2']) },
          mark: { status: rnd.pick(STATUSES) },
          regroup: { group: rnd.pick([null, 'T1', 'T2']) },
          hire: { service: rnd.pick(world.services), from: day(), to: rnd.chance(0.5) ? null : '2023-12-31' },
          endJob: { to: day() },
          dropJob: {},
          resize: { minutes: rnd.pick([20, 90, 180, 540]) },
          rehost: { host: rnd.pick(world.services) },
          // Its own random stream, drawn again identically when the transaction runs again.
          evidence: { seed: rnd.int(1, 1_000_000) },
        }[kind];
        return { kind, person, session, args };
      };
      const apply = async (tx: Tx, w: Write) => {
        const params = { person: w.person, session: w.session, ...w.args };
        if (w.kind === 'evidence') {
          const own = new Random(Number(w.args.seed));
          await writeEvidence(tx, own, world, w.person, () => `2023-${String(own.int(1, 12)).padStart(2, '0')}-${String(own.int(1, 28)).padStart(2, '0')}`);
        } else if (w.kind === 'dropJob') {
          const scope = await tieScope(tx, { employmentOf: [w.person] });
          await tx.run(q.dropJob, params);
          await refreshTies(tx, scope);
        } else if (w.kind === 'rehost') {
          const scope = await tieScope(tx, { sessionIds: [w.session] });
          await tx.run(q.rehost, params);
          await refreshTies(tx, { ...scope, sessionIds: [w.session] });
        } else if (w.kind === 'hire' || w.kind === 'endJob') {
          await tx.run(q[w.kind], params);
          await refreshTiesForPeople(tx, [w.person]);
        } else if (w.kind === 'resize') {
          await tx.run(q[w.kind], params);
          await refreshTiesForSessions(tx, [w.session]);
        } else {
          await tx.run(q[w.kind], params);
          await refreshTies(tx, { personIds: [w.person], sessionIds: [w.session] });
        }
      };
      const kinds = new Set<string>();
      for (let round = 0; round < 8; round++) {
        const writes = Array.from({ length: 8 }, draw);
        writes.forEach((w) => kinds.add(w.kind));
        const outcomes = await Promise.allSettled(writes.map((w) => testDb().writeTx((tx) => apply(tx, w))));
        expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]); // deadlocks are run again, never lost
        const incremental = await tieSnapshot(testDb());
        const report = await rebuildAllTies(testDb());
        const rebuilt = await tieSnapshot(testDb());
        if (JSON.stringify(incremental) !== JSON.stringify(rebuilt) || report.written + report.deleted > 0)
          throw new Error(`round ${round} (${JSON.stringify(writes)}): the upkeep differs from a rebuild (${report.written} written, ${report.deleted} deleted)`);
      }
      expect(kinds.size).toBe(9); // every kind of write was drawn at least once
    },
    300_000,
  );
});
