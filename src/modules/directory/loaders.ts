/** Per-request DataLoaders of the directory module. */
import type { Db } from '../../neo4j/driver';
import { manyLoader, oneLoader, rowOf } from '../common/loader';
import type { OrganisationRow, SectorRow, ServiceRow } from './model';
import * as q from './queries';

const service = rowOf<ServiceRow>('Service');
const sector = rowOf<SectorRow>('Sector');
const organisation = rowOf<OrganisationRow>('Organisation');

export function createDirectoryLoaders(db: Db) {
  return {
    service: oneLoader(db, q.servicesById, service),
    sector: oneLoader(db, q.sectorsByCode, sector),
    organisation: oneLoader(db, q.organisationsById, organisation),
    /** Sectors of a service, primary first; each row says whether it is the primary one. */
    sectorsOfService: manyLoader(db, q.sectorsOfService, (r) => ({ ...sector(r), primary: r.primary === true })),
    servicesOfOrganisation: manyLoader(db, q.servicesOfOrganisation, service),
    async allSectors(): Promise<SectorRow[]> {
      return (await db.read(q.allSectors)).map(sector);
    },
  };
}

export type DirectoryLoaders = ReturnType<typeof createDirectoryLoaders>;
