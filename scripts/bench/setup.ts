/** What every benchmark process (harness, forked API) connects and configures with, in one place. */
import { loadConfig, type Config } from '../../src/config';
import { createDriver } from '../../src/neo4j/driver';

/** The API's configuration under benchmark: no rate limit to trip, no log line per request. */
export const benchConfig = (): Config => loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '100000000', LOG_LEVEL: 'silent' });

/** A driver for the benchmark's database (credentials from NEO4J_USER / NEO4J_PASSWORD, if any). */
export const benchDriver = (uri: string) => createDriver({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '' });
