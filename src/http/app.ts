import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.js';
import type { GatewayContext } from '../context.js';
import { createLoaders } from '../loaders/index.js';
import { createLogger, type Logger } from '../logger.js';
import { createUpstream, type Upstream } from '../upstream/index.js';
import { createSubscriptions, type JobEventSource, type Subscriptions } from '../subscriptions/index.js';
import { upstreamSettingsFor } from '../bootstrap/settings.js';
import { createMetrics, type GatewayMetrics } from '../observability/metrics.js';
import { createReadiness } from '../observability/readiness.js';
import { bindScope } from '../observability/requestScope.js';
import { createDrain } from '../resilience/drain.js';
import { createGatewaySecurity, idempotencyKeyCheck, utf8Only } from '../security/gatewaySecurity.js';
import { createApolloServer } from './apollo.js';
import { noSharedCaching } from './cacheControl.js';
import { metricsRoute } from './metricsRoute.js';
import { probes } from './probes.js';
import { requestId } from './requestId.js';
import { SANDBOX_ORIGINS } from './sandbox.js';

/** Anything the gateway should close when it stops (the embedded emulator). */
export interface Closable {
  readonly url: string;
  close(): Promise<void>;
}

export interface GatewayDeps<E extends Closable = Closable> {
  /** Default: a pino logger at config.logLevel. */
  logger?: Logger;
  /** Default: AWS clients built from config (IOT_UPSTREAM=aws only). The gateway owns and destroys it. */
  upstream?: Upstream;
  /** An embedded emulator the upstream points at; closed by stop(). */
  emulator?: E;
  /** Where live updates come from; default chosen by config.subscriptions (src/subscriptions). */
  jobEvents?: JobEventSource;
}

export interface Gateway<E extends Closable = Closable> {
  /** http://host:port/graphql once listening. */
  readonly url: string | undefined;
  readonly httpServer: Server;
  readonly emulator: E | undefined;
  readonly upstream: Upstream;
  /** Live updates (graphql-ws on /graphql): `ready()` resolves once the event source delivers. */
  readonly subscriptions: Subscriptions;
  /** Binds config.host:config.port (0 = ephemeral) and resolves with the GraphQL URL. */
  listen(): Promise<string>;
  /** Drains in-flight requests, then closes the upstream sockets and the emulator. Idempotent. */
  stop(): Promise<void>;
}

