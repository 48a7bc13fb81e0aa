/** Prometheus metrics, served as text on /metrics. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export const registry = new Registry();
collectDefaultMetrics({ register: registry });

export const metrics = {
  neo4jQueries: new Counter({
    name: 'neo4j_queries_total',
    help: 'Statements sent to Neo4j, by query name',
    labelNames: ['query'] as const,
    registers: [registry],
  }),
  operationDuration: new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency, by operation name and outcome',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  }),
  operationRoundTrips: new Histogram({
    name: 'graphql_operation_neo4j_round_trips',
    help: 'Neo4j round trips per GraphQL operation',
    labelNames: ['operation'] as const,
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 50],
    registers: [registry],
  }),
};
