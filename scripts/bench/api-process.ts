/**
 * The API under load, in a process of its own (harness.ts `loadTest` forks it): the load generator
 * then neither shares its event loop nor counts in its memory. It serves the database at
 * BENCH_API_NEO4J_URI on a free loopback port, tells its parent the URL, answers `rss` with its
 * resident set and stops on `stop`.
 */
import { Db } from '../../src/neo4j/driver';
import { createServer } from '../../src/server';
import { benchConfig, benchDriver } from './setup';

export type ApiProcessMessage = { url: string } | { rss: number };

async function main(): Promise<void> {
  const uri = process.env.BENCH_API_NEO4J_URI;
  if (!uri || !process.send) throw new Error('api-process is forked by the benchmark harness with BENCH_API_NEO4J_URI set');
  const config = benchConfig();
  const driver = benchDriver(uri);
  const server = await createServer(config, new Db(driver, undefined, config.QUERY_TIMEOUT_MS));
  const send = (message: ApiProcessMessage) => process.send?.(message);
  process.on('message', (message) => {
    if (message === 'rss') send({ rss: process.memoryUsage().rss });
    if (message === 'stop')
      void server
        .stop()
        .then(() => driver.close())
        .then(() => process.exit(0));
  });
  // A harness that dies mid-run takes its API with it.
  process.on('disconnect', () => process.exit(0));
  send({ url: await server.listen(0, '127.0.0.1') });
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
