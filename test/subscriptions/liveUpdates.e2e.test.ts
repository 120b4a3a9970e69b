import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { parseJobEvent } from '../../src/subscriptions/jobEvents.js';
import {
  deviceUpdate,
  EXECUTION_CHANGED,
  EXECUTIONS_CHANGED,
  fleet,
  openClient,
  startReplica,
  startTestEmulator,
  statusesOf,
  subscribe,
  subscribeOn,
  versionsOf,
  type Received,
  type Replica,
  waitUntil,
} from './support.js';

// graphql-ws client → gateway (same port and path as HTTP) → hub → emulator's in-process feed; device
// updates go through the real data-plane SDK client to the emulator.

let emulator: Emulator;
let replica: Replica;
const open: Received[] = [];
const watch = (query: string, variables: Record<string, unknown>) => {
  const received = subscribe(replica.wsUrl, query, variables);
  open.push(received);
  return received;
};

beforeAll(async () => {
  emulator = await startTestEmulator({
    seed: fleet({ 'job-1': ['dev-1'], 'job-2': ['dev-2', 'dev-3'], 'job-3': ['dev-4'], 'job-4': ['dev-5'] }),
  });
  // An hour between reconciliations: every update below must come from the event feed.
  replica = await startReplica(emulator, { env: { SUBSCRIPTIONS_RECONCILE_INTERVAL_MS: '3600000' } });
});
afterEach(async () => {
  await Promise.all(open.splice(0).map((r) => r.dispose()));
});
afterAll(async () => {
  await replica?.gateway.stop();
  await emulator?.close();
});

