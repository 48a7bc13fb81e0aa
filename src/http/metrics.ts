/**
 * GET /metrics (Prometheus). Operation names in it are chosen by clients, so it is not public:
 * Prometheus sends METRICS_TOKEN as a bearer token, or a person reads it with an admin key.
 */
import crypto from 'node:crypto';
import express, { type Router } from 'express';
import { presentedKey, principalOf } from '../access/authenticate';
import { assertAllowed } from '../access/policy';
import { DOOR_RULES } from '../access/rules';
import type { Config } from '../config';
import { metricsText, registry } from '../metrics';
import { sendError } from './status';

const sameSecret = (a: string, b: string) => {
  const x = crypto.createHash('sha256').update(a).digest();
  const y = crypto.createHash('sha256').update(b).digest();
  return crypto.timingSafeEqual(x, y);
};

export function metricsRouter(config: Config, requireCaller: express.RequestHandler): Router {
  const router = express.Router();
  const serve = async (_req: express.Request, res: express.Response) => {
    res.type(registry.contentType).send(await metricsText());
  };
  router.get(
    '/metrics',
    (req, res, next) => {
      const token = config.METRICS_TOKEN;
      const presented = presentedKey(req.headers);
      if (token && presented && sameSecret(presented, token)) return void serve(req, res);
      next();
    },
    requireCaller,
    (req, res) => {
      try {
        assertAllowed(DOOR_RULES.metrics, principalOf(res), 'the metrics (send METRICS_TOKEN or an admin key)');
      } catch (err) {
        sendError(res, err);
        return;
      }
      void serve(req, res);
    },
  );
  return router;
}
