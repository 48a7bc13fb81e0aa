/**
 * Transient errors on the write path, on a real Neo4j: two transactions that take locks in
 * opposite order deadlock (Neo4j answers `Neo.TransientError.Transaction.DeadlockDetected` to one
 * of them). A write that meets one is run again by the server and succeeds; one that keeps meeting
 * transient errors (here `LockAcquisitionTimeout`: a lock held elsewhere throughout) answers the
 * retriable code TRANSIENT (HTTP 503, Retry-After), never INTERNAL_SERVER_ERROR.
 *
 * The driver here has next to no retry time of its own (retryMs: 1): it runs a failed transaction
 * once more (its retry window opens at the first failure, neo4j-driver-core
 * transaction-executor.js) and no more, so each of the server's attempts is two runs.
 */
import type { Driver } from 'neo4j-driver';
import { GraphQLError } from 'graphql';
import { loadConfig } from '../../src/config';
import { createContext } from '../../src/context';
import { createDriver, cypher, Db, TRANSACTION_ATTEMPTS, type RowBudget, type RunOptions, type Tx } from '../../src/neo4j/driver';
import { ErrorCode } from '../../src/errors';
import { metrics } from '../../src/metrics';
import { retryAfterOf, statusOf } from '../../src/http/status';
import { createServer } from '../../src/server';
import { closeTestDb, testDb } from '../helpers/db';

const LOCK = cypher('test.deadlock.lock', 'MATCH (n:DeadlockProbe {k: $k}) SET n.v = coalesce(n.v, 0) + 1 RETURN n.v AS v');
const BLOCKED = "SHOW TRANSACTIONS YIELD status WHERE status STARTS WITH 'Blocked' RETURN count(*) AS n";

let driver: Driver;
/** Companion transactions still finishing (each commits once the deadlock's victim rolled back). */
const companions: Array<Promise<unknown>> = [];

