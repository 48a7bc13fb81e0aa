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
      const started = performance.now();
      return {
        async willSendResponse({ contextValue, operationName, errors, response }) {
          const seconds = (performance.now() - started) / 1000;
          const operation = operationName ?? 'anonymous';
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const failed = (errors?.length ?? 0) > 0 || (body?.errors?.length ?? 0) > 0;
          const [ok, error] = metrics.operationDuration.of(operation);
          (failed ? error : ok)?.observe(seconds);
          metrics.operationRoundTrips.of(operation)[0]?.observe(contextValue.db.roundTrips);
          if (logger.isLevelEnabled('debug')) logger.debug({ operation, ms: Math.round(seconds * 1000), roundTrips: contextValue.db.roundTrips, failed }, 'graphql operation');
        },
      };
    },
  };
}
