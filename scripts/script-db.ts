/**
 * The database a script works on: NEO4J_URI when set, else the local Neo4j of
 * `npm start` or `npm run neo4j -- start`. Runs the script's work, closes the driver, and turns failures into
 * one clear line and a non-zero exit.
 */
import path from 'node:path';
import { loadConfig } from '../src/config';
import { createDriver, Db } from '../src/neo4j/driver';
import { readRunning } from '../src/neo4j/local';

export function scriptTarget(): { uri: string; user: string; password: string; database?: string } {
  const config = loadConfig();
  if (config.NEO4J_URI) return { uri: config.NEO4J_URI, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
  const running = readRunning(path.resolve(config.projectRoot, config.LOCAL_NEO4J_HOME));
  if (!running) throw new Error('No database: set NEO4J_URI, or start the local one (`npm start` or `npm run neo4j -- start`)');
  return { uri: running.uri, user: running.user, password: running.password };
}

export function withScriptDb(work: (db: Db) => Promise<void>, timeoutMs = 600_000): void {
  let target: ReturnType<typeof scriptTarget>;
  try {
    target = scriptTarget();
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
  const driver = createDriver(target);
  work(new Db(driver, target.database, timeoutMs))
    .then(() => driver.close())
    .catch(async (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      await driver.close();
      process.exit(1);
    });
}
