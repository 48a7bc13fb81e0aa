/**
 * Introspection for callers with a key only (INTROSPECTION=keys, the production default): the schema
 * is documentation for analysts and tools holding a key, not a map for anonymous scanners. Refused
 * before execution, naming what to do.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import type { Context } from '../context';
import { ErrorCode } from '../errors';

export function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

export function introspectionForKeysPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document }) {
          if (contextValue.principal.role !== 'public' || !asksIntrospection(document)) return;
          throw new GraphQLError('Introspection needs an API key: send it as "Authorization: Bearer <key>"', {
            extensions: { code: ErrorCode.FORBIDDEN, http: { status: 403 } },
          });
        },
      };
    },
  };
}
