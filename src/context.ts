import type { Logger } from './logger.js';
import type { Upstream } from './upstream/index.js';

/** What every resolver receives; built once per HTTP request by src/http/apollo.ts. */
export interface GatewayContext {
  /** From the x-request-id header, or a new UUID; echoed in the response and in masked errors. */
  readonly requestId: string;
  /** The root logger bound to this request's id. */
  readonly log: Logger;
  readonly upstream: Upstream;
  /** Aborted when the client disconnects before the response is sent, cancelling upstream calls. */
  readonly signal: AbortSignal;
}
