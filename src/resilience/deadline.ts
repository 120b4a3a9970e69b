// Per-request deadline: one signal that fires when the time budget runs out or the client goes away.
import { abortCause, type AbortCause, type CallSignal } from '../upstream/signal.js';

export type { AbortCause };

export interface Deadline {
  /** Pass it to every upstream call: `upstream.cancelJobExecution(input, deadline.signal)`. */
  readonly signal: RequestSignal;
  /** Epoch milliseconds at which the budget ends. */
  readonly expiresAt: number;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** 'deadline' once the budget ran out, 'cancelled' once the caller went away, else undefined. */
  abortCause(): AbortCause | undefined;
  /** The caller went away: aborts the signal now (cause 'cancelled'). */
  cancel(): void;
  /** The request is over: frees the timer. The signal keeps its state and never fires later. */
  release(): void;
}

/**
 * A request's abort signal: the part of AbortSignal the gateway uses (see CallSignal). Node 20 builds
 * every AbortSignal by resetting a new object's prototype; one per request cost the gateway about a
 * sixth of its throughput on a cancel (BENCHMARKS.md). Listeners run once, in order, when it aborts.
 */
export class RequestSignal implements CallSignal {
  aborted = false;
  reason: unknown = undefined;
  onabort: ((this: never, event: never) => unknown) | null = null;
  private listeners: (() => void)[] = [];

  addEventListener(type: 'abort', listener: () => void): void {
    if (type === 'abort' && !this.aborted && !this.listeners.includes(listener))
      this.listeners.push(listener);
  }

  removeEventListener(type: 'abort', listener: () => void): void {
    const at = type === 'abort' ? this.listeners.indexOf(listener) : -1;
    if (at !== -1) this.listeners.splice(at, 1);
  }

  /** Aborts with `reason` unless already aborted; like EventTarget, a throwing listener stops no other. */
  abort(reason: Error): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason;
    const listeners = this.listeners;
    this.listeners = [];
    const onabort = this.onabort as (() => unknown) | null;
    for (const listener of onabort ? [...listeners, onabort] : listeners) {
      try {
        listener.call(this);
      } catch (error) {
        process.nextTick(() => {
          throw error;
        });
      }
    }
  }
}

/**
 * A deadline of `budgetMs` from now, also aborted by `parent` when given. One signal and one
 * unreferenced timer per request: AbortSignal.timeout + AbortSignal.any cost several times more on
 * Node 20 (weak references and finalizers per signal), on every request.
 */
export function createDeadline(budgetMs: number, parent?: CallSignal): Deadline {
  if (!Number.isFinite(budgetMs) || budgetMs <= 0)
    throw new RangeError(`deadline budget must be positive, got ${budgetMs}`);
  const expiresAt = Date.now() + budgetMs;
  const signal = new RequestSignal();
  const timer = setTimeout(() => {
    signal.abort(new DOMException('The request deadline passed.', 'TimeoutError'));
  }, budgetMs);
  timer.unref();
  const cancel = (): void => {
    clearTimeout(timer);
    signal.abort(new DOMException('The caller went away.', 'AbortError'));
  };
  if (parent?.aborted) cancel();
  else parent?.addEventListener('abort', cancel, { once: true });
  return {
    signal,
    expiresAt,
    remainingMs: () => Math.max(0, expiresAt - Date.now()),
    abortCause: () => abortCause(signal),
    cancel,
    release: () => clearTimeout(timer),
  };
}

/** Thrown (or mapped to) when an upstream call ran out of time; retryable. */
export class DeadlineExceededError extends Error {
  override name = 'DeadlineExceededError';
  readonly retryable = true;
  constructor(message = 'The upstream call did not finish in time.') {
    super(message);
  }
}

/** True for the errors fetch, the AWS SDK and AbortSignal produce when a signal aborts a call. */
export function isAbortError(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}
