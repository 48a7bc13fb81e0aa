/** `networkExport`: the export inline when small, and always its streaming download URL. */
import type { QueryNetworkExportArgs, Resolvers, TerritoryInput, TieFilter, TimeWindow } from '../../__generated__/resolvers-types';
import { appliedTieFilter, DEFAULT_BACKBONE_ALPHA } from '../network/tie-filter';
import { EXPORT_FORMATS, runExport } from './run';

const INLINE_MAX_NODES = 2000;

export function downloadUrl(args: { territory: TerritoryInput; window?: TimeWindow | null; sectors?: string[] | null; ties?: TieFilter | null; level: string; format: string; pseudonyms?: string | null }): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(args.territory)) if (v) q.set(k, v);
  if (args.window?.from) q.set('from', args.window.from);
  if (args.window?.to) q.set('to', args.window.to);
  if (args.sectors?.length) q.set('sectors', args.sectors.join(','));
  if (args.pseudonyms && args.pseudonyms !== 'STABLE') q.set('pseudonyms', args.pseudonyms);
  // The tie filter travels as its own parameters (src/http/exports.ts reads them back).
  const { backbone, ...ties } = args.ties ?? {};
  for (const [k, v] of Object.entries<unknown>(ties)) if (v !== null && v !== undefined) q.set(k, Array.isArray(v) ? v.join(',') : String(v));
  if (backbone) {
    q.set('backboneAlpha', String(backbone.alpha ?? DEFAULT_BACKBONE_ALPHA));
    if (backbone.correction) q.set('backboneCorrection', backbone.correction);
  }
  q.set('level', args.level);
  q.set('format', args.format);
  return `/exports/network?${q.toString()}`;
}

export const exportResolvers: Resolvers = {
  Query: {
    // QueryNetworkExportArgs: an explicit null skips the schema's default level.
    networkExport: async (_p, args: QueryNetworkExportArgs, ctx) => {
      const level = args.level ?? 'SERVICES';
      const chunks: string[] = [];
      const { nodes, edges, ties } = await runExport(ctx, { ...args, level, format: args.format }, (c) => chunks.push(c));
      const meta = EXPORT_FORMATS[args.format];
      return {
        format: args.format,
        mediaType: meta.mediaType,
        filename: `network-${level.toLowerCase()}.${meta.extension}`,
        url: downloadUrl({ ...args, level }),
        content: nodes <= INLINE_MAX_NODES ? chunks.join('') : null,
        nodes,
        edges,
        appliedTieFilter: appliedTieFilter(ties),
      };
    },
  },
};
