/**
 * Issue 30's first target: the zone dashboard's full load, warm and cold. A load is a first page
 * load of the dashboard, request for request: the very documents of src/dashboard/operations.ts,
 * with the variables, order and concurrency of src/dashboard/main.ts (`start`, then `loadZone` and
 * its helpers `loadNetwork`, `loadLatestImpacts`, `loadShapes`), under a zone key, against the API in a
 * process of its own over HTTP (fork-api.ts; the caller forks it).
 *
 * - warm: loads back to back, after a warm-up load;
 * - cold: the first load after a write. A write is one `markAttendance` through the same API with an
 *   editor key, on a present attendance of the zone's people in a small session (so it changes the
 *   zone's ties and their weights): NO_SHOW, then PRESENT on the next cold load, so the data ends as it
 *   began. A result cache invalidated by every write answers cold loads from the database again.
 */
import { createApiKey, revokeApiKey } from '../../src/access/api-keys';
import type { DashboardZoneNetworkQuery, Lang, TypedDocumentString } from '../../src/dashboard/__generated__/graphql';
import {
  EditionImpact,
  EvidenceKinds,
  LatestEditions,
  ViewerAndZones,
  ZoneBrokers,
  ZoneCommunities,
  ZoneMixing,
  ZoneChange,
  ZoneNetwork,
  ZoneQuartierFigures,
  ZoneRisks,
  ZoneShapes,
} from '../../src/dashboard/operations';
import { latestEditions } from '../../src/dashboard/editions';
import { cypher, type Db } from '../../src/neo4j/driver';
import { errorCode, operationName, post, request, type ApiClient } from './http';
import { latencyRow, median, ms, timed, type LatencyRow } from './stats';
import { MARK, SET_CLOSED } from './writers';

/** The language a first visit without ?lang= gets in a French-speaking browser. */
const LANG: Lang = 'FR';

/** Issue 30's targets for the full load. */
export const DASHBOARD_WARM_TARGET_MS = 1000;
export const DASHBOARD_COLD_TARGET_MS = 3000;

/**
 * A present attendance whose withdrawal changes the zone's ties: in the smallest session where people
 * of two or more of the zone's services (employed there on the session's day) were present, so the
 * pair's weight is large enough to count under the default tie filter.
 */
const ZONE_ATTENDANCE = cypher(
  'bench.dashboard.zoneAttendance',
  `MATCH (:Zone {code: $zone})<-[:IN_ZONE]-(:Neighbourhood)<-[:LOCATED_IN]-(s:Service)<-[w:WORKS_AT]-(p:Person)-[:ATTENDED {status: 'PRESENT'}]->(x:Session)
   WHERE w.from <= date(x.startsAt) AND (w.to IS NULL OR w.to >= date(x.startsAt))
   WITH x, s, p ORDER BY p.id
   WITH x, collect(DISTINCT s.id) AS services, collect(DISTINCT p.id) AS people WHERE size(services) >= 2
   WITH x, people, COUNT { (x)<-[:ATTENDED {status: 'PRESENT'}]-(:Person) } AS present
   ORDER BY present, x.id LIMIT 1
   MATCH (x)-[:IN]->(e:Edition)
   RETURN x.id AS session, people[0] AS person, e.id AS edition, coalesce(e.closed, false) AS closed`,
);

interface Load {
  ms: number;
  /** When each request's answer came, from the load's start. */
  answers: Array<{ operation: string; doneAtMs: number }>;
  /** The first request answered with an error, if any: its operation, the error's code and when it came. */
  failure?: { operation: string; code: string; atMs: number };
}

/**
 * One first page load, as main.ts sends it. It ends when every request has its answer: a panel's
 * error (the dashboard shows it and stops there) does not stop the other panels' requests, which the
 * API still serves; the first error is kept.
 */
