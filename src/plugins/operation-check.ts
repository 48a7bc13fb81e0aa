/**
 * A request whose operationName names no operation of its document (or that names none while the
 * document has several) is the client's mistake: 400 BAD_USER_INPUT naming `operationName`, before
 * any other plugin or the executor sees an operation that is not there.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { Context } from '../context';
import { ErrorCode } from '../errors';

export function operationCheckPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const reason = request.operationName ? `no operation named "${request.operationName}" in the document` : 'the document has several operations: name one';
          throw new GraphQLError(`Invalid argument "operationName": ${reason}`, {
            extensions: { code: ErrorCode.BAD_USER_INPUT, argument: 'operationName', http: { status: 400 } },
          });
        },
      };
    },
  };
}
