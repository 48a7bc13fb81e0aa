/** The API in a process of its own for the load and writer benchmarks (api-process.ts is its entry point). */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { ApiProcessMessage } from './api-process';

/** Forks the API on the benchmark's database: compiled by `npm run bench`, TypeScript under jest. */
export async function forkApi(neo4jUri: string): Promise<{ child: ChildProcess; url: string }> {
  const typescript = __filename.endsWith('.ts');
  const child = fork(path.join(__dirname, `api-process.${typescript ? 'ts' : 'js'}`), [], {
    env: { ...process.env, BENCH_API_NEO4J_URI: neo4jUri },
    execArgv: typescript ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the API process exited (code ${code}) before it listened`)));
    child.on('message', (m: ApiProcessMessage) => 'url' in m && resolve(m.url));
  });
  child.removeAllListeners('exit');
  return { child, url };
}

/** Stops a forked API; one that died under load has nothing left to stop (and no channel to stop it by). */
export async function stopApi(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || !child.connected) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.send('stop');
  });
}
