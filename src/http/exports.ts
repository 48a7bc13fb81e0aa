/**
 * GET /exports/network?zone=SUD&format=GEXF&level=SERVICES[&from&to&sectors=A,B&pseudonyms=PER_EXPORT]
 * [&minWeight&minCount&minMeetings&evidence=VISIT,…&initiativeKinds=…&excludeInitiativeKinds=NETWORK_EVENT]
 * [&backboneAlpha=0.05&backboneCorrection=NONE|BONFERRONI|HOLM] (the tie filter; a backbone parameter asks for the hypergeometric backbone):
 * the export as a streamed download (chunks go to the socket as they are written). Behind the same
 * key check and rate limit as GraphQL (an export weighs more), the same policy and zone scope (in
 * runExport), and the same audit trail for person-level exports.
 */
import express, { type Router } from 'express';
import { principalOf } from '../access/authenticate';
import type { AuditTrail } from '../access/audit';
import type { Config } from '../config';
import { createContext } from '../context';
import { badInput } from '../errors';
import type { Db } from '../neo4j/driver';
import { parseDateArgument } from '../modules/common/scalars';
import { EXPORT_FORMATS, runExport, type ExportFormat, type ExportRequest } from '../modules/exports/run';
import { sendError } from './status';
import type { InitiativeKind, MultipleTestCorrection, TieEvidence, TieFilter } from '../__generated__/resolvers-types';
import { EVIDENCE_KINDS } from '../modules/network/tie-filter';

const TERRITORY_PARAMS = ['region', 'zone', 'municipality', 'neighbourhood'] as const;
export const TIE_FILTER_NUMBERS = ['minWeight', 'minCount', 'minMeetings'] as const;
export const TIE_FILTER_LISTS = ['evidence', 'initiativeKinds', 'excludeInitiativeKinds'] as const;
export const TIE_FILTER_BACKBONE = ['backboneAlpha', 'backboneCorrection'] as const;
const KNOWN_PARAMS = new Set<string>([
  ...TERRITORY_PARAMS,
  'from',
  'to',
  'sectors',
  'level',
  'format',
  'pseudonyms',
  ...TIE_FILTER_NUMBERS,
  ...TIE_FILTER_LISTS,
  ...TIE_FILTER_BACKBONE,
]);
const CORRECTIONS: readonly MultipleTestCorrection[] = ['NONE', 'BONFERRONI', 'HOLM'];

/** The tie filter's parameters as a TieFilter input (checked with the rest of the filter by parseScope). */
function tieFilterOf(q: Record<string, string | undefined>): TieFilter | null {
  const filter: TieFilter = {};
  for (const name of TIE_FILTER_NUMBERS) {
    const raw = q[name];
    if (raw === undefined) continue;
    const value = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(value)) throw badInput(name, 'a number');
    filter[name] = value;
  }
  const list = <T extends string>(name: (typeof TIE_FILTER_LISTS)[number], allowed: readonly T[]): T[] | undefined => {
    const raw = q[name];
    if (raw === undefined) return undefined;
    const values = raw.split(',').map((v) => v.trim().toUpperCase());
    if (values.some((v) => !(allowed as readonly string[]).includes(v))) throw badInput(name, `a comma-separated list of ${allowed.join(', ')}`);
    return values as T[];
  };
  const kinds: InitiativeKind[] = ['INTERVISION', 'COMMUNITY_OF_PRACTICE', 'IMMERSION', 'OPEN_DOOR', 'NETWORK_EVENT'];
  const evidence = list<TieEvidence>('evidence', EVIDENCE_KINDS);
  const initiativeKinds = list<InitiativeKind>('initiativeKinds', kinds);
  const excludeInitiativeKinds = list<InitiativeKind>('excludeInitiativeKinds', kinds);
  if (evidence) filter.evidence = evidence;
  if (initiativeKinds) filter.initiativeKinds = initiativeKinds;
  if (excludeInitiativeKinds) filter.excludeInitiativeKinds = excludeInitiativeKinds;
  if (q.backboneAlpha !== undefined || q.backboneCorrection !== undefined) {
    const alpha = q.backboneAlpha === undefined ? undefined : Number(q.backboneAlpha);
    if (alpha !== undefined && (q.backboneAlpha?.trim() === '' || !Number.isFinite(alpha))) throw badInput('backboneAlpha', 'a number');
    const correction = q.backboneCorrection?.trim().toUpperCase();
    if (correction !== undefined && !(CORRECTIONS as readonly string[]).includes(correction)) throw badInput('backboneCorrection', CORRECTIONS.join(', '));
    filter.backbone = { model: 'HYPERGEOMETRIC', alpha, correction: correction as MultipleTestCorrection | undefined };
  }
  return Object.keys(filter).length ? filter : null;
}

