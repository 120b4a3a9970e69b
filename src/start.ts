import { ConfigError, loadConfig, type Config } from './config.js';
import { createLogger } from './logger.js';

// What `npm start` and `node dist/main.js` run (via main.ts): config → tracing → upstream → gateway →
// listen. The gateway modules are imported dynamically so that tracing, when on, starts before http,
// graphql and the AWS SDK load: its instrumentation patches them as they load.

async function run(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config);
  const tracing = config.observability.otlpEndpoint
    ? (await import('./observability/tracing.js')).startTracing(config.observability)
    : undefined;
  const { bootstrap } = await import('./bootstrap/index.js');
  const { createGateway } = await import('./http/app.js');
  const { upstream, emulator } = await bootstrap(config);
  const gateway = await createGateway(config, { logger, upstream, emulator });
  const url = await gateway.listen();
  const upstreamNote = emulator ? `embedded emulator at ${emulator.url}` : `AWS IoT in ${config.aws.region}`;
  process.stdout.write(`GraphQL gateway ready at ${url} (upstream: ${upstreamNote})\n`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    // A stuck drain must not keep the process alive forever.
    setTimeout(() => process.exit(1), config.security.shutdownGraceMs + 5000).unref();
    gateway
      .stop()
      .then(() => tracing?.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Starts the gateway; a failure to start is one line on stderr and exit code 1. */
export function start(): void {
  run().catch((error: unknown) => {
    process.stderr.write(`Startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
