/** One fresh set of DataLoaders per request: caches never cross requests or callers. */
import type { Db } from '../neo4j/driver';
import { createDirectoryLoaders } from './directory/loaders';
import { createInitiativeLoaders } from './initiatives/loaders';
import { createNetworkLoaders } from './network/loaders';
import { createPeopleLoaders } from './people/loaders';
import { createTerritoryLoaders } from './territory/loaders';

/** @param zoned the caller holds a zone key (its policy needs each service's zone). */
export function createLoaders(db: Db, today = new Date().toISOString().slice(0, 10), zoned = false) {
  return {
    territory: createTerritoryLoaders(db),
    directory: createDirectoryLoaders(db, today, zoned),
    people: createPeopleLoaders(db, today),
    initiatives: createInitiativeLoaders(db),
    network: createNetworkLoaders(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
