import type { RequestHandler } from 'express';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { runInScope } from '../observability/requestScope.js';

/**
 * Runs the rest of the request inside its RequestScope so the AWS SDK middleware can log with the
 * request id and count calls. Mount it after the body parser: stream callbacks lose the scope.
 */
export function requestScope(logger: Logger, metrics: GatewayMetrics): RequestHandler {
  const onUpstreamCall = metrics.recordUpstreamCall.bind(metrics);
  return (_req, res, next) => {
    const requestId = String(res.locals.requestId);
    runInScope({ requestId, log: logger.child({ requestId }), onUpstreamCall }, next);
  };
}
