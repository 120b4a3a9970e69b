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
