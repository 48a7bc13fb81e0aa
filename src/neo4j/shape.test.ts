/**
 * A shape read as a list gives the row its columns give: same keys, same values, temporals as ISO
 * strings, nested rows decoded (null when none match, [] when none match a list), type tags set.
 */
import { closeTestDb, resetGraph, testDb } from '../../tests/helpers/db';
import { cypher, toPlain, type NamedQuery } from './driver';
import { day, instant, many, one, row, shape } from './shape';
import * as directoryQueries from '../modules/directory/queries';
import * as initiativeQueries from '../modules/initiatives/queries';
import * as networkQueries from '../modules/network/queries';
import * as peopleQueries from '../modules/people/queries';
import * as territoryQueries from '../modules/territory/queries';

interface Tag {
  __typename: 'Tag';
  code: string;
  label: string | null;
}
interface Note {
  id: string;
  at: string;
  size: number;
  main: Tag | null;
  tags: Tag[];
  self: { id: string };
}
const TAG = shape<Tag>('Tag', { code: 't.code', label: 't.label' });
const NOTE = shape<Note>({
  id: 'x.id',
  at: 'x.at',
  size: 'size(x.id)',
  main: one('(x)-[:MAIN]->(t:ShapeTag)', TAG),
  tags: many('(x)-[:TAGGED]->(t:ShapeTag)', TAG),
  self: row(shape<{ id: string }>({ id: 'x.id' })),
});

beforeAll(async () => {
  await resetGraph();
  await testDb().write(
    cypher(
      'test.shapeGraph',
      `CREATE (a:ShapeNote {id: 'a', at: datetime('2024-03-01T10:00:00Z')}), (b:ShapeNote {id: 'bb', at: date('2024-03-02')}),
              (t1:ShapeTag {code: 'T1', label: 'one'}), (t2:ShapeTag {code: 'T2'})
       CREATE (a)-[:MAIN]->(t1), (a)-[:TAGGED]->(t1), (a)-[:TAGGED]->(t2)`,
    ),
  );
});
afterAll(closeTestDb);

it('names a list back into the row, nested rows included', async () => {
  const rows = await testDb().read(cypher('test.shapeList', `MATCH (x:ShapeNote) RETURN ${NOTE.list} AS note ORDER BY x.id`, { note: NOTE.decode }));
  const [a, b] = rows.map((r) => r.note as Note);
  expect(a).toEqual({ id: 'a', at: '2024-03-01T10:00:00.000Z', size: 1, main: { __typename: 'Tag', code: 'T1', label: 'one' }, tags: expect.any(Array), self: { id: 'a' } });
  // two TAGGED ties from a: T1 with a label, T2 without
  expect([...(a as Note).tags].sort((x, y) => x.code.localeCompare(y.code))).toEqual([
    { __typename: 'Tag', code: 'T1', label: 'one' },
    { __typename: 'Tag', code: 'T2', label: null },
  ]);
  // b has no MAIN tie (null) and no TAGGED ties ([]); a date stays a date
  expect(b).toEqual({ id: 'bb', at: '2024-03-02', size: 2, main: null, tags: [], self: { id: 'bb' } });
  expect(Object.keys(a as Note)).toEqual(['id', 'at', 'size', 'main', 'tags', 'self']);
});

it('the columns of a flat shape give the same row as its list', async () => {
  const viaColumns = await testDb().read(cypher('test.shapeColumns', `MATCH (t:ShapeTag) RETURN ${TAG.columns} ORDER BY code`));
  const viaList = await testDb().read(cypher('test.shapeTagList', `MATCH (t:ShapeTag) RETURN ${TAG.list} AS tag ORDER BY t.code`, { tag: TAG.decode }));
  expect(viaList.map((r) => r.tag)).toEqual(viaColumns.map((r) => ({ __typename: 'Tag', ...r })));
  expect(TAG.columns).toBe('t.code AS code, t.label AS label');
});

