/**
 * The Neo4j driver and the one path every query takes: named, parameterised, timed out, counted.
 * Values come back as plain JS (numbers, ISO strings for temporals) so resolvers never see driver types.
 */
import { GraphQLError } from 'graphql';
import neo4j, { type Driver, type ManagedTransaction, type QueryResult } from 'neo4j-driver';
import { databaseUnavailable, isUnavailable, analyticsTimeout, isTimeout, isTransient, transientError } from '../errors';
import { logger } from '../logger';
import { metrics } from '../metrics';
import { GRAPH_VERSION_BUMP } from './graph-version';

export interface DbTarget {
  uri: string;
  user: string;
  password: string;
  database?: string;
  retryMs?: number;
}

export function createDriver(target: DbTarget): Driver {
  const auth = neo4j.auth.basic(target.user, target.password);
  return neo4j.driver(target.uri, auth, {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 50,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    // Retry transient failures briefly, then answer SERVICE_UNAVAILABLE rather than keep a client waiting.
    maxTransactionRetryTime: target.retryMs ?? 3_000,
    logging: { level: 'error', logger: () => {} },
  });
}

/** Runs of a transaction that keeps failing with transient errors, each after the driver's own retries. */
export const TRANSACTION_ATTEMPTS = 3;

/** Full jitter: a random pause up to an exponentially growing cap (AWS architecture blog, "Exponential Backoff And Jitter"). */
export function retryPause(attempt: number, random: () => number = Math.random): number {
  const cap = Math.min(2_000, 100 * 2 ** attempt);
  return Math.round(random() * cap);
}

/** A query with a stable name, for logs, metrics and PROFILE output. */
export interface NamedQuery {
  name: string;
  text: string;
  /** Columns read back by their own decoder (list-shaped rows, see shape.ts) instead of `toPlain`. */
  decoders?: Readonly<Record<string, (value: unknown) => unknown>>;
}

export const cypher = (name: string, text: string, decoders?: NamedQuery['decoders']): NamedQuery => (decoders ? { name, text, decoders } : { name, text });

/** JS numbers reach Neo4j as floats; LIMIT, SKIP and integer properties need this. */
export const int = (n: number) => neo4j.int(n);

export type Row = Record<string, unknown>;

export interface RunOptions {
  timeoutMs?: number;
  /** Long analytics: a timeout answers ANALYTICS_TIMEOUT instead of a generic error. */
  analytics?: boolean;
  /**
   * A write that changes nothing an answer is computed from (the audit trail, API keys): it leaves
   * the graph version as it is. Every other write bumps it once committed (graph-version.ts).
   */
  graphUnchanged?: boolean;
}

/**
 * The rows one request may read back. The cost limit (src/access/cost.ts) refuses an operation whose
 * estimate is too large before it runs; this stops one that grows past its estimate all the same
 * (data that outgrew a declared list size), before it exhausts memory.
 */
export interface RowBudget {
  rows: number;
  /** Reads run with `analytics: true` load whole territories: they are counted against this instead. */
  analyticsRows: number;
}

export const REQUEST_TOO_LARGE = 'REQUEST_TOO_LARGE';

export function requestTooLarge(limit: number, rowsRead: number, analytics: boolean): GraphQLError {
  const what = analytics ? 'rows for its network analyses' : 'rows';
  return new GraphQLError(`The request read ${rowsRead} ${what} from the database, over its limit of ${limit}; ask for smaller pages or fewer nested lists`, {
    extensions: { code: REQUEST_TOO_LARGE, limit, rowsRead, analytics, http: { status: 413 } },
  });
}

/**
 * One request's (or one script's) handle on the database. It counts its round trips, so tests and
 * benchmarks can assert that a page of 50 costs what a page of 5 costs, and the rows it reads,
 * against its row budget when it has one (requests do; scripts do not).
 */
export class Db {
  roundTrips = 0;
  rowsRead = 0;
  analyticsRowsRead = 0;

  constructor(
    readonly driver: Driver,
    readonly database: string | undefined,
    readonly defaultTimeoutMs: number,
    readonly rowBudget: RowBudget | null = null,
  ) {}

  /** A fresh handle sharing the driver, with its own counters (and the given row budget, if any). */
  fork(rowBudget: RowBudget | null = null): Db {
    return new Db(this.driver, this.database, this.defaultTimeoutMs, rowBudget);
  }

