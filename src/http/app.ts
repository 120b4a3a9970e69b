import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from '../config.js';
import { createLogger, type Logger } from '../logger.js';
import { createUpstream, type Upstream } from '../upstream/index.js';
import { createSubscriptions, type JobEventSource, type Subscriptions } from '../subscriptions/index.js';
import { upstreamSettingsFor } from '../bootstrap/settings.js';
import { createMetrics, type GatewayMetrics } from '../observability/metrics.js';
import { createReadiness } from '../observability/readiness.js';
import { bindScope } from '../observability/requestScope.js';
import { createDrain } from '../resilience/drain.js';
import type { Readiness } from '../observability/readiness.js';
import type { Drain } from '../resilience/drain.js';
import { createGatewaySecurity } from '../security/gatewaySecurity.js';
import { createApolloServer } from './apollo.js';
import { graphqlEndpoint, type GraphQLEndpoint } from './graphqlEndpoint.js';
import { requestContextFactory } from './requestContext.js';
import { answerMetrics } from './metricsRoute.js';
import { answerHealth, answerReadiness } from './probes.js';
import { assignRequestId } from './requestId.js';
import { errorBody, sendJson } from './respond.js';
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

/** Builds the HTTP server (node:http + Apollo) without listening yet. */
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
  // Created before its handler exists: Apollo's drain plugin and the WebSocket server attach to it.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const httpServer = createServer((req, res) => handle(req, res));
  // Slow-client limits well below Node's defaults (headers 60 s, request 300 s).
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;

  const metrics = createMetrics();
  const onUpstreamCall = metrics.recordUpstreamCall.bind(metrics);
  const readiness = createReadiness({
    check: readinessCheck(baseUpstream, logger, onUpstreamCall),
    intervalMs: config.observability.readinessIntervalMs,
    onChange: (reachable, error) => {
      if (reachable) logger.info('upstream reachable: ready');
      else logger.warn({ err: error }, 'upstream unreachable: not ready');
    },
  });
  const apollo = createApolloServer(config, httpServer, logger, metrics, security.apollo);
  const subscriptions = await createSubscriptions(config, {
    httpServer,
    logger,
    security,
    emulator: deps.emulator,
    source: deps.jobEvents,
  });
  await apollo.start();

  const allowedOrigins = [
    ...config.corsOrigins,
    ...(config.graphql.landingPage || config.graphql.introspection ? SANDBOX_ORIGINS : []),
  ];
  const graphql = graphqlEndpoint({
    apollo,
    authenticate: security.authenticate,
    allowedOrigins,
    context: requestContextFactory({ security, upstream, logger, onUpstreamCall }),
  });
  handle = routes({ graphql, drain, readiness, metrics, logger });

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
function readinessCheck(
  upstream: Upstream,
  logger: Logger,
  onUpstreamCall: GatewayMetrics['recordUpstreamCall'],
) {
  const scope = {
    requestId: 'readiness',
    log: logger.child({ requestId: 'readiness' }),
    logsDebug: logger.isLevelEnabled('debug'),
    onUpstreamCall,
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

/** Paths are matched like Express did: case-insensitively, with or without a trailing slash. */
function routeOf(path: string): string {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
}

/** The request handler: request id, drain, then /graphql, the probes and /metrics; JSON 404 otherwise. */
function routes(deps: {
  graphql: GraphQLEndpoint;
  drain: Drain;
  readiness: Readiness;
  metrics: GatewayMetrics;
  logger: Logger;
}) {
  const { graphql, drain, readiness, metrics, logger } = deps;
  return (req: IncomingMessage, res: ServerResponse): void => {
    const id = assignRequestId(req, res);
    const url = req.url ?? '/';
    const queryAt = url.indexOf('?');
    const route = routeOf(queryAt === -1 ? url : url.slice(0, queryAt));
    // First: counts in-flight requests for the shutdown drain and refuses new ones once draining.
    if (!drain.admit(route, res)) return;
    const answer = (): void | Promise<void> => {
      if (route === '/graphql') return graphql(req, res, id, queryAt === -1 ? '' : url.slice(queryAt));
      if (route !== '/healthz' && route !== '/readyz' && route !== '/metrics') {
        sendJson(res, 404, errorBody('Not found', 'NOT_FOUND', id));
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        sendJson(res, 405, errorBody('Method not allowed', 'METHOD_NOT_ALLOWED', id), { allow: 'GET, HEAD' });
        return;
      }
      if (route === '/healthz') return answerHealth(res);
      return route === '/readyz' ? answerReadiness(readiness, res) : answerMetrics(metrics, res);
    };
    let answered: void | Promise<void>;
    try {
      answered = answer();
    } catch (error) {
      failed(error, id, res, logger);
      return;
    }
    if (answered) answered.catch((error: unknown) => failed(error, id, res, logger));
  };
}

/** An HTTP-level failure: one log line, and a small JSON 500 (never a stack) if nothing was sent yet. */
function failed(error: unknown, requestId: string, res: ServerResponse, logger: Logger): void {
  logger.error({ err: error, requestId }, 'HTTP request failed');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, 500, errorBody('Unexpected error', 'INTERNAL_SERVER_ERROR', requestId));
}