beforeAll(async () => {
  driver = createDriver({ uri: process.env.NEO4J_URI!, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', retryMs: 1 });
  await testDb().write(
    cypher(
      'test.deadlock.setup',
      "MATCH (n:DeadlockProbe) DELETE n WITH count(*) AS gone UNWIND range(0, 40) AS i CREATE (:DeadlockProbe {k: 'x' + i}), (:DeadlockProbe {k: 'y' + i})",
    ),
  );
});
afterAll(async () => {
  await Promise.allSettled(companions);
  await testDb().write(cypher('test.deadlock.teardown', 'MATCH (n:DeadlockProbe) DELETE n'));
  await driver.close();
  await closeTestDb();
});

async function waitUntilBlocked(): Promise<void> {
  for (;;) {
    const session = driver.session();
    try {
      if (Number((await session.run(BLOCKED)).records[0]?.get('n') ?? 0) > 0) return;
    } finally {
      await session.close();
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Pairs of probe nodes: each deadlock uses its own, so a lock still held elsewhere never gets in the way. */
let pair = 0;

/**
 * A companion transaction, begun before the attempt it deadlocks with and so the older of the two:
 * it takes y<n> at once. Neo4j breaks a deadlock by aborting the younger transaction (seen on 5.26:
 * a companion begun later was the victim), so the attempt under test is the victim.
 */
async function companionHolding(n: number): Promise<{ n: number; waitForX(): Promise<void> }> {
  const session = driver.session();
  const tx = session.beginTransaction();
  await tx.run(LOCK.text, { k: `y${n}` });
  return {
    n,
    /** Asks for x<n> (held by the attempt under test) and returns once Neo4j shows a transaction waiting. */
    async waitForX() {
      companions.push(
        tx
          .run(LOCK.text, { k: `x${n}` })
          .then(() => tx.commit())
          .catch((e: unknown) => e)
          .finally(() => session.close()),
      );
      await waitUntilBlocked();
    },
  };
}

/**
 * A step for a write transaction that deadlocks on its first `times` attempts: each attempt takes
 * x<n>, lets its companion wait for x<n>, begins the next attempt's companion (older than the next
 * attempt), then asks for y<n>, which its companion holds.
 */
async function deadlocking(times: number): Promise<(tx: Tx) => Promise<void>> {
  let next = times > 0 ? await companionHolding(++pair) : null;
  let attempt = 0;
  return async (tx) => {
    attempt += 1;
    const companion = next;
    if (!companion || attempt > times) return;
    await tx.run(LOCK, { k: `x${companion.n}` });
    await companion.waitForX();
    next = attempt < times ? await companionHolding(++pair) : null;
    await tx.run(LOCK, { k: `y${companion.n}` });
  };
}

/** Runs of a transaction per server attempt with retryMs: 1 (see the header). */
const RUNS_PER_ATTEMPT = 2;

const retries = async () => (await metrics.neo4jTransientRetries.get()).values.reduce((s, v) => s + v.value, 0);

describe('a deadlock on the write path', () => {
  it("outlasting the driver's retries is retried by the server and the write succeeds", async () => {
    const db = new Db(driver, undefined, 30_000);
    const before = await retries();
    const deadlockTwice = await deadlocking(RUNS_PER_ATTEMPT);
    let attempts = 0;
    const v = await db.writeTx(async (tx) => {
      attempts += 1;
      await deadlockTwice(tx);
      await tx.run(LOCK, { k: 'x0' });
      return 'written';
    });
    expect(v).toBe('written');
    expect(attempts).toBe(RUNS_PER_ATTEMPT + 1);
    expect(await retries()).toBe(before + 1);
  });

  it('that persists answers TRANSIENT once the attempts run out', async () => {
    const db = new Db(driver, undefined, 30_000);
    const before = await retries();
    const deadlockAlways = await deadlocking(RUNS_PER_ATTEMPT * TRANSACTION_ATTEMPTS);
    let attempts = 0;
    const err = await db
      .writeTx(async (tx) => {
        attempts += 1;
        await deadlockAlways(tx);
      })
      .catch((e: unknown) => e);
    expect(attempts).toBe(RUNS_PER_ATTEMPT * TRANSACTION_ATTEMPTS);
    expect(await retries()).toBe(before + TRANSACTION_ATTEMPTS - 1);
    expect(err).toBeInstanceOf(GraphQLError);
    expect((err as GraphQLError).extensions).toMatchObject({ code: ErrorCode.TRANSIENT, retryAfterSeconds: 1 });
    expect((err as GraphQLError).originalError).toMatchObject({ code: 'Neo.TransientError.Transaction.DeadlockDetected' });
    expect([statusOf(ErrorCode.TRANSIENT), retryAfterOf(ErrorCode.TRANSIENT)]).toEqual([503, 1]);
  });
});

describe('a write that runs out of time waiting for a lock', () => {
  it('answers TRANSIENT: nothing was written', async () => {
    const session = driver.session();
    const holder = session.beginTransaction();
    await holder.run(LOCK.text, { k: 'y0' });
    try {
      const err = await new Db(driver, undefined, 30_000).writeTx((tx) => tx.run(LOCK, { k: 'y0' }), { timeoutMs: 1_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GraphQLError);
      expect((err as GraphQLError).extensions).toMatchObject({ code: ErrorCode.TRANSIENT });
    } finally {
      await holder.rollback();
      await session.close();
    }
  });
});

/** A Db whose write transactions deadlock on their first `times` attempts (a real deadlock each time). */
class DeadlockingDb extends Db {
  constructor(
    driverOf: Driver,
    private readonly times: number,
    rowBudget: RowBudget | null = null,
  ) {
    super(driverOf, undefined, 30_000, rowBudget);
  }
  override fork(rowBudget: RowBudget | null = null): Db {
    return new DeadlockingDb(this.driver, this.times, rowBudget);
  }
  override async writeTx<T>(work: (tx: Tx) => Promise<T>, opts?: RunOptions): Promise<T> {
    const deadlock = await deadlocking(this.times);
    return super.writeTx(async (tx) => {
      await deadlock(tx);
      return work(tx);
    }, opts);
  }
}

describe('a mutation meeting deadlocks', () => {
  const EDITOR = { role: 'editor', keyId: 'test-editor' } as const;
  const MUTATION = 'mutation { upsertOrganisation(input: { id: "org-deadlock", nameFr: "Verrou", nameNl: "Slot" }) { organisation { id } errors { code } } }';

  async function run(times: number) {
    const config = loadConfig(process.env);
    const db = new DeadlockingDb(driver, times);
    const server = await createServer(config, db);
    try {
      const contextValue = createContext({ db, config, audit: server.audit, principal: EDITOR });
      const response = await server.apollo.executeOperation({ query: MUTATION }, { contextValue });
      if (response.body.kind !== 'single') throw new Error('unexpected incremental response');
      return { body: response.body.singleResult, status: response.http.status, retryAfter: response.http.headers.get('retry-after') };
    } finally {
      await server.stop();
    }
  }

  it("is written after deadlocks that outlast the driver's retries", async () => {
    const r = await run(RUNS_PER_ATTEMPT + 1);
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data).toEqual({ upsertOrganisation: { organisation: { id: expect.any(String) }, errors: [] } });
    const [org] = await testDb().read(cypher('test.deadlock.org', "MATCH (o:Organisation {id: 'org-deadlock'}) RETURN o.nameFr AS nameFr"));
    expect(org).toEqual({ nameFr: 'Verrou' });
  });

  it('answers TRANSIENT with HTTP 503 and Retry-After when every attempt deadlocks', async () => {
    const r = await run(RUNS_PER_ATTEMPT * TRANSACTION_ATTEMPTS);
    expect(r.body.errors?.map((e) => e.extensions?.code)).toEqual([ErrorCode.TRANSIENT]);
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe('1');
    await testDb().write(cypher('test.deadlock.cleanOrg', "MATCH (o:Organisation {id: 'org-deadlock'}) DETACH DELETE o"));
  });
});
