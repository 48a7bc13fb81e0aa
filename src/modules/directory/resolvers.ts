/** Resolvers of the directory module. */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { notFound } from '../../errors';
import { keyOf, toGlobalId } from '../common/ids';
import { nameField } from '../common/lang';
import { searchablePage } from '../common/pagination';
import { rowOf } from '../common/loader';
import type { OrganisationRow, ServiceRow } from './model';
import * as q from './queries';
import { listServices } from './services';

const asOrganisation = rowOf<OrganisationRow>('Organisation');

/** An embedded neighbour as the row its type's resolvers expect. */
const embed = <T extends string, R extends object>(typename: T, row: R | null) => (row ? { ...row, __typename: typename } : null);
/** Embedded sectors in the loader's order: primary first, then by code. */
const sectorsOf = (e: NonNullable<ServiceRow['embedded']>) =>
  e.sectors.map((x) => embed('Sector', x)!).sort((a, b) => Number(b.primary) - Number(a.primary) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

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
    services: (_p, { filter, first, after }, ctx) => listServices(ctx, filter, first, after),
    service: async (_p, { id }, ctx) => {
      const key = keyOf('Service', id);
      return (await ctx.loaders.directory.service.load(key)) ?? Promise.reject(notFound('id', id, 'service'));
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
    services: (o, _a, ctx) => ctx.loaders.directory.servicesOfOrganisation.load(o.id),
  },
  Service: {
    id: (s) => toGlobalId('Service', s.id),
    name: nameField,
    // From the row when it was read with its neighbours (embedded), else one batched load.
    organisation: (s, _a, ctx) =>
      s.embedded ? embed('Organisation', s.embedded.organisation) : s.organisationId ? ctx.loaders.directory.organisation.load(s.organisationId) : null,
    sectors: (s, _a, ctx) => (s.embedded ? sectorsOf(s.embedded) : ctx.loaders.directory.sectorsOfService.load(s.id)),
    primarySector: async (s, _a, ctx) => (s.embedded ? sectorsOf(s.embedded) : await ctx.loaders.directory.sectorsOfService.load(s.id)).find((x) => x.primary) ?? null,
    neighbourhood: (s, _a, ctx) =>
      s.embedded ? embed('Neighbourhood', s.embedded.neighbourhood) : s.neighbourhoodCode ? ctx.loaders.territory.neighbourhood.load(s.neighbourhoodCode) : null,
    monitoringNeighbourhood: (s, _a, ctx) => (s.monitoringCode ? ctx.loaders.territory.neighbourhood.load(s.monitoringCode) : null),
    municipality: (s, _a, ctx) =>
      s.embedded ? embed('Municipality', s.embedded.municipality) : s.municipalityNis ? ctx.loaders.territory.municipality.load(s.municipalityNis) : null,
    zone: (s, _a, ctx) => (s.embedded ? embed('Zone', s.embedded.zone) : s.zoneCode ? ctx.loaders.territory.zone.load(s.zoneCode) : null),
  },
};
