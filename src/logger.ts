import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

// Credentials never belong in logs, even when a caller sends them by mistake.
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.headers.authorization',
  '*.headers.cookie',
  'authorization',
  'cookie',
  '*.credentials',
  '*.secretAccessKey',
  '*.sessionToken',
];

type PrettyFactory = (options: Record<string, unknown>) => DestinationStream;

/** pino-pretty's factory when it is installed (a devDependency: absent from the production tree). */
function prettyFactory(): PrettyFactory | undefined {
  try {
    return createRequire(import.meta.url)('pino-pretty') as PrettyFactory;
  } catch {
    return undefined;
  }
}

/** True when logs are pretty-printed: only in development, and only where pino-pretty is installed. */
export function prettyLogs(nodeEnv: Config['nodeEnv'] | undefined): boolean {
  return nodeEnv === 'development' && prettyFactory() !== undefined;
}

/**
 * The root logger; request loggers are its children (see src/context.ts). JSON lines to stdout (or to
 * `destination`), except where prettyLogs(config.nodeEnv) holds and no destination is given.
 */
export function createLogger(
  config: Pick<Config, 'logLevel'> & Partial<Pick<Config, 'nodeEnv'>>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: config.logLevel,
    base: { service: 'iot-jobs-graphql' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (destination) return pino(options, destination);
  const pretty = prettyLogs(config.nodeEnv) ? prettyFactory() : undefined;
  // Synchronous in development so the last lines before process.exit are not lost.
  if (pretty)
    return pino(
      options,
      pretty({ sync: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' }),
    );
  return pino(options);
}
