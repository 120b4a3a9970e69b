// An in-process gateway on top of an in-process emulator, both on ephemeral loopback ports:
// HTTP → Apollo → resolvers → real AWS SDK clients → emulator. Shared by every end-to-end test.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { upstreamSettingsFor } from '../../src/bootstrap/settings.js';
import { loadConfig, type Config } from '../../src/config.js';
import { startEmulator, type Clock, type Emulator, type SeedData } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/http/app.js';
import { createUpstream } from '../../src/upstream/index.js';

export interface TestGatewayOptions {
  /** Emulator seed; default 'none'. */
  seed?: 'demo' | 'none' | SeedData;
  /** SDK attempts per call (AWS_MAX_ATTEMPTS); default 3, the SDK's own default. */
  maxAttempts?: number;
  /** 'discover' (default) finds the data plane through DescribeEndpoint; 'configured' sets AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE. */
  dataPlane?: 'discover' | 'configured';
  /** Extra environment for loadConfig, e.g. { NODE_ENV: 'production' }; PORT, HOST and IOT_UPSTREAM are fixed. */
  env?: Record<string, string>;
  /** Emulator clock; default the system clock. */
  clock?: Clock;
  /** Lowest level kept in `logs()`; default 'warn'. */
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** A parsed GraphQL response body: its shape is asserted by the tests, not by types. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type GqlBody = any;

export interface GqlResponse<T = GqlBody> {
  status: number;
  headers: Headers;
  body: T;
}

export interface TestGateway {
  /** The gateway's GraphQL URL, e.g. http://127.0.0.1:41234/graphql. */
  readonly url: string;
  /** The gateway's origin, for non-GraphQL routes such as /healthz. */
  readonly origin: string;
  readonly emulator: Emulator;
  readonly gateway: Gateway<Emulator>;
  readonly config: Config;
  /** POSTs one GraphQL operation as JSON; the body is parsed when it is JSON, else the raw text. */
  gql<T = GqlBody>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GqlResponse<T>>;
  /** How many requests the emulator served since start (or `resetCalls`), for one operation or all. */
  upstreamCalls(operation?: string): number;
  /** Records the gateway logged at or above `logLevel`, parsed. */
  logs(): Record<string, GqlBody>[];
  close(): Promise<void>;
}

/** Starts an emulator and a gateway wired to it; always `close()` it (afterAll/afterEach). */
export async function startTestGateway(opts: TestGatewayOptions = {}): Promise<TestGateway> {
  const emulator = await startEmulator({
    port: 0,
    host: '127.0.0.1',
    seed: opts.seed ?? 'none',
    clock: opts.clock,
  });
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      LOG_LEVEL: opts.logLevel ?? 'warn',
      AWS_MAX_ATTEMPTS: String(opts.maxAttempts ?? 3),
      ...(opts.dataPlane === 'configured' ? { AWS_ENDPOINT_URL_IOT_JOBS_DATA_PLANE: emulator.url } : {}),
      // Every test shares one anonymous caller (127.0.0.1) and injects faults on purpose: the rate limits
      // and the circuit breaker stay out of the way unless a test sets them (test/security, test/resilience).
      RATE_LIMIT_QUERY_POINTS: '1000000',
      RATE_LIMIT_MUTATION_POINTS: '1000000',
      BREAKER_VOLUME_THRESHOLD: '10000',
      ...opts.env,
      IOT_UPSTREAM: 'emulator',
      PORT: '0',
      HOST: '127.0.0.1',
      EMULATOR_SEED: 'none',
    });
    const records: Record<string, GqlBody>[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) if (line) records.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: config.logLevel }, sink);
    const upstream = createUpstream(upstreamSettingsFor(config, emulator.url));
    const gateway = await createGateway(config, { logger, upstream, emulator });
    const url = await gateway.listen();
    return {
      url,
      origin: new URL(url).origin,
      emulator,
      gateway,
      config,
      async gql(query, variables, headers) {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify({ query, variables }),
        });
        const text = await res.text();
        let body: GqlBody = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Non-JSON answers (e.g. HTML) stay text so tests can assert on them.
        }
        return { status: res.status, headers: res.headers, body };
      },
      upstreamCalls(operation) {
        return emulator.calls(operation ? { operation } : undefined).length;
      },
      logs: () => records,
      close: () => gateway.stop(),
    };
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

/** Seed with one job per given status on one thing, for tests that need a known execution. */
export function seedWith(
  jobs: {
    jobId: string;
    thingName: string;
    status?: NonNullable<NonNullable<SeedData['jobs']>[number]['executions']>[number]['status'];
    statusDetails?: Record<string, string>;
  }[],
): SeedData {
  const things = [...new Set(jobs.map((j) => j.thingName))].map((thingName) => ({ thingName }));
  return {
    things,
    jobs: jobs.map((j) => ({
      jobId: j.jobId,
      document: { operation: 'test', jobId: j.jobId },
      targets: [j.thingName],
      executions:
        j.status && j.status !== 'QUEUED'
          ? [
              {
                thingName: j.thingName,
                status: j.status,
                ...(j.statusDetails ? { statusDetails: j.statusDetails } : {}),
              },
            ]
          : [],
    })),
  };
}
