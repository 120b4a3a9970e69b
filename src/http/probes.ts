import type { ServerResponse } from 'node:http';
import type { Readiness } from '../observability/readiness.js';
import { sendJson } from './respond.js';

/** GET /healthz: the process serves HTTP (liveness; never calls AWS). */
export function answerHealth(res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

/** GET /readyz: 200 when the upstream answered its last check and the gateway is not draining, else 503. */
export async function answerReadiness(readiness: Readiness, res: ServerResponse): Promise<void> {
  const state = await readiness.state();
  const headers = { 'cache-control': 'no-store' };
  if (state.ready) sendJson(res, 200, { status: 'ready' }, headers);
  else sendJson(res, 503, { status: 'unavailable', reason: state.reason }, headers);
}
