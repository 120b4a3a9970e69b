import { pino, type Logger } from 'pino';
import type { Config } from './config.js';

export type { Logger };

/** The root logger; request loggers are its children (see src/context.ts). */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({
    level: config.logLevel,
    base: { service: 'iot-jobs-graphql' },
    // Credentials never belong in logs, even when a caller sends them by mistake.
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.credentials',
        '*.secretAccessKey',
        '*.sessionToken',
      ],
      censor: '[redacted]',
    },
  });
}
