/** Resolvers of the directory module. */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { notFound } from '../../errors';
import { keyOf, toGlobalId } from '../common/ids';
import { nameField } from '../common/lang';
import { searchablePage } from '../common/pagination';
import { rowOf } from '../common/loader';
import type { Context } from '../../context';
import { mapMaybe, neighbourOf } from './loaders';
import type { OrganisationRow, ServiceNeighbours, ServiceRow } from './model';
import { CONNECTION_NODES, servicePartsOf } from './projection';
import * as q from './queries';
import { listServices } from './services';

const asOrganisation = rowOf<OrganisationRow>('Organisation');

/** Sectors in a fixed order: primary first, then by code (a copy: the row may be shared). */
const ordered = (sectors: ServiceNeighbours['sectors']) => [...sectors].sort((a, b) => Number(b.primary) - Number(a.primary) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
const sectorsOf = (ctx: Context, s: ServiceRow) => mapMaybe(neighbourOf(ctx.loaders.directory, s, 'sectors'), (x) => ordered(x ?? []));

/** Shared fields of every connection type. */
export const connectionFields = {
  edges: <T>(page: { rows: T[]; cursorOf(row: T): string }) => page.rows.map((node) => ({ cursor: page.cursorOf(node), node })),
  nodes: <T>(page: { rows: T[] }) => page.rows,
  pageInfo: <T>(page: { rows: T[]; hasNextPage: boolean; hasPreviousPage: boolean; cursorOf(row: T): string }) => ({
    hasNextPage: page.hasNextPage,
    hasPreviousPage: page.hasPreviousPage,
    startCursor: page.rows.length ? page.cursorOf(page.rows[0] as T) : null,
    endCursor: page.rows.length ? page.cursorOf(page.rows[page.rows.length - 1] as T) : null,
  }),
  totalCount: (page: { totalCount(): Promise<number> }) => page.totalCount(),
};

export const directoryResolvers: Resolvers = {
  Query: {
    sectors: (_p, _a, ctx) => ctx.loaders.directory.allSectors(),
    sector: async (_p, { code }, ctx) => (await ctx.loaders.directory.sector.load(code)) ?? Promise.reject(notFound('code', code, 'sector')),
    services: (_p, { filter, first, after }, ctx, info) => listServices(ctx, filter, first, after, servicePartsOf(info, ctx.lang, CONNECTION_NODES)),
    service: async (_p, { id }, ctx, info) => {
      const key = keyOf('Service', id);
      return (await ctx.loaders.directory.serviceWith(servicePartsOf(info, ctx.lang)).load(key)) ?? Promise.reject(notFound('id', id, 'service'));
    },
    organisation: async (_p, { id }, ctx) => {
      const key = keyOf('Organisation', id);
      return (await ctx.loaders.directory.organisation.load(key)) ?? Promise.reject(notFound('id', id, 'organisation'));
    },
    organisations: (_p, args, ctx) =>
      searchablePage(
        ctx,
        { page: q.organisationsPage, count: q.organisationsCount, searchPage: q.organisationsSearchPage, searchCount: q.organisationsSearchCount },
        args,
        asOrganisation,
        (row) => ctx.loaders.directory.organisation.prime(row.id, row),
      ),
  },
  ServiceConnection: connectionFields,
  OrganisationConnection: connectionFields,
  Sector: {
    id: (s) => toGlobalId('Sector', s.code),
    name: nameField,
  },
  Organisation: {
    id: (o) => toGlobalId('Organisation', o.id),
    name: nameField,
    services: (o, _a, ctx, info) => ctx.loaders.directory.servicesOfOrganisation(servicePartsOf(info, ctx.lang)).load(o.id),
  },
  Service: {
    id: (s) => toGlobalId('Service', s.id),
    name: nameField,
    // From the row when it was read with its neighbours (see projection.ts), else one batched query per part.
    organisation: (s, _a, ctx) => neighbourOf(ctx.loaders.directory, s, 'organisation'),
    sectors: (s, _a, ctx) => sectorsOf(ctx, s),
    primarySector: (s, _a, ctx) => mapMaybe(sectorsOf(ctx, s), (xs) => xs.find((x) => x.primary) ?? null),
    neighbourhood: (s, _a, ctx) => neighbourOf(ctx.loaders.directory, s, 'neighbourhood'),
    monitoringNeighbourhood: (s, _a, ctx) => neighbourOf(ctx.loaders.directory, s, 'monitoring'),
    municipality: (s, _a, ctx) => neighbourOf(ctx.loaders.directory, s, 'municipality'),
    zone: (s, _a, ctx) => neighbourOf(ctx.loaders.directory, s, 'zone'),
  },
};