/** Builds the HTTP server (Express 5 + Apollo) without listening yet. */
export async function createGateway<E extends Closable = Closable>(
  config: Config,
  deps: GatewayDeps<E> = {},
): Promise<Gateway<E>> {
  const logger = deps.logger ?? createLogger(config);
  const baseUpstream = deps.upstream ?? createUpstream(upstreamSettingsFor(config));
  // Every resolver call goes through the bulkhead, the circuit breakers and the request deadline.
  const security = await createGatewaySecurity(config, { logger, upstream: baseUpstream });
  const upstream = security.upstream;
  const drain = createDrain();
  const app = express();
  app.disable('x-powered-by');
  // Express would hash every POST answer for an ETag no client can use (answers are no-store).
  app.set('etag', false);
  const httpServer = createServer(app);
  // Slow-client limits well below Node's defaults (headers 60 s, request 300 s).
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;

  const metrics = createMetrics();
  const readiness = createReadiness({
    check: readinessCheck(baseUpstream, logger, metrics),
    intervalMs: config.observability.readinessIntervalMs,
    onChange: (reachable, error) => {
      if (reachable) logger.info('upstream reachable: ready');
      else logger.warn({ err: error }, 'upstream unreachable: not ready');
    },
  });
  const onUpstreamCall = metrics.recordUpstreamCall.bind(metrics);
  const apollo = createApolloServer(config, httpServer, logger, metrics, security.apollo);
  const subscriptions = await createSubscriptions(config, {
    httpServer,
    logger,
    security,
    emulator: deps.emulator,
    source: deps.jobEvents,
  });
  await apollo.start();

  app.use(requestId());
  // First: counts in-flight requests for the shutdown drain and refuses new ones once draining.
  app.use(drain.middleware);
  app.use(probes(readiness), metricsRoute(metrics));
  const allowedOrigins = [
    ...config.corsOrigins,
    ...(config.graphql.landingPage || config.graphql.introspection ? SANDBOX_ORIGINS : []),
  ];
  app.use(
    '/graphql',
    // maxAge: browsers preflight every JSON request (GET included), so let them reuse the answer for 10 minutes.
    cors<cors.CorsRequest>({ origin: allowedOrigins, exposedHeaders: ['x-request-id'], maxAge: 600 }),
    // Before the body is even parsed: no token, no work.
    security.authenticate,
    idempotencyKeyCheck,
    utf8Only,
    noSharedCaching(),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ req, res }): Promise<GatewayContext> => {
        const id = String(res.locals.requestId);
        const controller = new AbortController();
        // Stop upstream work nobody will read: the client hung up before the answer was sent.
        res.once('close', () => {
          if (!res.writableFinished) controller.abort();
        });
        const { signal } = security.deadline(controller.signal);
        const log = logger.child({ requestId: id });
        // The SDK middleware finds the request id, logger and metrics through the signal every call carries.
        bindScope(signal, { requestId: id, log, onUpstreamCall });
        return {
          requestId: id,
          log,
          upstream,
          signal,
          loaders: createLoaders(upstream, { signal }),
          security: security.forRequest(req, res, signal),
        };
      },
    }),
  );
  app.use(jsonErrors(logger));

  let url: string | undefined;
  let stopping: Promise<void> | undefined;
  return {
    get url() {
      return url;
    },
    httpServer,
    emulator: deps.emulator,
    upstream,
    subscriptions,
    async listen() {
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(config.port, config.host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const { port } = httpServer.address() as AddressInfo;
      url = `http://${displayHost(config.host)}:${port}/graphql`;
      return url;
    },
    stop() {
      stopping ??= (async () => {
        readiness.markDraining();
        drain.begin();
        // WebSocket clients are told to go (1001) so they reconnect to another replica right away.
        await subscriptions.close();
        // In-flight requests finish (new ones get 503) within SHUTDOWN_GRACE_MS; Apollo's drain closes the rest.
        await drain.idle(config.security.shutdownGraceMs);
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        upstream.destroy();
        await security.close();
        await deps.emulator?.close();
      })();
      return stopping;
    },
  };
}

/** The upstream's own reachability call, run in a scope of its own so it is logged and counted too. */
function readinessCheck(upstream: Upstream, logger: Logger, metrics: GatewayMetrics) {
  const scope = {
    requestId: 'readiness',
    log: logger.child({ requestId: 'readiness' }),
    onUpstreamCall: metrics.recordUpstreamCall.bind(metrics),
  };
  return async (signal: AbortSignal): Promise<void> => {
    bindScope(signal, scope);
    // Wrappers that drop the optional check still prove discovery worked once.
    if (upstream.checkReachable) await upstream.checkReachable(signal);
    else await upstream.dataPlaneEndpoint();
  };
}

function displayHost(host: string): string {
  if (host === '0.0.0.0' || host === '::') return 'localhost';
  return host.includes(':') ? `[${host}]` : host;
}

/** Body-parser and other HTTP-level failures as small JSON answers: never Express's HTML with a stack. */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: unknown, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const status = httpStatusOf(error);
    if (status >= 500)
      logger.error({ err: error, requestId: String(res.locals.requestId) }, 'HTTP request failed');
    const message =
      status === 413 ? 'Request body too large' : status < 500 ? 'Bad request' : 'Unexpected error';
    res.status(status).json({
      errors: [
        {
          message,
          extensions: {
            code: status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR',
            requestId: String(res.locals.requestId),
          },
        },
      ],
    });
  };
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : 500;
}
