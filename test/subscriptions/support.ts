// A test stack for live updates: one emulator, one or more gateway replicas on it, graphql-ws clients.
import { Writable } from 'node:stream';
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import { createClient, type Client } from 'graphql-ws';
import { pino } from 'pino';
import WebSocket from 'ws';
import { upstreamSettingsFor } from '../../src/bootstrap/settings.js';
import { loadConfig } from '../../src/config.js';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../src/emulator/index.js';
import { createGateway, type Gateway } from '../../src/http/app.js';
import { createUpstream } from '../../src/upstream/index.js';
import { dataClient } from '../support/sdk.js';

export interface Replica {
  gateway: Gateway<Emulator>;
  /** ws://127.0.0.1:<port>/graphql */
  wsUrl: string;
  logs: Record<string, unknown>[];
}

export interface ReplicaOptions {
  /** Extra environment; PORT, HOST, IOT_UPSTREAM are fixed. */
  env?: Record<string, string>;
  /** Hand the emulator to the gateway (its in-process feed); default true. */
  withEmulator?: boolean;
}

/** Starts a gateway replica on `emulator` (which it does not close). */
export async function startReplica(emulator: Emulator, options: ReplicaOptions = {}): Promise<Replica> {
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_QUERY_POINTS: '1000000',
    RATE_LIMIT_MUTATION_POINTS: '1000000',
    ...options.env,
    IOT_UPSTREAM: 'emulator',
    PORT: '0',
    HOST: '127.0.0.1',
    EMULATOR_SEED: 'none',
  });
  const logs: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line) logs.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  // The emulator is shared by the test's replicas: a stand-in that closes nothing keeps it alive.
  const feed =
    options.withEmulator === false
      ? undefined
      : {
          url: emulator.url,
          close: async () => undefined,
          onJobEvent: (listener: (topic: string, payload: string) => void) => emulator.onJobEvent(listener),
        };
  const gateway = await createGateway(config, {
    logger: pino({ level: config.logLevel }, sink),
    upstream: createUpstream(upstreamSettingsFor(config, emulator.url)),
    ...(feed ? { emulator: feed as unknown as Emulator } : {}),
  });
  const url = await gateway.listen();
  return { gateway, wsUrl: url.replace(/^http/, 'ws'), logs };
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ host: '127.0.0.1', port: 0, seed: 'none', ...options });
}

/** A device's status report through the real data-plane SDK client. */
export async function deviceUpdate(
  emulator: Emulator,
  thingName: string,
  jobId: string,
  status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED',
  statusDetails?: Record<string, string>,
): Promise<void> {
  const client = dataClient(emulator.url);
  try {
    await client.send(
      new UpdateJobExecutionCommand({
        thingName,
        jobId,
        status,
        ...(statusDetails ? { statusDetails } : {}),
      }),
    );
  } finally {
    client.destroy();
  }
}

export interface Received {
  /** data of every `next` message, in arrival order. */
  readonly events: Record<string, unknown>[];
  /** errors of `next` messages, and of `error` messages. */
  readonly errors: { message: string; extensions?: Record<string, unknown> }[];
  /** How the operation ended: 'complete', 'error' or undefined while it runs. */
  readonly ended: 'complete' | 'error' | undefined;
  /** The close event of the socket, if the server closed it. */
  readonly closed: { code: number; reason: string } | undefined;
  /** Resolves when `count` events have arrived; rejects after `timeoutMs` naming what did arrive. */
  waitForEvents(count: number, timeoutMs?: number): Promise<void>;
  /** Resolves when the operation ended or the socket closed. */
  waitForEnd(timeoutMs?: number): Promise<void>;
  dispose(): Promise<void>;
}

/** A graphql-ws client (no retries) and how the server closed its socket, if it did. */
export function openClient(wsUrl: string, connectionParams: Record<string, unknown> = {}) {
  const state: { closed: { code: number; reason: string } | undefined } = { closed: undefined };
  const client: Client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    on: {
      closed: (event) => {
        const { code, reason } = event as { code: number; reason?: string };
        state.closed = { code, reason: reason ?? '' };
      },
    },
    onNonLazyError: () => undefined,
  });
  return { client, state };
}

