// The GatewayContext of one subscription: the caller of its WebSocket, fresh loaders for every event,
// and the per-thing read check applied to every event.
import type { CallSignal } from '../upstream/signal.js';
import type { IncomingMessage } from 'node:http';
import type { GatewayContext } from '../context.js';
import { createLoaders, type RequestLoaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';
import type { Caller } from '../security/caller.js';
import type { GatewaySecurity } from '../security/gatewaySecurity.js';
import type { RequestSecurity } from '../security/requestSecurity.js';

/** How long one read decision per thing is reused before the policy (and thing groups) are asked again. */
export const READ_DECISION_TTL_MS = 30_000;

export interface SubscriptionContext extends GatewayContext {
  /** True when the caller may read the thing now (decisions are reused for READ_DECISION_TTL_MS). */
  mayRead(thingName: string): Promise<boolean>;
}

const renewers = new WeakMap<object, () => void>();

/** Gives the context new loaders, so an event never reads what an earlier event cached. */
export function renewLoaders(ctx: object): void {
  renewers.get(ctx)?.();
}

export function createSubscriptionContext(deps: {
  requestId: string;
  logger: Logger;
  security: GatewaySecurity;
  caller: Caller;
  request: IncomingMessage;
  signal: CallSignal;
  now?: () => number;
}): SubscriptionContext {
  const { security, signal } = deps;
  const now = deps.now ?? Date.now;
  // The security layer reads only the headers and the client address of the request, and the caller.
  const forRequest = (): RequestSecurity =>
    security.forRequest(
      { headers: deps.request.headers, ip: deps.request.socket.remoteAddress, caller: deps.caller },
      signal,
    );
  let requestSecurity = forRequest();
  let securityBornAt = now();
  const decisions = new Map<string, { allowed: boolean; at: number }>();
  let loaders: RequestLoaders = createLoaders(security.upstream, {
    signal,
    concurrency: security.requestConcurrency,
  });

  const ctx: SubscriptionContext = {
    requestId: deps.requestId,
    log: deps.logger.child({ requestId: deps.requestId }),
    upstream: security.upstream,
    signal,
    get loaders() {
      return loaders;
    },
    get security() {
      return requestSecurity;
    },
    async mayRead(thingName) {
      const at = now();
      const cached = decisions.get(thingName);
      if (cached && at - cached.at < READ_DECISION_TTL_MS) return cached.allowed;
      // A new authorizer forgets the thing groups the old one cached.
      if (at - securityBornAt >= READ_DECISION_TTL_MS) {
        requestSecurity = forRequest();
        securityBornAt = at;
      }
      const decision = await requestSecurity.authorizer.authorize(deps.caller, { action: 'read', thingName });
      decisions.set(thingName, { allowed: decision.allowed, at });
      return decision.allowed;
    },
  };
  renewers.set(ctx, () => {
    loaders = createLoaders(security.upstream, { signal, concurrency: security.requestConcurrency });
  });
  return ctx;
}
