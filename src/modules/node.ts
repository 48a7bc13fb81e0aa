/** `node(id:)`: any object by global id, through the same loaders as everything else. */
import type { Context } from '../context';
import type { Resolvers, ResolversInterfaceTypes, ResolversTypes } from '../__generated__/resolvers-types';
import { fromGlobalId } from './common/ids';

type NodeRow = ResolversInterfaceTypes<ResolversTypes>['Node'];

async function loadNode(ctx: Context, id: string): Promise<NodeRow | null> {
  const decoded = fromGlobalId(id);
  if (!decoded) return null;
  const { territory, directory, people, initiatives } = ctx.loaders;
  const { type, key } = decoded;
  switch (type) {
    case 'Region':
      return territory.region.load(key);
    case 'Zone':
      return territory.zone.load(key);
    case 'Municipality':
      return territory.municipality.load(key);
    case 'Neighbourhood':
      return territory.neighbourhood.load(key);
    case 'Sector':
      return directory.sector.load(key);
    case 'Organisation':
      return directory.organisation.load(key);
    case 'Service':
      return directory.serviceById(key);
    case 'Person':
      return people.person.load(key);
    case 'Initiative':
      return initiatives.initiative.load(key);
    case 'Edition':
      return initiatives.edition.load(key);
    case 'Session':
      return initiatives.session.load(key);
  }
}

export const nodeResolvers: Resolvers = {
  Query: {
    node: (_p, { id }, ctx) => loadNode(ctx, id),
  },
  Node: {
    __resolveType: (row) => row.__typename,
  },
};
