/**
 * The HTTP service: Apollo Server 5 on Express 5, GraphiQL, and the operational endpoints
 * (/health, /ready, /metrics). Knows nothing of how Neo4j was started; main.ts does that.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import express from 'express';
import { KeyVerifier } from './access/api-keys';
import { AuditTrail, auditPlugin } from './access/audit';
import { principalOf, requireCaller } from './access/authenticate';
import { metricsRouter } from './http/metrics';
import { RateLimiter } from './access/rate-limit';
import type { Config } from './config';
import { createContext, type Context } from './context';
import { formatError, hideSuggestions } from './http/format-error';
import { logger } from './logger';
import { dashboardRouter } from './http/dashboard';
import { compiledExecution } from './executor';
import { exportsRouter } from './http/exports';
import { graphiqlRouter } from './http/graphiql';
import { cypher, type Db } from './neo4j/driver';
import { migrationsCurrent } from './neo4j/migrations';
import { costLimitPlugin } from './plugins/cost-limit';
import { httpStatusPlugin } from './plugins/http-status';
import { introspectionForKeysPlugin } from './plugins/introspection';
import { observabilityPlugin } from './plugins/observability';
import { operationCheckPlugin } from './plugins/operation-check';
import { buildSchemas } from './schema';

const PING = cypher('ops.ping', 'RETURN 1 AS ok');

export interface ApiServer {
  app: express.Express;
  apollo: ApolloServer<Context>;
  /** The audit trail this server records into (contexts made outside HTTP pass it on). */
  audit: AuditTrail;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<string>;
  stop(): Promise<void>;
}

export async function createServer(config: Config, db: Db): Promise<ApiServer> {
  const app = express();
  const httpServer = http.createServer(app);
  // Hostile-input limits (depth, aliases, directives, tokens), from config; cost is ours (below).
  const armor = new ApolloArmor({
    maxDepth: { n: config.MAX_DEPTH },
    maxAliases: { n: config.MAX_ALIASES },
    maxDirectives: { n: config.MAX_DIRECTIVES },
    // Token limit: graphql-js's own parser option below (a refusal there is a clean 400).
    maxTokens: { enabled: false },
    // Armor's cost multiplies only literal `first:` arguments: plugins/cost-limit.ts counts every list, with variables.
    costLimit: { enabled: false },
    // Suggestions are hidden by formatError instead (http/format-error.ts `hideSuggestions`).
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const audit = new AuditTrail(db, config.PSEUDONYM_SECRET);
  const schemas = buildSchemas(config.PSEUDONYM_SECRET);
  const apollo = new ApolloServer<Context>({
    // Executed by compiled code (src/executor.ts), on the schema of the caller's role; Apollo parses,
    // validates and runs the plugins.
    gateway: compiledExecution(schemas.served, (ctx) => schemas.byRole[(ctx as Context).principal.role]),
    introspection: config.INTROSPECTION !== 'none',
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    parseOptions: { maxLexicalTokens: config.MAX_TOKENS },
    validationRules: armor.validationRules,
    formatError: config.INTROSPECTION === 'all' ? formatError : (formatted, error) => hideSuggestions(formatError(formatted, error)),
    plugins: [
      operationCheckPlugin(),
      ...armor.plugins,
      costLimitPlugin({ maxCost: config.MAX_COST, defaultPageSize: config.DEFAULT_PAGE_SIZE, maxPageSize: config.MAX_PAGE_SIZE }),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // We set no cache hints; left on, this plugin wraps every field resolver (measured: ~10 % of a directory page's CPU).
      ApolloServerPluginCacheControlDisabled(),
      // Not a federated subgraph: no per-request check for trace headers.
      ApolloServerPluginInlineTraceDisabled(),
      observabilityPlugin(),
      httpStatusPlugin(),
      ...(config.INTROSPECTION === 'keys' ? [introspectionForKeysPlugin()] : []),
      auditPlugin(audit),
    ],
  });
  const verifier = new KeyVerifier(db);
  const limiter = new RateLimiter(config.RATE_LIMIT_PER_MINUTE);
  await apollo.start();

  app.disable('x-powered-by');
  // The client address (rate limiting without a key) comes from X-Forwarded-For only through trusted proxies.
  app.set('trust proxy', config.TRUST_PROXY_HOPS);
  const caller = requireCaller(verifier, limiter);
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
  app.use(metricsRouter(config, caller));
  app.use(graphiqlRouter());
  app.use(dashboardRouter(config.NODE_ENV === 'production'));
  app.use(exportsRouter(db, config, audit, requireCaller(verifier, limiter, { cost: config.EXPORT_RATE_COST })));
  app.use(
    '/graphql',
    caller,
    express.json({ limit: config.BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createContext({ db, config, audit, acceptLanguage: req.headers['accept-language'], principal: principalOf(res) }),
    }),
  );

  // Malformed or oversized bodies never reach Apollo: answer them here, coded, without a stack.
  app.use((err: { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) logger.error({ err }, 'unhandled HTTP error');
    const message = status === 413 ? 'Request body too large' : status === 500 ? 'Internal server error' : 'Malformed request body: expected JSON';
    res.status(status).json({ errors: [{ message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } }] });
  });

  return {
    app,
    apollo,
    audit,
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
