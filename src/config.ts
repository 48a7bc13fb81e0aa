/**
 * The one place configuration is read. Every setting comes from the environment, is validated at
 * start, and fails with a message naming the variable and the reason.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  // An external Neo4j (single server or cluster). When unset, a local Neo4j is started.
  NEO4J_URI: z
    .string()
    .regex(/^(neo4j|bolt)(\+s|\+ssc)?:\/\/.+/, 'must be a bolt:// or neo4j:// URI')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().default(''),
  NEO4J_DATABASE: z.string().optional(),

  // The local Neo4j used when NEO4J_URI is unset.
  LOCAL_NEO4J_HOME: z.string().default('.data/neo4j'),
  LOCAL_NEO4J_PORT: z.coerce.number().int().min(0).max(65535).default(7687),
  LOCAL_NEO4J_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'must look like 1g or 512m')
    .default('1g'),
  LOCAL_NEO4J_PAGECACHE_MB: intFromEnv(512),

  QUERY_TIMEOUT_MS: intFromEnv(15_000),
  ANALYTICS_TIMEOUT_MS: intFromEnv(20_000),
  // The analytics cache (modules/network/analytics-cache.ts): memory bound in MB (0: no cache), and the longest an entry is kept.
  ANALYTICS_CACHE_MB: z.coerce.number().int().min(0).default(256),
  ANALYTICS_CACHE_MAX_AGE_MS: intFromEnv(900_000),
  // Where betweenness and communities run: in the API process (builtin), or on the database server with the Graph Data Science plugin (gds; src/modules/network/gds/).
  ANALYTICS_ENGINE: z.enum(['builtin', 'gds']).default('builtin'),
  MAX_PAGE_SIZE: intFromEnv(500),
  DEFAULT_PAGE_SIZE: intFromEnv(50),
  DEMO_SEED: intFromEnv(42),
  // Unset: seed an empty database only when running the local Neo4j.
  SEED_DEMO_WHEN_EMPTY: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true' || v === '1')),
  // true: anyone may introspect; keys: callers with an API key only (production default); false: no one.
  INTROSPECTION: z.enum(['true', 'false', '1', '0', 'keys']).optional(),

  // Keyed pseudonyms of people for the observatory and zone teams. Required in production.
  PSEUDONYM_SECRET: z.string().min(16, 'must be at least 16 characters').default('dev-only-pseudonym-secret-change-me'),
  // Requests per minute per API key (or per client address without a valid key); an export counts as EXPORT_RATE_COST.
  RATE_LIMIT_PER_MINUTE: intFromEnv(600),
  EXPORT_RATE_COST: intFromEnv(20),
  // Behind a reverse proxy: how many hops to trust for the client address (Express's "trust proxy"); 0 trusts none.
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).default(0),
  // Bearer token for Prometheus on /metrics; without it only an admin key may read /metrics.
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  // GraphQL operation limits (hostile input).
  MAX_DEPTH: intFromEnv(12),
  MAX_ALIASES: intFromEnv(30),
  MAX_DIRECTIVES: intFromEnv(20),
  MAX_TOKENS: intFromEnv(3000),
  // Estimated objects an operation may return (src/access/cost.ts); the dashboard's edition list (every initiative's editions) costs 40,100.
  MAX_COST: intFromEnv(50000),
  // Rows one request may read from Neo4j, and rows its network analyses may read besides (they read whole territories).
  MAX_ROWS_PER_REQUEST: intFromEnv(200_000),
  MAX_ANALYTICS_ROWS_PER_REQUEST: intFromEnv(1_000_000),
  BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/, 'must look like 1mb or 512kb')
    .default('1mb'),
});

export type Introspection = 'all' | 'keys' | 'none';
export type Config = Omit<z.infer<typeof EnvSchema>, 'INTROSPECTION'> & { INTROSPECTION: Introspection; projectRoot: string };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (NEO4J_URI=) means unset, as in shells and compose files.
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(present);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${reasons}`);
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.PSEUDONYM_SECRET.startsWith('dev-only')) {
    throw new ConfigError('Invalid configuration: PSEUDONYM_SECRET: must be set in production');
  }
  const introspection = parsed.data.INTROSPECTION;
  const INTROSPECTION: Introspection =
    introspection === undefined
      ? parsed.data.NODE_ENV === 'production'
        ? 'keys'
        : 'all'
      : introspection === 'keys'
        ? 'keys'
        : introspection === 'true' || introspection === '1'
          ? 'all'
          : 'none';
  return { ...parsed.data, INTROSPECTION, projectRoot: PROJECT_ROOT };
}

/** The repository root, whether running from src/ (tsx, ts-jest) or dist/src/ (node). */
export const PROJECT_ROOT = findRoot(__dirname);

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return process.cwd();
    dir = up;
  }
}
