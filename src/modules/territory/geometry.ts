/**
 * Geometry of territorial units: GeoJSON polygons in WGS84 (EPSG:4326, longitude first), as the
 * sources give them. Pure functions over @turf/* (simplification, point in polygon, union, overlay):
 * a maintained library, not home-made computational geometry.
 */
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { area as turfArea } from '@turf/area';
import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import { featureCollection, feature } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import { simplify } from '@turf/simplify';
import { union } from '@turf/union';

export type Area = Polygon | MultiPolygon;
/** [west, south, east, north] in degrees. */
export type BBox = [number, number, number, number];

export const CRS = 'EPSG:4326';
export const CRS_URN = 'urn:ogc:def:crs:OGC:1.3:CRS84';
/** Shown wherever geometry is served (the quartier grid and the municipal boundaries are UrbIS). */
export const ATTRIBUTION = 'UrbIS © CIRB/SPRB (licence ouverte / open licence); Monitoring des Quartiers © IBSA/BISA';

/** Metres per degree of latitude: tolerances given in metres are converted with it (conservative in longitude). */
const METRES_PER_DEGREE = 111_320;
/** The largest tolerance accepted: beyond 2 km a quartier is a triangle. */
export const MAX_TOLERANCE_METRES = 2000;
/** Holes and islands below this size after a union are seams between independently simplified polygons. */
const SLIVER_M2 = 2000;

export function parseArea(json: string): Area {
  const g = JSON.parse(json) as { type?: string; coordinates?: unknown };
  if ((g.type !== 'Polygon' && g.type !== 'MultiPolygon') || !Array.isArray(g.coordinates)) throw new Error(`not a Polygon or MultiPolygon: ${json.slice(0, 60)}`);
  return g as Area;
}

const asFeature = (g: Area): Feature<Area> => feature(g);

/** Douglas–Peucker simplification with a tolerance in metres; 0 gives the geometry as stored. */
export function simplifyArea(g: Area, toleranceMetres: number): Area {
  if (toleranceMetres <= 0) return g;
  return simplify(asFeature(g), { tolerance: toleranceMetres / METRES_PER_DEGREE, highQuality: true }).geometry;
}

export function bboxOf(g: Area): BBox {
  let w = Infinity;
  let s = Infinity;
  let e = -Infinity;
  let n = -Infinity;
  for (const ring of rings(g))
    for (const [x, y] of ring) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return [w, s, e, n];
}

const rings = (g: Area): Position[][] => (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat());

export const contains = (g: Area, lon: number, lat: number): boolean => booleanPointInPolygon([lon, lat], g);

/** Geodesic area in square metres. */
export const areaM2 = (g: Area): number => turfArea(g);

/**
 * The union of polygons (a zone from its quartiers). The quartiers were simplified one by one, so
 * their shared edges leave seams: holes and islands under 2,000 m² are dropped.
 */
export function unionAreas(gs: readonly Area[]): Area | null {
  if (gs.length === 0) return null;
  const merged = gs.length === 1 ? asFeature(gs[0]!) : union(featureCollection(gs.map(asFeature)));
  if (!merged) return null;
  const polygons = (merged.geometry.type === 'Polygon' ? [merged.geometry.coordinates] : merged.geometry.coordinates)
    .map((poly) => [poly[0]!, ...poly.slice(1).filter((hole) => areaM2({ type: 'Polygon', coordinates: [hole] }) >= SLIVER_M2)])
    .filter((poly) => areaM2({ type: 'Polygon', coordinates: [poly[0]!] }) >= SLIVER_M2);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/** The share of `g`'s area inside each of `others` (keyed), those above `min` only. */
export function overlapShares(g: Area, others: ReadonlyArray<{ key: string; area: Area }>, min = 0.01): Array<{ key: string; share: number }> {
  const total = areaM2(g);
  const box = bboxOf(g);
  const out: Array<{ key: string; share: number }> = [];
  for (const o of others) {
    if (!boxesMeet(box, bboxOf(o.area))) continue;
    const common = intersect(featureCollection([asFeature(g), asFeature(o.area)]));
    const share = common ? areaM2(common.geometry) / total : 0;
    if (share >= min) out.push({ key: o.key, share: Math.round(share * 1000) / 1000 });
  }
  return out.sort((a, b) => b.share - a.share || a.key.localeCompare(b.key));
}

export const boxesMeet = (a: BBox, b: BBox): boolean => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * A point inside `g` (and inside `also`, when given), drawn with `next` (a seeded stream): rejection
 * sampling in the bounding box. Null after 1,000 misses (a sliver).
 */
export function pointInside(g: Area, next: () => number, also?: Area): [number, number] | null {
  const [w, s, e, n] = bboxOf(g);
  for (let i = 0; i < 1000; i++) {
    const lon = w + next() * (e - w);
    const lat = s + next() * (n - s);
    if (contains(g, lon, lat) && (!also || contains(also, lon, lat))) return [round6(lon), round6(lat)];
  }
  return null;
}

/** The same shape moved north by `degrees` (the L scale's synthetic copies of the region). */
export function shiftNorth(g: Area, degrees: number): Area {
  if (degrees === 0) return g;
  const move = (ring: Position[]) => ring.map(([x, y]) => [x!, round6(y! + degrees)]);
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map(move) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map(move)) };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
