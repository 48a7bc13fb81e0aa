/**
 * `npm start` in local mode when its Neo4j dies: the service logs it and exits with code 1 (so a
 * terminal shows it and a supervisor restarts it), instead of answering 503 for ever. A real start
 * on its own data directory; the Neo4j process is killed with SIGKILL, as the OOM killer would.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApiProcess } from '../helpers/api-process';
import { runFilePath } from '../../src/neo4j/local';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-dies-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

it('exits with code 1 and says why when the local Neo4j dies', async () => {
  // An empty database is enough: no demo seed.
  const api = await startApiProcess(
    {
      ...process.env,
      NEO4J_URI: '',
      LOCAL_NEO4J_HOME: home,
      LOCAL_NEO4J_PORT: '0',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      NODE_ENV: 'development',
      SEED_DEMO_WHEN_EMPTY: 'false',
    },
    180_000,
  );
  try {
    const { pid } = JSON.parse(fs.readFileSync(runFilePath(home), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    expect(await api.exited).toBe(1);
    expect(api.logs.some((l) => l.includes('the local Neo4j exited unexpectedly'))).toBe(true);
    expect(api.logs.some((l) => l.includes('stopped'))).toBe(true);
  } finally {
    if (api.child.exitCode === null) api.child.kill('SIGKILL');
  }
}, 240_000);