async function fullLoad(api: ApiClient, wantedZone: string): Promise<Load> {
  const started = performance.now();
  const load: Load = { ms: 0, answers: [] };
  const ask = async <R, V>(document: TypedDocumentString<R, V>, variables: V): Promise<R> => {
    const operation = operationName(document.toString());
    try {
      const answer = await request(api, document, variables);
      load.answers.push({ operation, doneAtMs: performance.now() - started });
      return answer;
    } catch (err) {
      load.failure ??= { operation, code: errorCode(err), atMs: performance.now() - started };
      throw err;
    }
  };
  const done = () => ({ ...load, ms: performance.now() - started });
  try {
    // `start`: who is calling and the zones, then the evidence kinds, one after the other.
    const viewer = await ask(ViewerAndZones, { lang: LANG });
    if (viewer.me.role === 'public') throw new Error('dashboard load: the key is not taken (role public)');
    await ask(EvidenceKinds, {});
    const allowed = viewer.me.zone ? viewer.zones.filter((z) => z.code === viewer.me.zone) : viewer.zones;
    const zone = allowed.some((z) => z.code === wantedZone) ? wantedZone : (allowed[0]?.code ?? '');
    // `loadZone`: every panel at once; the filter bar starts at the API's default (`ties` null).
    const ties = null;
    const vars = { zone, lang: LANG, ties };
    const loadNetwork = async () => {
      let after: string | null = null;
      for (;;) {
        const page: DashboardZoneNetworkQuery['acquaintances'] = (await ask(ZoneNetwork, { zone, lang: LANG, after, ties, withServices: after === null })).acquaintances;
        if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor) return;
        after = page.pageInfo.endCursor;
      }
    };
    const loadLatestImpacts = async () => {
      const { initiatives } = await ask(LatestEditions, { lang: LANG });
      const latest = latestEditions(initiatives, new Date().toISOString().slice(0, 10));
      return Promise.all(latest.map((e) => ask(EditionImpact, { edition: e.id, lang: LANG, ties })));
    };
    await Promise.allSettled([
      loadNetwork(),
      ask(ZoneMixing, vars),
      ask(ZoneBrokers, vars),
      ask(ZoneRisks, vars),
      loadLatestImpacts(),
      ask(ZoneShapes, { zone, lang: LANG }),
      ask(ZoneQuartierFigures, { zone, ties }),
      ask(ZoneCommunities, { zone, ties }),
      ask(ZoneChange, { zone, ties }),
    ]);
  } catch (err) {
    load.failure ??= { operation: 'start', code: errorCode(err), atMs: performance.now() - started };
  }
  return done();
}

const failureText = (f: NonNullable<Load['failure']>) => `${f.operation} answered ${f.code} at ${ms(f.atMs)} ms`;

/**
 * The row of a series of loads: p50 and p95 over the loads that every request answered; the failed
 * ones counted, the first named. The target is met only without a failure.
 */
function loadsRow(name: string, targetMs: number, loads: Load[], extra: Partial<LatencyRow>): LatencyRow {
  const good = loads.filter((l) => !l.failure);
  const failed = loads.filter((l) => l.failure);
  const failure = failed[0]?.failure;
  const said = [extra.note, failure ? `${failed.length} of ${loads.length} loads failed, first: ${failureText(failure)}` : null].filter(Boolean).join('; ');
  const row = latencyRow(
    name,
    targetMs,
    good.map((l) => l.ms),
    {
      ...extra,
      ...(good.length ? { breakdown: breakdown(good) } : { error: failure?.code ?? 'no load', errorAfterMs: ms(failure?.atMs ?? 0) }),
      ...(said ? { note: said } : {}),
      failed: failed.length,
    },
  );
  return { ...row, met: row.met && failed.length === 0 };
}

/** Per operation, when its last answer came in each load: the p50 over the loads, slowest first. */
function breakdown(loads: Load[]): LatencyRow['breakdown'] {
  const last = new Map<string, number[]>();
  for (const load of loads) {
    const mine = new Map<string, number>();
    for (const a of load.answers) mine.set(a.operation, Math.max(mine.get(a.operation) ?? 0, a.doneAtMs));
    for (const [operation, at] of mine) last.set(operation, [...(last.get(operation) ?? []), at]);
  }
  return [...last].map(([operation, at]) => ({ operation, p50Ms: ms(median(at)) })).sort((x, y) => y.p50Ms - x.p50Ms || (x.operation < y.operation ? -1 : 1));
}

interface MarkAnswer {
  markAttendance: { attendance: { status: string } | null; errors: Array<{ code: string; message: string }> };
}

