/** Starts the test run's Neo4j (fresh data dir, free port) and applies the migrations once. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDriver, Db } from '../../src/neo4j/driver';
import { startNeo4j, type RunningNeo4j } from '../../src/neo4j/local';
import { migrate } from '../../src/neo4j/migrations';

declare global {
  // eslint-disable-next-line no-var
  var __TEST_NEO4J__: RunningNeo4j | undefined;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_NEO4J_URI) {
    process.env.NEO4J_URI = process.env.TEST_NEO4J_URI;
  } else {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-test-neo4j-'));
    const neo4j = await startNeo4j({ home, port: 0, heap: '1g', pagecacheMiB: 256, txTimeoutSeconds: 120, attached: true, log: () => {} });
    globalThis.__TEST_NEO4J__ = neo4j;
    process.env.NEO4J_URI = neo4j.uri;
  }
  const driver = createDriver({ uri: process.env.NEO4J_URI, user: 'neo4j', password: '' });
  try {
    await migrate(new Db(driver, undefined, 60_000));
  } finally {
    await driver.close();
  }
}
