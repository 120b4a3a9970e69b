// Closed-loop throughput with autocannon: N connections, no pipelining, every body verified.
import autocannon from 'autocannon';

export interface ThroughputOptions {
  url: string;
  connections: number;
  durationSec: number;
  /** Builds the body of request i; distinct keys let the stub count attempts per request. */
  body: (index: number) => string;
  verify: (body: string) => boolean;
  /** Fixed request rate (coordinated-omission corrected latencies); default: as fast as possible. */
  overallRate?: number;
  /** Called with every response body, e.g. to count typed errors. */
  onBody?: (body: string) => void;
}

export interface ThroughputResult {
  rps: number;
  requests: number;
  /** Milliseconds, as autocannon records them (whole ms). */
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
  mismatches: number;
  timeouts: number;
}

export async function throughput(options: ThroughputOptions): Promise<ThroughputResult> {
  let index = 0;
  const result = await autocannon({
    url: `${options.url}/graphql`,
    connections: options.connections,
    duration: options.durationSec,
    timeout: 30,
    ...(options.overallRate === undefined ? {} : { overallRate: options.overallRate }),
    verifyBody: options.verify,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (request) => ({ ...request, body: options.body((index += 1)) }),
        ...(options.onBody ? { onResponse: (_status: number, body: string) => options.onBody!(body) } : {}),
      },
    ],
  });
  return {
    rps: result.requests.total / result.duration,
    requests: result.requests.total,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
    timeouts: result.timeouts,
  };
}
