/**
 * GraphQL over HTTP to a forked API (fork-api.ts), sent as the dashboard's client sends it
 * (src/dashboard/api.ts): a POST with the key in `x-api-key`, an answer with errors read as its first
 * error's code. Used by the rows of issue 30 (dashboard.ts, region.ts).
 */
import type { TypedDocumentString } from '../../src/dashboard/__generated__/graphql';

/** An answer that carried a GraphQL error (or no data): its code (TOO_LARGE, ANALYTICS_TIMEOUT, …) and message. */
export class AnswerError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface Answer<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

/** An API at `url` called with `key`. */
export interface ApiClient {
  url: string;
  key: string;
}

export async function post<T>(api: ApiClient, query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': api.key },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as Answer<T>;
  const first = body.errors?.[0];
  if (first) throw new AnswerError(first.message, first.extensions?.code ?? `HTTP ${res.status}`);
  if (!body.data) throw new AnswerError(`HTTP ${res.status} without data`, `HTTP ${res.status}`);
  return body.data;
}

/** One of the dashboard's typed documents, with its own variables. */
export const request = <R, V>(api: ApiClient, document: TypedDocumentString<R, V>, variables: V): Promise<R> =>
  post<R>(api, document.toString(), variables as Record<string, unknown>);

/** The operation's name as the document gives it (`query DashboardZoneNetwork(…)` → DashboardZoneNetwork). */
export const operationName = (query: string) => /\b(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? 'anonymous';

/** An error's code for a row: the GraphQL code when the API answered one, else the message. */
export const errorCode = (err: unknown) => (err instanceof AnswerError ? err.code : err instanceof Error ? err.message.slice(0, 120) : String(err));
