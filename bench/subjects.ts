// The processes under test: the stub upstream (core 0, beside the load generator) and the servers
// B0, B1 and the gateway (core 1), each in its own child process.
import { get } from './load/httpClient.js';
import { spawnPinned, waitUntil, type PinnedChild } from './support/children.js';

export type SubjectName = 'B0' | 'B1' | 'BA' | 'BJ' | 'G';

export const LOAD_CORE = 0;
export const SERVER_CORE = 1;

import { COMPILED as ENTRIES } from './compile.js';

export { ENTRIES };

export interface SubjectEnvOptions {
  stubUrl: string;
  logLevel: string;
}

/**
 * The environment of the gateway AND of the SDK baselines, so both build their clients from the
 * same configuration: AWS mode against the stub, static dummy credentials, no auth in front.
 */
export function subjectEnv({ stubUrl, logLevel }: SubjectEnvOptions): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    IOT_UPSTREAM: 'aws',
    AWS_REGION: 'us-east-1',
    AWS_ENDPOINT_URL_IOT: stubUrl,
    AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: stubUrl,
    AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
    AWS_SECRET_ACCESS_KEY: 'bench-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_MAX_ATTEMPTS: '3',
    AUTH_MODE: 'none',
    LOG_LEVEL: logLevel,
    // One load generator is one caller: the per-caller limits (30 mutations a minute by default)
    // would answer almost everything with ThrottlingError. The limiter still runs on every request.
    RATE_LIMIT_MUTATION_POINTS: '1000000',
    RATE_LIMIT_QUERY_POINTS: '1000000',
    RATE_LIMIT_WINDOW_SECONDS: '1',
    // The bulkhead sheds upstream calls beyond 100 running + 1,000 queued by default; the burst and
    // throttle scenarios measure queueing instead (the default is measured separately in the burst).
    UPSTREAM_MAX_QUEUE: '100000',
    // Subscriptions would open an MQTT connection to the (HTTP-only) stub and retry it every second.
    JOB_EVENTS_SOURCE: 'none',
  };
}

export async function startStub(pin: boolean): Promise<PinnedChild> {
  const stub = await spawnPinned({
    name: 'stub',
    core: pin ? LOAD_CORE : undefined,
    entry: ENTRIES.stub,
    env: {},
  });
  await ready(stub, 15_000);
  return stub;
}

export async function startSubject(
  name: SubjectName,
  env: Record<string, string>,
  pin: boolean,
  nodeFlags: string[] = [],
): Promise<PinnedChild> {
  const child = await spawnPinned({
    name,
    core: pin ? SERVER_CORE : undefined,
    entry: ENTRIES[name],
    // BJ is BA's server executing through graphql-jit.
    env: name === 'BJ' ? { ...env, BENCH_JIT: '1' } : env,
    nodeFlags,
  });
  try {
    await ready(child, 30_000);
  } catch (error) {
    await child.stop();
    throw new Error(`${name} did not become ready: ${(error as Error).message}\n${child.tail()}`, {
      cause: error,
    });
  }
  return child;
}

async function ready(child: PinnedChild, timeoutMs: number): Promise<void> {
  await waitUntil(
    async () => (await get(`${child.url}/healthz`)).status === 200,
    timeoutMs,
    25,
    () => (child.exited() ? `${child.name} exited during startup` : undefined),
  );
}
