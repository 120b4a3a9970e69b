/** What /readyz reports. */
export type ReadinessState =
  { readonly ready: true } | { readonly ready: false; readonly reason: 'draining' | 'upstream-unreachable' };

export interface ReadinessOptions {
  /** A cheap call proving AWS IoT answers with these credentials; rejects when it does not. */
  check: (signal: AbortSignal) => Promise<void>;
  /** How long a check result is reused; probes in between never call AWS. */
  intervalMs: number;
  /** A check slower than this counts as unreachable; default 2000 ms (give the probe a longer timeout). */
  timeoutMs?: number;
  /** Told when reachability changes, with the failure that made it unreachable. */
  onChange?: (reachable: boolean, error?: unknown) => void;
  /** Default: performance.now (monotonic). */
  now?: () => number;
}

export interface Readiness {
  state(): Promise<ReadinessState>;
  /** From now on the gateway is draining and never ready again. */
  markDraining(): void;
  readonly draining: boolean;
}

const DEFAULT_TIMEOUT_MS = 2000;

/** Readiness = not draining and the upstream answered a check no older than intervalMs. */
export function createReadiness(options: ReadinessOptions): Readiness {
  const now = options.now ?? (() => performance.now());
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let draining = false;
  let last: { reachable: boolean; at: number } | undefined;
  let inFlight: Promise<boolean> | undefined;

  const runCheck = async (): Promise<boolean> => {
    let reachable: boolean;
    let failure: unknown;
    try {
      await options.check(AbortSignal.timeout(timeoutMs));
      reachable = true;
    } catch (error) {
      reachable = false;
      failure = error;
    }
    if (last?.reachable !== reachable) options.onChange?.(reachable, failure);
    last = { reachable, at: now() };
    return reachable;
  };

  return {
    async state() {
      if (draining) return { ready: false, reason: 'draining' };
      let reachable: boolean;
      if (last && now() - last.at < options.intervalMs) reachable = last.reachable;
      else {
        // Concurrent probes share one check, so AWS sees at most one call per interval.
        inFlight ??= runCheck().finally(() => {
          inFlight = undefined;
        });
        reachable = await inFlight;
      }
      if (draining) return { ready: false, reason: 'draining' };
      return reachable ? { ready: true } : { ready: false, reason: 'upstream-unreachable' };
    },
    markDraining() {
      draining = true;
    },
    get draining() {
      return draining;
    },
  };
}
