/// <reference lib="dom" />
/** The dashboard's GraphQL client: typed documents from codegen, the API key in a header, errors shown as they come. */
import type { TypedDocumentString } from './__generated__/graphql';

export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: Array<{ message: string; extensions?: { code?: string } }>;
}

export async function request<TResult, TVariables>(key: string, document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  const body = (await res.json()) as GraphQLResponse<TResult>;
  const first = body.errors?.[0];
  if (first) throw new ApiError(first.message, first.extensions?.code ?? 'ERROR');
  if (!body.data) throw new ApiError(`HTTP ${res.status}`, 'HTTP');
  return body.data;
}
