/**
 * Concurrent editors through the API: 8 editors (by default) each send `markAttendance` one after
 * the other, all at once, against a forked API process. Two mixes:
 *  - overlapping: every editor writes to the same two busy sessions (their tie refreshes touch the
 *    same people and services, so they wait on each other's locks and sometimes deadlock);
 *  - separate: each editor writes to a session of its own (they share only what their services share).
 * Each editor takes a presence back (NO_SHOW) and gives it again (PRESENT), so the database ends as it
 * began. Reports writes per second, latency percentiles and errors (a retried deadlock is not one).
 */
import { createApiKey, revokeApiKey } from '../../src/access/api-keys';
import { cypher, int, type Db } from '../../src/neo4j/driver';
import { forkApi, stopApi } from './fork-api';
import { percentile } from './stats';

export interface WritersResult {
  mix: 'overlapping' | 'separate';
  editors: number;
  writes: number;
  seconds: number;
  writesPerSecond: number;
  p50Ms: number;
  p95Ms: number;
  /** Answers that were not a written attendance: HTTP errors, GraphQL errors, rule violations. */
  errors: number;
  /** The first error's text, when there was one. */
  firstError?: string;
}

/** Present attendances of the busiest sessions, with the session's edition and whether it is closed. */
const BUSY_SESSIONS = cypher(
  'bench.busySessions',
  `MATCH (x:Session)-[:IN]->(e:Edition)
   WITH x, e, COUNT { (x)<-[:ATTENDED {status: 'PRESENT'}]-(:Person) } AS present WHERE present >= 2
   WITH x, e ORDER BY present DESC, x.id LIMIT $sessions
   MATCH (x)<-[:ATTENDED {status: 'PRESENT'}]-(p:Person)
   WITH x, e, p ORDER BY p.id
   RETURN x.id AS session, e.id AS edition, coalesce(e.closed, false) AS closed, collect(p.id) AS people ORDER BY session`,
);
/** Most editions of the generated graph are past and closed: the run opens those it writes to, and closes them again after. */
export const SET_CLOSED = cypher('bench.setEditionsClosed', 'UNWIND $editions AS id MATCH (e:Edition {id: id}) SET e.closed = $closed');

export const MARK = `mutation BenchMark($personId: ID!, $sessionId: ID!, $status: AttendanceStatus!) {
  markAttendance(personId: $personId, sessionId: $sessionId, status: $status) { attendance { status } errors { code field message } }
}`;

interface Answer {
  data?: { markAttendance?: { attendance: { status: string } | null; errors: Array<{ code: string; message: string }> } };
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

type Plan = { work: Array<Array<{ person: string; session: string }>>; closedEditions: string[] };

/** Each editor's attendances: in the overlapping mix, dealt round the editors from two sessions; in the separate one, one session each. */
async function plan(db: Db, mix: WritersResult['mix'], editors: number): Promise<Plan> {
  const rows = await db.read<{ session: string; edition: string; closed: boolean; people: string[] }>(BUSY_SESSIONS, { sessions: int(mix === 'overlapping' ? 2 : editors) });
  const closedEditions = [...new Set(rows.filter((r) => r.closed).map((r) => r.edition))];
  if (mix === 'separate') {
    if (rows.length < editors) throw new Error(`writers: ${editors} sessions with people present are needed, found ${rows.length}`);
    return { work: rows.map((r) => r.people.map((person) => ({ person, session: r.session }))), closedEditions };
  }
  const all = rows.flatMap((r) => r.people.map((person) => ({ person, session: r.session })));
  if (all.length < editors) throw new Error(`writers: ${editors} present attendances are needed, found ${all.length}`);
  return { work: Array.from({ length: editors }, (_, e) => all.filter((_, i) => i % editors === e)), closedEditions };
}

export async function benchWriters(db: Db, neo4jUri: string, opts: { mix: WritersResult['mix']; editors: number; writesPerEditor: number }): Promise<WritersResult> {
  const { work, closedEditions } = await plan(db, opts.mix, opts.editors);
  await db.write(SET_CLOSED, { editions: closedEditions, closed: false });
  const { key, id } = await createApiKey(db, 'editor', { label: 'bench writers' });
  const { child, url } = await forkApi(neo4jUri);
  const latencies: number[] = [];
  const errors: string[] = [];
  const send = async (personId: string, sessionId: string, status: string) => {
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: JSON.stringify({ query: MARK, variables: { personId, sessionId, status } }),
    });
    const answer = (await response.json()) as Answer;
    latencies.push(performance.now() - started);
    const problem = answer.errors?.[0] ? `${answer.errors[0].extensions?.code ?? response.status}: ${answer.errors[0].message}` : answer.data?.markAttendance?.errors[0]?.message;
    if (problem || answer.data?.markAttendance?.attendance?.status !== status) errors.push(problem ?? `HTTP ${response.status}`);
  };
  const started = performance.now();
  try {
    await Promise.all(
      work.map(async (mine) => {
        // Pairs of writes (take the presence back, give it again): an even count leaves the data as it was.
        for (let i = 0; i < opts.writesPerEditor; i += 2) {
          const { person, session } = mine[(i / 2) % mine.length]!;
          await send(person, session, 'NO_SHOW');
          await send(person, session, 'PRESENT');
        }
      }),
    );
  } finally {
    await stopApi(child);
    await revokeApiKey(db, id);
    await db.write(SET_CLOSED, { editions: closedEditions, closed: true });
  }
  const seconds = (performance.now() - started) / 1000;
  const round = (x: number) => Math.round(x * 10) / 10;
  return {
    mix: opts.mix,
    editors: opts.editors,
    writes: latencies.length,
    seconds: round(seconds),
    writesPerSecond: round(latencies.length / seconds),
    p50Ms: Math.round(percentile(latencies, 50)),
    p95Ms: Math.round(percentile(latencies, 95)),
    errors: errors.length,
    ...(errors[0] ? { firstError: errors[0].slice(0, 200) } : {}),
  };
}
