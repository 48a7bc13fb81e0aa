/**
 * The local Neo4j runs with auth on (issue 25): any local process reaches its loopback port, so a
 * client without the password, or with a wrong one, must be refused, while the password kept in the
 * home's auth.json (its owner's only) works. A Neo4j that stops never removes the run.json another
 * start wrote, and a start with a wrong password says so in one line.
 *
 * Neo4j locks a user out for a few seconds after three failed logins in a row: each test here fails
 * at most twice against the shared Neo4j, then logs in once successfully, which resets the count.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { createDriver } from '../../src/neo4j/driver';
import { authFilePath, readCredentials, readRunning, runFilePath, startNeo4j } from '../../src/neo4j/local';

const uri = process.env.NEO4J_URI as string;
const user = process.env.NEO4J_USER ?? 'neo4j';
const password = process.env.NEO4J_PASSWORD ?? '';
/** Set by global setup when it started the run's Neo4j itself (not with TEST_NEO4J_URI). */
const testHome = process.env.TEST_NEO4J_HOME;

/** What a login with these credentials answers: 'ok' or Neo4j's error code. */
async function login(as: string, withPassword: string): Promise<string> {
  const driver = createDriver({ uri, user: as, password: withPassword });
  try {
    await driver.executeQuery('MATCH (k:ApiKey) RETURN count(k) AS keys');
    return 'ok';
  } catch (err) {
    return String((err as { code?: unknown }).code);
  } finally {
    await driver.close();
  }
}

it('refuses a client without the password or with a wrong one, and accepts the stored one', async () => {
  expect(await login('neo4j', '')).toBe('Neo.ClientError.Security.Unauthorized');
  expect(await login('neo4j', 'neo4j')).toBe('Neo.ClientError.Security.Unauthorized');
  expect(await login(user, password)).toBe('ok');
});

(testHome ? it : it.skip)('keeps the generated password in the home, readable by its owner only', () => {
  const home = testHome as string;
  const stored = readCredentials(home);
  expect(stored).toEqual({ user, password });
  expect(stored?.password.length).toBeGreaterThanOrEqual(32);
  expect(fs.statSync(authFilePath(home)).mode & 0o777).toBe(0o600);
  expect(fs.statSync(home).mode & 0o077).toBe(0);
});

it('a start with a wrong password exits non-zero with one line naming the authentication failure', async () => {
  const run = spawnSync(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: user, NEO4J_PASSWORD: 'not-the-password', PORT: '0', LOG_LEVEL: 'silent' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toBe(
    `Cannot start: Neo4j at ${uri} refused the credentials of user "${user}" (authentication failed, check NEO4J_USER and NEO4J_PASSWORD: Neo.ClientError.Security.Unauthorized: The client is unauthorized due to authentication failure.)`,
  );
  expect(await login(user, password)).toBe('ok');
}, 90_000);

describe('a Neo4j of its own', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-auth-'));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

  it('never removes the run.json that another start wrote when it stops', async () => {
    const neo4j = await startNeo4j({ home, port: 0, heap: '512m', pagecacheMiB: 64, txTimeoutSeconds: 30, attached: true });
    // Another start that took the home over meanwhile (its process alive: this test's own).
    const other = { pid: process.pid, port: 1, uri: 'bolt://127.0.0.1:1', startedAt: new Date().toISOString(), attached: true };
    try {
      // Scripts find it, with the password its first start generated.
      expect(readRunning(home)).toMatchObject({ pid: neo4j.pid, uri: neo4j.uri, user: neo4j.user, password: neo4j.password });
      expect(readCredentials(home)).toEqual({ user: neo4j.user, password: neo4j.password });
    } finally {
      fs.writeFileSync(runFilePath(home), JSON.stringify(other));
      await neo4j.stop();
    }
    expect(JSON.parse(fs.readFileSync(runFilePath(home), 'utf8'))).toEqual(other);
  }, 180_000);
});
