/**
 * GraphQL answers carry the HTTP status their errors call for: an operation that failed because the
 * database is down is a 503 with Retry-After (a client or load balancer then knows to wait), not a
 * 200 with an error inside; so is a write that kept meeting transient errors (TRANSIENT: send it
 * again). Partial answers with other errors keep GraphQL's usual 200.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Context } from '../context';
import { ErrorCode } from '../errors';
import { retryAfterOf, UNAVAILABLE_RETRY_AFTER_SECONDS } from '../http/status';

export function httpStatusPlugin(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const code = body?.errors?.map((e) => e.extensions?.code).find((c) => c === ErrorCode.SERVICE_UNAVAILABLE || c === ErrorCode.TRANSIENT);
          if (code === undefined) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(retryAfterOf(code) ?? UNAVAILABLE_RETRY_AFTER_SECONDS));
        },
      };
    },
  };
}
