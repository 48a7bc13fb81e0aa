/**
 * Refuses an operation whose estimated cost (src/access/cost.ts) is over the limit, once Apollo has
 * parsed and validated it and before anything runs: nothing is read from Neo4j for it. The answer
 * is a 400 with `extensions.code` QUERY_TOO_COSTLY, the estimated `cost` and the `limit`.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';
import { operationCost, queryTooCostly, type CostOptions } from '../access/cost';
import type { Context } from '../context';

export interface CostLimitOptions extends CostOptions {
  maxCost: number;
}

export function costLimitPlugin(options: CostLimitOptions): ApolloServerPlugin<Context> {
  // Apollo hands the same parsed document to every request with the same text, so an operation
  // whose cost takes no variable into account is costed once.
  const fixedCosts = new WeakMap<OperationDefinitionNode, number>();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation to cost: operationCheckPlugin answers that request with a 400.
          if (!operation) return;
          let cost = fixedCosts.get(operation);
          if (cost === undefined) {
            const result = operationCost(schema, document, operation, request.variables, options);
            cost = result.cost;
            if (!result.usesVariables) fixedCosts.set(operation, cost);
          }
          if (!(cost <= options.maxCost)) throw queryTooCostly(cost, options.maxCost);
        },
      };
    },
  };
}
