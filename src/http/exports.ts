/**
 * GET /exports/network?zone=SUD&format=GEXF&level=SERVICES[&from&to&sectors=A,B]: the export as a
 * streamed download (chunks go to the socket as they are written), behind the same API keys.
 */
import express, { type Router } from 'express';
import { GraphQLError } from 'graphql';
import type { KeyVerifier } from '../access/api-keys';
import { authenticate } from '../access/authenticate';
import type { Config } from '../config';
import { createContext } from '../context';
import { ErrorCode } from '../errors';
import { logger } from '../logger';
import type { Db } from '../neo4j/driver';
import type { ExportLevel } from '../modules/exports/graph';
import { EXPORT_FORMATS, runExport, type ExportFormat } from '../modules/exports/run';

const STATUS: Record<string, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, FORBIDDEN: 403, UNAUTHENTICATED: 401, TOO_LARGE: 413, SERVICE_UNAVAILABLE: 503, ANALYTICS_TIMEOUT: 504 };

export function exportsRouter(db: Db, config: Config, verifier: KeyVerifier): Router {
  const router = express.Router();
  router.get('/exports/network', async (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    const format = (q.format ?? 'GEXF').toUpperCase() as ExportFormat;
    const level = (q.level ?? 'SERVICES').toUpperCase() as ExportLevel;
    let started = false;
    try {
      if (!(format in EXPORT_FORMATS)) throw new GraphQLError(`Invalid argument "format": one of ${Object.keys(EXPORT_FORMATS).join(', ')}`, { extensions: { code: 'BAD_USER_INPUT' } });
      if (level !== 'SERVICES' && level !== 'PEOPLE') throw new GraphQLError('Invalid argument "level": SERVICES or PEOPLE', { extensions: { code: 'BAD_USER_INPUT' } });
      const principal = await authenticate(verifier, req.headers);
      const ctx = createContext({ db, config, principal, acceptLanguage: req.headers['accept-language'] });
      const territory = { region: q.region, zone: q.zone, municipality: q.municipality, neighbourhood: q.neighbourhood };
      const meta = EXPORT_FORMATS[format];
      const write = (chunk: string) => {
        if (!started) {
          res.status(200).type(meta.mediaType).set('Content-Disposition', `attachment; filename="network-${level.toLowerCase()}.${meta.extension}"`);
          started = true;
        }
        res.write(chunk);
      };
      await runExport(ctx, { territory, window: { from: q.from ?? null, to: q.to ?? null }, sectors: q.sectors ? q.sectors.split(',') : null, level, format }, write);
      res.end();
    } catch (err) {
      if (started) return void res.destroy(err instanceof Error ? err : undefined);
      const code = err instanceof GraphQLError ? String(err.extensions.code ?? ErrorCode.INTERNAL_SERVER_ERROR) : ErrorCode.INTERNAL_SERVER_ERROR;
      if (code === ErrorCode.INTERNAL_SERVER_ERROR) logger.error({ err }, 'export failed');
      res.status(STATUS[code] ?? 500).json({ errors: [{ message: code === ErrorCode.INTERNAL_SERVER_ERROR ? 'Internal server error' : (err as Error).message, extensions: { code } }] });
    }
  });
  return router;
}
