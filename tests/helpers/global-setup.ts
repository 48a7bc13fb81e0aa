/**
 * Starts the test run's Neo4j (fresh data dir, free port, auth on) and applies the migrations once.
 * Test workers and the processes tests spawn find it through NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD
 * (and TEST_NEO4J_HOME, where its password file is).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriver, Db } from '../../src/neo4j/driver';
import { startNeo4j, type RunningNeo4j } from '../../src/neo4j/local';
import { migrate } from '../../src/neo4j/migrations';

declare global {
  var __TEST_NEO4J__: RunningNeo4j | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_NEO4J_URI) {
    process.env.NEO4J_URI = process.env.TEST_NEO4J_URI;
    // An existing server keeps the NEO4J_USER / NEO4J_PASSWORD the run was given.
  } else {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-test-neo4j-'));
    const neo4j = await startNeo4j({ home, port: 0, heap: '1g', pagecacheMiB: 256, txTimeoutSeconds: 120, attached: true, log: () => {} });
    globalThis.__TEST_NEO4J__ = neo4j;
    process.env.NEO4J_URI = neo4j.uri;
    process.env.NEO4J_USER = neo4j.user;
    process.env.NEO4J_PASSWORD = neo4j.password;
    process.env.TEST_NEO4J_HOME = neo4j.home;
  }
  const driver = createDriver({ uri: process.env.NEO4J_URI, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
  try {
    await migrate(new Db(driver, undefined, 60_000));
  } finally {
    await driver.close();
  }
}
