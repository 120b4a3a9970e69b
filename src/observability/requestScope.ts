import type { CallSignal } from '../upstream/signal.js';
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
  /** The root logger bound to requestId (a request's child logger is made on first use). */
  readonly log: Logger;
  /** Whether debug lines are written: checked first, so a quiet call never makes the child logger. */
  readonly logsDebug: boolean;
  /** Receives every upstream call made on behalf of this request. */
  readonly onUpstreamCall: (event: UpstreamCallEvent) => void;
}

// The scope rides on the request's signal, which every upstream call already carries down to
// the SDK middleware. AsyncLocalStorage would do the same without the signal, but on Node 20 its
// first run() installs promise hooks that slow every await in the process (measured: the largest
// single cost of the gateway per request). It is a property of the signal rather than an entry of
// a WeakMap: a WeakMap keyed by one short-lived object per request costs every garbage collection.
const SCOPE = Symbol('requestScope');
type ScopedSignal = CallSignal & { [SCOPE]?: RequestScope };

/** Makes `scope` the scope of every upstream call sent with `signal`. */
export function bindScope(signal: ScopedSignal, scope: RequestScope): void {
  signal[SCOPE] = scope;
}

/** The scope bound to `signal`, or undefined (no signal, or a call made outside any request). */
export function scopeOf(signal: ScopedSignal | undefined): RequestScope | undefined {
  return signal?.[SCOPE];
}
