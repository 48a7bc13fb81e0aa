/**
 * The HTTP service: Apollo Server 5 on Express 5, GraphiQL, and the operational endpoints
 * (/health, /ready, /metrics). Knows nothing of how Neo4j was started; main.ts does that.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { formatError } from './http/format-error';
import { graphiqlRouter } from './http/graphiql';
import { registry } from './metrics';
import { cypher, type Db } from './neo4j/driver';
import { migrationsCurrent } from './neo4j/migrations';
import { observabilityPlugin } from './plugins/observability';
import { buildSchema } from './schema';

const PING = cypher('ops.ping', 'RETURN 1 AS ok');

export interface ApiServer {
  app: express.Express;
  apollo: ApolloServer<Context>;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function createServer(config: Config, db: Db): Promise<ApiServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: buildSchema(),
    introspection: config.INTROSPECTION,
    includeStacktraceInErrorResponses: false,
    formatError,
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled(), observabilityPlugin()],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/', (_req, res) => res.redirect('/graphql'));
  app.get('/health', (_req, res) => res.json({ status: 'ok' }));
  app.get('/ready', async (_req, res) => {
    try {
      const probe = db.fork();
      await probe.read(PING, {}, { timeoutMs: 2_000 });
      const migrated = await migrationsCurrent(probe);
      res.status(migrated ? 200 : 503).json({ status: migrated ? 'ready' : 'migrations pending', database: 'reachable', migrations: migrated });
    } catch {
      res.status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  app.get('/metrics', async (_req, res) => {
    res.type(registry.contentType).send(await registry.metrics());
  });
  app.use(graphiqlRouter());
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext({ db, config, acceptLanguage: req.headers['accept-language'] }),
    }),
  );

  return {
    app,
    apollo,
    httpServer,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://localhost:${bound}`);
        });
      }),
    stop: () => apollo.stop(),
  };
}
