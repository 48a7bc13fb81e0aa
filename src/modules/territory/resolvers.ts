/** Resolvers of the territory module: thin, loaders only. */
import type { Resolvers } from '../../__generated__/resolvers-types';
import { notFound } from '../../errors';
import { toGlobalId } from '../common/ids';
import { nameField } from '../common/lang';
import type { Context } from '../../context';
import type { NeighbourhoodRow } from './model';
import { loadTerritory, parseTerritory, selectTerritory } from './select';
import { geometryRow, parsePoint, parseTolerance, pickIndicators, unitKey, type ShapeLabel } from './geography';
import type { IndicatorLevel } from './indicators';

/** `geometry(toleranceMetres:)` of a unit: its stored shape, simplified on request. */
const geometryField =
  <R>(label: ShapeLabel, keyOf: (row: R) => string) =>
  async (row: R, { toleranceMetres }: { toleranceMetres?: number | null }, ctx: Context) => {
    const tolerance = parseTolerance(toleranceMetres);
    const shape = await ctx.loaders.territory.geo.shape[label].load(keyOf(row));
    return shape ? geometryRow(shape, tolerance) : null;
  };

/** `indicators(names:, year:)` of a unit. */
const indicatorsField =
  <R>(level: IndicatorLevel, keyOf: (row: R) => string) =>
  async (row: R, { names, year }: { names?: string[] | null; year?: number | null }, ctx: Context) =>
    pickIndicators(await ctx.loaders.territory.geo.indicators.load(unitKey(level, keyOf(row))), names, year);

export const REGION_CODE = 'BRU';

/** A neighbourhood row with its place (municipality and zone codes), read again when it came bare. */
const placed = async (ctx: Context, n: NeighbourhoodRow): Promise<Pick<NeighbourhoodRow, 'municipalityNis' | 'zoneCode'>> =>
  n.municipalityNis !== undefined && n.zoneCode !== undefined ? n : ((await ctx.loaders.territory.neighbourhood.load(n.code)) ?? n);

