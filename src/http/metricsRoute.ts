import type { ServerResponse } from 'node:http';
import type { GatewayMetrics } from '../observability/metrics.js';

/** GET /metrics in the Prometheus text format. */
export async function answerMetrics(metrics: GatewayMetrics, res: ServerResponse): Promise<void> {
  const text = await metrics.render();
  res.setHeader('content-type', metrics.contentType);
  res.setHeader('cache-control', 'no-store');
  res.end(text);
}
