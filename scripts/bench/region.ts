/**
 * Issue 30's second target: every network question the API has, asked for the whole region, and
 * brokers for a zone and for the region, through the API in a process of its own over HTTP
 * (fork-api.ts; the caller forks it) with an analyst key. Each question is asked once (its first
 * answer, printed apart), then timed; a question the API answers with an error (TOO_LARGE above the
 * exact brokers' size, ANALYTICS_TIMEOUT) gets a row with the error's code and when it came.
 * The selections are the dashboard's where it asks the question (src/dashboard/operations.ts).
 */
import { createApiKey, revokeApiKey } from '../../src/access/api-keys';
import { ZoneBrokers } from '../../src/dashboard/operations';
import type { Db } from '../../src/neo4j/driver';
import { errorCode, post, type ApiClient } from './http';
import { latencyRow, ms, timed, type LatencyRow } from './stats';

interface Question {
  name: string;
  targetMs: number;
  query: string;
  variables: (t: { region: string; zone: string }) => Record<string, unknown>;
  /** What the row should say of the answer (how brokers computed betweenness). */
  describe?: (data: unknown) => string;
}

interface BrokersAccuracy {
  brokers: { serviceCount: number; accuracy: { method: string; samples: number | null; errorBound: number; confidence: number } };
}

/** Issue 30: each region-wide question within 2 s; brokers within 1 s for a zone and 3 s for the region. */
const QUESTIONS: Question[] = [
  {
    name: 'region acquaintances (100 ties)',
    targetMs: 2000,
    query: `query RegionAcquaintances($region: String!) { acquaintances(territory: { region: $region }, first: 100) { totalCount nodes { a { id } b { id } strength } } }`,
    variables: (t) => ({ region: t.region }),
  },
  {
    name: 'region mixing matrix + gaps',
    targetMs: 2000,
    query: `query RegionMixing($region: String!) {
      mixingMatrix(territory: { region: $region }) { sectorA { code } sectorB { code } observed possible expected density }
      gaps(territory: { region: $region }, first: 8) { sectorA { code } sectorB { code } observed expected unconnectedServices } }`,
    variables: (t) => ({ region: t.region }),
  },
  {
    name: 'region E-I index',
    targetMs: 2000,
    query: `query RegionEi($region: String!) { eiIndex(territory: { region: $region }) { territory { external internal index } sectors { sector { code } external internal index } } }`,
    variables: (t) => ({ region: t.region }),
  },
  {
    name: 'region language border',
    targetMs: 2000,
    query: `query RegionBorder($region: String!) { languageBorder(territory: { region: $region }) { territory { ties crossBorder share } initiatives { initiative { id } ties crossBorder share } } }`,
    variables: (t) => ({ region: t.region }),
  },
  {
    name: 'region fragile ties',
    targetMs: 2000,
    query: `query RegionFragile($region: String!) { fragileTies(territory: { region: $region }, first: 12) { status carriersA { value } carriersB { value } tie { a { id } b { id } strength count lastMet } } }`,
    variables: (t) => ({ region: t.region }),
  },
  {
    name: 'region communities (Louvain)',
    targetMs: 2000,
    query: `query RegionCommunities($region: String!) { communities(territory: { region: $region }) { count modularity communities(first: 30) { index size services(first: 500) { id } } } }`,
    variables: (t) => ({ region: t.region }),
  },
  {
    name: 'region brokers',
    targetMs: 3000,
    query: `query RegionBrokers($region: String!) { brokers(territory: { region: $region }, first: 10) {
      serviceCount accuracy { method samples errorBound confidence }
      brokers { service { id } degree betweenness constraint roles { coordinator gatekeeper representative consultant liaison } } isolates { id } } }`,
    variables: (t) => ({ region: t.region }),
    describe: (data) => {
      const { serviceCount, accuracy: a } = (data as BrokersAccuracy).brokers;
      return `${serviceCount} services, betweenness ${a.method}${a.method === 'EXACT' ? '' : ` (${a.samples ?? '?'} paths sampled, error bound ${a.errorBound}, confidence ${a.confidence})`}`;
    },
  },
  {
    name: 'zone brokers (dashboard document)',
    targetMs: 1000,
    query: ZoneBrokers.toString(),
    variables: (t) => ({ zone: t.zone, lang: 'FR', ties: null }),
  },
];

export interface RegionOptions {
  region: string;
  zone: string;
  /** Timed runs of each question, after its first answer. */
  runs: number;
  log: (line: string) => void;
}

export async function benchRegion(db: Db, url: string, opts: RegionOptions): Promise<LatencyRow[]> {
  const { key, id } = await createApiKey(db, 'analyst', { label: 'bench region' });
  const api: ApiClient = { url, key };
  const rows: LatencyRow[] = [];
  try {
    for (const q of QUESTIONS) {
      const name = q.name.startsWith('zone') ? q.name.replace('zone', `zone ${opts.zone}`) : `${q.name}, ${opts.region}`;
      const ask = () => timed(() => post(api, q.query, q.variables(opts)));
      const started = performance.now();
      let first: number;
      let said: string | undefined;
      try {
        const answer = await ask();
        first = answer.ms;
        said = q.describe?.(answer.value);
      } catch (err) {
        // When the API refused (or gave up): a TOO_LARGE comes at once, an ANALYTICS_TIMEOUT after its limit.
        rows.push(latencyRow(name, q.targetMs, [], { error: errorCode(err), errorAfterMs: ms(performance.now() - started) }));
        opts.log(`  ${name}: ${errorCode(err)} after ${ms(performance.now() - started)} ms`);
        continue;
      }
      const samples: number[] = [];
      for (let i = 0; i < opts.runs; i++) samples.push((await ask()).ms);
      const row = latencyRow(name, q.targetMs, samples, { firstMs: ms(first), ...(said ? { note: said } : {}) });
      rows.push(row);
      opts.log(`  ${name}: first ${row.firstMs ?? NaN} ms, p50 ${row.p50Ms ?? NaN} ms, p95 ${row.p95Ms ?? NaN} ms${said ? ` (${said})` : ''}`);
    }
    return rows;
  } finally {
    await revokeApiKey(db, id);
  }
}
