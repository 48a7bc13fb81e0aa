/**
 * Field-level access policy, applied to every field resolver of the schema (so a new field is
 * governed the moment it exists): checked per call, or settled ahead of time in a schema per role.
 * A field without an explicit rule falls back to its type's default, and a type without one to
 * `analyst`: new things are private until someone decides otherwise. tests/e2e/access-walk.test.ts
 * fails for any field left on that fallback.
 *
 * Besides allow/deny, the wrapper applies the rules about people (DESIGN.md §4):
 *  - people without consent appear only in counts (rows about them are dropped; admins excepted);
 *  - pseudonymised callers (observatory) get keyed pseudonyms for person ids and no names;
 *  - zone keys see services of their own zone only, and territories inside it;
 *  - every person-level read is recorded for the audit trail.
 */
import { MapperKind, mapSchema } from '@graphql-tools/utils';
import { defaultFieldResolver, getNamedType, GraphQLError, type GraphQLFieldResolver, type GraphQLSchema } from 'graphql';
import type { Context } from '../context';
import { ErrorCode } from '../errors';
import { pseudonymised, seesNames, type Principal, type Role } from './principal';
import { pseudonym } from './pseudonym';
import { keyOf } from '../modules/common/ids';
import { ARGUMENT_RULES, NODE_LOOKUPS } from './rules';
import { checkEntityArg, checkTerritoryArgs, editionInZone, sessionInZone } from './zone-scope';

/**
 * Types whose rows belong to a zone, and lists or pages of them: services; sessions by their host;
 * editions by their sessions (one hosted in the zone makes it the zone's).
 */
const ZONED_TYPES = new Set(['Service', 'ServiceConnection', 'Session', 'SessionConnection', 'Edition', 'Node']);

/**
 * public      anyone, without a key (territory and service directory: what a public directory shows)
 * member      any key
 * person      person-level data: analysts, editors, admins by name; the observatory pseudonymised
 * names       analysts, editors, admins only (names, work history, attendance lists)
 * analyst     analysts and admins
 * editor      editors and admins (writes)
 * admin       admins
 */
export type Rule = 'public' | 'member' | 'person' | 'names' | 'analyst' | 'editor' | 'admin';

const ALLOWED: Record<Rule, ReadonlySet<Role>> = {
  public: new Set(['public', 'analyst', 'zone', 'observatory', 'editor', 'admin']),
  member: new Set(['analyst', 'zone', 'observatory', 'editor', 'admin']),
  person: new Set(['analyst', 'observatory', 'editor', 'admin']),
  names: new Set(['analyst', 'editor', 'admin']),
  analyst: new Set(['analyst', 'admin']),
  editor: new Set(['editor', 'admin']),
  admin: new Set(['admin']),
};

export interface TypePolicy {
  /** Rule for fields not listed. */
  '*'?: Rule;
  [field: string]: Rule | undefined;
}

export type Policy = Record<string, TypePolicy>;

/** The fallback for anything the policy does not name. */
export const FALLBACK_RULE: Rule = 'analyst';

export function ruleFor(policy: Policy, typeName: string, fieldName: string): { rule: Rule; explicit: boolean } {
  const typePolicy = policy[typeName];
  const rule = typePolicy?.[fieldName] ?? typePolicy?.['*'];
  return rule ? { rule, explicit: true } : { rule: FALLBACK_RULE, explicit: false };
}

/** Whether a principal passes a rule: the one question every door asks. */
export function allows(rule: Rule, principal: Pick<Principal, 'role'>): boolean {
  return ALLOWED[rule].has(principal.role);
}

/** FORBIDDEN naming what was asked, unless the principal passes the rule. */
export function assertAllowed(rule: Rule, principal: Principal, what: string): void {
  if (!allows(rule, principal)) throw forbidden(principal, what);
}

/** What a caller without a key is told: most answers need one, and nothing else says how to send it. */
export const PUBLIC_HINT =
  'Send an API key as "Authorization: Bearer <key>" (in GraphiQL: the API key box at the top). `npm start` prints a local analyst key in development; otherwise ask your administrator for one (npm run keys -- create --role analyst).';

export function forbidden(principal: Pick<Principal, 'role'>, what: string): GraphQLError {
  const hint = principal.role === 'public' ? PUBLIC_HINT : undefined;
  return new GraphQLError(`Forbidden: the ${principal.role} role may not read ${what}${hint ? `. ${hint}` : ''}`, {
    extensions: { code: ErrorCode.FORBIDDEN, role: principal.role, ...(hint ? { hint } : {}) },
  });
}

