/**
 * `npm start`: with NEO4J_URI unset, starts a local Neo4j (fetched from Maven Central on first
 * run), migrates, seeds the Brussels demo graph into an empty database, prints a local analyst key
 * (development only) and serves GraphQL on http://localhost:4000/graphql and the zone dashboard on
 * http://localhost:4000/dashboard. With NEO4J_URI set it starts nothing and uses that server.
 * Ctrl-C stops the API and the local Neo4j cleanly, and says "stopped" once both are. If the local
 * Neo4j dies, the service logs it and exits with code 1.
 */
import path from 'node:path';
import { ConfigError, loadConfig, type Config } from './config';
import { logger } from './logger';
import { createDriver, cypher, Db } from './neo4j/driver';
import { ensureTiesCurrent } from './modules/network/ties';
import { describeConnectFailure, type ConnectTarget } from './neo4j/connect-failure';
import { authFilePath, readRunning, startNeo4j, type RunningNeo4j } from './neo4j/local';
import { ensureLocalAnalystKey } from './access/local-key';
import { migrate } from './neo4j/migrations';
import { createServer } from './server';

const HAS_TERRITORY = cypher('ops.hasTerritory', 'MATCH (r:Region) RETURN count(r) > 0 AS seeded');

interface Target extends ConnectTarget {
  password: string;
}

/** The local Neo4j this process started, stopped again when the start fails after it. */
let startedLocal: RunningNeo4j | undefined;

async function connectLocal(config: Config): Promise<Target> {
  const home = path.resolve(config.projectRoot, config.LOCAL_NEO4J_HOME);
  const credentialsFrom = authFilePath(home);
  const detached = readRunning(home);
  // Only one started by `npm run neo4j -- start`: another `npm start`'s Neo4j stops with its API.
  if (detached && !detached.attached) {
    logger.info({ uri: detached.uri }, 'using the local Neo4j started by `npm run neo4j -- start`');
    return { uri: detached.uri, user: detached.user, password: detached.password, credentialsFrom };
  }
  logger.info({ data: path.join(home, 'data'), logs: path.join(home, 'logs') }, 'starting the local Neo4j');
  const local = await startNeo4j({
    home,
    port: config.LOCAL_NEO4J_PORT,
    heap: config.LOCAL_NEO4J_HEAP,
    pagecacheMiB: config.LOCAL_NEO4J_PAGECACHE_MB,
    txTimeoutSeconds: 600,
    attached: true,
    log: (line) => logger.info(line),
  });
  startedLocal = local;
  return { uri: local.uri, user: local.user, password: local.password, credentialsFrom };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const target: Target = config.NEO4J_URI
    ? { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, credentialsFrom: 'NEO4J_USER and NEO4J_PASSWORD' }
    : await connectLocal(config);
  const local = startedLocal;
  const driver = createDriver({ uri: target.uri, user: target.user, password: target.password, database: config.NEO4J_DATABASE });
  const shutdownSteps: Array<() => Promise<void>> = [async () => local?.stop()];
  const shutdown = async (signal: string, exitCode = 0) => {
    logger.info({ signal }, 'stopping');
    for (const step of shutdownSteps.reverse()) await step().catch((err: unknown) => logger.error({ err }, 'shutdown step failed'));
    logger.info({ signal }, 'stopped');
    process.exit(exitCode);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // A service whose own database is gone can only answer 503: exit non-zero instead, so whatever
  // runs it (a terminal, systemd, a container, `until npm start; do …; done`) sees it and restarts
  // both. Simpler and more robust than restarting Neo4j from inside a process in an unknown state.
  void local?.unexpectedExit.then(({ code, signal }) => {
    logger.error({ code, signal, logs: path.join(local.home, 'logs') }, 'the local Neo4j exited unexpectedly: stopping the service (exit code 1) so it can be started again');
    void shutdown('NEO4J_EXIT', 1);
  });

  try {
    await driver.getServerInfo({ database: config.NEO4J_DATABASE });
  } catch (err) {
    await driver.close();
    throw new Error(describeConnectFailure(target, err));
  }
  shutdownSteps.push(() => driver.close());
  const db = new Db(driver, config.NEO4J_DATABASE, config.QUERY_TIMEOUT_MS);

  const migrations = await migrate(db);
  logger.info({ applied: migrations.applied, alreadyApplied: migrations.alreadyApplied.length }, 'migrations');
  const rebuilt = await ensureTiesCurrent(db);
  if (rebuilt) logger.info(rebuilt, 'ties were stored in an older format: rebuilt');

  const seedWhenEmpty = config.SEED_DEMO_WHEN_EMPTY ?? !config.NEO4J_URI;
  const [{ seeded }] = (await db.read<{ seeded: boolean }>(HAS_TERRITORY)) as [{ seeded: boolean }];
  if (!seeded && seedWhenEmpty) {
    const { seedDemo } = await import('./seed/demo-on-start');
    await seedDemo(db, config.DEMO_SEED);
  }

  // Only on a database this process owns, for a developer: an external server's keys are its operator's.
  const localKey = !config.NEO4J_URI && config.NODE_ENV !== 'production' ? await ensureLocalAnalystKey(db, path.resolve(config.projectRoot, config.LOCAL_NEO4J_HOME)) : undefined;

  const server = await createServer(config, db);
  const url = await server.listen(config.PORT, config.HOST);
  shutdownSteps.push(() => server.stop());
  logger.info({ graphql: `${url}/graphql`, dashboard: `${url}/dashboard` }, `GraphQL and GraphiQL on ${url}/graphql · zone dashboard on ${url}/dashboard`);
  if (localKey) {
    // The one key that is logged: made for this local database only, and already in its data folder.
    logger.info(
      { file: path.relative(config.projectRoot, localKey.file) },
      `local analyst key (development only${localKey.created ? ', new' : ''}): ${localKey.key} — paste it into GraphiQL's or the dashboard's key box, or send it as "Authorization: Bearer <key>"`,
    );
  }
}

main().catch(async (err: unknown) => {
  const message = err instanceof ConfigError || err instanceof Error ? err.message : String(err);
  // One clear line, then a non-zero exit. The spawned Neo4j would die with us (it watches our
  // stdin), but stopping it here lets it shut down cleanly and clears its run.json.
  process.stderr.write(`Cannot start: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
  await startedLocal?.stop().catch(() => {});
  process.exit(1);
});
