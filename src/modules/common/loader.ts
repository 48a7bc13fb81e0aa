/**
 * DataLoader helpers. Each batch function runs one named Cypher query with `$keys`, which returns
 * rows carrying a `key` column; `byKey`/`groupByKey` put them back in key order (DataLoader's contract:
 * N keys in, N values out).
 */
import DataLoader from 'dataloader';
import type { Db, NamedQuery, Row } from '../../neo4j/driver';

type Keyed = Row & { key: string };

/** One value (or null) per key. */
export function oneLoader<V>(db: Db, query: NamedQuery, toValue: (row: Keyed) => V, extra: Record<string, unknown> = {}): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const rows = await db.read<Keyed>(query, { keys, ...extra });
      const found = new Map(rows.map((r) => [r.key, toValue(r)]));
      return keys.map((k) => found.get(k) ?? null);
    },
    { name: query.name },
  );
}

/** A list per key (empty when nothing matches), in the order the query returns them. */
export function manyLoader<V>(db: Db, query: NamedQuery, toValue: (row: Keyed) => V, extra: Record<string, unknown> = {}): DataLoader<string, V[]> {
  return new DataLoader<string, V[]>(
    async (keys) => {
      const rows = await db.read<Keyed>(query, { keys, ...extra });
      const groups = new Map<string, V[]>();
      for (const row of rows) {
        const list = groups.get(row.key) ?? [];
        list.push(toValue(row));
        groups.set(row.key, list);
      }
      return keys.map((k) => groups.get(k) ?? []);
    },
    { name: query.name },
  );
}

/**
 * Types a database row as the model row of a GraphQL type and tags it with the type name (used by
 * `Node` and union resolution). The Cypher that produced it defines its shape.
 */
export function rowOf<T extends { __typename: string }>(typename: T['__typename']) {
  return (row: Row): T => ({ ...row, __typename: typename }) as unknown as T;
}

/** Types a database row without a type name (relationship rows such as attendance). */
export function plainRow<T>() {
  return (row: Row): T => row as unknown as T;
}
