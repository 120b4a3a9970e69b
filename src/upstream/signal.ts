// The abort signal a request's upstream calls carry.

/**
 * What upstream calls need of their request's signal. A DOM AbortSignal fits, and so does the
 * gateway's own RequestSignal (src/resilience/deadline.ts), which a request makes in a fraction of
 * the time: on Node 20 making an AbortSignal costs microseconds and slowed the whole request path
 * measurably (BENCHMARKS.md).
 */
export interface CallSignal {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** The AWS SDK's HTTP handler sets this when handed the signal itself (its deprecated form). */
  onabort: ((this: never, event: never) => unknown) | null;
  addEventListener(type: 'abort', listener: () => void, options?: { once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Why a request's signal fired: its deadline passed, or its client went away. */
export type AbortCause = 'deadline' | 'cancelled';

/** Why `signal` fired ('deadline' for a TimeoutError reason, else 'cancelled'); undefined while it has not. */
export function abortCause(signal: CallSignal): AbortCause | undefined {
  if (!signal.aborted) return undefined;
  const reason = signal.reason;
  return reason instanceof Error && reason.name === 'TimeoutError' ? 'deadline' : 'cancelled';
}
