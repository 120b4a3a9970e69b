import { Router } from 'express';
import type { Readiness } from '../observability/readiness.js';

/**
 * GET /healthz: the process serves HTTP (liveness; never calls AWS).
 * GET /readyz: 200 when the upstream answered its last check and the gateway is not draining, else 503.
 */
export function probes(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const state = await readiness.state();
    res.setHeader('cache-control', 'no-store');
    if (state.ready) res.json({ status: 'ready' });
    else res.status(503).json({ status: 'unavailable', reason: state.reason });
  });
  return router;
}