  /**
   * One read statement as an auto-commit transaction: a single round trip on the wire (no
   * BEGIN/COMMIT), which is what a DataLoader batch needs.
   */
  async read<T extends Row = Row>(query: NamedQuery, params: Record<string, unknown> = {}, opts: RunOptions = {}): Promise<T[]> {
    this.assertWithinBudget();
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      this.count(query);
      const result = await withoutDriverStack(() => session.run(query.text, params, { timeout: opts.timeoutMs ?? this.defaultTimeoutMs }));
      this.countRows(result.records.length, opts.analytics === true);
      return toRows<T>(query, result);
    } catch (err) {
      throw translateDriverError(err, opts);
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  async write<T extends Row = Row>(query: NamedQuery, params: Record<string, unknown> = {}, opts: RunOptions = {}): Promise<T[]> {
    return this.session('WRITE', opts, (tx) => new Tx(tx, this, opts.analytics === true).run<T>(query, params));
  }

  /** Several statements in one transaction: all of them happen, or none. */
  async writeTx<T>(work: (tx: Tx) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    return this.session('WRITE', opts, (tx) => work(new Tx(tx, this, opts.analytics === true)));
  }

  async readTx<T>(work: (tx: Tx) => Promise<T>, opts: RunOptions = {}): Promise<T> {
    return this.session('READ', opts, (tx) => work(new Tx(tx, this, opts.analytics === true)));
  }

  /**
   * A managed transaction. The driver retries transient errors itself for up to
   * maxTransactionRetryTime; under heavy contention (writers deadlocking on shared tie nodes) that
   * can run out, so a transaction still failing with a transient error is run again here, a bounded
   * number of times, after a random pause (concurrent writers that deadlocked together must not
   * come back in step). Work functions must therefore start over cleanly, as the driver already
   * requires. When the attempts run out, a transient error answers TRANSIENT (retriable), never a
   * server error.
   */
  private async session<T>(mode: 'READ' | 'WRITE', opts: RunOptions, work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: opts.timeoutMs ?? this.defaultTimeoutMs };
    try {
      for (let attempt = 1; ; attempt += 1) {
        try {
          if (mode === 'READ') return await session.executeRead(work, config);
          const result = await session.executeWrite(work, config);
          if (opts.graphUnchanged !== true) await this.bumpGraphVersion(session);
          return result;
        } catch (err) {
          if (!isTransient(err) || attempt >= TRANSACTION_ATTEMPTS) throw err;
          metrics.neo4jTransientRetries.inc({ mode });
          await new Promise((resolve) => setTimeout(resolve, retryPause(attempt)));
        }
      }
    } catch (err) {
      throw translateDriverError(err, opts, mode === 'WRITE');
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /**
   * After a committed write, in a transaction of its own. The write stands whatever happens here:
   * a failed bump is logged, and cached answers then live until their maximum age.
   */
  private async bumpGraphVersion(session: ReturnType<Driver['session']>): Promise<void> {
    try {
      this.count(GRAPH_VERSION_BUMP);
      await session.executeWrite((tx) => tx.run(GRAPH_VERSION_BUMP.text));
    } catch (err) {
      logger.warn({ err }, 'graph version not bumped after a write: cached analytics may be stale until they expire');
    }
  }

  /** Called by Tx for every statement sent. */
  count(query: NamedQuery): void {
    this.roundTrips += 1;
    metrics.neo4jQueries.inc({ query: query.name });
  }

  /** Before a statement: a request already over its budget sends no more. */
  assertWithinBudget(): void {
    const budget = this.rowBudget;
    if (budget === null) return;
    if (this.rowsRead > budget.rows) throw requestTooLarge(budget.rows, this.rowsRead, false);
    if (this.analyticsRowsRead > budget.analyticsRows) throw requestTooLarge(budget.analyticsRows, this.analyticsRowsRead, true);
  }

  /** After a statement: its rows count, and the request stops as soon as it is over. */
  countRows(rows: number, analytics: boolean): void {
    if (analytics) this.analyticsRowsRead += rows;
    else this.rowsRead += rows;
    this.assertWithinBudget();
  }
}

/** A transaction handle that keeps counting round trips and rows. */
export class Tx {
  constructor(
    private readonly tx: ManagedTransaction,
    private readonly db: Db,
    private readonly analytics = false,
  ) {}

  async run<T extends Row = Row>(query: NamedQuery, params: Record<string, unknown> = {}): Promise<T[]> {
    this.db.assertWithinBudget();
    this.db.count(query);
    const result = await withoutDriverStack(() => this.tx.run(query.text, params));
    this.db.countRows(result.records.length, this.analytics);
    return toRows<T>(query, result);
  }
}

function toRows<T>(query: NamedQuery, result: QueryResult): T[] {
  const decoders = query.decoders ?? {};
  return result.records.map((record) => {
    const row: Row = {};
    for (const key of record.keys) row[String(key)] = (decoders[String(key)] ?? toPlain)(record.get(key));
    return row as T;
  });
}

/** Neo4j values to plain JS: temporals to ISO strings, nodes to their properties. */
export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value !== 'object') return value;
  if (neo4j.isInt(value)) return (value as { toNumber(): number }).toNumber();
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value) || neo4j.isTime(value) || neo4j.isLocalTime(value) || neo4j.isDuration(value)) {
    if (neo4j.isDateTime(value)) return new Date(value.toString()).toISOString();
    return value.toString();
  }
  if (neo4j.isNode(value)) return toPlain(value.properties);
  if (neo4j.isRelationship(value)) return toPlain(value.properties);
  const out: Row = {};
  for (const [k, v] of Object.entries(value as Row)) out[k] = toPlain(v);
  return out;
}

/**
 * Starts a statement without the stack trace the driver takes for every result it creates (to put
 * it on an error, should one come: neo4j-driver-core result.js `captureStacktrace`). Formatting that
 * stack cost 50–100 µs of CPU per statement: `RETURN 1` took 250–390 µs of the process's CPU this
 * way and 360–490 µs through the driver alone (6 rounds of 4,000, 2026-12-03).
 * A failed statement gets its stack where we catch it instead (`translateDriverError`).
 */
function withoutDriverStack<R>(start: () => R): R {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function translateDriverError(err: unknown, opts: RunOptions, write = false): unknown {
  // A driver error carries no frames (withoutDriverStack): give it those of the code awaiting it. An
  // error thrown by our own code inside a transaction keeps the stack of where it was thrown.
  if (err instanceof Error && !err.stack?.includes('\n    at ')) Error.captureStackTrace(err, translateDriverError);
  // A write that ran out of time (mostly waiting for locks that concurrent writes hold) wrote
  // nothing: sending it again is safe, so it is retriable, not a server error.
  if (isTimeout(err)) return opts.analytics ? analyticsTimeout(opts.timeoutMs) : write ? transientError(err) : err;
  if (isUnavailable(err)) return databaseUnavailable(err);
  if (isTransient(err)) return transientError(err);
  return err;
}
