// State shared by the scenarios of one bench session: the stub, the long-lived subjects, the
// environment they share, and every recorded sample.
import type { BenchOptions } from './options.js';
import { post, stubAdmin } from './load/httpClient.js';
import { throughput, type ThroughputOptions } from './load/throughput.js';
import type { StubStats } from './stub/awsStub.js';
import type { PinnedChild } from './support/children.js';
import { openCpuWindow } from './support/procStats.js';
import type { SubjectName } from './subjects.js';

export interface Sample {
  /** A ScenarioName, or 'latency' for the 1-connection half of scenario (a). */
  scenario: string;
  /** e.g. 'G', 'B1', 'B2', or a ratio name such as 'G/B1'. */
  subject: string;
  run: number;
  metrics: Record<string, number>;
}

export interface Session {
  options: BenchOptions;
  stub: PinnedChild;
  env: Record<string, string>;
  subjects: Partial<Record<SubjectName, PinnedChild>>;
  samples: Sample[];
  /** Scenario-level remarks printed under the report (e.g. "list: pending read side"). */
  notes: string[];
}

export function record(session: Session, sample: Sample): void {
  session.samples.push(sample);
}

export const stubStats = (session: Session): Promise<StubStats> =>
  stubAdmin<StubStats>(session.stub.url, 'stats');
export const resetStub = (session: Session): Promise<unknown> => stubAdmin(session.stub.url, 'reset', {});
export const configureStub = (session: Session, config: { throttleProbability: number }): Promise<unknown> =>
  stubAdmin(session.stub.url, 'config', config);

export type LoadSpec = Omit<ThroughputOptions, 'url' | 'durationSec' | 'connections'> & {
  connections?: number;
  durationSec?: number;
};

/**
 * One warm-up plus one measured autocannon window against `target`, with per-process CPU and the
 * upstream calls the stub saw during the window only.
 */
export async function measureThroughput(
  session: Session,
  target: PinnedChild,
  spec: LoadSpec,
): Promise<Record<string, number>> {
  const { options } = session;
  const connections = spec.connections ?? options.connections;
  await throughput({ ...spec, url: target.url, connections, durationSec: options.warmupSec });
  await settle(session);
  await resetStub(session);
  const warningsBefore = target.socketWarnings();
  const cpu = openCpuWindow({ subject: target.pid, stub: session.stub.pid, load: process.pid });
  const started = process.hrtime.bigint();
  const result = await throughput({
    ...spec,
    url: target.url,
    connections,
    durationSec: spec.durationSec ?? options.durationSec,
  });
  const wallUs = Number(process.hrtime.bigint() - started) / 1_000;
  const used = cpu.close();
  const upstream = await stubStats(session);
  const upstreamCalls = totalCalls(upstream);
  return {
    rps: result.rps,
    requests: result.requests,
    p50Ms: result.latencyP50Ms,
    p99Ms: result.latencyP99Ms,
    errors: result.errors + result.non2xx + result.mismatches + result.timeouts,
    cpuUsPerRequest: used.subject! / result.requests,
    stubCpuUsPerRequest: used.stub! / result.requests,
    loadCpuUsPerRequest: used.load! / result.requests,
    serverCorePct: (100 * used.subject!) / wallUs,
    loadCorePct: (100 * (used.stub! + used.load!)) / wallUs,
    upstreamCallsPerRequest: upstreamCalls / result.requests,
    throttled: upstream.throttled,
    maxCancelAttemptsPerKey: upstream.maxCancelAttemptsPerKey,
    socketWarnings: target.socketWarnings() - warningsBefore,
  };
}

/** AWS calls made for requests; the gateway's periodic readiness probe (DescribeEndpoint) is not one. */
export const totalCalls = (stats: StubStats): number =>
  Object.entries(stats.calls).reduce(
    (sum, [operation, count]) => (operation === 'DescribeEndpoint' ? sum : sum + count),
    0,
  );

/** autocannon stops without waiting for in-flight requests: wait until their upstream calls stop arriving. */
export async function settle(session: Session, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let previous = totalCalls(await stubStats(session));
  let quietPolls = 0;
  // Three quiet polls in a row (~600 ms): a request still waiting on a slow answer or a retry backoff is rare by then.
  while (Date.now() < deadline && quietPolls < 3) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = totalCalls(await stubStats(session));
    quietPolls = current === previous ? quietPolls + 1 : 0;
    previous = current;
  }
}

/**
 * Exact upstream calls per request: `count` sequential requests on an otherwise idle subject,
 * counted at the stub (throughput windows only approximate it because of in-flight requests).
 */
export async function upstreamCallsPerRequest(
  session: Session,
  target: PinnedChild,
  body: (index: number) => string,
  count = 20,
): Promise<number> {
  await settle(session);
  await resetStub(session);
  for (let index = 0; index < count; index += 1) await post(`${target.url}/graphql`, body(index));
  return totalCalls(await stubStats(session)) / count;
}
