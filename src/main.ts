import { bootstrap } from './bootstrap/index.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { createGateway } from './http/app.js';
import { createLogger } from './logger.js';

// Entry point of `npm start` and `node dist/main.js`: config → upstream → gateway → listen.

const SHUTDOWN_DEADLINE_MS = 15_000;

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  const logger = createLogger(config);
  const { upstream, emulator } = await bootstrap(config);
  const gateway = await createGateway(config, { logger, upstream, emulator });
  const url = await gateway.listen();
  const upstreamNote = emulator ? `embedded emulator at ${emulator.url}` : `AWS IoT in ${config.aws.region}`;
  process.stdout.write(`GraphQL gateway ready at ${url} (upstream: ${upstreamNote})\n`);

  const shutdown = (signal: NodeJS.Signals) => {
    logger.info({ signal }, 'shutting down');
    // A stuck drain must not keep the process alive forever.
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    gateway.stop().then(
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

main().catch((error: unknown) => {
  process.stderr.write(`Startup failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
