/**
 * Hostile input: ≥ 1,000 generated malformed or hostile operations (deep nesting, alias floods,
 * huge pages, injection strings in every string argument, broken documents and bodies, wrong
 * variable types), sent over HTTP with a fixed seed. Each must get a coded error (or a clean
 * answer), never a crash, a stack trace or a write.
 */
import { getNamedType, isNonNullType, isObjectType, type GraphQLObjectType } from 'graphql';
import { loadConfig } from '../../src/config';
import { cypher } from '../../src/neo4j/driver';
import { buildRawSchema } from '../../src/schema';
import { createServer, type ApiServer } from '../../src/server';
import { closeTestDb, loadFixture, resetGraph, testDb } from '../helpers/db';

/** mulberry32: a small seeded PRNG, so a failure replays exactly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T };
}

const HOSTILE_STRINGS = [
  "' OR 1=1 --",
  '"}) MATCH (n) DETACH DELETE n //',
  'x` DETACH DELETE n //',
  '$territory',
  '*:*',
  'a) OR (b',
  '\\u0000\\u0007',
  '🙂'.repeat(50),
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%s%s%s%n',
  'A'.repeat(5000),
  '',
  ' ',
  'SUD\nMATCH (n) DELETE n',
  '{"$gt": ""}',
];

const schema = buildRawSchema();
const query = schema.getQueryType() as GraphQLObjectType;

/** Every Query field called with hostile strings in all its String/ID arguments. */
function injectionOps(r: ReturnType<typeof rng>): string[] {
  const ops: string[] = [];
  for (const field of Object.values(query.getFields())) {
    const stringArgs = field.args.filter((a) => ['String', 'ID'].includes(getNamedType(a.type).name));
    const inputArgs = field.args.filter((a) => ['TerritoryInput', 'ServiceFilter'].includes(getNamedType(a.type).name));
    const requiredOthers = field.args.filter((a) => isNonNullType(a.type) && !stringArgs.includes(a) && !inputArgs.includes(a));
    if (requiredOthers.length > 0 || (stringArgs.length === 0 && inputArgs.length === 0)) continue;
    const named = getNamedType(field.type);
    const selection = isObjectType(named) ? ' { __typename }' : '';
    for (let i = 0; i < 12; i++) {
      const value = JSON.stringify(r.pick(HOSTILE_STRINGS));
      const args = [
        ...stringArgs.map((a) => `${a.name}: ${value}`),
        ...inputArgs.map((a) => (getNamedType(a.type).name === 'TerritoryInput' ? `${a.name}: { zone: ${value} }` : `${a.name}: { search: ${value}, sector: ${value} }`)),
      ];
      ops.push(`{ ${field.name}(${args.join(', ')})${selection} }`);
    }
  }
  return ops;
}

function deepOp(depth: number): string {
  let inner = 'code';
  for (let i = 0; i < depth; i++) inner = i % 2 === 0 ? `region { zones { ${inner} } }` : `zones { region { ${inner} } }`;
  return `{ zone(code: "SUD") { ${inner} } }`;
}

function aliasFlood(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: services(first: 500) { totalCount nodes { name sectors { name } } }`).join(' ')} }`;
}

function brokenDocument(r: ReturnType<typeof rng>): string {
  const pieces = [
    '{',
    '}',
    '(',
    ')',
    'services',
    'first:',
    '-1',
    '"',
    '...',
    'on',
    'Service',
    '@include(if: true)',
    '$x',
    'query',
    'mutation',
    '#',
    '\\',
    'fragment F on Query { ...F }',
    ':',
    '[',
    ']',
  ];
  return Array.from({ length: 1 + r.int(30) }, () => r.pick(pieces)).join(' ');
}

function generate(seed: number): Array<{ body: string; label: string }> {
  const r = rng(seed);
  const cases: Array<{ body: string; label: string }> = [];
  const op = (q: string, label: string, variables?: unknown) => cases.push({ body: JSON.stringify({ query: q, variables }), label });
  for (const q of injectionOps(r)) op(q, 'injection');
  for (let i = 0; i < 120; i++) op(deepOp(8 + r.int(60)), 'deep');
  for (let i = 0; i < 80; i++) op(aliasFlood(31 + r.int(300)), 'aliases');
  for (let i = 0; i < 80; i++) op(`{ services(first: ${r.pick([-1, 501, 100000, 2147483647])}) { totalCount } }`, 'page size');
  for (let i = 0; i < 80; i++) op(`{ zones { code ${'@include(if: true) '.repeat(21 + r.int(50))} } }`, 'directives');
  for (let i = 0; i < 300; i++) op(brokenDocument(r), 'broken document');
  for (let i = 0; i < 100; i++) {
    op('query($f: ServiceFilter, $n: Int) { services(filter: $f, first: $n) { totalCount } }', 'variables', {
      f: r.pick([{ territory: 'SUD' }, { language: 'DE' }, { sector: ['x'] }, { territory: { zone: 1 } }, 'text', [1, 2]]),
      n: r.pick(['ten', 1.5, null, {}, 10]),
    });
  }
  for (let i = 0; i < 60; i++) {
    cases.push({ body: r.pick(['{', '[]', '{"query": 42}', 'null', '{"query": "{ zones { code } }", "variables": "x"}', '\u0000']), label: 'bad body' });
  }
  return cases;
}

const COUNT = cypher('test.countAll', 'MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels');
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'FORBIDDEN',
  'RATE_LIMITED',
  'TOO_LARGE',
  'OPERATION_RESOLUTION_FAILURE',
]);

let server: ApiServer;
let base: string;
beforeAll(async () => {
  await resetGraph();
  await loadFixture('small-territory');
  server = await createServer(loadConfig({ ...process.env, RATE_LIMIT_PER_MINUTE: '100000' }), testDb());
  base = await server.listen(0, '127.0.0.1');
});
afterAll(async () => {
  await server.stop();
  await closeTestDb();
});

it('answers 1,000+ hostile requests with coded errors, no stack traces, no writes, no crash', async () => {
  const before = await testDb().read(COUNT);
  const cases = generate(20261124);
  expect(cases.length).toBeGreaterThanOrEqual(1000);
  const problems: string[] = [];
  const seenCodes = new Map<string, number>();
  for (const { body, label } of cases) {
    const res = await fetch(`${base}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const text = await res.text();
    if (res.status >= 500) problems.push(`${label}: HTTP ${res.status}`);
    if (/\bat .+\.(ts|js):\d+|stacktrace|Neo4jError|node_modules/.test(text)) problems.push(`${label}: leaks internals: ${text.slice(0, 200)}`);
    let parsed: { data?: unknown; errors?: Array<{ extensions?: { code?: string } }> };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      // Express answers a malformed JSON body itself with a 400 (no stack: NODE_ENV=test is not development).
      if (res.status !== 400) problems.push(`${label}: non-JSON HTTP ${res.status}: ${text.slice(0, 100)}`);
      continue;
    }
    for (const e of parsed.errors ?? []) {
      const code = e.extensions?.code ?? 'none';
      seenCodes.set(code, (seenCodes.get(code) ?? 0) + 1);
      if (!KNOWN_CODES.has(code)) problems.push(`${label}: error code ${code}`);
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
  expect(await testDb().read(COUNT)).toEqual(before); // nothing written
  expect((await fetch(`${base}/health`)).status).toBe(200); // still up
  // The limits fired: depth, aliases, directives all answer as bad input or failed validation.
  expect([...seenCodes.keys()].sort()).toEqual(expect.arrayContaining(['BAD_USER_INPUT', 'GRAPHQL_PARSE_FAILED']));
}, 300_000);