export interface DashboardOptions {
  zone: string;
  /** Untimed loads before the warm ones (at least one). */
  warmup: number;
  /** Timed warm loads, and timed cold loads (each after a write). */
  runs: number;
  coldRuns: number;
  log: (line: string) => void;
}

/** The warm and cold rows of the zone dashboard's full load, on the API at `url`. */
export async function benchDashboard(db: Db, url: string, opts: DashboardOptions): Promise<LatencyRow[]> {
  const warmName = `dashboard full load, zone ${opts.zone} (zone key), warm`;
  const coldName = `dashboard full load, zone ${opts.zone} (zone key), cold: first after a write`;
  const [target] = await db.read<{ session: string; person: string; edition: string; closed: boolean }>(ZONE_ATTENDANCE, { zone: opts.zone });
  const zoneKey = await createApiKey(db, 'zone', { zone: opts.zone, label: 'bench dashboard' });
  const editorKey = await createApiKey(db, 'editor', { label: 'bench dashboard writes' });
  const viewer: ApiClient = { url, key: zoneKey.key };
  const editor: ApiClient = { url, key: editorKey.key };
  if (target?.closed) await db.write(SET_CLOSED, { editions: [target.edition], closed: false });
  // Whether the attendance is taken back now (a field: the closure below sets it).
  const written = { withdrawn: false };
  const mark = async (status: 'NO_SHOW' | 'PRESENT') => {
    if (!target) throw new Error(`no present attendance of two services of zone ${opts.zone} to write`);
    const answer = await post<MarkAnswer>(editor, MARK, { personId: target.person, sessionId: target.session, status });
    const problem = answer.markAttendance.errors[0];
    if (problem || answer.markAttendance.attendance?.status !== status) throw new Error(`dashboard write: ${problem ? `${problem.code}: ${problem.message}` : 'not written'}`);
    written.withdrawn = status === 'NO_SHOW';
  };
  const rows: LatencyRow[] = [];
  try {
    // A warm-up load first: the first on this API process, its figure printed apart.
    const first: Load[] = [];
    for (let i = 0; i < Math.max(1, opts.warmup); i++) first.push(await fullLoad(viewer, opts.zone));
    const warm: Load[] = [];
    for (let i = 0; i < opts.runs; i++) warm.push(await fullLoad(viewer, opts.zone));
    const firstLoad = first[0]!;
    rows.push(
      loadsRow(warmName, DASHBOARD_WARM_TARGET_MS, warm, {
        firstMs: ms(firstLoad.ms),
        note: `${warm.find((l) => !l.failure)?.answers.length ?? first.find((l) => !l.failure)?.answers.length ?? 0} requests a load${firstLoad.failure ? `; the first load: ${failureText(firstLoad.failure)}` : ''}`,
      }),
    );
    const cold: Load[] = [];
    const writes: number[] = [];
    try {
      for (let i = 0; i < opts.coldRuns; i++) {
        writes.push((await timed(() => mark(i % 2 === 0 ? 'NO_SHOW' : 'PRESENT'))).ms);
        cold.push(await fullLoad(viewer, opts.zone));
      }
      rows.push(loadsRow(coldName, DASHBOARD_COLD_TARGET_MS, cold, { note: `each after one markAttendance (editor key, same API process), write p50 ${ms(median(writes))} ms` }));
    } catch (err) {
      // The write failed: no cold load to time.
      rows.push(latencyRow(coldName, DASHBOARD_COLD_TARGET_MS, [], { error: errorCode(err) }));
    }
    for (const r of rows)
      opts.log(
        `  ${r.name}: ${r.error ? r.error : `p50 ${r.p50Ms ?? NaN} ms, p95 ${r.p95Ms ?? NaN} ms`} over ${r.runs} loads${r.failed ? `, ${r.failed} failed` : ''}${r.note ? ` (${r.note})` : ''}`,
      );
    return rows;
  } finally {
    try {
      if (written.withdrawn) await mark('PRESENT');
    } finally {
      if (target?.closed) await db.write(SET_CLOSED, { editions: [target.edition], closed: true });
      await revokeApiKey(db, zoneKey.id);
      await revokeApiKey(db, editorKey.id);
    }
  }
}
