/**
 * `npm start` in local mode when its Neo4j dies: the service logs it and exits with code 1 (so a
 * terminal shows it and a supervisor restarts it), instead of answering 503 for ever. A real start
 * on its own data directory; the Neo4j process is killed with SIGKILL, as the OOM killer would.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';
import { runFilePath } from '../../src/neo4j/local';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'bng-dies-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

it('exits with code 1 and says why when the local Neo4j dies', async () => {
  const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'src/main.ts'], {
    cwd: PROJECT_ROOT,
    // An empty database is enough: no demo seed.
    env: { ...process.env, NEO4J_URI: '', LOCAL_NEO4J_HOME: home, LOCAL_NEO4J_PORT: '0', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', NODE_ENV: 'development', SEED_DEMO_WHEN_EMPTY: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const started = new Promise<void>((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        if (/GraphQL and GraphiQL on http/.test(line)) resolve();
      }
    };
    child.stdout?.on('data', onLine);
    child.stderr?.on('data', onLine);
    void exited.then((code) => reject(new Error(`exited with ${code} before serving:\n${logs.join('\n')}`)));
  });
  try {
    await started;
    const { pid } = JSON.parse(fs.readFileSync(runFilePath(home), 'utf8')) as { pid: number };
    process.kill(pid, 'SIGKILL');
    expect(await exited).toBe(1);
    expect(logs.some((l) => l.includes('the local Neo4j exited unexpectedly'))).toBe(true);
    expect(logs.some((l) => l.includes('stopped'))).toBe(true);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 240_000);
