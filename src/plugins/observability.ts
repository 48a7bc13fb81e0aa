/**
 * One Apollo plugin for what every operation reports: latency and Neo4j round trips to /metrics,
 * and a structured log line per operation.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { logger } from '../logger';
import { metrics } from '../metrics';

export function observabilityPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ contextValue, operationName, errors, response }) {
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = operationName ?? 'anonymous';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (errors?.length ?? 0) > 0 || (body?.errors?.length ?? 0) > 0;
          metrics.operationDuration.observe({ operation, outcome: failed ? 'error' : 'ok' }, seconds);
          metrics.operationRoundTrips.observe({ operation }, contextValue.db.roundTrips);
          logger.debug({ operation, ms: Math.round(seconds * 1000), roundTrips: contextValue.db.roundTrips, failed }, 'graphql operation');
        },
      };
    },
  };
}
