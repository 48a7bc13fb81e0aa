/**
 * Relay cursor pagination by keyset: a cursor is the opaque, base64url-encoded sort key of the last
 * row seen, so pages stay stable and cheap however deep the client goes.
 */
import { badInput } from '../../errors';

export interface Page<T> {
  rows: T[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
  cursorOf(row: T): string;
  totalCount(): Promise<number>;
}

const PREFIX = 'k1:';

export function encodeCursor(key: string): string {
  return Buffer.from(PREFIX + key, 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, argument = 'after'): string | null {
  if (cursor === null || cursor === undefined) return null;
  const text = /^[A-Za-z0-9_-]+$/.test(cursor) ? Buffer.from(cursor, 'base64url').toString('utf8') : '';
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