/** The query string as an export request, every parameter checked before any work. */
export function parseExportQuery(query: Record<string, unknown>): ExportRequest {
  for (const [name, value] of Object.entries(query)) {
    if (!KNOWN_PARAMS.has(name)) throw badInput(name, `unknown parameter; known: ${[...KNOWN_PARAMS].join(', ')}`);
    if (typeof value !== 'string') throw badInput(name, 'give it once, as text');
  }
  const q = query as Record<string, string | undefined>;
  const format = (q.format ?? 'GEXF').toUpperCase();
  if (!(format in EXPORT_FORMATS)) throw badInput('format', `one of ${Object.keys(EXPORT_FORMATS).join(', ')}`);
  const level = (q.level ?? 'SERVICES').toUpperCase();
  if (level !== 'SERVICES' && level !== 'PEOPLE') throw badInput('level', 'SERVICES or PEOPLE');
  const pseudonyms = (q.pseudonyms ?? 'STABLE').toUpperCase();
  if (pseudonyms !== 'STABLE' && pseudonyms !== 'PER_EXPORT') throw badInput('pseudonyms', 'STABLE or PER_EXPORT');
  const from = q.from === undefined ? null : parseDateArgument(q.from, 'from');
  const to = q.to === undefined ? null : parseDateArgument(q.to, 'to');
  const sectors = q.sectors === undefined ? null : q.sectors.split(',').map((s) => s.trim());
  if (sectors?.some((s) => !/^[A-Z0-9_]{1,64}$/.test(s))) throw badInput('sectors', 'a comma-separated list of sector codes');
  const territory = Object.fromEntries(TERRITORY_PARAMS.filter((p) => q[p] !== undefined).map((p) => [p, q[p]]));
  return { territory, window: { from, to }, sectors, ties: tieFilterOf(q), level, format: format as ExportFormat, pseudonyms };
}

export function exportsRouter(db: Db, config: Config, audit: AuditTrail, requireCaller: express.RequestHandler): Router {
  const router = express.Router();
  router.get('/exports/network', requireCaller, async (req, res) => {
    let started = false as boolean; // write() sets it, where the compiler does not look
    const ctx = createContext({ db, config, audit, principal: principalOf(res), acceptLanguage: req.headers['accept-language'] });
    try {
      const request = parseExportQuery(req.query);
      const meta = EXPORT_FORMATS[request.format];
      const write = (chunk: string) => {
        if (!started) {
          res.status(200).type(meta.mediaType).set('Content-Disposition', `attachment; filename="network-${request.level.toLowerCase()}.${meta.extension}"`);
          started = true;
        }
        res.write(chunk);
      };
      await runExport(ctx, request, write);
      res.end();
    } catch (err) {
      if (started) return void res.destroy(err instanceof Error ? err : undefined);
      sendError(res, err);
    } finally {
      // People read are recorded even when the download broke off: some of it may have left.
      audit.record(ctx, 'GET /exports/network');
    }
  });
  return router;
}
