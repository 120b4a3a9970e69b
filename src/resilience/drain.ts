// Graceful shutdown: once draining, new requests get 503 (readiness included) while in-flight ones finish.
import type { ServerResponse } from 'node:http';
import { errorBody, sendJson } from '../http/respond.js';

export interface Drain {
  /**
   * Call first for every request (`path` without the query): false when it answered 503 because the
   * gateway is draining; otherwise the request is counted in flight until its response closes.
   */
  admit(path: string, res: ServerResponse): boolean;
  /** Starts draining; never undone. */
  begin(): void;
  inFlight(): number;
  /** Resolves true when no request is in flight, or false when `graceMs` passed first. */
  idle(graceMs: number): Promise<boolean>;
}

/** Paths that keep their own answers while draining: liveness stays 200. */
const LIVENESS = '/healthz';

export function createDrain(): Drain {
  let draining = false;
  let inFlight = 0;
  const waiters = new Set<() => void>();
  const settle = (): void => {
    if (inFlight === 0) for (const wake of waiters) wake();
  };

  const admit = (path: string, res: ServerResponse): boolean => {
    if (draining && path !== LIVENESS) {
      // Connection: close moves the client (or load balancer) to another replica for its retry.
      const headers = { connection: 'close', 'retry-after': '1' };
      if (path === '/readyz') sendJson(res, 503, { status: 'unavailable', reason: 'draining' }, headers);
      else sendJson(res, 503, errorBody('The gateway is shutting down; retry.', 'SHUTTING_DOWN'), headers);
      return false;
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      settle();
    });
    return true;
  };

  return {
    admit,
    begin() {
      draining = true;
    },
    inFlight: () => inFlight,
    idle(graceMs) {
      if (inFlight === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (result: boolean): void => {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(result);
        };
        const wake = (): void => done(true);
        const timer = setTimeout(() => done(false), graceMs);
        waiters.add(wake);
      });
    },
  };
}
