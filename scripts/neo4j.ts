/**
 * The local Neo4j: `npm run neo4j -- fetch|start|stop|status`.
 * start runs it detached (it outlives this command) until `stop`; `npm start` and the tests start
 * their own attached instance instead.
 */
import path from 'node:path';
import { loadConfig } from '../src/config';
import { authFilePath, CACHE_DIR, fetchNeo4j, isFetched, readRunning, startNeo4j, stopDetached } from '../src/neo4j/local';

async function main(): Promise<void> {
  const config = loadConfig();
  const home = path.resolve(config.projectRoot, config.LOCAL_NEO4J_HOME);
  const where = `data: ${path.join(home, 'data')}\nlogs: ${path.join(home, 'logs')} (Neo4j), ${path.join(home, 'launcher.log')} (launcher)\nlogin: user neo4j, password in ${authFilePath(home)}`;
  const command = process.argv[2] ?? 'status';
  switch (command) {
    case 'fetch':
      fetchNeo4j(console.log);
      console.log(`Neo4j jars cached in ${CACHE_DIR}`);
      return;
    case 'start': {
      const running = readRunning(home);
      if (running) {
        console.log(`Already running: ${running.uri} (pid ${running.pid})\n${where}`);
        return;
      }
      const neo4j = await startNeo4j({
        home,
        port: config.LOCAL_NEO4J_PORT,
        heap: config.LOCAL_NEO4J_HEAP,
        pagecacheMiB: config.LOCAL_NEO4J_PAGECACHE_MB,
        txTimeoutSeconds: 600,
        attached: false,
        log: console.log,
      });
      console.log(
        `Neo4j started: ${neo4j.uri} (pid ${neo4j.pid})\nUse it with NEO4J_URI=${neo4j.uri} NEO4J_USER=${neo4j.user} NEO4J_PASSWORD=<the password in ${authFilePath(home)}>\n${where}`,
      );
      return;
    }
    case 'stop':
      console.log((await stopDetached(home)) ? 'Neo4j stopped.' : 'No local Neo4j was running.');
      return;
    case 'status': {
      const running = readRunning(home);
      console.log(`jars: ${isFetched() ? `cached in ${CACHE_DIR}` : 'not fetched (npm run neo4j -- fetch)'}`);
      console.log(running ? `running: ${running.uri} (pid ${running.pid}, since ${running.startedAt})` : 'running: no');
      console.log(where);
      return;
    }
    default:
      console.error(`Unknown command "${command}". Use fetch, start, stop or status.`);
      process.exitCode = 2;
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