it("days and instants sent as plain values read as the driver's temporals do, null kept", async () => {
  const WHEN = shape<{ on: string | null; at: string | null }>({ on: day('w.on'), at: instant<string | null>('w.at') });
  const query = (text: string) => cypher('test.shapeTemporal', `UNWIND $cases AS c WITH {on: date(c.on), at: datetime(c.at)} AS w RETURN ${text}`, WHEN.decoders);
  const cases = [
    { on: '2024-03-02', at: '2024-03-01T10:00:00Z' },
    { on: '1999-12-31', at: '2025-06-30T23:59:59.123+02:00' }, // an offset and milliseconds: UTC, ms kept
    { on: null, at: null },
  ];
  const viaDriver = await testDb().read(cypher('test.shapeTemporalDriver', 'UNWIND $cases AS c RETURN date(c.on) AS on, datetime(c.at) AS at'), { cases });
  expect(viaDriver.map(toPlain)).toEqual([
    { on: '2024-03-02', at: '2024-03-01T10:00:00.000Z' },
    { on: '1999-12-31', at: '2025-06-30T21:59:59.123Z' },
    { on: null, at: null },
  ]);
  expect(await testDb().read(query(WHEN.columns), { cases })).toEqual(viaDriver);
  const viaList = await testDb().read(
    cypher('test.shapeTemporalList', `UNWIND $cases AS c WITH {on: date(c.on), at: datetime(c.at)} AS w RETURN ${WHEN.list} AS w`, { w: WHEN.decode }),
    { cases },
  );
  expect(viaList.map((r) => r.w)).toEqual(viaDriver);
});

it('every named query returning an instant as a column decodes it (else it would answer epoch milliseconds)', () => {
  const modules = [directoryQueries, initiativeQueries, networkQueries, peopleQueries, territoryQueries];
  const queries = modules.flatMap((m): unknown[] => Object.values(m)).filter((q): q is NamedQuery => typeof q === 'object' && q !== null && 'text' in q && 'name' in q);
  const instantColumns = queries.flatMap((q) => [...q.text.matchAll(/toFloat\([^()]*\.epochMillis\) AS (\w+)/g)].map((m) => [q.name, m[1], typeof q.decoders?.[m[1] as string]]));
  // the three session queries, startsAt and endsAt each
  expect(instantColumns.map(([name]) => name).sort()).toEqual(
    ['sessionsById', 'sessionsById', 'sessionsHostedBy', 'sessionsHostedBy', 'sessionsOfEdition', 'sessionsOfEdition'].map((n) => `initiatives.${n}`),
  );
  expect(instantColumns.filter(([, , decoder]) => decoder !== 'function')).toEqual([]);
});

it('decodes rows of a shape without another shape leaking in, and refuses field names that are not identifiers', () => {
  // Two shapes decoded in turn: each row has its own keys, in its own order, and nothing else.
  expect(TAG.decode(['a', null])).toEqual({ __typename: 'Tag', code: 'a', label: null });
  const other = shape<{ label: string; code: string }>({ label: 'x.label', code: 'x.code' });
  expect(Object.keys(other.decode(['L', 'C']))).toEqual(['label', 'code']);
  expect(Object.keys(TAG.decode(['b', 'B']))).toEqual(['__typename', 'code', 'label']);
  // Decoders are compiled from field names: anything but a plain identifier is refused.
  expect(() => shape<{ 'a-b': string }>({ 'a-b': 'x.y' })).toThrow(/"a-b" is not a plain identifier/);
  expect(() => shape<{ 'x: 1 }); process.exit(1); ({ y': string }>({ 'x: 1 }); process.exit(1); ({ y': 'x.y' })).toThrow(/not a plain identifier/);
});

it('a shape without some fields reads them nowhere, nested rows included, and decodes the rest in place', async () => {
  const lean = NOTE.without(['label', 'size']);
  // Neither Neo4j nor the decoder sees them: the list lost those expressions, here and nested.
  expect(lean.list).not.toMatch(/t\.label|size\(/);
  expect(lean.list).toBe('[x.id, x.at, head([(x)-[:MAIN]->(t:ShapeTag) | [t.code]]), [(x)-[:TAGGED]->(t:ShapeTag) | [t.code]], [x.id]]');
  const rows = await testDb().read(cypher('test.shapeWithout', `MATCH (x:ShapeNote {id: 'a'}) RETURN ${lean.list} AS note`, { note: lean.decode }));
  const a = rows[0]?.note as Note;
  expect(a).toEqual({ id: 'a', at: '2024-03-01T10:00:00.000Z', main: { __typename: 'Tag', code: 'T1' }, tags: expect.any(Array), self: { id: 'a' } });
  expect(a.size).toBeUndefined();
  expect(a.tags.map((t) => t.code).sort()).toEqual(['T1', 'T2']); // a's two TAGGED ties
  expect(a.tags.every((t) => !('label' in t))).toBe(true);
  // The same omission gives the same shape (decoders are compiled once); nothing omitted, nothing lost.
  expect(NOTE.without(['label', 'size'])).toBe(lean);
  expect(NOTE.without([]).list).toBe(NOTE.list);
});
