/**
 * The real Neo4j of the test run (see global-setup.ts): a Db handle, a graph wipe that keeps the
 * migrations, and fixture loading. No mocks: every test talks to the database.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { cypher, createDriver, Db } from '../../src/neo4j/driver';

let driver: Driver | undefined;

export function testDb(): Db {
  const uri = process.env.NEO4J_URI;
  if (!uri) throw new Error('NEO4J_URI is not set: run the tests through jest (global setup starts Neo4j)');
  driver ??= createDriver({ uri, user: 'neo4j', password: '' });
  return new Db(driver, undefined, 60_000);
}

export async function closeTestDb(): Promise<void> {
  await driver?.close();
  driver = undefined;
}

const WIPE = cypher('test.wipe', 'MATCH (n) WHERE NOT n:Migration CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');

export async function resetGraph(db: Db = testDb()): Promise<void> {
  // CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction.
  const session = db.driver.session();
  try {
    await session.run(WIPE.text);
  } finally {
    await session.close();
  }
}

/** Runs tests/fixtures/<name>.cypher: statements separated by lines holding only `;`. */
export async function loadFixture(name: string, db: Db = testDb()): Promise<void> {
  const text = fs.readFileSync(path.join(__dirname, '..', 'fixtures', `${name}.cypher`), 'utf8');
  const statements = text
    .split(/^;\s*$/m)
    .map((s) => s.replace(/^\s*\/\/.*$/gm, '').trim())
    .filter(Boolean);
  await db.writeTx(async (tx) => {
    for (const [i, statement] of statements.entries()) await tx.run(cypher(`fixture.${name}.${i}`, statement));
  });
}
