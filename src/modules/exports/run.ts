/**
 * One export, three doors (CLI, HTTP download, GraphQL field): ask the policy, parse the scope (a zone
 * key's territory must lie in its zone), build the network, apply the small-cell rule, stream the
 * chosen format. People read are left in `ctx.personReads` for the door's audit record.
 */
import { assertAllowed } from '../../access/policy';
import { DOOR_RULES } from '../../access/rules';
import type { Context } from '../../context';
import { badInput } from '../../errors';
import { cypher } from '../../neo4j/driver';
import { parseScope, type ScopeArgs } from '../network/scope';
import type { TieFilterSpec } from '../network/tie-filter';
import { writeCsvEdges, writeCsvNodes, writeCytoscape, writeGexf, writeGeojson, writeGraphml, type Write } from './formats';
import { buildExportGraph, suppressSmallCells, type ExportLevel } from './graph';
import { writeSvg } from './svg';
import { checkMapLevel, isMapFormat, writeMap } from './map';

export const EXPORT_FORMATS = {
  GEXF: { mediaType: 'application/gexf+xml', extension: 'gexf' },
  GRAPHML: { mediaType: 'application/graphml+xml', extension: 'graphml' },
  CSV_NODES: { mediaType: 'text/csv', extension: 'nodes.csv' },
  CSV_EDGES: { mediaType: 'text/csv', extension: 'edges.csv' },
  CYTOSCAPE: { mediaType: 'application/json', extension: 'cyjs' },
  GEOJSON: { mediaType: 'application/geo+json', extension: 'geojson' },
  SVG: { mediaType: 'image/svg+xml', extension: 'svg' },
  GEOJSON_QUARTIERS: { mediaType: 'application/geo+json', extension: 'quartiers.geojson' },
  GEOJSON_TIES: { mediaType: 'application/geo+json', extension: 'ties.geojson' },
} as const;
export type ExportFormat = keyof typeof EXPORT_FORMATS;

export interface ExportRequest extends ScopeArgs {
  level: ExportLevel;
  format: ExportFormat;
  /** PER_EXPORT: pseudonyms keyed for this export alone, so two exports cannot be joined on people. */
  pseudonyms?: 'STABLE' | 'PER_EXPORT' | null;
}

const CENTROIDS = cypher('exports.centroids', 'MATCH (m:Municipality) WHERE m.lon IS NOT NULL RETURN m.nis AS nis, m.lon AS lon, m.lat AS lat');
const SECTOR_NAMES = cypher('exports.sectorNames', 'MATCH (s:Sector) RETURN s.code AS code, s.nameFr AS nameFr, s.nameNl AS nameNl');

export async function runExport(ctx: Context, req: ExportRequest, write: Write): Promise<{ nodes: number; edges: number; ties: TieFilterSpec }> {
  assertAllowed(req.level === 'PEOPLE' ? DOOR_RULES.exportPeople : DOOR_RULES.exportServices, ctx.principal, `the ${req.level.toLowerCase()} network export`);
  if (isMapFormat(req.format)) checkMapLevel(req.format, req.level);
  const scope = await parseScope(ctx, req);
  // The backbone is a test on pairs of services; people's MET ties keep no encounter list to cut.
  if (req.level === 'PEOPLE' && scope.ties.backbone) throw badInput('ties.backbone', 'the backbone judges services: ask it of the SERVICES level');
  const graph = suppressSmallCells(await buildExportGraph(ctx, scope, req.level, { perExportPseudonyms: req.pseudonyms === 'PER_EXPORT' }), ctx);
  switch (req.format) {
    case 'GEXF':
      writeGexf(graph, write);
      break;
    case 'GRAPHML':
      writeGraphml(graph, write);
      break;
    case 'CSV_NODES':
      writeCsvNodes(graph, write);
      break;
    case 'CSV_EDGES':
      writeCsvEdges(graph, write);
      break;
    case 'CYTOSCAPE':
      writeCytoscape(graph, write);
      break;
    case 'GEOJSON': {
      const rows = await ctx.db.read<{ nis: string; lon: number; lat: number }>(CENTROIDS);
      writeGeojson(graph, new Map(rows.map((r) => [r.nis, [r.lon, r.lat] as [number, number]])), write);
      break;
    }
    case 'GEOJSON_QUARTIERS':
    case 'GEOJSON_TIES':
      await writeMap(ctx, scope, graph, req.format, write);
      break;
    case 'SVG': {
      const rows = await ctx.db.read<{ code: string; nameFr: string; nameNl: string }>(SECTOR_NAMES);
      const names = new Map(rows.map((r) => [r.code, ctx.lang === 'NL' ? r.nameNl : r.nameFr]));
      const territory = Object.entries(req.territory).find(([, v]) => v)?.join(' ') ?? '';
      writeSvg(graph, `${req.level === 'SERVICES' ? 'Services' : 'Personnes / Personen'} — ${territory}`, names, write);
      break;
    }
  }
  return { nodes: graph.nodes.length, edges: graph.edges.length, ties: scope.ties };
}