/** Opens a graphql-ws client and starts one subscription on it. */
export function subscribe(
  wsUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  connectionParams: Record<string, unknown> = {},
): Received {
  const { client, state } = openClient(wsUrl, connectionParams);
  const received = subscribeOn(client, query, variables, () => state.closed);
  // Disposing the only subscription closes its socket too.
  return Object.assign(received, { dispose: () => client.dispose() as Promise<void> });
}

/** Starts one subscription on an open client; dispose() completes only this subscription. */
export function subscribeOn(
  client: Client,
  query: string,
  variables: Record<string, unknown> = {},
  closedOf: () => Received['closed'] = () => undefined,
): Received {
  const events: Record<string, unknown>[] = [];
  const errors: Received['errors'] = [];
  let ended: Received['ended'];
  const unsubscribe = client.subscribe<Record<string, unknown>>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) errors.push(...(result.errors as Received['errors']));
        if (result.data) events.push(result.data);
      },
      error: (error) => {
        if (Array.isArray(error)) errors.push(...(error as Received['errors']));
        ended = 'error';
      },
      complete: () => (ended ??= 'complete'),
    },
  );
  const until = (done: () => boolean, timeoutMs: number, what: () => string) =>
    new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        if (done()) resolve();
        else if (Date.now() - started > timeoutMs) reject(new Error(`timed out waiting for ${what()}`));
        else setTimeout(tick, 20);
      };
      tick();
    });
  return {
    events,
    errors,
    get ended() {
      return ended;
    },
    get closed() {
      return closedOf();
    },
    waitForEvents: (count, timeoutMs = 10_000) =>
      until(
        () => events.length >= count,
        timeoutMs,
        () => `${count} events; got ${JSON.stringify(events)} errors ${JSON.stringify(errors)}`,
      ),
    waitForEnd: (timeoutMs = 10_000) =>
      until(
        () => ended !== undefined || closedOf() !== undefined,
        timeoutMs,
        () => 'the end',
      ),
    dispose: async () => unsubscribe(),
  };
}

export const EXECUTION_CHANGED = /* GraphQL */ `
  subscription Watch($thingName: String!, $jobId: String!, $after: JobExecutionVersionInput) {
    jobExecutionChanged(thingName: $thingName, jobId: $jobId, after: $after) {
      id
      jobId
      thingName
      status
      executionNumber
      versionNumber
      statusDetails {
        key
        value
      }
      job {
        jobId
        status
      }
    }
  }
`;

export const EXECUTIONS_CHANGED = /* GraphQL */ `
  subscription WatchJob($jobId: String!) {
    jobExecutionsChanged(jobId: $jobId) {
      thingName
      status
      versionNumber
    }
  }
`;

/** The statuses of received jobExecutionChanged events, in order. */
export const statusesOf = (received: Received, field = 'jobExecutionChanged'): string[] =>
  received.events.map((e) => (e[field] as { status: string }).status);

/** The versionNumbers of received events, in order. */
export const versionsOf = (received: Received, field = 'jobExecutionChanged'): number[] =>
  received.events.map((e) => (e[field] as { versionNumber: number }).versionNumber);

/** One job per entry, each targeting its things (QUEUED). */
export function fleet(jobs: Record<string, string[]>) {
  const things = [...new Set(Object.values(jobs).flat())].map((thingName) => ({ thingName }));
  return {
    things,
    jobs: Object.entries(jobs).map(([jobId, targets]) => ({ jobId, document: { op: 'test' }, targets })),
  };
}

/** Resolves once `condition()` holds; rejects after `timeoutMs`. */
export function waitUntil(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const started = Date.now();
    const tick = () => {
      if (condition()) resolve();
      else if (Date.now() - started > timeoutMs) reject(new Error('timed out waiting for a condition'));
      else setTimeout(tick, 20);
    };
    tick();
  });
}
