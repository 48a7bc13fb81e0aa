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
 * The directory's loaders for one request. Each loader is made when first asked for: a request
 * uses one or two of them, and making three up front was a few µs of a service detail (profiled).
 */
export class DirectoryLoaders {
  private readonly byParts = new Map<readonly ServicePart[], DataLoader<string, ServiceRow | null>>();
  private readonly ofOrganisationByParts = new Map<readonly ServicePart[], DataLoader<string, ServiceRow[]>>();
  /**
   * Service rows this request has read, by id. A resolver holding a service id answers from here at
   * once, without a promise per field (a page of 100 ties names 200 services); any row of a service
   * will do, as neighbours it lacks are read by part (`neighbourOf`).
   */
  private readonly known = new Map<string, ServiceRow>();
  private sectorLoader: DataLoader<string, SectorRow | null> | undefined;
  private organisationLoader: DataLoader<string, OrganisationRow | null> | undefined;

  /**
   * @param zoned the caller holds a zone key: every service row then carries its zone code, which the
   *   zone policy filters by (access/policy.ts).
   */
  constructor(
    private readonly db: Db,
    private readonly today: string,
    private readonly zoned: boolean,
  ) {}

  /** The parts to read: those asked, plus what the caller's policy needs. */
  readParts(parts: Iterable<ServicePart>): readonly ServicePart[] {
    return partsKey(this.zoned ? [...parts, 'zoneCode'] : parts);
  }

  /** Services by id read with `parts`: one loader per set of parts, so each batch is one query. */
  serviceWith(parts: Iterable<ServicePart>): DataLoader<string, ServiceRow | null> {
    return this.memo(this.byParts, parts, (key) => oneLoader(this.db, q.servicesById(key), (r) => this.rememberOne(asService(r)), { today: this.today }));
  }

  /** Services by id with no neighbours: field resolvers read what they need by part (`neighbourOf`). */
  get service(): DataLoader<string, ServiceRow | null> {
    return this.serviceWith(NO_PARTS);
  }

  /** A service by id: the row this request has read already, else one batched query. */
  serviceById(id: string): ServiceRow | null | Promise<ServiceRow | null> {
    return this.known.get(id) ?? this.service.load(id);
  }

  /** Rows read by another query (a page, a path): later lookups by id use them. */
  remember(rows: ServiceRow[]): void {
    for (const row of rows) this.known.set(row.id, row);
  }

  servicesOfOrganisation(parts: Iterable<ServicePart>): DataLoader<string, ServiceRow[]> {
    return this.memo(this.ofOrganisationByParts, parts, (key) => manyLoader(this.db, q.servicesOfOrganisation(key), asService, { today: this.today }));
  }

  get sector(): DataLoader<string, SectorRow | null> {
    return (this.sectorLoader ??= oneLoader(this.db, q.sectorsByCode, sector));
  }

  get organisation(): DataLoader<string, OrganisationRow | null> {
    return (this.organisationLoader ??= oneLoader(this.db, q.organisationsById, organisation));
  }

  async allSectors(): Promise<SectorRow[]> {
    return (await this.db.read(q.allSectors)).map(sector);
  }

  private rememberOne(row: ServiceRow): ServiceRow {
    this.known.set(row.id, row);
    return row;
  }

  private memo<L>(cache: Map<readonly ServicePart[], L>, parts: Iterable<ServicePart>, make: (parts: readonly ServicePart[]) => L): L {
    const key = this.readParts(parts);
    let loader = cache.get(key);
    if (!loader) {
      loader = make(key);
      cache.set(key, loader);
    }
    return loader;
  }
}

const NO_PARTS: readonly ServicePart[] = Object.freeze([]);

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
export function neighbourOf<K extends keyof ServiceNeighbours>(
  loaders: DirectoryLoaders,
  s: ServiceRow,
  part: K,
): ServiceNeighbours[K] | null | Promise<ServiceNeighbours[K] | null> {
  const known = s.embedded[part];
  if (known !== undefined) return known;
  return loaders
    .serviceWith([PART_TO_LOAD[part]])
    .load(s.id)
    .then((row) => row?.embedded[part] ?? null);
}
