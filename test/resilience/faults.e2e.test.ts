import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../src/emulator/index.js';
import { seedWith, startTestGateway, type TestGateway } from '../support/gateway.js';
import { CANCEL_LEAN, UPDATE_LEAN } from '../support/operations.js';

// Upstream faults injected at the emulator end as typed union members, within the request deadline.

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
});
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
});

const jobs = Array.from({ length: 12 }, (_, i) => ({ jobId: `job-${i}`, thingName: 'dev-1' }));
const cancelMember = async (gw: TestGateway, jobId: string) => {
  const res = await gw.gql(
    `mutation($input: CancelJobExecutionInput!) { cancelJobExecution(input: $input) {
      __typename ... on Error { message } ... on ThrottlingError { retryable retryAfterSeconds } ... on ServiceUnavailableError { retryable } } }`,
    { input: { jobId, thingName: 'dev-1' } },
  );
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  const member: { __typename: string; message?: string; retryable?: boolean } =
    res.body.data.cancelJobExecution;
  return member;
};

describe('faults → typed members', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      seed: seedWith(jobs),
      maxAttempts: 2,
      env: { UPSTREAM_DEADLINE_MS: '1500' },
    });
  });
  afterAll(() => gw?.close());
  afterEach(() => {
    gw.emulator.clearFaults();
    gw.emulator.resetCalls();
  });

  const inject = (fault: FaultSpec) => gw.emulator.injectFault({ count: Infinity, ...fault });

  it.each([
    ['throttle', 'ThrottlingError'],
    ['unavailable', 'ServiceUnavailableError'],
    ['html500', 'ServiceUnavailableError'],
    ['reset', 'ServiceUnavailableError'],
  ] as const)('%s → %s after the SDK retries', async (mode, member) => {
    inject({ operation: 'CancelJobExecution', mode });
    const result = await cancelMember(gw, 'job-0');
    expect(result).toMatchObject({ __typename: member, retryable: true });
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(2);
  });

  it('a malformed JSON answer → ServiceUnavailableError', async () => {
    inject({ operation: 'UpdateJobExecution', mode: 'malformedJson' });
    const res = await gw.gql(UPDATE_LEAN, {
      input: { jobId: 'job-1', thingName: 'dev-1', status: 'IN_PROGRESS' },
    });
    expect(res.body.data.updateJobExecution.__typename).toBe('ServiceUnavailableError');
  });

  it('a hanging upstream → ServiceUnavailableError at the deadline, sockets released', async () => {
    const sockets = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    await cancelMember(gw, 'job-2'); // warm the connection pool
    const baseline = sockets();
    inject({ operation: 'CancelJobExecution', mode: 'delay', delayMs: 20_000 });
    const results = await Promise.all(['job-3', 'job-4', 'job-5', 'job-6'].map((j) => cancelMember(gw, j)));
    for (const r of results) {
      expect(r).toMatchObject({
        __typename: 'ServiceUnavailableError',
        retryable: true,
        message: 'AWS IoT did not answer in time; retry later.',
      });
    }
    // Each call was attempted once and then aborted by the deadline, not retried past it.
    expect(gw.upstreamCalls('CancelJobExecution')).toBeGreaterThanOrEqual(4);
    await expect.poll(sockets, { timeout: 5000 }).toBeLessThanOrEqual(baseline + 2);
  });

  it('recovers once the fault is gone', async () => {
    expect((await cancelMember(gw, 'job-7')).__typename).toBe('CancelJobExecutionSuccess');
  });
});

describe('circuit breaker', () => {
  let gw: TestGateway;
  beforeAll(async () => {
    gw = await startTestGateway({
      seed: seedWith(jobs),
      maxAttempts: 1,
      env: { BREAKER_VOLUME_THRESHOLD: '3', BREAKER_RESET_TIMEOUT_MS: '60000' },
    });
  });
  afterAll(() => gw?.close());

  it('opens after repeated 503s and then answers without calling AWS', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'unavailable', count: Infinity });
    for (const j of ['job-0', 'job-1', 'job-2'])
      expect((await cancelMember(gw, j)).__typename).toBe('ServiceUnavailableError');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(3);
    gw.emulator.clearFaults();
    const fast = await cancelMember(gw, 'job-3');
    expect(fast).toMatchObject({ __typename: 'ServiceUnavailableError', retryable: true });
    expect(fast.message).toMatch(/paused calls/);
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(3);
    expect(gw.logs().some((l) => l.breaker === 'iot-control' && l.state === 'open')).toBe(true);
  });

  it('keeps client errors from opening it, and keeps the data plane separate', async () => {
    // The control-plane breaker is open; the data plane still works.
    const res = await gw.gql(UPDATE_LEAN, {
      input: { jobId: 'job-4', thingName: 'dev-1', status: 'IN_PROGRESS' },
    });
    expect(res.body.data.updateJobExecution.__typename).toBe('UpdateJobExecutionSuccess');
    // Many ResourceNotFound answers on the data plane do not open its breaker.
    for (let i = 0; i < 6; i += 1) {
      const missing = await gw.gql(UPDATE_LEAN, {
        input: { jobId: 'no-such-job', thingName: 'dev-1', status: 'IN_PROGRESS' },
      });
      expect(missing.body.data.updateJobExecution.__typename).toBe('ResourceNotFoundError');
    }
    const again = await gw.gql(UPDATE_LEAN, {
      input: { jobId: 'job-5', thingName: 'dev-1', status: 'IN_PROGRESS' },
    });
    expect(again.body.data.updateJobExecution.__typename).toBe('UpdateJobExecutionSuccess');
  });
});

describe('bulkhead', () => {
  it('refuses calls beyond its capacity at once, without calling AWS', async () => {
    const gw = await startTestGateway({
      seed: seedWith(jobs),
      maxAttempts: 1,
      env: { UPSTREAM_MAX_CONCURRENCY: '1', UPSTREAM_MAX_QUEUE: '0' },
    });
    try {
      gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'delay', delayMs: 1000, count: 1 });
      const slow = gw.gql(CANCEL_LEAN, { input: { jobId: 'job-0', thingName: 'dev-1' } });
      await expect.poll(() => gw.upstreamCalls('CancelJobExecution')).toBe(1);
      const refused = await cancelMember(gw, 'job-1');
      expect(refused).toMatchObject({
        __typename: 'ServiceUnavailableError',
        retryable: true,
        message: 'The gateway is busy; retry shortly.',
      });
      expect((await slow).body.data.cancelJobExecution.__typename).toBe('CancelJobExecutionSuccess');
      expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
    } finally {
      await gw.close();
    }
  });
});
