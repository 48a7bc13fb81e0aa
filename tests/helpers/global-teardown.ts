/** Stops the test run's Neo4j and removes its data directory. */
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const neo4j = globalThis.__TEST_NEO4J__;
  if (!neo4j) return;
  await neo4j.stop();
  fs.rmSync(neo4j.home, { recursive: true, force: true });
}
