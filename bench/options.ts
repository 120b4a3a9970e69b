// Command-line flags of `npm run bench` (each with its default), e.g.
// `npm run bench -- --runs 3 --duration 10 --soak 300 --out bench-results.json`.
import { parseArgs } from 'node:util';

export const SCENARIOS = ['mutation', 'list', 'burst', 'throttle', 'coldstart', 'soak'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface BenchOptions {
  /** Interleaved rounds; every figure is the median of these. Default 3. */
  runs: number;
  /** Seconds per measured window. Default 10. */
  durationSec: number;
  /** Seconds of unrecorded load before each window. Default 2. */
  warmupSec: number;
  /** autocannon connections for throughput windows. Default 50. */
  connections: number;
  /** Connections for the throttled scenario, enough to keep the gateway busy during backoffs. Default 400. */
  throttleConnections: number;
  /** Fraction of upstream calls the stub throttles in scenario (d). Default 0.1. */
  throttleProbability: number;
  /** Concurrent distinct cancels in scenario (c). Default 1000. */
  burstSize: number;
  /** Soak length in seconds, split into 5 equal windows (60 s each for the full 300 s run). Default 60. */
  soakSec: number;
  /** Soak request rate as a fraction of the gateway's measured maximum. Default 0.7. */
  soakLoad: number;
  scenarios: ScenarioName[];
  /** Pin servers to core 1 and load/stub to core 0 (needs taskset and 2 cores). Default true. */
  pin: boolean;
  /** Gateway LOG_LEVEL during the bench. Default warn (per-request info logs measure the log sink). */
  logLevel: string;
  /** Also write raw samples and the report here (JSON and .md next to it). Default: none. */
  out: string | undefined;
  /** Write a V8 CPU profile of the long-lived gateway into this directory (for tuning). Default: none. */
  profileDir: string | undefined;
}

export function parseOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '50' },
      'throttle-connections': { type: 'string', default: '400' },
      'throttle-probability': { type: 'string', default: '0.1' },
      burst: { type: 'string', default: '1000' },
      soak: { type: 'string', default: '60' },
      'soak-load': { type: 'string', default: '0.7' },
      scenarios: { type: 'string', default: SCENARIOS.join(',') },
      'no-pin': { type: 'boolean', default: false },
      'log-level': { type: 'string', default: 'warn' },
      out: { type: 'string' },
      'profile-dir': { type: 'string' },
      quick: { type: 'boolean', default: false },
    },
  });
  // --quick is a smoke test of the harness, not a measurement.
  const quick = values.quick;
  const scenarios = values.scenarios.split(',').map((name) => name.trim());
  for (const name of scenarios) {
    if (!(SCENARIOS as readonly string[]).includes(name))
      throw new Error(`unknown scenario "${name}"; known: ${SCENARIOS.join(', ')}`);
  }
  return {
    runs: quick ? 1 : positive('runs', values.runs),
    durationSec: quick ? 2 : positive('duration', values.duration),
    warmupSec: quick ? 1 : positive('warmup', values.warmup),
    connections: positive('connections', values.connections),
    throttleConnections: positive('throttle-connections', values['throttle-connections']),
    throttleProbability: Number(values['throttle-probability']),
    burstSize: positive('burst', values.burst),
    soakSec: quick ? 10 : positive('soak', values.soak),
    soakLoad: Number(values['soak-load']),
    scenarios: scenarios as ScenarioName[],
    pin: !values['no-pin'],
    logLevel: values['log-level'],
    out: values.out,
    profileDir: values['profile-dir'],
  };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`--${name} must be a positive number, got "${text}"`);
  return value;
}
