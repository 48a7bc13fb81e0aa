/**
 * `node(id:)`: any object by its global id, or by its bare source id (`svc-00001`, `SUD`, `21007`),
 * through the same loaders as everything else. A source id carries no type, and imported data may
 * use any id, so a bare one is looked up under every type's key in one query; should two types
 * share it, the first of NODE_LOOKUP_ORDER wins (the types clients ask for most come first).
 */
import type { Context } from '../context';
import type { Resolvers, ResolversInterfaceTypes, ResolversTypes } from '../__generated__/resolvers-types';
import { cypher } from '../neo4j/driver';
import { fromGlobalId, type NodeType } from './common/ids';

type NodeRow = ResolversInterfaceTypes<ResolversTypes>['Node'];

/** Each type with the property that holds its source id (the uniqueness constraints of migrations.ts). */
export const NODE_LOOKUP_ORDER: ReadonlyArray<readonly [NodeType, string]> = [
  ['Service', 'id'],
  ['Organisation', 'id'],
  ['Person', 'id'],
  ['Session', 'id'],
  ['Edition', 'id'],
  ['Initiative', 'id'],
  ['Neighbourhood', 'code'],
  ['Municipality', 'nis'],
  ['Zone', 'code'],
  ['Region', 'code'],
  ['Sector', 'code'],
];

const TYPE_OF_KEY = cypher(
  'node.typeOfKey',
  NODE_LOOKUP_ORDER.map(([label, prop], i) => `MATCH (:${label} {${prop}: $key}) RETURN ${i} AS rank, '${label}' AS type`).join('\nUNION ALL\n'),
);

async function typeOfKey(ctx: Context, key: string): Promise<NodeType | null> {
  const rows = await ctx.db.read<{ rank: number; type: NodeType }>(TYPE_OF_KEY, { key });
  rows.sort((a, b) => a.rank - b.rank);
  return rows[0]?.type ?? null;
}

async function loadNode(ctx: Context, id: string): Promise<NodeRow | null> {
  const decoded = fromGlobalId(id);
  if (!decoded && (id.trim() === '' || id.length > 200)) return null;
  const type = decoded ? decoded.type : await typeOfKey(ctx, id);
  if (!type) return null;
  const key = decoded ? decoded.key : id;
  const { territory, directory, people, initiatives } = ctx.loaders;
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
