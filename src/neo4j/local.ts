/**
 * A local Neo4j 5.26 LTS Community for development and tests, fetched from Maven Central and run
 * embedded by scripts/neo4j/Launcher.java. Production uses an external server (NEO4J_URI).
 *
 * Layout (all ignored by git):
 *   .neo4j/lib        the jars resolved by Maven        .neo4j/classes  the compiled launcher
 *   <home>/data       the store                          <home>/logs     Neo4j's own logs
 *   <home>/run.json   pid and port of a running instance   <home>/auth.json  its password (mode 0600)
 *
 * Auth is on: a loopback port is open to every local process, and the store holds API key hashes and
 * people's names. The password is generated on the first start of a home and kept beside its data.
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

/** How to log in to the local Neo4j of a home. */
export interface LocalCredentials {
  user: string;
  password: string;
}

export interface RunningNeo4j extends LocalCredentials {
  uri: string;
  pid: number;
  home: string;
  /**
   * Resolves if the process ends without `stop()` having been called (killed, crashed, out of
   * memory); never otherwise. Attached instances only.
   */
  unexpectedExit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
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

/** A running instance as run.json records it, with the credentials of its home. */
export type RunningInfo = RunFile & LocalCredentials;

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
  // Built beside the cache and swapped in whole: two runs that start at once (a test run and
  // `npm start`) each build their own, and neither sees the other's half-built cache.
  const building = `${CACHE_DIR}.building-${process.pid}`;
  fs.rmSync(building, { recursive: true, force: true });
  fs.mkdirSync(building, { recursive: true });
  try {
    const lib = path.join(building, path.basename(LIB_DIR));
    run('mvn', ['-q', '-B', '-f', path.join(LAUNCHER_DIR, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${lib}`]);
    run('javac', ['-cp', path.join(lib, '*'), '-d', path.join(building, path.basename(CLASSES_DIR)), path.join(LAUNCHER_DIR, 'Launcher.java')]);
    fs.writeFileSync(path.join(building, path.basename(STAMP_FILE)), sourceStamp());
    const previous = `${CACHE_DIR}.previous-${process.pid}`;
    if (fs.existsSync(CACHE_DIR)) fs.renameSync(CACHE_DIR, previous);
    fs.renameSync(building, CACHE_DIR);
    fs.rmSync(previous, { recursive: true, force: true });
  } finally {
    fs.rmSync(building, { recursive: true, force: true });
  }
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

export function authFilePath(home: string): string {
  return path.join(home, 'auth.json');
}

/** The credentials kept in <home>/auth.json; undefined when that home never ran with auth. */
export function readCredentials(home: string): LocalCredentials | undefined {
  const file = authFilePath(home);
  if (!fs.existsSync(file)) return undefined;
  // Tightened if someone loosened it: whoever reads it can read and forge API keys.
  if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LocalCredentials>;
  if (typeof stored.user !== 'string' || typeof stored.password !== 'string' || stored.password.length < 8) {
    throw new Error(`${file} holds no usable password; delete it and start the local Neo4j again to set a new one`);
  }
  return { user: stored.user, password: stored.password };
}

/**
 * The credentials of a home's Neo4j, generated and written (mode 0600) on its first start. The
 * launcher sets them on the store, so one made before auth was on gets them on its next start.
 */
function ensureCredentials(home: string): LocalCredentials {
  const existing = readCredentials(home);
  if (existing) return existing;
  const credentials: LocalCredentials = { user: 'neo4j', password: crypto.randomBytes(32).toString('base64url') };
  const file = authFilePath(home);
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, JSON.stringify(credentials, null, 2), { mode: 0o600 });
  fs.renameSync(temporary, file);
  return credentials;
}

/** Removes run.json only while it still records this pid: a later start may have replaced it. */
function removeRunFile(home: string, pid: number): void {
  const file = runFilePath(home);
  try {
    const info = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<RunFile>;
    if (info.pid !== pid) return;
  } catch {
    return;
  }
  fs.rmSync(file, { force: true });
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The instance recorded for this home, with its credentials, if its process is still alive. */
export function readRunning(home: string): RunningInfo | undefined {
  const file = runFilePath(home);
  if (!fs.existsSync(file)) return undefined;
  const info = JSON.parse(fs.readFileSync(file, 'utf8')) as RunFile;
  if (pidAlive(info.pid)) {
    // An instance started before auth was on has no auth.json and accepts any password.
    return { ...info, ...(readCredentials(home) ?? { user: 'neo4j', password: '' }) };
  }
  removeRunFile(home, info.pid);
  return undefined;
}

export async function startNeo4j(opts: LocalNeo4jOptions): Promise<RunningNeo4j> {
  const log = opts.log ?? (() => {});
  fetchNeo4j(log);
  const home = path.resolve(PROJECT_ROOT, opts.home);
  // The store files are readable on disk without any password: keep them to their owner.
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  fs.chmodSync(home, 0o700);
  let already = readRunning(home);
  // One that another `npm start` ran may be shutting down after its API stopped: give it time.
  for (let waited = 0; already?.attached && waited < 30_000; waited += 500) {
    await new Promise((r) => setTimeout(r, 500));
    already = readRunning(home);
  }
  if (already?.attached) throw new Error(`Another \`npm start\` runs the local Neo4j on ${home} (pid ${already.pid}, ${already.uri}); stop that one first`);
  if (already) throw new Error(`A Neo4j already runs on ${home} (pid ${already.pid}, ${already.uri}); stop it with npm run neo4j -- stop`);

  const credentials = ensureCredentials(home);
  const port = await freePort(opts.port);
  const args = [
    `-Xmx${opts.heap}`,
    // Neo4j's own server starts its JVM with these (neo4j.conf's server.jvm.additional): without
    // java.nio opened, the page cache falls back to a slower way of reaching its buffers.
    '-XX:+UseG1GC',
    '-XX:-OmitStackTraceInFastThrow',
    '-XX:+UnlockExperimentalVMOptions',
    '-XX:+TrustFinalNonStaticFields',
    '-XX:+DisableExplicitGC',
    '-Djdk.nio.maxCachedBufferSize=1024',
    '-Dio.netty.tryReflectionSetAccessible=true',
    '--add-opens=java.base/java.nio=ALL-UNNAMED',
    '--add-opens=java.base/java.io=ALL-UNNAMED',
    '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
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
    // Not on the command line, which every local user can list.
    env: { ...process.env, NEO4J_LAUNCHER_PASSWORD: credentials.password },
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
  let stopping = false;
  const unexpectedExit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (opts.attached) child.once('exit', (code, signal) => !stopping && resolve({ code, signal }));
  });
  const stop = () => {
    stopping = true;
    return stopProcess(child, pid).finally(() => removeRunFile(home, pid));
  };
  return { uri, pid, home, ...credentials, unexpectedExit, stop };
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
  if (child && (child.exitCode !== null || child.signalCode !== null)) return;
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
  removeRunFile(abs, info.pid);
  return true;
}
