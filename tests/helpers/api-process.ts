/**
 * The API as its own process, as `npm start` runs it (node with tsx's loader, so the pid is the API's
 * and its memory and exit code are the API's own): spawned with the given environment, resolved once
 * its start-up log names the GraphQL URL, rejected if it exits or stays silent first.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PROJECT_ROOT } from '../../src/config';

export interface ApiProcess {
  child: ChildProcess;
  /** The base URL from the start-up log. */
  url: string;
  /** Every log line so far (the array keeps filling while the process runs). */
  logs: string[];
  /** From spawn to the URL line. */
  ms: number;
  /** The exit code, once the process has exited (watched from the spawn on, so no exit is missed). */
  exited: Promise<number | null>;
}

export function startApiProcess(env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ApiProcess> {
  const began = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no start within ${timeoutMs / 1000} s:\n${logs.join('\n')}`)), timeoutMs);
    const onLine = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        logs.push(line);
        const match = /GraphQL and GraphiQL on (http:\/\/\S+)\/graphql/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({ child, url: match[1] as string, logs, ms: Date.now() - began, exited });
        }
      }
    };
    child.stdout.on('data', onLine);
    child.stderr.on('data', onLine);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code} before serving:\n${logs.join('\n')}`));
    });
  });
}

/** Ctrl-C, as a user stops it; resolves with the exit code. */
export function stopApiProcess(api: ApiProcess): Promise<number | null> {
  api.child.kill('SIGINT');
  return api.exited;
}
