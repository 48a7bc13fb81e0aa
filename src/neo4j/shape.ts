/**
 * Row shapes: each field of a row named once, with its Cypher expression, giving both the columns
 * of a flat RETURN and a list form for rows nested in other rows.
 *
 * Why lists: neo4j-driver unpacks every key of a returned map with `Object.defineProperty`. A page of
 * 50 services with their organisation, sectors and quartier cost 0.8–0.9 ms more to receive as nested
 * maps than as the same values in lists (4.65 vs 3.79 ms for the statement, S graph), about a
 * fifth of the whole statement. A list carries no keys; `decode` names its positions back.
 */
import { toPlain } from './driver';

/** A field nested in a row: the rows of another shape reached by a pattern. */
export interface Nested<T> {
  readonly cypher: string;
  readonly decode: (value: unknown) => T;
  /** The same field with the nested rows' fields named in `omit` left out (see `Shape.without`). */
  readonly without?: (omit: Omission) => Nested<T>;
}

/** Field names to leave out of a shape and of every row nested in it, as a frozen sorted list. */
export type Omission = readonly string[];

/** A field: a Cypher expression for a plain value, or nested rows. */
export type Field<T> = string | Nested<T>;

export interface Shape<T> {
  /** `expr AS key, …` for a RETURN (plain fields only: nested ones come back as lists). */
  readonly columns: string;
  /** The row as one Cypher list expression, read back by `decode`. */
  readonly list: string;
  readonly decode: (value: unknown) => T;
  /** Decoders of the columns that are not plain values (give them to `cypher` with `columns`). */
  readonly decoders: Record<string, (value: unknown) => unknown>;
  /**
   * The shape without the fields named in `omit`, here and in every nested row: Neo4j neither reads
   * nor sends them, and decoded rows lack them (undefined). For a query whose whole operation asks
   * none of them (directory/projection.ts): a page of 50 services read 1.15× the hand-written Cypher
   * with every name in both languages and every flag, 1.08–1.10× without those it was not asked.
   */
  without(omit: Omission): Shape<T>;
}

/** Temporal values become ISO strings; plain values pass as they are. */
const plain = (value: unknown): unknown => (value === null || value === undefined ? null : typeof value === 'object' ? toPlain(value) : value);

/** Each field of `T` (its type tag aside); optional ones may be left out. */
export type Fields<T> = { [K in keyof T as K extends '__typename' ? never : K]: Field<T[K]> };

/**
 * A shape from its fields, in order. With a type name, each decoded row carries it as `__typename`
 * (the GraphQL type it resolves as), so nested rows reach their resolvers without a copy.
 */
export function shape<T extends { __typename: string }>(typename: T['__typename'], fields: Fields<T>): Shape<T>;
export function shape<T extends object>(fields: Fields<T>): Shape<T>;
export function shape<T extends object>(...args: [string, Fields<T>] | [Fields<T>]): Shape<T> {
  const [typename, fields] = args.length === 2 ? args : [undefined, args[0]];
  return shapeOf<T>(typename, Object.entries<Field<unknown>>(fields));
}

function shapeOf<T>(typename: string | undefined, entries: ReadonlyArray<[string, Field<unknown>]>): Shape<T> {
  const keys = entries.map(([key]) => key);
  const decoders = entries.map(([, field]) => (typeof field === 'string' ? plain : field.decode));
  const expressions = entries.map(([, field]) => (typeof field === 'string' ? field : field.cypher));
  return {
    columns: keys.map((key, i) => `${expressions[i]} AS ${key}`).join(', '),
    decoders: Object.fromEntries(entries.flatMap(([key, field]) => (typeof field === 'string' ? [] : [[key, field.decode]]))),
    list: `[${expressions.join(', ')}]`,
    decode: compileDecoder(typename, keys, decoders) as (value: unknown) => T,
    without: memoByOmission((omit) =>
      shapeOf<T>(
        typename,
        entries.flatMap(([key, field]): Array<[string, Field<unknown>]> =>
          omit.includes(key) ? [] : [[key, typeof field === 'string' || !field.without ? field : field.without(omit)]],
        ),
      ),
    ),
  };
}

/** One result per omission: shapes are made once per query, and compiling a decoder is not free. */
function memoByOmission<R>(make: (omit: Omission) => R): (omit: Omission) => R {
  const made = new Map<string, R>();
  return (omit) => {
    const id = omit.join(',');
    let result = made.get(id);
    if (result === undefined) made.set(id, (result = make(omit)));
    return result;
  };
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The decoder of one shape, compiled to a single object literal: every row of the shape gets one
 * hidden class and each shape its own code. A shared loop assigning `row[key]` was one megamorphic
 * site for all shapes: decoding was 19 µs of a service detail's 700 µs of client CPU (profiled).
 * The keys are field names written in our code (checked here), never request text.
 */
function compileDecoder(typename: string | undefined, keys: readonly string[], decoders: ReadonlyArray<(value: unknown) => unknown>): (value: unknown) => unknown {
  for (const key of keys) if (!IDENTIFIER.test(key) || key === '__typename') throw new Error(`shape: field name "${key}" is not a plain identifier`);
  const fields = keys.map((key, i) => `${key}: d${i}(v[${i}])`);
  if (typename !== undefined) fields.unshift('__typename: t');
  const params = ['t', ...keys.map((_, i) => `d${i}`)];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the point of this function; the keys are checked identifiers
  const make = new Function(...params, `return (v) => ({ ${fields.join(', ')} });`) as (...args: unknown[]) => (value: unknown) => unknown;
  return make(typename, ...decoders);
}

/** The row of `rows` over variables the enclosing expression has bound already. */
export function row<T>(rows: Shape<T>): Nested<T> {
  return { cypher: rows.list, decode: rows.decode, without: (omit) => row(rows.without(omit)) };
}

/**
 * The first row of `shape` matched by `pattern` (a pattern comprehension's pattern, binding the
 * shape's variable), or null.
 */
export function one<T>(pattern: string, rows: Shape<T>): Nested<T | null> {
  return {
    cypher: `head([${pattern} | ${rows.list}])`,
    decode: (value) => (value === null || value === undefined ? null : rows.decode(value)),
    without: (omit) => one(pattern, rows.without(omit)),
  };
}

/** Every row of `shape` matched by `pattern`, in match order. */
export function many<T>(pattern: string, rows: Shape<T>): Nested<T[]> {
  return { cypher: `[${pattern} | ${rows.list}]`, decode: (value) => (value as unknown[]).map(rows.decode), without: (omit) => many(pattern, rows.without(omit)) };
}

/*
 * Temporal values are sent as plain values: the driver decodes a Date or DateTime with int64
 * arithmetic in JavaScript (about 10 µs each; a service detail with its staff and sessions spent
 * 0.1 ms of its 1.6 ms there).
 */

/** A date (no time) as ISO `YYYY-MM-DD`, written by Neo4j. */
export const day = (expression: string): string => `toString(${expression})`;

/**
 * An instant as `toPlain` gives a DateTime (ISO in UTC, with milliseconds): sent as epoch
 * milliseconds (a float: exact far beyond any date we hold), named in JavaScript.
 */
export function instant<T extends string | null = string>(expression: string): Nested<T> {
  return { cypher: `toFloat(${expression}.epochMillis)`, decode: (value) => (value === null || value === undefined ? null : new Date(value as number).toISOString()) as T };
}