interface PersonLike {
  id: string;
  consent?: boolean;
}
interface ZonedRow {
  __typename?: string;
  zoneCode?: string | null;
  hostId?: string | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Rows about people who did not consent are dropped for everyone but admins. */
function hideWithoutConsent(value: unknown, principal: Principal): unknown {
  if (principal.role === 'admin' || !Array.isArray(value)) return value;
  return value.filter((row) => !(isObject(row) && row.personConsent === false));
}

/** Whether a row is a service, session or edition of another zone than the zone key's. */
async function foreign(ctx: Context, v: unknown): Promise<boolean> {
  if (!isObject(v)) return false;
  const row = v as ZonedRow;
  if (row.__typename === 'Service') return row.zoneCode !== ctx.principal.zone;
  if (row.__typename === 'Session') return !(await sessionInZone(ctx, { hostId: row.hostId ?? null }));
  if (row.__typename === 'Edition') return !(await editionInZone(ctx, String((row as { id?: unknown }).id)));
  return false;
}

async function keepRows(ctx: Context, rows: unknown[]): Promise<unknown[]> {
  // All rows at once, so their lookups share the request's DataLoader batches.
  const isForeign = await Promise.all(rows.map((v) => foreign(ctx, v)));
  return rows.filter((_v, i) => !isForeign[i]);
}

/**
 * Services, sessions and editions of other zones vanish from a zone key's answers: dropped from lists, null in
 * nested single fields, FORBIDDEN when asked for directly (a top-level lookup, `node` included).
 */
async function keepOwnZone(value: unknown, ctx: Context, topLevel: boolean): Promise<unknown> {
  if (Array.isArray(value)) return keepRows(ctx, value);
  if (isObject(value) && Array.isArray(value.rows)) {
    // A connection page: drop foreign rows (totalCount stays the filtered query's own count).
    return { ...value, rows: await keepRows(ctx, value.rows as unknown[]) };
  }
  if (!(await foreign(ctx, value))) return value;
  if (topLevel) throw forbidden(ctx.principal, `services, sessions and editions outside zone ${ctx.principal.zone}`);
  return null;
}

/** Rules about a zone key's arguments (rules.ts ARGUMENT_RULES): default territory, entities in its zone. */
async function zoneArguments(ctx: Context, coordinate: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entities = ARGUMENT_RULES.zoneEntities[coordinate];
  if (entities)
    for (const [argument, entity] of Object.entries(entities)) if (typeof args[argument] === 'string') await checkEntityArg(ctx, entity, argument, args[argument], coordinate);
  const territoryArg = ARGUMENT_RULES.zoneDefault[coordinate];
  if (territoryArg && (args[territoryArg] === undefined || args[territoryArg] === null)) return { ...args, [territoryArg]: { zone: ctx.principal.zone } };
  return args;
}

/** FORBIDDEN when `node(id:)` found an object its type's own lookup field would not give this caller. */
function assertNodeReadable(policy: Policy, value: unknown, principal: Principal): void {
  if (!isObject(value) || typeof value.__typename !== 'string') return;
  const lookup = NODE_LOOKUPS[value.__typename];
  const rule = lookup ? ruleFor(policy, 'Query', lookup).rule : FALLBACK_RULE;
  if (!allows(rule, principal)) throw forbidden(principal, `${value.__typename} objects by id`);
}

/** The people a list, page or row of people (or of their employment and attendance) names. */
function recordPeopleRows(ctx: Context, value: unknown): void {
  const rows = Array.isArray(value) ? value : isObject(value) && Array.isArray(value.rows) ? (value.rows as unknown[]) : [value];
  for (const row of rows) {
    if (!isObject(row)) continue;
    const id = row.__typename === 'Person' || (!('personId' in row) && typeof row.id === 'string') ? row.id : row.personId;
    if (typeof id === 'string') ctx.personReads.add(id);
  }
}

/** Asking about a person by id is a person-level read, whatever the answer holds. */
function recordPersonArguments(ctx: Context, coordinate: string, args: Record<string, unknown>): void {
  for (const argument of ARGUMENT_RULES.personArguments[coordinate] ?? []) {
    const id = args[argument];
    if (typeof id === 'string' && id !== '') ctx.personReads.add(keyOf('Person', id, argument));
  }
}

function withZoneFilter(args: Record<string, unknown>, zone: string | undefined): Record<string, unknown> {
  const filter = (args.filter ?? {}) as Record<string, unknown>;
  return filter.territory ? args : { ...args, filter: { ...filter, territory: { zone } } };
}

/**
 * The schema behind the policy. Without `role` (the served schema), every rule is checked per call.
 * With `role`, the schema serves callers of that role only (the executor picks it by the request's
 * principal) and the rules that depend on the role alone are settled now: a field the role may not
 * read always answers FORBIDDEN, and one it may read keeps its own resolver when no rule about rows
 * applies to it for this role (people, consent, zones) — a plain field then has no resolver at all,
 * and graphql-jit reads it straight from its row. Both answer alike: tests/e2e/access-walk.test.ts
 * compares them field by field for every role.
 */
export function applyPolicy(schema: GraphQLSchema, policy: Policy, pseudonymSecret: string, role?: Role): GraphQLSchema {
  return mapSchema(schema, {
    [MapperKind.OBJECT_FIELD]: (field, fieldName, typeName) => {
      const { rule } = ruleFor(policy, typeName, fieldName);
      const extensions = { ...field.extensions, access: rule };
      const resolve: GraphQLFieldResolver<unknown, Context> = field.resolve ?? defaultFieldResolver;
      const returnsType = getNamedType(field.type).name;
      const filterArg = field.args?.filter;
      const takesServiceFilter = filterArg !== undefined && getNamedType(filterArg.type).name === 'ServiceFilter';
      const personType = typeName === 'Person';
      const filtersRows = returnsType === 'Employment' || returnsType === 'Attendance';
      // Rows about people: whoever reads them, in whatever detail, is recorded (the audit trail).
      const readsPeople = filtersRows || returnsType === 'Person' || returnsType === 'PersonConnection';
      const zoned = ZONED_TYPES.has(returnsType);
      const coordinate = `${typeName}.${fieldName}`;
      const namesPerson = ARGUMENT_RULES.personArguments[coordinate] !== undefined;
      const zoneArgumentRules = ARGUMENT_RULES.zoneEntities[coordinate] !== undefined || ARGUMENT_RULES.zoneDefault[coordinate] !== undefined;
      const nodeLookup = coordinate === 'Query.node';
      const hasTerritoryArgs = Object.keys(field.args ?? {}).some((a) => ['territory', 'within', 'select', 'filter'].includes(a));
      if (role !== undefined && !ALLOWED[rule].has(role)) {
        const refused: GraphQLFieldResolver<unknown, Context> = () => {
          throw forbidden({ role }, `${typeName}.${fieldName}`);
        };
        return { ...field, resolve: refused, extensions };
      }
      // Rules about rows: people (always: consent, pseudonyms, the audit trail), rows about people
      // without consent (for all but admins), services and territories outside a zone key's zone.
      const rowRules = personType || namesPerson || readsPeople || nodeLookup || ((role === undefined || role === 'zone') && (zoned || hasTerritoryArgs || zoneArgumentRules));
      // Nothing to check per call: the field keeps its own resolver (most scalar fields).
      if (!rowRules && (role !== undefined || rule === 'public')) return { ...field, extensions };
      // Made once per field, not per call: a page resolves thousands of fields.
      const finish = (value: unknown, ctx: Context) => {
        if (nodeLookup) assertNodeReadable(policy, value, ctx.principal);
        const shown = filtersRows ? hideWithoutConsent(value, ctx.principal) : value;
        if (readsPeople) recordPeopleRows(ctx, shown);
        return shown;
      };
      const wrapped: GraphQLFieldResolver<unknown, Context> = (parent, givenArgs, ctx, info) => {
        const { principal } = ctx;
        if (!ALLOWED[rule].has(principal.role)) throw forbidden(principal, `${typeName}.${fieldName}`);

        if (personType && isObject(parent)) {
          const person = parent as unknown as PersonLike;
          if (person.consent === false && principal.role !== 'admin') throw forbidden(principal, 'people who did not consent (they appear only in counts)');
          ctx.personReads.add(person.id);
          if (pseudonymised(principal)) {
            if (fieldName === 'id') return pseudonym(pseudonymSecret, person.id);
            if (fieldName === 'displayName') return null;
          }
        }
        if (namesPerson) recordPersonArguments(ctx, coordinate, givenArgs as Record<string, unknown>);
        if (principal.role !== 'zone') {
          const value = resolve(parent, givenArgs, ctx, info);
          if (!readsPeople && !nodeLookup) return value;
          return value instanceof Promise ? value.then((v) => finish(v, ctx)) : finish(value, ctx);
        }
        return (async () => {
          await checkTerritoryArgs(ctx, givenArgs as Record<string, unknown>, coordinate);
          let args = await zoneArguments(ctx, coordinate, givenArgs as Record<string, unknown>);
          // A zone key's service lists default to its zone, so pages and totals are the zone's own.
          if (takesServiceFilter) args = withZoneFilter(args, principal.zone);
          const value = finish(await resolve(parent, args, ctx, info), ctx);
          return zoned ? keepOwnZone(value, ctx, typeName === 'Query') : value;
        })();
      };
      // Keep names-only rules visible in introspection, for analysts reading the Docs panel.
      return { ...field, resolve: wrapped, extensions };
    },
  });
}

export const canSeeNames = seesNames;
