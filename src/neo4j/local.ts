/**
 * A local Neo4j 5.26 LTS Community for development and tests, fetched from Maven Central and run
 * embedded by scripts/neo4j/Launcher.java. Production uses an external server (NEO4J_URI).
 *
 * Layout (all ignored by git):
 *   .neo4j/lib        the jars resolved by Maven        .neo4j/classes  the compiled launcher
 *   <home>/data       the store                          <home>/logs     Neo4j's own logs
 *   <home>/run.json   pid and port of a detached instance (scripts/neo4j.ts start)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { PROJECT_ROOT } from '../config';

const LAUNCHER_DIR = path.join(PROJECT_ROOT, 'scripts', 'neo4j');
export const CACHE_DIR = path.join(PROJECT_ROOT, '.neo4j');
const LIB_DIR = path.join(CACHE_DIR, 'lib');
const CLASSES_DIR = path.join(CACHE_DIR, 'classes');
const STAMP_FILE = path.join(CACHE_DIR, 'stamp');

export interface LocalNeo4jOptions {
  home: string;
  port: number;
  heap: string;
  pagecacheMiB: number;
  txTimeoutSeconds: number;
  /** Attached instances die with their parent (npm start, the test run). */
  attached: boolean;
  log?: (line: string) => void;
}

export interface RunningNeo4j {
  uri: string;
  pid: number;
  home: string;
  stop(): Promise<void>;
}

interface RunFile {
  pid: number;
  port: number;
  uri: string;
  startedAt: string;
  /** Started by `npm start` (it stops with the API), not by `npm run neo4j -- start`. */
  attached?: boolean;
}

/** A hash of what the cache was built from, so a changed pom or launcher triggers a refetch. */
function sourceStamp(): string {
  const h = crypto.createHash('sha256');
  for (const f of ['pom.xml', 'Launcher.java']) h.update(fs.readFileSync(path.join(LAUNCHER_DIR, f)));
  return h.digest('hex');
}

export function isFetched(): boolean {
  return fs.existsSync(STAMP_FILE) && fs.readFileSync(STAMP_FILE, 'utf8') === sourceStamp();
}

/** Resolves the Neo4j jars with Maven and compiles the launcher; a no-op when the cache is current. */
export function fetchNeo4j(log: (line: string) => void = () => {}): void {
  if (isFetched()) return;
  log(`Fetching Neo4j from Maven Central into ${path.relative(PROJECT_ROOT, CACHE_DIR)}/ (first run only)…`);
  fs.rmSync(CACHE_DIR, { recursive: true, force: true });
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  run('mvn', ['-q', '-B', '-f', path.join(LAUNCHER_DIR, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${LIB_DIR}`]);
  run('javac', ['-cp', path.join(LIB_DIR, '*'), '-d', CLASSES_DIR, path.join(LAUNCHER_DIR, 'Launcher.java')]);
  fs.writeFileSync(STAMP_FILE, sourceStamp());
  log(`Neo4j cached: ${fs.readdirSync(LIB_DIR).length} jars.`);
}

function run(cmd: string, args: string[]): void {
  const result = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.error) throw new Error(`Cannot run ${cmd}: ${result.error.message} (is it installed and on PATH?)`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.slice(0, 4).join(' ')} … exited with ${result.status}`);
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** The preferred port when free, else one the OS picks. */
export async function freePort(preferred = 0): Promise<number> {
  if (preferred > 0 && (await isPortFree(preferred))) return preferred;
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export function runFilePath(home: string): string {
  return path.join(home, 'run.json');
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The detached instance recorded for this home, if its process is still alive. */
export function readRunning(home: string): RunFile | undefined {
  const file = runFilePath(home);
  if (!fs.existsSync(file)) return undefined;
  const info = JSON.parse(fs.readFileSync(file, 'utf8')) as RunFile;
  if (pidAlive(info.pid)) return info;
  fs.rmSync(file, { force: true });
  return undefined;
}

export async function startNeo4j(opts: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const log = opts.log ?? (() => {});
  fetchNeo4j(log);
  const home = path.resolve(PROJECT_ROOT, opts.home);
  fs.mkdirSync(home, { recursive: true });
  let already = readRunning(home);
  // One that another `npm start` ran may be shutting down after its API stopped: give it time.
  for (let waited = 0; already?.attached && waited < 30_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    already = readRunning(home);
  }
  if (already?.attached) throw new Error(`Another \`npm start\` runs the local Neo4j on ${home} (pid ${already.pid}, ${already.uri}); stop that one first`);
  if (already) throw new Error(`A Neo4j already runs on ${home} (pid ${already.pid}, ${already.uri}); stop it with npm run neo4j -- stop`);

  const port = await freePort(opts.port);
  const args = [
    `-Xmx${opts.heap}`,
    '-XX:+UseG1GC',
    '-Dfile.encoding=UTF-8',
    '-cp',
    `${CLASSES_DIR}${path.delimiter}${path.join(LIB_DIR, '*')}`,
    'Launcher',
    home,
    String(port),
    String(opts.pagecacheMiB),
    String(opts.txTimeoutSeconds),
    ...(opts.attached ? ['--exit-on-stdin-close'] : []),
  ];
  const outLog = fs.openSync(path.join(home, 'launcher.log'), 'a');
  const child = spawn('java', args, {
    detached: !opts.attached,
    stdio: [opts.attached ? 'pipe' : 'ignore', 'pipe', outLog],
  });
  const uri = `bolt://127.0.0.1:${port}`;
  await waitForReady(child, home);
  child.stdout?.on('data', (chunk: Buffer) => fs.appendFileSync(path.join(home, 'launcher.log'), chunk));
  const pid = child.pid ?? -1;
  // Recorded for both kinds, so scripts (`npm run keys`, `import` …) find the Neo4j that `npm start` runs.
  fs.writeFileSync(runFilePath(home), JSON.stringify({ pid, port, uri, startedAt: new Date().toISOString(), attached: opts.attached }, null, 2));
  if (!opts.attached) {
    child.stdout?.destroy();
    child.unref();
  }
  return { uri, pid, home, stop: () => stopProcess(child, pid).finally(() => fs.rmSync(runFilePath(home), { force: true })) };
}

function waitForReady(child: ChildProcess, home: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Neo4j did not start within 180 s; see ${path.join(home, 'logs')} and launcher.log`));
    }, 180_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      if (buffered.includes('READY ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited during start (code ${code}); see ${path.join(home, 'launcher.log')} and ${path.join(home, 'logs')}`));
    });
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`Cannot run java: ${err.message}`));
    });
  });
}

async function stopProcess(child: ChildProcess | undefined, pid: number): Promise<void> {
  if (child && child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => {
    if (child) child.once('exit', () => resolve());
    else {
      const poll = setInterval(() => {
        if (!pidAlive(pid)) {
          clearInterval(poll);
          resolve();
        }
      }, 200);
    }
  });
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  const killer = setTimeout(() => pidAlive(pid) && process.kill(pid, 'SIGKILL'), 60_000);
  await exited;
  clearTimeout(killer);
}

/** Stops the detached instance of this home; returns false when none was running. */
export async function stopDetached(home: string): Promise<boolean> {
  const abs = path.resolve(PROJECT_ROOT, home);
  const info = readRunning(abs);
  if (!info) return false;
  await stopProcess(undefined, info.pid);
  fs.rmSync(runFilePath(abs), { force: true });
  return true;
}
