/**
 * Runs GraphQL operations in-process through the real Apollo server and a real Neo4j, and reports
 * how many Neo4j round trips each one cost.
 */
import type { GraphQLFormattedError } from 'graphql';
import type { Principal } from '../../src/access/principal';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/context';
import { createServer, type ApiServer } from '../../src/server';
import type { Dataset } from '../../src/seed/dataset';
import { closeTestDb, loadFixture, resetGraph, testDb } from './db';
import { rebuildAllTies } from '../../src/modules/network/ties';

export interface Result<T> {
  data: T | null | undefined;
  errors: readonly GraphQLFormattedError[] | undefined;
  roundTrips: number;
}

export interface TestApi {
  server: ApiServer;
  /** Runs as an analyst unless `as` says otherwise (access rules are tested in tests/e2e/access-*.test.ts). */
  run<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, opts?: RunOptions): Promise<Result<T>>;
}

export interface RunOptions {
  acceptLanguage?: string;
  as?: Principal;
}

export const ANALYST: Principal = { role: 'analyst', keyId: 'test-analyst' };

export async function testApi(env: Record<string, string> = {}): Promise<TestApi> {
  const config = loadConfig({ ...process.env, ...env });
  const db = testDb();
  const server = await createServer(config, db);
  return {
    server,
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- TestApi.run's T, the caller's
    async run<T>(query: string, variables?: Record<string, unknown>, opts: RunOptions = {}) {
      const contextValue = createContext({ db, config, audit: server.audit, acceptLanguage: opts.acceptLanguage, principal: opts.as ?? ANALYST });
      const response = await server.apollo.executeOperation<T>({ query, variables }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      const { data, errors } = response.body.singleResult;
      return { data, errors, roundTrips: contextValue.db.roundTrips };
    },
  };
}

/** The codes of a result's errors, for compact assertions. */
export const codes = (errors: readonly GraphQLFormattedError[] | undefined) => (errors ?? []).map((e) => e.extensions?.code);

/**
 * A fresh graph made by `load` (after the reset), an API over it for the tests of a file, and
 * everything closed at the end. Returns a getter.
 */
export function useGraphApi(load: () => Promise<void>, timeoutMs?: number): () => TestApi {
  let api: TestApi | undefined;
  beforeAll(async () => {
    await resetGraph();
    await load();
    api = await testApi();
  }, timeoutMs);
  afterAll(async () => {
    await api?.server.stop();
    await closeTestDb();
  });
  return () => {
    if (!api) throw new Error('the API is created in beforeAll');
    return api;
  };
}

/** The usual setup of a test file: one fixture (plus an optional step, such as rebuilding ties). */
export function useFixtureApi(fixture: string, prepare?: () => Promise<void>): () => TestApi {
  return useGraphApi(async () => {
    await loadFixture(fixture);
    await prepare?.();
  });
}

/** The demo graph (seed 42, or the dataset given) with its ties. */
export function useDemoApi(dataset?: Dataset): () => TestApi {
  return useGraphApi(async () => {
    // Imported here: the generator reads the Brussels source files, which most tests never need.
    const [{ generateDataset }, { loadDataset }] = await Promise.all([import('../../src/seed/generate'), import('../../src/seed/load')]);
    await loadDataset(testDb(), dataset ?? generateDataset({ scale: 'demo', seed: 42 }));
    await rebuildAllTies(testDb());
  }, 300_000);
}

/** An API server listening on a free loopback port for the tests of a file (or describe block). Returns a getter for its base URL. */
export function useHttpServer(env: Record<string, string> = {}): () => string {
  let server: ApiServer | undefined;
  let base = '';
  beforeAll(async () => {
    server = await createServer(loadConfig({ ...process.env, ...env }), testDb());
    base = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server?.stop());
  return () => base;
}

/** A fixture with its ties built, an API over it, and `data` that runs a query and expects no error: the setup of the network tests. */
export function useTiedFixture(fixture: string): { api: () => TestApi; data: <T>(query: string, variables?: Record<string, unknown>) => Promise<T> } {
  const api = useFixtureApi(fixture, async () => {
    await rebuildAllTies(testDb());
  });
  const data = async <T>(query: string, variables?: Record<string, unknown>): Promise<T> => {
    const res = await api().run<T>(query, variables);
    expect(res.errors).toBeUndefined();
    return res.data as T;
  };
  return { api, data };
}
