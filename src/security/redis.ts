// One Redis client for the shared security state (rate limits, idempotency records) of several replicas.
import { Redis } from 'ioredis';

export interface SecurityRedisOptions {
  /** e.g. redis://127.0.0.1:6379 (REDIS_URL). */
  url: string;
  /** Longest wait for one command before it counts as a Redis failure; default 500 ms. */
  commandTimeoutMs?: number;
  /** Receives connection errors (ioredis would otherwise print them); default: ignored. */
  onError?: (err: Error) => void;
}

/**
 * A client that fails fast while Redis is unreachable instead of queueing commands, so callers can
 * fall back (queries) or refuse (destructive mutations) at once. It reconnects in the background.
 * Call `await client.connect()` before serving.
 */
export function createSecurityRedis(options: SecurityRedisOptions): Redis {
  const client = new Redis(options.url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs ?? 500,
    // Back off up to 2 s between reconnection attempts, forever.
    retryStrategy: (attempt) => Math.min(attempt * 100, 2000),
  });
  client.on('error', (err: Error) => options.onError?.(err));
  return client;
}