describe('jobExecutionChanged', () => {
  it('delivers QUEUED → IN_PROGRESS → SUCCEEDED once each, in order, as full objects', async () => {
    const received = watch(EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
    await received.waitForEvents(1);
    await deviceUpdate(emulator, 'dev-1', 'job-1', 'IN_PROGRESS', { step: 'download' });
    await received.waitForEvents(2);
    await deviceUpdate(emulator, 'dev-1', 'job-1', 'SUCCEEDED');
    await received.waitForEvents(3);

    // Reading everything again and replaying an old notify must not repeat anything.
    const hub = replica.gateway.subscriptions.hub;
    await hub.reconcile();
    const stale = parseJobEvent(
      '$aws/things/dev-1/jobs/notify',
      JSON.stringify({
        timestamp: 1,
        jobs: { QUEUED: [{ jobId: 'job-1', executionNumber: 1, versionNumber: 1 }] },
      }),
    )!;
    const describesBefore = hub.stats.describes;
    hub.ingest(stale);
    expect(hub.stats.describes).toBe(describesBefore);
    await deviceUpdate(emulator, 'dev-4', 'job-3', 'IN_PROGRESS'); // an unrelated change flushes the pipeline
    const other = watch(EXECUTION_CHANGED, { thingName: 'dev-4', jobId: 'job-3' });
    await other.waitForEvents(1);

    expect(statusesOf(received)).toEqual(['QUEUED', 'IN_PROGRESS', 'SUCCEEDED']);
    expect(versionsOf(received)).toEqual([1, 2, 3]);
    const inProgress = received.events[1]!.jobExecutionChanged as Record<string, unknown>;
    expect(inProgress).toMatchObject({
      jobId: 'job-1',
      thingName: 'dev-1',
      executionNumber: 1,
      statusDetails: [{ key: 'step', value: 'download' }],
      job: { jobId: 'job-1', status: 'IN_PROGRESS' },
    });
    // Nested fields are read per event: the job completed with its only execution.
    expect(received.events[2]!.jobExecutionChanged).toMatchObject({ job: { status: 'COMPLETED' } });
    expect(received.errors).toEqual([]);
  });

  it('resumes after a version: only newer states are sent', async () => {
    const received = watch(EXECUTION_CHANGED, {
      thingName: 'dev-1',
      jobId: 'job-1',
      after: { executionNumber: 1, versionNumber: 3 },
    });
    const fresh = watch(EXECUTION_CHANGED, {
      thingName: 'dev-1',
      jobId: 'job-1',
      after: { executionNumber: 1, versionNumber: 2 },
    });
    await fresh.waitForEvents(1);
    expect(statusesOf(fresh)).toEqual(['SUCCEEDED']);
    expect(received.events).toEqual([]);
  });

  it('rejects invalid arguments before watching anything', async () => {
    const received = watch(EXECUTION_CHANGED, { thingName: 'bad name!', jobId: 'job-1' });
    await received.waitForEnd();
    expect(received.errors[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldErrors: [{ path: ['thingName'] }],
    });
    expect(replica.gateway.subscriptions.hub.active).toBe(false);
  });

  it('refuses queries and mutations over WebSocket', async () => {
    const received = watch('{ ping }', {});
    await received.waitForEnd();
    expect(received.ended).toBe('error');
    expect(received.errors[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('jobExecutionsChanged', () => {
  it('delivers each later change of any execution of the job once, not the states before subscribing', async () => {
    const hub = replica.gateway.subscriptions.hub;
    const received = watch(EXECUTIONS_CHANGED, { jobId: 'job-2' });
    await waitUntil(() => hub.watchers === 1);
    await deviceUpdate(emulator, 'dev-2', 'job-2', 'IN_PROGRESS');
    await received.waitForEvents(1);
    await deviceUpdate(emulator, 'dev-3', 'job-2', 'IN_PROGRESS');
    await received.waitForEvents(2);
    await deviceUpdate(emulator, 'dev-2', 'job-2', 'FAILED');
    await received.waitForEvents(3);
    await hub.reconcile();
    // A later change elsewhere takes a longer path than any repeat would: once it arrived, nothing else is coming.
    const probe = watch(EXECUTION_CHANGED, { thingName: 'dev-5', jobId: 'job-4' });
    await probe.waitForEvents(1);
    await deviceUpdate(emulator, 'dev-5', 'job-4', 'IN_PROGRESS');
    await probe.waitForEvents(2);

    expect(received.events.map((e) => e.jobExecutionsChanged)).toEqual([
      { thingName: 'dev-2', status: 'IN_PROGRESS', versionNumber: 2 },
      { thingName: 'dev-3', status: 'IN_PROGRESS', versionNumber: 2 },
      { thingName: 'dev-2', status: 'FAILED', versionNumber: 3 },
    ]);
  });
});

describe('limits', () => {
  it('refuses a subscription beyond SUBSCRIPTIONS_MAX_PER_CONNECTION on one socket, not on another', async () => {
    const limited = await startReplica(emulator, { env: { SUBSCRIPTIONS_MAX_PER_CONNECTION: '1' } });
    const { client } = openClient(limited.wsUrl);
    try {
      const first = subscribeOn(client, EXECUTION_CHANGED, { thingName: 'dev-5', jobId: 'job-4' });
      await first.waitForEvents(1);
      const second = subscribeOn(client, EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
      await second.waitForEnd();
      expect(second.errors.map((e) => e.extensions?.code)).toEqual(['TOO_MANY_SUBSCRIPTIONS']);
      const elsewhere = subscribe(limited.wsUrl, EXECUTION_CHANGED, { thingName: 'dev-1', jobId: 'job-1' });
      open.push(elsewhere);
      await elsewhere.waitForEvents(1);
      expect(first.ended).toBeUndefined();
    } finally {
      await client.dispose();
      await limited.gateway.stop();
    }
  });
});

describe('document limits', () => {
  it('applies the variable-aware cost limit of HTTP to each subscription', async () => {
    const limited = await startReplica(emulator, { env: { GRAPHQL_MAX_COST: '100' } });
    const query = /* GraphQL */ `
      subscription Costly($first: Int) {
        jobExecutionChanged(thingName: "dev-5", jobId: "job-4") {
          status
          job {
            executions(first: $first) {
              edges {
                node {
                  thingName
                  status
                }
              }
            }
          }
        }
      }
    `;
    try {
      const costly = subscribe(limited.wsUrl, query, { first: 200 });
      const cheap = subscribe(limited.wsUrl, query, { first: 2 });
      open.push(costly, cheap);
      await costly.waitForEnd();
      expect(costly.errors).toEqual([
        expect.objectContaining({
          message: expect.stringContaining('Query cost limit exceeded'),
          extensions: { code: 'BAD_USER_INPUT' },
        }),
      ]);
      await cheap.waitForEvents(1);
      expect(cheap.events[0]).toMatchObject({
        jobExecutionChanged: { job: { executions: { edges: [{ node: { thingName: 'dev-5' } }] } } },
      });
    } finally {
      await limited.gateway.stop();
    }
  });
});
