/**
 * A GIS reader to check our GeoJSON files as QGIS would open them: GDAL's OGR GeoJSON driver
 * through pyogrio (its wheel bundles GDAL), with shapely for the geometries. Installed once from PyPI
 * into the ignored .pydeps/ folder (pip --target), like the networkx reference.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../../src/config';

const TARGET = path.join(PROJECT_ROOT, '.pydeps');
const PACKAGES = ['pyogrio==0.13.0', 'shapely==2.1.2'];

function ensureReader(): void {
  if (fs.existsSync(path.join(TARGET, 'pyogrio', '__init__.py')) && fs.existsSync(path.join(TARGET, 'shapely', '__init__.py'))) return;
  execFileSync('python3', ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--target', TARGET, ...PACKAGES], { stdio: 'inherit' });
}

const SCRIPT = `
import json, sys
import pyogrio, shapely
path = sys.argv[1]
layers = [str(l[0]) for l in pyogrio.list_layers(path)]
meta, _fids, geometry, fields = pyogrio.raw.read(path, return_fids=True)
names = list(meta['fields'])
features = []
for i, wkb in enumerate(geometry):
    g = shapely.from_wkb(wkb) if wkb is not None else None
    props = {}
    for j, name in enumerate(names):
        v = fields[j][i]
        props[name] = None if v is None or (isinstance(v, float) and v != v) else (v.item() if hasattr(v, 'item') else v)
    features.append({'properties': props, 'geometry': shapely.geometry.mapping(g) if g is not None else None, 'valid': bool(g.is_valid) if g is not None else None})
print(json.dumps({'driver': pyogrio.read_info(path)['driver'], 'gdal': pyogrio.__gdal_version_string__, 'layers': layers, 'crs': meta['crs'], 'geometryType': meta['geometry_type'], 'features': features}, default=lambda o: list(o) if isinstance(o, tuple) else str(o)))
`;

export interface GisFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown } | null;
  valid: boolean | null;
}

export interface GisLayer {
  driver: string;
  gdal: string;
  layers: string[];
  crs: string | null;
  geometryType: string;
  features: GisFeature[];
}

/** The file's (first) layer as GDAL reads it. */
export function readWithGdal(file: string): GisLayer {
  ensureReader();
  const out = execFileSync('python3', ['-c', SCRIPT, file], { env: { ...process.env, PYTHONPATH: TARGET }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as GisLayer;
}
