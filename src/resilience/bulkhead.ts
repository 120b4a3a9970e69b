// Concurrency bulkhead: caps in-flight upstream calls and queues a bounded number, so overload sheds fast.
import type { CallSignal } from '../upstream/signal.js';

export interface BulkheadOptions {
  /** Calls allowed to run at once; default 50. The gateway passes UPSTREAM_MAX_CONCURRENCY (default 100). */
  maxConcurrent?: number;
  /** Calls allowed to wait for a slot; default 100. Beyond that calls fail at once. */
  maxQueued?: number;
}

/** The bulkhead is full; the caller should answer with a retryable "unavailable". */
export class BulkheadRejectedError extends Error {
  override name = 'BulkheadRejectedError';
  readonly retryable = true;
  constructor() {
    super('Too many upstream calls in flight.');
  }
}

export interface Bulkhead {
  /** Runs `task` when a slot is free; a queued call leaves the queue when `signal` aborts. */
  run<T>(task: () => Promise<T>, signal?: CallSignal): Promise<T>;
  active(): number;
  queued(): number;
}

interface Waiter {
  start: () => void;
  fail: (err: unknown) => void;
}

/** The signal's reason when it is an Error (a deadline's is a DOMException), else a wrapping Error. */
function abortReason(signal: CallSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error(String(reason));
}

export function createBulkhead(options: BulkheadOptions = {}): Bulkhead {
  const maxConcurrent = options.maxConcurrent ?? 50;
  const maxQueued = options.maxQueued ?? 100;
  if (!(maxConcurrent >= 1) || !(maxQueued >= 0))
    throw new RangeError('bulkhead needs maxConcurrent >= 1 and maxQueued >= 0');
  let active = 0;
  const queue: Waiter[] = [];

  const release = (): void => {
    active -= 1;
    const next = queue.shift();
    if (next) next.start();
  };

  // Runs `task` in a slot already taken and frees it when the task settles, without an async frame:
  // every upstream call passes through here.
  const holding = <T>(task: () => Promise<T>): Promise<T> => {
    let pending: Promise<T>;
    try {
      pending = task();
    } catch (err) {
      release();
      return Promise.resolve().then(() => {
        throw err;
      });
    }
    return pending.then(
      (value) => {
        release();
        return value;
      },
      (err: unknown) => {
        release();
        throw err;
      },
    );
  };

  const wait = (signal?: CallSignal): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const i = queue.indexOf(waiter);
        if (i >= 0) queue.splice(i, 1);
        reject(abortReason(signal!));
      };
      const waiter: Waiter = {
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          active += 1;
          resolve();
        },
        fail: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(waiter);
    });

  return {
    run(task, signal) {
      if (signal?.aborted) return Promise.reject(abortReason(signal));
      if (active < maxConcurrent) {
        active += 1;
        return holding(task);
      }
      if (queue.length >= maxQueued) return Promise.reject(new BulkheadRejectedError());
      return wait(signal).then(() => holding(task));
    },
    active: () => active,
    queued: () => queue.length,
  };
}
