// Per-request deadline: one AbortSignal that fires when the time budget runs out or the client goes away.
import { setMaxListeners } from 'node:events';

/** Why a deadline's signal fired. */
export type AbortCause = 'deadline' | 'cancelled';

export interface Deadline {
  /** Pass it to every upstream call: `client.send(cmd, { abortSignal: deadline.signal })`. */
  readonly signal: AbortSignal;
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
 * A deadline of `budgetMs` from now, also aborted by `parent` when given. One controller and one
 * unreferenced timer per request: AbortSignal.timeout + AbortSignal.any cost several times more on
 * Node 20 (weak references and finalizers per signal), on every request.
 */
/** Listeners one request's signal may carry before Node warns: 8 concurrent calls × a few each, with room. */
const MAX_ABORT_LISTENERS = 100;

export function createDeadline(budgetMs: number, parent?: AbortSignal): Deadline {
  if (!Number.isFinite(budgetMs) || budgetMs <= 0)
    throw new RangeError(`deadline budget must be positive, got ${budgetMs}`);
  const expiresAt = Date.now() + budgetMs;
  const controller = new AbortController();
  const { signal } = controller;
  // The calls in flight share one listener, but each call waiting for a bulkhead slot has its own, and a
  // request may queue as many as its concurrency budget: Node's default of 10 would warn of a leak.
  setMaxListeners(MAX_ABORT_LISTENERS, signal);
  const timer = setTimeout(() => {
    controller.abort(new DOMException('The request deadline passed.', 'TimeoutError'));
  }, budgetMs);
  timer.unref();
  const cancel = (): void => {
    clearTimeout(timer);
    controller.abort(new DOMException('The caller went away.', 'AbortError'));
  };
  if (parent?.aborted) cancel();
  else parent?.addEventListener('abort', cancel, { once: true });
  return {
    signal,
    expiresAt,
    remainingMs: () => Math.max(0, expiresAt - Date.now()),
    abortCause: () => (signal.aborted ? causeOf(signal.reason) : undefined),
    cancel,
    release: () => clearTimeout(timer),
  };
}

function causeOf(reason: unknown): AbortCause {
  return reason instanceof Error && reason.name === 'TimeoutError' ? 'deadline' : 'cancelled';
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