export const territoryResolvers: Resolvers = {
  Query: {
    region: async (_p, _a, ctx) => {
      const region = await ctx.loaders.territory.region.load(REGION_CODE);
      if (!region) throw notFound('region', REGION_CODE, 'region (is the database seeded?)');
      return region;
    },
    zones: (_p, _a, ctx) => ctx.loaders.territory.zonesOfRegion.load(REGION_CODE),
    zone: async (_p, { code }, ctx) => (await ctx.loaders.territory.zone.load(code)) ?? Promise.reject(notFound('code', code, 'zone')),
    municipalities: (_p, _a, ctx) => ctx.loaders.territory.municipalitiesOfRegion.load(REGION_CODE),
    municipality: async (_p, { nisCode }, ctx) => (await ctx.loaders.territory.municipality.load(nisCode)) ?? Promise.reject(notFound('nisCode', nisCode, 'municipality')),
    neighbourhood: async (_p, { code }, ctx) => (await ctx.loaders.territory.neighbourhood.load(code)) ?? Promise.reject(notFound('code', code, 'neighbourhood')),
    neighbourhoods: async (_p, { grid, within }, ctx) => {
      const t = ctx.loaders.territory;
      if (!within) return t.allNeighbourhoods(grid ?? null);
      const sel = await selectTerritory(ctx, within, 'within');
      const rows =
        sel.level === 'region'
          ? await t.neighbourhoodsOfRegion.load(sel.code)
          : sel.level === 'zone'
            ? await t.neighbourhoodsOfZone.load(sel.code)
            : sel.level === 'municipality'
              ? await t.neighbourhoodsOfMunicipality.load(sel.code)
              : [(await t.neighbourhood.load(sel.code))!];
      return grid ? rows.filter((n) => n.grid === grid) : rows;
    },
    territory: (_p, { select }, ctx) => loadTerritory(ctx, parseTerritory(select, 'select'), 'select'),
    territoryAt: async (_p, args, ctx) => {
      const { lon, lat } = parsePoint(args.lon, args.lat);
      const geo = ctx.loaders.territory.geo;
      const [neighbourhoodCode, municipalityNis] = await Promise.all([geo.unitAt('Neighbourhood', lon, lat), geo.unitAt('Municipality', lon, lat)]);
      return { lon, lat, neighbourhoodCode, municipalityNis };
    },
    statisticalSector: async (_p, { code }, ctx) => (await ctx.loaders.territory.geo.sector.load(code)) ?? Promise.reject(notFound('code', code, 'statistical sector')),
  },
  TerritoryAt: {
    neighbourhood: (t, _a, ctx) => (t.neighbourhoodCode ? ctx.loaders.territory.neighbourhood.load(t.neighbourhoodCode) : null),
    municipality: (t, _a, ctx) => (t.municipalityNis ? ctx.loaders.territory.municipality.load(t.municipalityNis) : null),
    zone: async (t, _a, ctx) => {
      const n = t.neighbourhoodCode ? await ctx.loaders.territory.neighbourhood.load(t.neighbourhoodCode) : null;
      return n?.zoneCode ? ctx.loaders.territory.zone.load(n.zoneCode) : null;
    },
  },
  StatisticalSector: {
    name: nameField,
    neighbourhood: (s, _a, ctx) => (s.neighbourhoodCode ? ctx.loaders.territory.neighbourhood.load(s.neighbourhoodCode) : null),
    municipality: (s, _a, ctx) => (s.municipalityNis ? ctx.loaders.territory.municipality.load(s.municipalityNis) : null),
    indicators: indicatorsField('STATISTICAL_SECTOR', (s: { code: string }) => s.code),
  },
  MunicipalityShare: {
    municipality: async (s, _a, ctx) => (await ctx.loaders.territory.municipality.load(s.nis)) ?? Promise.reject(notFound('nis', s.nis, 'municipality')),
  },
  Service: {
    location: (s, _a, ctx) => ctx.loaders.territory.geo.serviceLocation.load(s.id),
  },
  Territory: {
    __resolveType: (row) => row.__typename,
  },
  Region: {
    id: (r) => toGlobalId('Region', r.code),
    name: nameField,
    zones: (r, _a, ctx) => ctx.loaders.territory.zonesOfRegion.load(r.code),
    municipalities: (r, _a, ctx) => ctx.loaders.territory.municipalitiesOfRegion.load(r.code),
    indicators: async (r, { names, year }, ctx) => pickIndicators((await ctx.loaders.territory.geo.rolledUp.Region.load(r.code)) ?? [], names, year),
  },
  Zone: {
    id: (z) => toGlobalId('Zone', z.code),
    name: nameField,
    region: async (z, _a, ctx) => (await ctx.loaders.territory.region.load(z.regionCode)) ?? Promise.reject(notFound('regionCode', z.regionCode, 'region')),
    municipalities: (z, _a, ctx) => ctx.loaders.territory.municipalitiesOfZone.load(z.code),
    neighbourhoods: (z, _a, ctx) => ctx.loaders.territory.neighbourhoodsOfZone.load(z.code),
    source: (z, _a, ctx) => ctx.loaders.territory.geo.zoneSource.load(z.code),
    geometry: geometryField('Zone', (z: { code: string }) => z.code),
    indicators: async (z, { names, year }, ctx) => pickIndicators((await ctx.loaders.territory.geo.rolledUp.Zone.load(z.code)) ?? [], names, year),
  },
  Municipality: {
    id: (m) => toGlobalId('Municipality', m.nis),
    nisCode: (m) => m.nis,
    name: nameField,
    region: async (m, _a, ctx) => {
      const code = m.regionCode ?? (await ctx.loaders.territory.municipality.load(m.nis))?.regionCode;
      if (!code) throw notFound('nis', m.nis, 'region for the municipality');
      return (await ctx.loaders.territory.region.load(code)) ?? Promise.reject(notFound('regionCode', code, 'region'));
    },
    zones: (m, _a, ctx) => ctx.loaders.territory.zonesOfMunicipality.load(m.nis),
    neighbourhoods: async (m, { grid }, ctx) => {
      const rows = await ctx.loaders.territory.neighbourhoodsOfMunicipality.load(m.nis);
      return grid ? rows.filter((n) => n.grid === grid) : rows;
    },
    areaKm2: async (m, _a, ctx) => (await ctx.loaders.territory.geo.municipalityDetail.load(m.nis))?.areaKm2 ?? null,
    centroid: async (m, _a, ctx) => (await ctx.loaders.territory.geo.municipalityDetail.load(m.nis))?.centroid ?? null,
    geometry: geometryField('Municipality', (m: { nis: string }) => m.nis),
    indicators: indicatorsField('MUNICIPALITY', (m: { nis: string }) => m.nis),
  },
  Neighbourhood: {
    id: (n) => toGlobalId('Neighbourhood', n.code),
    name: nameField,
    municipality: async (n, _a, ctx) => {
      if (n.municipality !== undefined) return n.municipality;
      const nis = (await placed(ctx, n)).municipalityNis;
      return nis ? ctx.loaders.territory.municipality.load(nis) : null;
    },
    zone: async (n, _a, ctx) => {
      if (n.zone !== undefined) return n.zone;
      const code = (await placed(ctx, n)).zoneCode;
      return code ? ctx.loaders.territory.zone.load(code) : null;
    },
    municipalities: async (n, _a, ctx) => (await ctx.loaders.territory.geo.neighbourhoodDetail.load(n.code))?.shares ?? [],
    provenance: async (n, _a, ctx) => (await ctx.loaders.territory.geo.neighbourhoodDetail.load(n.code))?.provenance ?? null,
    kind: async (n, _a, ctx) => {
      const kind = (await ctx.loaders.territory.geo.neighbourhoodDetail.load(n.code))?.kind;
      return kind === 'RESIDENTIAL' || kind === 'PARK' || kind === 'INDUSTRIAL' || kind === 'CEMETERY' ? kind : null;
    },
    areaKm2: async (n, _a, ctx) => (await ctx.loaders.territory.geo.neighbourhoodDetail.load(n.code))?.areaKm2 ?? null,
    centroid: async (n, _a, ctx) => (await ctx.loaders.territory.geo.neighbourhoodDetail.load(n.code))?.centroid ?? null,
    innerPoint: async (n, _a, ctx) => (await ctx.loaders.territory.geo.neighbourhoodDetail.load(n.code))?.innerPoint ?? null,
    geometry: geometryField('Neighbourhood', (n: { code: string }) => n.code),
    indicators: indicatorsField('NEIGHBOURHOOD', (n: { code: string }) => n.code),
    statisticalSectors: (n, _a, ctx) => ctx.loaders.territory.geo.sectorsOfNeighbourhood.load(n.code),
  },
};
