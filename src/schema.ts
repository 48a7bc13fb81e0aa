/** The executable schema: the SDL of schema/*.graphql plus every module's resolvers. */
import fs from 'node:fs';
import path from 'node:path';
import { makeExecutableSchema } from '@graphql-tools/schema';
import type { GraphQLSchema } from 'graphql';
import { applyPolicy } from './access/policy';
import { ROLES, type Role } from './access/principal';
import { accessResolvers } from './access/resolvers';
import { POLICY } from './access/rules';
import { PROJECT_ROOT } from './config';
import type { Resolvers } from './__generated__/resolvers-types';
import { withSourceIds } from './modules/common/id-arguments';
import { DateScalar, DateTimeScalar } from './modules/common/scalars';
import { changeResolvers } from './modules/change/resolvers';
import { communityResolvers } from './modules/communities/resolvers';
import { directoryResolvers } from './modules/directory/resolvers';
import { mapResolvers } from './modules/maps/resolvers';
import { initiativeResolvers } from './modules/initiatives/resolvers';
import { editingResolvers } from './modules/editing/resolvers';
import { evidenceResolvers } from './modules/evidence/resolvers';
import { exportResolvers } from './modules/exports/resolvers';
import { networkResolvers } from './modules/network/resolvers';
import { nodeResolvers } from './modules/node';
import { peopleResolvers } from './modules/people/resolvers';
import { territoryResolvers } from './modules/territory/resolvers';

export const SCHEMA_DIR = path.join(PROJECT_ROOT, 'schema');

export function loadTypeDefs(): string[] {
  return fs
    .readdirSync(SCHEMA_DIR)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => fs.readFileSync(path.join(SCHEMA_DIR, f), 'utf8'));
}

export const moduleResolvers: Resolvers[] = [
  { Date: DateScalar, DateTime: DateTimeScalar },
  nodeResolvers,
  territoryResolvers,
  directoryResolvers,
  peopleResolvers,
  initiativeResolvers,
  accessResolvers,
  networkResolvers,
  communityResolvers,
  changeResolvers,
  mapResolvers,
  editingResolvers,
  evidenceResolvers,
  exportResolvers,
];

/**
 * The schema as served (every field behind the access policy of src/access/rules.ts, checked per
 * call), and one schema per role with the rules that depend on the role alone settled ahead of time
 * (access/policy.ts `applyPolicy`): operations run on their caller's role's schema.
 */
export function buildSchemas(pseudonymSecret: string): { served: GraphQLSchema; byRole: Record<Role, GraphQLSchema> } {
  const raw = buildRawSchema();
  const byRole = Object.fromEntries(ROLES.map((role) => [role, applyPolicy(raw, POLICY, pseudonymSecret, role)])) as Record<Role, GraphQLSchema>;
  return { served: applyPolicy(raw, POLICY, pseudonymSecret), byRole };
}

/**
 * The schema without access rules, for tooling that inspects it. ID arguments take global or source
 * ids alike (modules/common/id-arguments.ts): resolvers see source ids.
 */
export function buildRawSchema(): GraphQLSchema {
  return withSourceIds(
    makeExecutableSchema({
      typeDefs: loadTypeDefs(),
      resolvers: moduleResolvers,
      resolverValidationOptions: { requireResolversToMatchSchema: 'error' },
    }),
  );
}
