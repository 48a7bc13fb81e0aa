/** Resolvers of the people module (and the staff of a service). */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { peopleCount } from '../../access/counts';
import { notFound } from '../../errors';
import { int } from '../../neo4j/driver';
import { keyOf, toGlobalId } from '../common/ids';
import { decodeCursor, pageSize, toPage } from '../common/pagination';
import { fullTextQuery } from '../common/search';
import { rowOf } from '../common/loader';
import { connectionFields } from '../directory/resolvers';
import type { PersonRow } from './model';
import * as q from './queries';

const asPerson = rowOf<PersonRow>('Person');

export const peopleResolvers: Resolvers = {
  Query: {
    person: async (_p, { id }, ctx) => (await ctx.loaders.people.person.load(keyOf('Person', id))) ?? Promise.reject(notFound('id', id, 'person')),
    people: async (_p, { search, first, after: afterCursor }, ctx) => {
      const size = pageSize(first, { max: ctx.config.MAX_PAGE_SIZE, default: ctx.config.DEFAULT_PAGE_SIZE });
      const after = decodeCursor(afterCursor);
      const text = fullTextQuery(search);
      const [pageQuery, countQuery] = text ? [q.peopleSearchPage, q.peopleSearchCount] : [q.peoplePage, q.peopleCount];
      const rows = (await ctx.db.read(pageQuery, { search: text, after, limit: int(size.limit) })).map(asPerson);
      for (const row of rows) ctx.loaders.people.person.prime(row.id, row);
      const total = () => ctx.db.read<{ total: number }>(countQuery, { search: text }).then((r) => r[0]?.total ?? 0);
      return toPage(rows, size, after, (r) => r.id, total);
    },
  },
  PersonConnection: connectionFields,
  Person: {
    id: (p) => toGlobalId('Person', p.id),
    employments: (p, _a, ctx) => ctx.loaders.people.employmentsOfPerson.load(p.id),
    attendances: (p, _a, ctx) => ctx.loaders.initiatives.attendancesOfPerson.load(p.id),
  },
  Employment: {
    person: async (e, _a, ctx) => (await ctx.loaders.people.person.load(e.personId)) ?? Promise.reject(notFound('personId', e.personId, 'person')),
    service: async (e, _a, ctx) => (await ctx.loaders.directory.service.load(e.serviceId)) ?? Promise.reject(notFound('serviceId', e.serviceId, 'service')),
    current: (e) => e.from <= e.asOf && (e.to === null || e.to >= e.asOf),
  },
  Service: {
    staff: (s, { asOf }, ctx) => ctx.loaders.people.staffOfService(asOf ?? ctx.today).load(s.id),
    staffCount: async (s, { asOf }, ctx) => peopleCount(ctx, (await ctx.loaders.people.staffCountOfService(asOf ?? ctx.today).load(s.id)) ?? 0),
  },
};
