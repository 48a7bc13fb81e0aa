/**
 * One Apollo plugin for what every operation reports: latency and Neo4j round trips to /metrics,
 * and a structured log line per operation.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { logger } from '../logger';
import { metrics } from '../metrics';

interface OperationSeries {
  ok: { observe(value: number): void };
  error: { observe(value: number): void };
  roundTrips: { observe(value: number): void };
}

/**
 * The histogram series of each operation name, looked up once: prom-client hashes a label set on
 * every labelled `observe` (13 µs of a service detail's client CPU with the log call, profiled).
 * Names are chosen by clients, so the table is bounded; past the bound, series are looked up each time.
 */
const SERIES_MAX = 1_000;
const seriesByOperation = new Map<string, OperationSeries>();
function seriesOf(operation: string): OperationSeries {
  let series = seriesByOperation.get(operation);
  if (!series) {
    series = {
      ok: metrics.operationDuration.labels({ operation, outcome: 'ok' }),
      error: metrics.operationDuration.labels({ operation, outcome: 'error' }),
      roundTrips: metrics.operationRoundTrips.labels({ operation }),
    };
    if (seriesByOperation.size < SERIES_MAX) seriesByOperation.set(operation, series);
  }
  return series;
}

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
          const series = seriesOf(operation);
          (failed ? series.error : series.ok).observe(seconds);
          series.roundTrips.observe(contextValue.db.roundTrips);
          if (logger.isLevelEnabled('debug')) logger.debug({ operation, ms: Math.round(seconds * 1000), roundTrips: contextValue.db.roundTrips, failed }, 'graphql operation');
        },
      };
    },
  };
}
