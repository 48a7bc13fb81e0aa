/**
 * DataLoader helpers. Each batch function runs one named Cypher query with `$keys`, which returns
 * rows carrying a `key` column; `byKey`/`groupByKey` put them back in key order (DataLoader's contract:
 * N keys in, N values out).
 */
import DataLoader from 'dataloader';
import type { Db, NamedQuery, Row } from '../../neo4j/driver';

type Keyed = Row & { key: string };

const ONE_KEY_PREFIX = 'UNWIND $keys AS key ';
const oneKeyForms = new WeakMap<NamedQuery, NamedQuery | null>();

/**
 * The statement for a batch of one key (a service detail, a path's two ends): `UNWIND $keys AS key`
 * becomes `WITH $key AS key`, which gives the same single row without planning a list. The service
 * detail's statement answered 45–80 µs sooner this way (S graph, 3 rounds of 2,000 interleaved:
 * 1,164–1,177 vs 1,107–1,129 µs), within 10–25 µs of hand-written `MATCH (s:Service {id: $id})`.
 * Null for a statement that reads `$keys` elsewhere too.
 */
export function oneKeyForm(query: NamedQuery): NamedQuery | null {
  let form = oneKeyForms.get(query);
  if (form === undefined) {
    const rest = query.text.startsWith(ONE_KEY_PREFIX) ? query.text.slice(ONE_KEY_PREFIX.length) : undefined;
    form = rest === undefined || rest.includes('$keys') ? null : { ...query, text: `WITH $key AS key ${rest}` };
    oneKeyForms.set(query, form);
  }
  return form;
}

/** A batch's rows: with the one-key form of the statement when the batch has one key. */
function readBatch(db: Db, query: NamedQuery, keys: readonly string[], extra: Record<string, unknown>): Promise<Keyed[]> {
  const single = keys.length === 1 ? oneKeyForm(query) : null;
  return single ? db.read<Keyed>(single, { key: keys[0], ...extra }) : db.read<Keyed>(query, { keys, ...extra });
}

/** One value (or null) per key. */
export function oneLoader<V>(db: Db, query: NamedQuery, toValue: (row: Keyed) => V, extra: Record<string, unknown> = {}): DataLoader<string, V | null> {
  return new DataLoader<string, V | null>(
    async (keys) => {
      const rows = await readBatch(db, query, keys, extra);
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
      const rows = await readBatch(db, query, keys, extra);
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
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- T: the row type the caller names
export function plainRow<T>() {
  return (row: Row): T => row as unknown as T;
}
