import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from '../logger.js';

/** One finished AWS SDK call (all of its attempts), as the upstream middleware reports it. */
export interface UpstreamCallEvent {
  /** 'iot' (control plane) or 'iot-jobs-data' (data plane). */
  readonly client: string;
  /** The AWS operation, e.g. 'CancelJobExecution'. */
  readonly command: string;
  /** 'success' or the AWS error name, e.g. 'ThrottlingException'. */
  readonly outcome: string;
  /** Attempts the SDK made, first try included ($metadata.attempts). */
  readonly attempts: number;
  readonly durationSeconds: number;
}

/** What code deep below a request (the SDK middleware) needs to know about that request. */
export interface RequestScope {
  readonly requestId: string;
  /** The root logger bound to requestId. */
  readonly log: Logger;
  /** Receives every upstream call made on behalf of this request. */
  readonly onUpstreamCall: (event: UpstreamCallEvent) => void;
}

// AsyncLocalStorage carries the scope through promises and DataLoader ticks without threading it
// through every upstream function signature.
const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it starts asynchronously) inside `scope`. */
export function runInScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/** The scope of the request being served, or undefined outside any request. */
export function currentScope(): RequestScope | undefined {
  return storage.getStore();
}
