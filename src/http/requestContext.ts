// The GatewayContext of one GraphQL request over HTTP.
import type { CallSignal } from '../upstream/signal.js';
import type { IncomingHttpHeaders } from 'node:http';
import type { GatewayContext } from '../context.js';
import { createLoaders, type RequestLoaders } from '../loaders/index.js';
import type { Logger } from '../logger.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import { bindScope } from '../observability/requestScope.js';
import type { Caller } from '../security/caller.js';
import type { GatewaySecurity } from '../security/gatewaySecurity.js';
import type { RequestSecurity } from '../security/requestSecurity.js';
import type { Upstream } from '../upstream/index.js';
import type { GraphQLExchange } from './graphqlEndpoint.js';

interface Shared {
  readonly security: GatewaySecurity;
  readonly upstream: Upstream;
  readonly logger: Logger;
  readonly onUpstreamCall: GatewayMetrics['recordUpstreamCall'];
}

/**
 * A request's context. The logger, the loaders and the security state are built on first use (a
 * cancel needs no loaders; the logger only when something is logged). Apollo copies the context with
 * Object.assign for each operation, which would run getters defined on the object itself: here they
 * live on the class prototype, which the copy keeps, and their memos are plain fields it copies.
 */
class HttpRequestContext implements GatewayContext {
  memoLoaders: RequestLoaders | undefined = undefined;
  memoSecurity: RequestSecurity | undefined = undefined;

  constructor(
    readonly requestId: string,
    readonly upstream: Upstream,
    readonly signal: CallSignal,
    readonly shared: Shared,
    readonly headers: IncomingHttpHeaders,
    readonly ip: string | undefined,
    readonly caller: Caller,
    /** The request's child logger, made once and shared with the SDK scope. */
    readonly logOf: () => Logger,
  ) {}

  get log(): Logger {
    return this.logOf();
  }

  get loaders(): RequestLoaders {
    return (this.memoLoaders ??= createLoaders(this.upstream, {
      signal: this.signal,
      concurrency: this.shared.security.requestConcurrency,
    }));
  }

  get security(): RequestSecurity {
    return (this.memoSecurity ??= this.shared.security.forRequest(
      { headers: this.headers, ip: this.ip, caller: this.caller },
      this.signal,
    ));
  }
}

/** Builds each request's GatewayContext, with its deadline (UPSTREAM_DEADLINE_MS) and SDK scope. */
export function requestContextFactory(shared: Shared) {
  const { security, upstream, logger, onUpstreamCall } = shared;
  return async ({ req, res, requestId, caller }: GraphQLExchange): Promise<GatewayContext> => {
    const deadline = security.deadline();
    // Stop upstream work nobody will read: the client hung up before the answer was sent.
    res.once('close', () => {
      if (res.writableFinished) deadline.release();
      else deadline.cancel();
    });
    const { signal } = deadline;
    let log: Logger | undefined;
    const logOf = (): Logger => (log ??= logger.child({ requestId }));
    const context = new HttpRequestContext(
      requestId,
      upstream,
      signal,
      shared,
      req.headers,
      req.socket.remoteAddress,
      caller,
      logOf,
    );
    // The SDK middleware finds the request id, logger and metrics through the signal every call carries.
    bindScope(signal, {
      requestId,
      get log() {
        return logOf();
      },
      logsDebug: logger.isLevelEnabled('debug'),
      onUpstreamCall,
    });
    return context;
  };
}
