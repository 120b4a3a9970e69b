import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expressMiddleware } from '@as-integrations/express5';
import cors from 'cors';
import express, { type ErrorRequestHandler } from 'express';
import type { Config } from '../config.js';
import type { GatewayContext } from '../context.js';
import { createLogger, type Logger } from '../logger.js';
import { createUpstream, type Upstream } from '../upstream/index.js';
import { upstreamSettingsFor } from '../bootstrap/settings.js';
import { createApolloServer } from './apollo.js';
import { requestId } from './requestId.js';

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
}

export interface Gateway<E extends Closable = Closable> {
  /** http://host:port/graphql once listening. */
  readonly url: string | undefined;
  readonly httpServer: Server;
  readonly emulator: E | undefined;
  readonly upstream: Upstream;
  /** Binds config.host:config.port (0 = ephemeral) and resolves with the GraphQL URL. */
  listen(): Promise<string>;
  /** Drains in-flight requests, then closes the upstream sockets and the emulator. Idempotent. */
  stop(): Promise<void>;
}

// Apollo Sandbox runs on these origins and calls the gateway from the browser.
const SANDBOX_ORIGINS = ['https://studio.apollographql.com', 'https://sandbox.embed.apollographql.com'];

/** Builds the HTTP server (Express 5 + Apollo) without listening yet. */
export async function createGateway<E extends Closable = Closable>(
  config: Config,
  deps: GatewayDeps<E> = {},
): Promise<Gateway<E>> {
  const logger = deps.logger ?? createLogger(config);
  const upstream = deps.upstream ?? createUpstream(upstreamSettingsFor(config));
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);
  // Slow-client limits well below Node's defaults (headers 60 s, request 300 s).
  httpServer.headersTimeout = 10_000;
  httpServer.requestTimeout = 30_000;

  const apollo = createApolloServer(config, httpServer, logger);
  await apollo.start();

  app.use(requestId());
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const allowedOrigins = config.graphql.landingPage || config.graphql.introspection ? SANDBOX_ORIGINS : [];
  app.use(
    '/graphql',
    cors<cors.CorsRequest>({ origin: allowedOrigins, exposedHeaders: ['x-request-id'] }),
    express.json({ limit: '100kb' }),
    expressMiddleware(apollo, {
      context: async ({ res }): Promise<GatewayContext> => {
        const id = String(res.locals.requestId);
        const controller = new AbortController();
        // Stop upstream work nobody will read: the client hung up before the answer was sent.
        res.once('close', () => {
          if (!res.writableFinished) controller.abort();
        });
        return { requestId: id, log: logger.child({ requestId: id }), upstream, signal: controller.signal };
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
        await apollo.stop();
        if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
        upstream.destroy();
        await deps.emulator?.close();
      })();
      return stopping;
    },
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
