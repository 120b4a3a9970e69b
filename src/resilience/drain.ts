// Graceful shutdown: once draining, new requests get 503 (readiness included) while in-flight ones finish.
import type { RequestHandler } from 'express';

export interface Drain {
  /** Mount first: counts in-flight requests and refuses new ones while draining. */
  readonly middleware: RequestHandler;
  /** Starts draining; never undone. */
  begin(): void;
  readonly draining: boolean;
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

  const middleware: RequestHandler = (req, res, next) => {
    if (draining && req.path !== LIVENESS) {
      // Connection: close moves the client (or load balancer) to another replica for its retry.
      res.setHeader('connection', 'close');
      res.setHeader('retry-after', '1');
      if (req.path === '/readyz') {
        res.status(503).json({ status: 'unavailable', reason: 'draining' });
      } else {
        res.status(503).json({
          errors: [
            { message: 'The gateway is shutting down; retry.', extensions: { code: 'SHUTTING_DOWN' } },
          ],
        });
      }
      return;
    }
    inFlight += 1;
    res.once('close', () => {
      inFlight -= 1;
      settle();
    });
    next();
  };

  return {
    middleware,
    begin() {
      draining = true;
    },
    get draining() {
      return draining;
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
