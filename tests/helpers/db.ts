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
  driver ??= createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
  return new Db(driver, undefined, 60_000);
}

export async function closeTestDb(): Promise<void> {
  await driver?.close();
  driver = undefined;
}

const WIPE = cypher('test.wipe', 'MATCH (n) WHERE NOT n:Migration CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');

export async function resetGraph(db: Db = testDb()): Promise<void> {
  // CALL … IN TRANSACTIONS needs an implicit (auto-commit) transaction. A write left over from the
  // previous file (an audit entry written beside its response, a killed import being rolled back)
  // can deadlock with the wipe: retry, as any client of a transient error would.
  for (let attempt = 1; ; attempt++) {
    const session = db.driver.session();
    try {
      await session.run(WIPE.text);
      return;
    } catch (err) {
      const transient = ((err as { code?: string }).code ?? '').startsWith('Neo.TransientError');
      if (!transient || attempt >= 10) throw err;
      await new Promise((r) => setTimeout(r, 200 * attempt));
    } finally {
      await session.close();
    }
  }
}

const OTHER_TRANSACTIONS = cypher('test.otherTransactions', "SHOW TRANSACTIONS YIELD currentQuery WHERE NOT currentQuery STARTS WITH 'SHOW TRANSACTIONS' RETURN count(*) AS n");

/** Waits until no other transaction runs (for example after killing a client mid-write). */
export async function waitForQuiet(db: Db = testDb(), timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const session = db.driver.session();
    let n = 0;
    try {
      n = Number((await session.run(OTHER_TRANSACTIONS.text)).records[0]?.get('n') ?? 0);
    } finally {
      await session.close();
    }
    if (n === 0) return;
    if (Date.now() > until) throw new Error(`${n} transaction(s) still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
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
