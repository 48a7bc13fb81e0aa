/** Per-request DataLoaders of the directory module. */
import type DataLoader from 'dataloader';
import type { Db, Row } from '../../neo4j/driver';
import { notFound } from '../../errors';
import { manyLoader, oneLoader, rowOf } from '../common/loader';
import type { OrganisationRow, SectorRow, ServiceNeighbours, ServiceRow } from './model';
import { partsKey, type ServicePart } from './projection';
import * as q from './queries';

const sector = rowOf<SectorRow>('Sector');
const organisation = rowOf<OrganisationRow>('Organisation');
/** Service queries return the whole row, decoded (projection.ts `byParts`), as one `service` column. */
export const asService = (r: Row): ServiceRow => r.service as ServiceRow;

/**
 * @param zoned the caller holds a zone key: every service row then carries its zone code, which the
 *   zone policy filters by (access/policy.ts).
 */
export function createDirectoryLoaders(db: Db, today: string, zoned: boolean) {
  const byParts = new Map<string, DataLoader<string, ServiceRow | null>>();
  const ofOrganisationByParts = new Map<string, DataLoader<string, ServiceRow[]>>();
  /** The parts to read: those asked, plus what the caller's policy needs. */
  const readParts = (parts: Iterable<ServicePart>): ServicePart[] => partsKey(zoned ? [...parts, 'zoneCode'] : parts);
  const memo = <L>(cache: Map<string, L>, parts: Iterable<ServicePart>, make: (parts: ServicePart[]) => L): L => {
    const key = readParts(parts);
    const id = key.join(',');
    let loader = cache.get(id);
    if (!loader) {
      loader = make(key);
      cache.set(id, loader);
    }
    return loader;
  };
  /**
   * Service rows this request has read, by id. A resolver holding a service id answers from here at
   * once, without a promise per field (a page of 100 ties names 200 services); any row of a service
   * will do, as neighbours it lacks are read by part (`neighbourOf`).
   */
  const known = new Map<string, ServiceRow>();
  const remember = (row: ServiceRow): ServiceRow => {
    known.set(row.id, row);
    return row;
  };
  /** Services by id read with `parts`: one loader per set of parts, so each batch is one query. */
  const serviceWith = (parts: Iterable<ServicePart>): DataLoader<string, ServiceRow | null> =>
    memo(byParts, parts, (key) => oneLoader(db, q.servicesById(key), (r) => remember(asService(r)), { today }));
  const service = serviceWith([]);
  return {
    /** Services by id with no neighbours: field resolvers read what they need by part (`neighbourOf`). */
    service,
    serviceWith,
    /** A service by id: the row this request has read already, else one batched query. */
    serviceById: (id: string): ServiceRow | null | Promise<ServiceRow | null> => known.get(id) ?? service.load(id),
    /** Rows read by another query (a page, a path): later lookups by id use them. */
    remember: (rows: ServiceRow[]) => rows.forEach(remember),
    readParts,
    servicesOfOrganisation: (parts: Iterable<ServicePart>) =>
      memo(ofOrganisationByParts, parts, (key) => manyLoader(db, q.servicesOfOrganisation(key), asService, { today })),
    sector: oneLoader(db, q.sectorsByCode, sector),
    organisation: oneLoader(db, q.organisationsById, organisation),
    async allSectors(): Promise<SectorRow[]> {
      return (await db.read(q.allSectors)).map(sector);
    },
  };
}

export type DirectoryLoaders = ReturnType<typeof createDirectoryLoaders>;

/** A service a row points to, which must exist (a dangling id is NOT_FOUND, naming the field). */
export const requiredService = (loaders: DirectoryLoaders, id: string, field: string): ServiceRow | Promise<ServiceRow> =>
  mapMaybe(loaders.serviceById(id), (row) => {
    if (!row) throw notFound(field, id, 'service');
    return row;
  });

/** Applies `f` now to a plain value, or later to a promised one: resolvers stay synchronous when they can. */
export const mapMaybe = <T, R>(value: T | Promise<T>, f: (x: T) => R): R | Promise<R> => (value instanceof Promise ? value.then(f) : f(value));

/** The part to read when a neighbour was not read with the row: a neighbourhood with its place, as later fields may ask it. */
const PART_TO_LOAD: Record<keyof ServiceNeighbours, ServicePart> = {
  organisation: 'organisation',
  sectors: 'sectors',
  neighbourhood: 'neighbourhoodPlace',
  monitoring: 'monitoring',
  municipality: 'municipality',
  zone: 'zone',
  staff: 'staff',
  sessions: 'sessions',
};

/**
 * A neighbour of a service: from the row when it was read with that part (synchronously: a page of
 * 50 services resolves thousands of fields), else one batched query for that part, shared by every
 * service of the request that needs it.
 */
export function neighbourOf<K extends keyof ServiceNeighbours>(loaders: DirectoryLoaders, s: ServiceRow, part: K): ServiceNeighbours[K] | null | Promise<ServiceNeighbours[K] | null> {
  const known = s.embedded[part];
  if (known !== undefined) return known as ServiceNeighbours[K];
  return loaders.serviceWith([PART_TO_LOAD[part]]).load(s.id).then((row) => (row?.embedded[part] as ServiceNeighbours[K] | undefined) ?? null);
}
