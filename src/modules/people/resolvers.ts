/** Resolvers of the people module (and the staff of a service). */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { peopleCount } from '../../access/counts';
import { notFound } from '../../errors';
import { keyOf, toGlobalId } from '../common/ids';
import { searchablePage } from '../common/pagination';
import { rowOf } from '../common/loader';
import { requiredService } from '../directory/loaders';
import { connectionFields } from '../directory/resolvers';
import type { PersonRow } from './model';
import * as q from './queries';

const asPerson = rowOf<PersonRow>('Person');

export const peopleResolvers: Resolvers = {
  Query: {
    person: async (_p, { id }, ctx) => (await ctx.loaders.people.person.load(keyOf('Person', id))) ?? Promise.reject(notFound('id', id, 'person')),
    people: (_p, args, ctx) =>
      searchablePage(ctx, { page: q.peoplePage, count: q.peopleCount, searchPage: q.peopleSearchPage, searchCount: q.peopleSearchCount }, args, asPerson, (row) =>
        ctx.loaders.people.person.prime(row.id, row),
      ),
  },
  PersonConnection: connectionFields,
  Person: {
    id: (p) => toGlobalId('Person', p.id),
    employments: (p, _a, ctx) => ctx.loaders.people.employmentsOfPerson.load(p.id),
    attendances: (p, _a, ctx) => ctx.loaders.initiatives.attendancesOfPerson.load(p.id),
  },
  Employment: {
    person: (e, _a, ctx) => e.person ?? ctx.loaders.people.person.load(e.personId).then((row) => row ?? Promise.reject(notFound('personId', e.personId, 'person'))),
    service: (e, _a, ctx) => requiredService(ctx.loaders.directory, e.serviceId, 'serviceId'),
    current: (e) => e.from <= e.asOf && (e.to === null || e.to >= e.asOf),
  },
  Service: {
    staff: (s, { asOf }, ctx) => {
      if (asOf && asOf !== ctx.today) return ctx.loaders.people.staffOfService(asOf).load(s.id);
      // Today's staff comes with the service row when the selection asked for it (directory/projection.ts),
      // each with the person's row, which Employment.person answers from without a lookup.
      const staff = s.embedded.staff;
      if (staff === undefined) return ctx.loaders.people.staffOfService(ctx.today).load(s.id);
      // Rows are this request's own: sorted in place (again, harmlessly, if asked twice).
      return staff.sort((a, b) => (a.personId < b.personId ? -1 : a.personId > b.personId ? 1 : 0));
    },
    staffCount: async (s, { asOf }, ctx) => peopleCount(ctx, (await ctx.loaders.people.staffCountOfService(asOf ?? ctx.today).load(s.id)) ?? 0),
  },
};
