/**
 * Relay cursor pagination by keyset: a cursor is the opaque, base64url-encoded sort key of the last
 * row seen, so pages stay stable and cheap however deep the client goes.
 */
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { int, type NamedQuery, type Row } from '../../neo4j/driver';
import { decodeBase64Url, encodeBase64Url } from './base64url';
import { fullTextQuery } from './search';

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf(row: T): string;
  totalCount(): Promise<number>;
}

const PREFIX = 'k1:';

export function encodeCursor(key: string): string {
  return encodeBase64Url(PREFIX + key);
}

export function decodeCursor(cursor: string | null | undefined, argument = 'after'): string | null {
  if (cursor === null || cursor === undefined) return null;
  const text = decodeBase64Url(cursor) ?? '';
  if (!text.startsWith(PREFIX)) throw badInput(argument, 'malformed cursor: use a cursor returned by this API (pageInfo.endCursor)');
  return text.slice(PREFIX.length);
}

export interface PageSize {
  /** How many rows to return. */
  first: number;
  /** How many to fetch: one more than `first`, to know whether a next page exists. */
  limit: number;
}

export function pageSize(first: number | null | undefined, defaults: { max: number; default: number }): PageSize {
  const n = first ?? defaults.default;
  if (!Number.isInteger(n) || n < 0) throw badInput('first', 'must be a non-negative integer');
  if (n > defaults.max) throw badInput('first', `must be at most ${defaults.max} (got ${n})`);
  return { first: n, limit: n + 1 };
}

/**
 * The length of a network answer's list (`first`, default 20): 0 to 500 whatever MAX_PAGE_SIZE says,
 * as the cost limit counts them (access/cost.ts NETWORK_PAGE_MAX).
 */
export function listLimit(n: number | null | undefined, fallback = 20, argument = 'first'): number {
  const value = n ?? fallback;
  if (!Number.isInteger(value) || value < 0 || value > 500) throw badInput(argument, 'must be between 0 and 500');
  return value;
}

/** Cuts the over-fetched rows to a page. */
export function toPage<T>(rows: T[], size: PageSize, after: string | null, keyOf: (row: T) => string, totalCount: () => Promise<number>): Page<T> {
  return {
    rows: rows.slice(0, size.first),
    hasNextPage: rows.length > size.first,
    hasPreviousPage: after !== null,
    cursorOf: (row) => encodeCursor(keyOf(row)),
    totalCount,
  };
}

/** The queries of a keyset-paginated list with an optional full-text search. */
export interface SearchableList {
  page: NamedQuery;
  count: NamedQuery;
  searchPage: NamedQuery;
  searchCount: NamedQuery;
}

/**
 * A page of a searchable list (organisations, people): picks the full-text or plain variant, reads
 * one page, primes the per-id loader with its rows, and counts lazily.
 */
export async function searchablePage<T extends { id: string }>(
  ctx: Context,
  queries: SearchableList,
  args: { search?: string | null; first?: number | null; after?: string | null },
  toRow: (row: Row) => T,
  prime: (row: T) => void,
): Promise<Page<T>> {
  const size = pageSize(args.first, { max: ctx.config.MAX_PAGE_SIZE, default: ctx.config.DEFAULT_PAGE_SIZE });
  const after = decodeCursor(args.after);
  const search = fullTextQuery(args.search);
  const [pageQuery, countQuery] = search ? [queries.searchPage, queries.searchCount] : [queries.page, queries.count];
  const rows = (await ctx.db.read(pageQuery, { search, after, limit: int(size.limit) })).map(toRow);
  rows.forEach(prime);
  const total = () => ctx.db.read<{ total: number }>(countQuery, { search }).then((r) => r[0]?.total ?? 0);
  return toPage(rows, size, after, (r) => r.id, total);
}
