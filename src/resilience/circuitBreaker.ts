// Circuit breaker around upstream sends (opossum): stops calling a failing upstream and answers fast instead.
import { abortCause, type CallSignal } from '../upstream/signal.js';
import CircuitBreaker from 'opossum';

export interface UpstreamBreakerOptions {
  /** Name used in logs and metrics, e.g. 'iot-control'. */
  name: string;
  /** Failure percentage within the rolling window that opens the circuit; default 50. */
  errorThresholdPercentage?: number;
  /** Calls needed in the window before the percentage is trusted; default 10. */
  volumeThreshold?: number;
  /** How long the circuit stays open before one trial call; default 30_000 ms. */
  resetTimeoutMs?: number;
  /** Length of the rolling statistics window; default 10_000 ms. */
  rollingWindowMs?: number;
  /** Errors for which this is true count as successes (the upstream answered); default isNeutralError. */
  isNeutral?: (err: unknown) => boolean;
  /** Called on every state change (logs, metrics). */
  onStateChange?: (state: BreakerState) => void;
}

export type BreakerState = 'closed' | 'open' | 'halfOpen';

/** The circuit is open: the upstream is failing, so the call was not attempted. Retryable. */
export class CircuitOpenError extends Error {
  override name = 'CircuitOpenError';
  /** Mapped like ServiceUnavailableException: the caller may retry later. */
  readonly kind = 'ServiceUnavailable';
  readonly retryable = true;
  constructor(
    readonly breaker: string,
    readonly retryAfterSeconds: number,
  ) {
    super('The upstream service is temporarily unavailable.');
  }
}

// Names the SDK classifies as throttling: the upstream is overloaded, so they count as failures.
const THROTTLING_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'RequestLimitExceeded',
  'LimitExceededException',
]);

/**
 * The upstream answered, and the answer is about the request, not upstream health: AWS client faults
 * (ResourceNotFound, InvalidRequest, InvalidStateTransition, VersionConflict, …) other than throttling.
 */
export function isNeutralError(err: unknown): boolean {
  if (err === null || typeof err !== 'object') return false;
  const { $fault, name } = err as { $fault?: unknown; name?: unknown };
  return $fault === 'client' && typeof name === 'string' && !THROTTLING_NAMES.has(name);
}

export interface UpstreamBreaker {
  /**
   * Runs `call` unless the circuit is open. When `signal` was aborted by the caller (not by the
   * deadline) the failure is not the upstream's fault and does not count.
   */
  run<T>(call: () => Promise<T>, signal?: CallSignal): Promise<T>;
  state(): BreakerState;
  /** Stops the statistics timers; call on shutdown. */
  shutdown(): void;
}

type Action = (call: () => Promise<unknown>, signal?: CallSignal) => Promise<unknown>;

export function createUpstreamBreaker(options: UpstreamBreakerOptions): UpstreamBreaker {
  const resetTimeoutMs = options.resetTimeoutMs ?? 30_000;
  const isNeutral = options.isNeutral ?? isNeutralError;
  const breaker = new CircuitBreaker<Parameters<Action>, unknown>((call) => call(), {
    name: options.name,
    // Deadlines abort the call itself (its signal); opossum's own timeout would leave it running.
    timeout: false,
    errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
    volumeThreshold: options.volumeThreshold ?? 10,
    resetTimeout: resetTimeoutMs,
    rollingCountTimeout: options.rollingWindowMs ?? 10_000,
    rollingCountBuckets: 10,
    rollingPercentilesEnabled: false,
    // opossum passes fire()'s arguments after the error; its typings only declare the error.
    errorFilter: (err: unknown, _call?: unknown, signal?: CallSignal) =>
      isNeutral(err) || (signal !== undefined && abortCause(signal) === 'cancelled'),
  });
  const state = (): BreakerState => (breaker.opened ? 'open' : breaker.halfOpen ? 'halfOpen' : 'closed');
  if (options.onStateChange) {
    const notify = options.onStateChange;
    breaker.on('open', () => notify('open'));
    breaker.on('halfOpen', () => notify('halfOpen'));
    breaker.on('close', () => notify('closed'));
  }
  const retryAfterSeconds = Math.max(1, Math.ceil(resetTimeoutMs / 1000));

  return {
    run<T>(call: () => Promise<T>, signal?: CallSignal): Promise<T> {
      return (breaker.fire(call, signal) as Promise<T>).catch((err: unknown) => {
        if ((err as { code?: unknown }).code === 'EOPENBREAKER')
          throw new CircuitOpenError(options.name, retryAfterSeconds);
        throw err;
      });
    },
    state,
    shutdown: () => breaker.shutdown(),
  };
}
