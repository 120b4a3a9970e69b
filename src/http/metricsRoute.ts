import { Router } from 'express';
import type { GatewayMetrics } from '../observability/metrics.js';

/** GET /metrics in the Prometheus text format. */
export function metricsRoute(metrics: GatewayMetrics): Router {
  const router = Router();
  router.get('/metrics', async (_req, res) => {
    res.setHeader('content-type', metrics.contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(await metrics.render());
  });
  return router;
}
