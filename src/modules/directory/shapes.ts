/** Row shapes of the directory module (see neo4j/shape.ts). */
import { shape } from '../../neo4j/shape';
import type { OrganisationRow, SectorRow } from './model';

/** Bound to `sec` and `o`: their columns in queries.ts, their lists inside service rows (projection.ts). */
export const SECTOR = shape<SectorRow>('Sector', { code: 'sec.code', nameFr: 'sec.nameFr', nameNl: 'sec.nameNl' });
export const ORGANISATION = shape<OrganisationRow>('Organisation', {
  id: 'o.id',
  nameFr: 'o.nameFr',
  nameNl: 'o.nameNl',
  synthetic: 'coalesce(o.synthetic, false)',
});

/** A service's sector, bound to `sec` and its `r:IN_SECTOR` tie. */
export const SERVICE_SECTOR = shape<SectorRow & { primary: boolean }>('Sector', {
  code: 'sec.code',
  nameFr: 'sec.nameFr',
  nameNl: 'sec.nameNl',
  primary: 'coalesce(r.primary, false)',
});
