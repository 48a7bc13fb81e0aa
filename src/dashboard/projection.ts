/**
 * The map's projection: a local equirectangular projection centred on the drawn area (x = R·Δλ·cos φ0,
 * y = R·Δφ, in metres). Over a Brussels care zone (≤ 20 km) its scale differs from the true one by
 * well under 0.1 %, so the scale bar holds everywhere on the map; Web Mercator would add nothing
 * without tiles to match. Pure (no DOM): tested in projection.test.ts.
 */
export type LonLat = readonly [number, number];
/** West, south, east, north in degrees. */
export type BBox = readonly [number, number, number, number];

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS = 6_371_008.8;
const RAD = Math.PI / 180;

export interface Projection {
  /** Page pixels (x right, y down) of a WGS84 point. */
  project(p: LonLat): [number, number];
  /** Ground metres one pixel stands for. */
  metresPerPixel: number;
}

export function bboxOf(points: Iterable<LonLat>): BBox | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of points) {
    w = Math.min(w, lon);
    e = Math.max(e, lon);
    s = Math.min(s, lat);
    n = Math.max(n, lat);
  }
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** The projection that fits `bbox` into width × height pixels with `padding` on each side, centred. */
export function fitProjection(bbox: BBox, width: number, height: number, padding = 8): Projection {
  const [w, s, e, n] = bbox;
  const lon0 = (w + e) / 2;
  const lat0 = (s + n) / 2;
  const cos0 = Math.cos(lat0 * RAD);
  const metres = ([lon, lat]: LonLat): [number, number] => [EARTH_RADIUS * (lon - lon0) * RAD * cos0, EARTH_RADIUS * (lat - lat0) * RAD];
  const [x0, y0] = metres([w, s]);
  const [x1, y1] = metres([e, n]);
  const spanX = Math.max(x1 - x0, 1);
  const spanY = Math.max(y1 - y0, 1);
  const k = Math.min((width - 2 * padding) / spanX, (height - 2 * padding) / spanY);
  const offsetX = (width - spanX * k) / 2;
  const offsetY = (height - spanY * k) / 2;
  return {
    project(p) {
      const [x, y] = metres(p);
      return [offsetX + (x - x0) * k, offsetY + (y1 - y) * k];
    },
    metresPerPixel: 1 / k,
  };
}

/** A scale bar of a round length (1, 2 or 5 × 10ⁿ metres) at most `maxPixels` long. */
export function scaleBar(metresPerPixel: number, maxPixels: number): { metres: number; pixels: number; label: string } {
  const most = metresPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(most));
  const metres = [5, 2, 1].map((m) => m * power).find((m) => m <= most) ?? power;
  return { metres, pixels: metres / metresPerPixel, label: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` };
}
