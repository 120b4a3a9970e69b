// Reachability checks for the real local services some tests use (Redis, an MQTT broker).
import { Socket } from 'node:net';

/** Result of a reachability check: run the dependent tests only when `available` is true. */
export interface ServiceStatus {
  available: boolean;
  /** Why the tests are skipped, when they are. */
  skipReason?: string;
}

/** Resolves true when a TCP connection to host:port opens within `timeoutMs`. */
function canConnect(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.connect(port, host);
  });
}

/**
 * Checks that a service answers on host:port. Unreachable locally: returns `available: false` and
 * prints why, so the caller can skip. Unreachable with `CI=true`: throws, because CI provides every
 * service and a silent skip would hide a broken pipeline.
 */
export async function requireService(
  name: string,
  host: string,
  port: number,
  timeoutMs = 1000,
): Promise<ServiceStatus> {
  if (await canConnect(host, port, timeoutMs)) return { available: true };
  const skipReason = `${name} is not reachable at ${host}:${port}; start it to run these tests`;
  if (process.env.CI === 'true') {
    throw new Error(`${skipReason} (CI=true: failing instead of skipping)`);
  }
  console.warn(`[skip] ${skipReason}`);
  return { available: false, skipReason };
}

/** Redis on 127.0.0.1:6379 (override with TEST_REDIS_URL, e.g. redis://127.0.0.1:6380). */
export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** requireService for the test Redis; see testRedisUrl(). */
export function requireRedis(): Promise<ServiceStatus> {
  const url = new URL(testRedisUrl());
  return requireService('Redis', url.hostname, Number(url.port || 6379));
}

/** A key prefix unique to this test run, so parallel runs and leftovers never collide. */
export function uniqueKeyPrefix(label: string): string {
  return `test:${label}:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}:`;
}
