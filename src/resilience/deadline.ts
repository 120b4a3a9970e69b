// Per-request deadline: one AbortSignal that fires when the time budget runs out or the client goes away.

/** Why a deadline's signal fired. */
export type AbortCause = 'deadline' | 'cancelled';

export interface Deadline {
  /** Pass it to every upstream call: `client.send(cmd, { abortSignal: deadline.signal })`. */
  readonly signal: AbortSignal;
  /** Epoch milliseconds at which the budget ends. */
  readonly expiresAt: number;
  /** Milliseconds left, never negative. */
  remainingMs(): number;
  /** 'deadline' once the budget ran out, 'cancelled' once the caller's signal aborted, else undefined. */
  abortCause(): AbortCause | undefined;
}

/**
 * A deadline of `budgetMs` from now, also aborted by `parent` (e.g. the HTTP request's signal).
 * Uses AbortSignal.timeout, whose timer is unreferenced and released once it fires or is collected.
 */
export function createDeadline(budgetMs: number, parent?: AbortSignal): Deadline {
  if (!Number.isFinite(budgetMs) || budgetMs <= 0)
    throw new RangeError(`deadline budget must be positive, got ${budgetMs}`);
  const expiresAt = Date.now() + budgetMs;
  const timeout = AbortSignal.timeout(budgetMs);
  const signal = parent ? AbortSignal.any([timeout, parent]) : timeout;
  return {
    signal,
    expiresAt,
    remainingMs: () => Math.max(0, expiresAt - Date.now()),
    abortCause: () => (signal.aborted ? causeOf(signal.reason) : undefined),
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
