import type { CallSignal } from './upstream/signal.js';
import type { RequestLoaders } from './loaders/index.js';
import type { Logger } from './logger.js';
import type { RequestSecurity } from './security/requestSecurity.js';
import type { Upstream } from './upstream/index.js';

/** What every resolver receives; built once per HTTP request by src/http/apollo.ts. */
export interface GatewayContext {
  /** From the x-request-id header, or a new UUID; echoed in the response and in masked errors. */
  readonly requestId: string;
  /** The root logger bound to this request's id. */
  readonly log: Logger;
  readonly upstream: Upstream;
  /**
   * Aborted when the client disconnects before the response is sent, or when the request's upstream
   * deadline (UPSTREAM_DEADLINE_MS) runs out, cancelling upstream calls.
   */
  readonly signal: CallSignal;
  /** This request's DataLoaders (src/loaders): each upstream lookup by key happens once per request. */
  readonly loaders: RequestLoaders;
  /** The authenticated caller and the per-request authorization, rate limit, idempotency and audit state. */
  readonly security: RequestSecurity;
}
