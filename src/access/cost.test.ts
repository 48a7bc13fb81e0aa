/**
 * The cost analysis on hand-written operations (each expected cost counted by hand beside it), the
 * completeness of the declared list sizes against the schema, the legitimate operations of the
 * project under the default budget, and the attack of issue 25 far over it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { getIntrospectionQuery, isInterfaceType, isListType, isNonNullType, isObjectType, Kind, parse, type GraphQLOutputType, type OperationDefinitionNode } from 'graphql';
import { OPERATIONS } from '../../scripts/bench/operations';
import { loadConfig, PROJECT_ROOT } from '../config';
import * as dashboard from '../dashboard/__generated__/graphql';
import { buildRawSchema } from '../schema';
import { ANALYTICS_WEIGHTS, LIST_SIZES, operationCost, QUERY_TOO_COSTLY, queryTooCostly } from './cost';

const schema = buildRawSchema();
const config = loadConfig({});
const options = { defaultPageSize: 50, maxPageSize: 500 };

function costOf(query: string, variables: Record<string, unknown> = {}, operationName?: string): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION && (operationName === undefined || d.name?.value === operationName),
  );
  if (!operation) throw new Error('no operation');
  return operationCost(schema, document, operation, variables, options).cost;
}

describe('the cost of an operation', () => {
  it('multiplies a page by its literal first', () => {
    // services 1 + nodes 10 × (Service 1 + sectors 30 × Sector 1) = 1 + 10 × 31
    expect(costOf('{ services(first: 10) { totalCount nodes { name sectors { code } } } }')).toBe(311);
  });

  it('multiplies a page by the value of its variable, or the variable default, or the page size', () => {
    const query = 'query($n: Int) { services(first: $n) { nodes { name sectors { code } } } }';
    // 1 + 10 × 31
    expect(costOf(query, { n: 10 })).toBe(311);
    // 1 + 200 × 31
    expect(costOf(query, { n: 200 })).toBe(6201);
    // n absent: DEFAULT_PAGE_SIZE 50 → 1 + 50 × 31
    expect(costOf(query, {})).toBe(1551);
    // n null: the resolver uses the page size too
    expect(costOf(query, { n: null })).toBe(1551);
    // the operation's own default: 1 + 5 × 31
    expect(costOf('query($n: Int = 5) { services(first: $n) { nodes { name sectors { code } } } }', {})).toBe(156);
    // over MAX_PAGE_SIZE (refused by the resolver before it reads) or not an integer: the largest page, 1 + 500 × 31
    expect(costOf(query, { n: 100_000 })).toBe(15_501);
    expect(costOf(query, { n: 'ten' })).toBe(15_501);
  });

  it("a map's page of acquaintances may hold 2,000 ties; more counts as 2,000, as the resolver refuses it", () => {
    const query = 'query($n: Int) { acquaintances(territory: { zone: "SUD" }, first: $n) { nodes { a { id } b { id } } } }';
    // acquaintances weight 500 + connection 1 + nodes 2000 × (Acquaintance 1 + a 1 + b 1)
    expect(costOf(query, { n: 2000 })).toBe(500 + 1 + 2000 * 3);
    expect(costOf(query, { n: 100_000 })).toBe(500 + 1 + 2000 * 3);
    // other pages keep MAX_PAGE_SIZE: 1 + 500 × 31, as above
    expect(costOf('query($n: Int) { services(first: $n) { nodes { name sectors { code } } } }', { n: 2000 })).toBe(15_501);
  });

  it('uses the page size, or the argument default of the schema, when first is missing', () => {
    // services 1 + nodes 50 (DEFAULT_PAGE_SIZE) × Service 1
    expect(costOf('{ services { nodes { id } } }')).toBe(51);
    // brokers weight 2000 + Brokers 1 + brokers 20 (schema default first) × (Broker 1 + service 1) + isolates 3000 × 1
    expect(costOf('{ brokers(territory: { zone: "SUD" }) { brokers { service { id } } isolates { id } } }')).toBe(2000 + 1 + 40 + 3000);
    // gaps weight 500 + 20 (schema default) × (Gap 1 + sectorA 1)
    expect(costOf('{ gaps(territory: { zone: "SUD" }) { sectorA { code } } }')).toBe(540);
  });

  it('multiplies a list without first by its declared maximum, level by level', () => {
    // initiatives 100 × (Initiative 1 + editions 400 × (Edition 1 + sessions 1000 × Session 1))
    expect(costOf('{ initiatives { editions { sessions { id } } } }')).toBe(100 * (1 + 400 * (1 + 1000)));
    // session 1 + attendances 200 × (Attendance 1 + person 1)
    expect(costOf('{ session(id: "s") { attendances { person { id } } } }')).toBe(1 + 200 * 2);
  });

  it("multiplies the edges of a connection by the connection's first", () => {
    // people 1 + edges 3 × (PersonEdge 1 + node 1 × (Person 1 + attendances 500 × (Attendance 1 + session 1)))
    expect(costOf('{ people(first: 3) { edges { node { attendances { session { id } } } } } }')).toBe(1 + 3 * (1 + 1 + 1000));
    // a connection inside a page: services 1 + nodes 4 × (Service 1 + sessionsHosted 1 + nodes 7 × Session 1)
    expect(costOf('{ services(first: 4) { nodes { sessionsHosted(first: 7) { nodes { id } } } } }')).toBe(1 + 4 * (1 + 1 + 7));
  });

  it('expands named fragments where they are spread, with the page of the place they are spread in', () => {
    const query = `query($n: Int) { services(first: $n) { nodes { ...S } } }
      fragment S on Service { organisation { name } sectors { code } }`;
    // services 1 + nodes 10 × (Service 1 + organisation 1 + sectors 30)
    expect(costOf(query, { n: 10 })).toBe(1 + 10 * 32);
    // a fragment holding the page itself: the variable still counts
    const paged = `query($n: Int) { ...Page } fragment Page on Query { services(first: $n) { nodes { id } } }`;
    // 1 + 400
    expect(costOf(paged, { n: 400 })).toBe(401);
  });

  it('expands inline fragments, counting every type condition (only one applies at run time: an overestimate)', () => {
    const query = '{ node(id: "x") { ... on Service { sectors { code } } ... on Person { attendances { session { id } } } } }';
    // node 1 + sectors 30 + attendances 500 × (Attendance 1 + session 1)
    expect(costOf(query)).toBe(1 + 30 + 1000);
  });

  it('adds aliases up, each with its own arguments', () => {
    // zones 50 + zones 50
    expect(costOf('{ a: zones { code } b: zones { code } }')).toBe(100);
    // 1 + 10 and 1 + 300
    expect(costOf('{ a: services(first: 10) { nodes { id } } b: services(first: 300) { nodes { id } } }')).toBe(11 + 301);
  });

  it('counts fields under @skip and @include as asked for', () => {
    // 50, whatever the condition says
    expect(costOf('query($no: Boolean!) { zones @include(if: $no) { code } }', { no: false })).toBe(50);
  });

  it('counts scalars, enums and __typename as nothing', () => {
    // region 1
    expect(costOf('{ region { __typename code name nameFr nameNl } }')).toBe(1);
  });

  it('stays fast on fragments that spread each other many times', () => {
    // F0 spreads F1 twice, … F39 spreads F40 twice: 2^40 paths, each fragment costed once.
    const fragments = Array.from({ length: 40 }, (_, i) => `fragment F${i} on Zone { a: region { zones { ...F${i + 1} } } b: region { zones { ...F${i + 1} } } }`);
    const query = `{ zones { ...F0 } } ${fragments.join(' ')} fragment F40 on Zone { code }`;
    const started = performance.now();
    const cost = costOf(query);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(cost).toBeGreaterThan(1e40);
  });

  it('reports whether the figure depends on variables (so a plugin may keep it per document)', () => {
    const document = parse('query($n: Int) { zones { code } services(first: $n) { totalCount } }');
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(operationCost(schema, document, operation, {}, options).usesVariables).toBe(true);
    const fixed = parse('{ zones { code } }');
    expect(operationCost(schema, fixed, fixed.definitions[0] as OperationDefinitionNode, {}, options).usesVariables).toBe(false);
  });

  it("counts introspection exactly over the schema: GraphiQL's schema query passes, nesting does not help", () => {
    const full = costOf(getIntrospectionQuery());
    expect(full).toBeGreaterThan(500);
    expect(full).toBeLessThan(config.MAX_COST / 5);
    let nested = 'name';
    for (let i = 0; i < 3; i++) nested = `fields { type { ofType { ${nested} fields { name } } } }`;
    expect(costOf(`{ __schema { types { ${nested} } } }`)).toBeLessThan(config.MAX_COST);
    // __type 1 + fields of Service (one object per field)
    const serviceFields = Object.keys((schema.getType('Service') as { getFields(): object }).getFields()).length;
    expect(costOf('{ __type(name: "Service") { fields { name } } }')).toBe(1 + serviceFields);
  });

  it('refuses with a code naming the limit, the estimated cost and a 400', () => {
    const error = queryTooCostly(123_456.4, 50_000);
    expect(error.extensions).toEqual({ code: QUERY_TOO_COSTLY, cost: 123_456, limit: 50_000, http: { status: 400 } });
  });
});

describe('the declared list sizes', () => {
  const isList = (type: GraphQLOutputType): boolean => isListType(isNonNullType(type) ? type.ofType : type);

  it('cover every list field of the schema, and nothing else', () => {
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) if (isList(field.type)) lists.push(`${type.name}.${field.name}`);
    }
    // A new list field needs its real maximum (or its page) declared in LIST_SIZES.
    expect(lists.filter((l) => !(l in LIST_SIZES))).toEqual([]);
    expect(Object.keys(LIST_SIZES).filter((l) => !lists.includes(l))).toEqual([]);
  });

  it("page only fields that take first (their own, or the connection's above them)", () => {
    for (const [key, size] of Object.entries(LIST_SIZES)) {
      if (!('page' in size)) continue;
      const [typeName, fieldName] = key.split('.') as [string, string];
      const field = (schema.getType(typeName) as { getFields(): Record<string, { args: ReadonlyArray<{ name: string }> }> }).getFields()[fieldName];
      if (size.page === 'own') expect([key, field?.args.some((a) => a.name === 'first')]).toEqual([key, true]);
      else expect([key, /Connection$|^Brokers$/.test(typeName)]).toEqual([key, true]);
    }
  });

  it('weigh only fields of the schema', () => {
    const queryFields = schema.getQueryType()?.getFields() ?? {};
    expect(Object.keys(ANALYTICS_WEIGHTS).filter((k) => !(k.replace(/^Query\./, '') in queryFields))).toEqual([]);
  });
});

describe('the default budget', () => {
  const limit = config.MAX_COST;
  const under = (label: string, query: string, variables: Record<string, unknown> = {}) => {
    const cost = costOf(query, variables);
    return { label, cost, over: cost > limit };
  };

  it('lets every legitimate operation of the project through: dashboard, GraphiQL tabs, benchmarks, README', () => {
    const results: Array<{ label: string; cost: number; over: boolean }> = [];
    for (const [name, doc] of Object.entries(dashboard)) if (name.endsWith('Document')) results.push(under(`dashboard ${name}`, String(doc)));
    const targets = { zone: 'SUD', serviceId: 'svc-00001', pathFrom: 'svc-00001', pathTo: 'svc-00002' };
    for (const op of OPERATIONS) results.push(under(`bench ${op.name}`, op.graphql, op.variables(targets)));
    const app = fs.readFileSync(path.join(PROJECT_ROOT, 'src', 'http', 'graphiql-app.js'), 'utf8');
    for (const m of app.matchAll(/'((?:query|mutation) [^']*)'/g)) results.push(under(`graphiql ${m[1]!.slice(0, 40)}`, m[1]!.replace(/\\n/g, '\n')));
    const readme = fs.readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const m of readme.matchAll(/```graphql\n([\s\S]*?)```/g)) results.push(under('README', m[1]!));
    results.push(under('GraphiQL schema introspection', getIntrospectionQuery()));
    expect(results.filter((r) => r.label.startsWith('dashboard')).length).toBeGreaterThanOrEqual(8);
    expect(results.filter((r) => r.label.startsWith('graphiql')).length).toBeGreaterThanOrEqual(7);
    expect(results.filter((r) => r.over)).toEqual([]);
  });

  it('refuses the attack of issue 25 (five aliases nested to depth 11), with literals, variables or fragments', () => {
    const chain = (leaf: string) =>
      `initiatives { editions { sessions { attendances { person { attendances { session { attendances { person { attendances { session { ${leaf} } } } } } } } } } } }`;
    const aliases = (leaf: string) => Array.from({ length: 5 }, (_, i) => `a${i}: ${chain(leaf)}`).join(' ');
    // 100 × 400 × 1000 × 200 × … far beyond any budget
    expect(costOf(`{ ${aliases('id')} }`)).toBeGreaterThan(1e15);
    const paged = (i: number) =>
      `p${i}: people(first: $n) { nodes { attendances { session { attendances { person { attendances { session { edition { sessions { id } } } } } } } } } }`;
    expect(costOf(`query($n: Int) { ${[0, 1, 2, 3, 4].map(paged).join(' ')} }`, { n: 500 })).toBeGreaterThan(limit);
    const fragments = `query { ${[0, 1, 2, 3, 4].map((i) => `a${i}: initiatives { ...I }`).join(' ')} }
      fragment I on Initiative { editions { ... on Edition { sessions { ...S } } } }
      fragment S on Session { attendances { person { attendances { session { id } } } } }`;
    expect(costOf(fragments)).toBeGreaterThan(limit);
  });
});
