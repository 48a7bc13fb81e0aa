/**
 * Compiled execution must answer exactly as graphql-js does, through Apollo: aliases, fragments on
 * an interface, variables with defaults, enum and list coercion, errors with their codes, null
 * bubbling, a plain error thrown, bad variables. A schema of four people is enough to see each.
 */
import { ApolloServer } from '@apollo/server';
import { makeExecutableSchema } from '@graphql-tools/schema';
import { GraphQLError } from 'graphql';
import { compiledExecution } from './executor';

const typeDefs = /* GraphQL */ `
  enum Lang {
    FR
    NL
  }
  interface Named {
    name(lang: Lang = FR): String!
  }
  type Person implements Named {
    id: ID!
    name(lang: Lang = FR): String!
    friends: [Person!]!
    strict: String!
  }
  type Team implements Named {
    name(lang: Lang = FR): String!
    members(first: Int = 2): [Person!]!
  }
  type Query {
    person(id: ID!): Person
    named: [Named!]!
    broken: Person
    crash: String
  }
`;
const PEOPLE: Record<string, { id: string; fr: string; nl: string; friends: string[] }> = {
  a: { id: 'a', fr: 'Anne', nl: 'Anna', friends: ['b', 'c'] },
  b: { id: 'b', fr: 'Bruno', nl: 'Bram', friends: ['a'] },
  c: { id: 'c', fr: 'Chloé', nl: 'Katrien', friends: [] },
  d: { id: 'd', fr: 'Denis', nl: 'Dirk', friends: ['a', 'b', 'c'] },
};
type PersonRow = (typeof PEOPLE)[string];
const name = (row: { fr: string; nl: string }, { lang }: { lang: 'FR' | 'NL' }) => (lang === 'NL' ? row.nl : row.fr);
const schema = makeExecutableSchema({
  typeDefs,
  resolvers: {
    Named: { __resolveType: (row: { members?: unknown }) => (row.members ? 'Team' : 'Person') },
    Person: {
      name,
      friends: async (p: PersonRow) => p.friends.map((id) => PEOPLE[id]),
      strict: () => null, // a non-null field answering null: the error bubbles to the nullable parent
    },
    Team: { name, members: (t: { members: PersonRow[] }, { first }: { first: number }) => t.members.slice(0, first) },
    Query: {
      person: (_: unknown, { id }: { id: string }) => PEOPLE[id] ?? Promise.reject(new GraphQLError(`no person ${id}`, { extensions: { code: 'NOT_FOUND', argument: 'id' } })),
      named: () => [PEOPLE.a, { fr: 'Équipe', nl: 'Ploeg', members: Object.values(PEOPLE) }],
      broken: () => PEOPLE.d,
      crash: () => {
        throw new Error('a plain error, no code');
      },
    },
  },
});

const QUERY = `query Q($id: ID!, $lang: Lang, $n: Int) {
  first: person(id: $id) { ...P friends { name(lang: NL) friends { id } } }
  named { __typename name(lang: $lang) ... on Team { members(first: $n) { ...P } } }
  broken { id strict }
  missing: person(id: "zz") { id }
  crash
}
fragment P on Person { id nl: name(lang: NL) fr: name }`;

async function answer(server: ApolloServer, variables: Record<string, unknown>) {
  await server.start();
  try {
    const res = await server.executeOperation({ query: QUERY, variables });
    if (res.body.kind !== 'single') throw new Error('expected a single result');
    const { data, errors } = res.body.singleResult;
    // Errors in the order of their paths: the order in which they occur is not part of the answer.
    const sorted = errors && [...errors].sort((a, b) => JSON.stringify(a.path ?? []).localeCompare(JSON.stringify(b.path ?? [])));
    return { status: res.http.status ?? 200, data, errors: sorted };
  } finally {
    await server.stop();
  }
}

describe('compiled execution', () => {
  const cases: Array<[string, Record<string, unknown>]> = [
    ['variables given', { id: 'a', lang: 'NL', n: 3 }],
    ['defaults used', { id: 'b' }],
    ['a bad enum variable', { id: 'a', lang: 'DE' }],
    ['a missing required variable', { lang: 'FR' }],
  ];
  it.each(cases)('answers as graphql-js does: %s', async (_label, variables) => {
    const interpreted = await answer(new ApolloServer({ schema }), variables);
    const compiled = await answer(new ApolloServer({ gateway: compiledExecution(schema) }), variables);
    expect(compiled).toEqual(interpreted);
  });

  it('the answers themselves: aliases, fragments, bubbling and coded errors', async () => {
    const res = await answer(new ApolloServer({ gateway: compiledExecution(schema) }), { id: 'a', lang: 'NL', n: 1 });
    expect(res.data).toEqual({
      first: {
        id: 'a',
        nl: 'Anna',
        fr: 'Anne',
        friends: [
          { name: 'Bram', friends: [{ id: 'a' }] },
          { name: 'Katrien', friends: [] },
        ],
      },
      named: [
        { __typename: 'Person', name: 'Anna' },
        { __typename: 'Team', name: 'Ploeg', members: [{ id: 'a', nl: 'Anna', fr: 'Anne' }] }, // first: 1 of 4
      ],
      broken: null, // strict is null: the non-null error empties its parent
      missing: null,
      crash: null,
    });
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['broken.strict', 'INTERNAL_SERVER_ERROR'],
      ['crash', 'INTERNAL_SERVER_ERROR'],
      ['missing', 'NOT_FOUND'],
    ]);
    const bad = await answer(new ApolloServer({ gateway: compiledExecution(schema) }), { id: 'a', lang: 'DE' });
    expect([bad.status, bad.errors?.map((e) => e.extensions?.code)]).toEqual([400, ['BAD_USER_INPUT']]);
  });

  it('introspection: answered when allowed, refused at validation when not (production may turn it off)', async () => {
    const ask = async (introspection: boolean) => {
      const server = new ApolloServer({ gateway: compiledExecution(schema), introspection });
      await server.start();
      try {
        const res = await server.executeOperation({ query: '{ __schema { queryType { name } } }' });
        return res.body.kind === 'single' ? res.body.singleResult : null;
      } finally {
        await server.stop();
      }
    };
    expect((await ask(true))?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    expect((await ask(false))?.errors?.map((e) => e.extensions?.code)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
  });

  it('runs each request on the schema its context chooses, one compiled query per schema', async () => {
    // Same types, another resolver: the schema chosen by the context answers.
    const loud = makeExecutableSchema({ typeDefs, resolvers: { Query: { crash: () => 'LOUD' } } });
    const server = new ApolloServer<{ loud: boolean }>({ gateway: compiledExecution(schema, (ctx) => ((ctx as { loud: boolean }).loud ? loud : schema)) });
    await server.start();
    try {
      const crash = async (loudly: boolean) => {
        const res = await server.executeOperation({ query: '{ crash }' }, { contextValue: { loud: loudly } });
        return res.body.kind === 'single' ? [res.body.singleResult.data, res.body.singleResult.errors?.map((e) => e.extensions?.code)] : null;
      };
      // The same document, alternately: each schema keeps its own compiled query.
      expect([await crash(true), await crash(false), await crash(true)]).toEqual([
        [{ crash: 'LOUD' }, undefined],
        [{ crash: null }, ['INTERNAL_SERVER_ERROR']],
        [{ crash: 'LOUD' }, undefined],
      ]);
    } finally {
      await server.stop();
    }
  });
});
