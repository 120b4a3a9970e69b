import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeJobExecutionId } from '../../../src/domain/ids.js';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../../support/gateway.js';
import { CANCEL, CANCEL_LEAN } from '../../support/operations.js';

// HTTP → Apollo → SDK → emulator: every member of CancelJobExecutionResult from a real scenario.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    seed: seedWith([
      { jobId: 'queued-job', thingName: 'dev-1' },
      { jobId: 'queued-job-2', thingName: 'dev-1' },
      { jobId: 'queued-job-3', thingName: 'dev-1' },
      { jobId: 'queued-job-4', thingName: 'dev-1' },
      {
        jobId: 'running-job',
        thingName: 'dev-1',
        status: 'IN_PROGRESS',
        statusDetails: { step: 'download' },
      },
      { jobId: 'running-job-2', thingName: 'dev-2', status: 'IN_PROGRESS' },
      { jobId: 'faulty-job', thingName: 'dev-1', status: 'IN_PROGRESS' },
    ]),
  });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.emulator.clearFaults();
  gw.emulator.resetCalls();
});

const cancel = async (input: Record<string, unknown>, query = CANCEL): Promise<GqlBody> => {
  const res = await gw.gql(query, { input });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.cancelJobExecution;
};

describe('cancelJobExecution', () => {
  it('cancels a QUEUED execution and returns it as it now stands', async () => {
    const result = await cancel({
      jobId: 'queued-job',
      thingName: 'dev-1',
      statusDetails: [{ key: 'reason', value: 'ops' }],
    });
    expect(result).toMatchObject({
      __typename: 'CancelJobExecutionSuccess',
      jobId: 'queued-job',
      thingName: 'dev-1',
      execution: {
        id: encodeJobExecutionId({ jobId: 'queued-job', thingName: 'dev-1', executionNumber: 1 }),
        status: 'CANCELED',
        forceCanceled: false,
        statusDetails: [{ key: 'reason', value: 'ops' }],
        executionNumber: 1,
      },
    });
    expect(result.execution.lastUpdatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
    expect(gw.upstreamCalls('DescribeJobExecution')).toBe(1);
  });

  it('reads nothing back when the client does not select the execution', async () => {
    const result = await cancel({ jobId: 'queued-job-2', thingName: 'dev-1' }, CANCEL_LEAN);
    expect(result.__typename).toBe('CancelJobExecutionSuccess');
    expect(gw.upstreamCalls()).toBe(1);
  });

  it('force cancels an IN_PROGRESS execution', async () => {
    const result = await cancel({ jobId: 'running-job-2', thingName: 'dev-2', force: true });
    expect(result).toMatchObject({
      __typename: 'CancelJobExecutionSuccess',
      execution: { status: 'CANCELED', forceCanceled: true },
    });
  });

  it('IN_PROGRESS without force → InvalidStateTransitionError with the current state', async () => {
    const result = await cancel({ jobId: 'running-job', thingName: 'dev-1' });
    expect(result).toMatchObject({
      __typename: 'InvalidStateTransitionError',
      retryable: false,
      currentState: {
        status: 'IN_PROGRESS',
        versionNumber: expect.any(Number),
        statusDetails: [{ key: 'step', value: 'download' }],
      },
    });
    expect(result.upstreamRequestId).toEqual(expect.any(String));
    expect(result.message).toContain('IN_PROGRESS');
  });

  it('stale expectedVersion → VersionConflictError carrying the current version', async () => {
    const result = await cancel({ jobId: 'queued-job-3', thingName: 'dev-1', expectedVersion: 42 });
    expect(result).toMatchObject({
      __typename: 'VersionConflictError',
      retryable: false,
      expectedVersion: 42,
      currentState: { status: 'QUEUED', versionNumber: 1 },
    });
    expect(result.message).toBe('expectedVersion 42 does not match the current version 1.');
    // The caller can retry with the version it was given.
    const retried = await cancel({ jobId: 'queued-job-3', thingName: 'dev-1', expectedVersion: 1 });
    expect(retried.__typename).toBe('CancelJobExecutionSuccess');
  });

  it('unknown job → ResourceNotFoundError naming what was looked up', async () => {
    const result = await cancel({ jobId: 'no-such-job', thingName: 'dev-1' });
    expect(result).toMatchObject({
      __typename: 'ResourceNotFoundError',
      retryable: false,
      jobId: 'no-such-job',
      thingName: 'dev-1',
    });
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(1);
  });

  it('throttled on every attempt → ThrottlingError after the SDK used all its attempts', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'throttle', count: Infinity });
    const result = await cancel({ jobId: 'faulty-job', thingName: 'dev-1' });
    expect(result).toMatchObject({
      __typename: 'ThrottlingError',
      retryable: true,
      retryAfterSeconds: expect.any(Number),
    });
    expect(result.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(gw.config.aws.maxAttempts);
  });

  it('503 on every attempt → ServiceUnavailableError, retryable', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'unavailable', count: Infinity });
    const result = await cancel({ jobId: 'faulty-job', thingName: 'dev-1' });
    expect(result).toMatchObject({ __typename: 'ServiceUnavailableError', retryable: true });
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(3);
  });

  it('an HTML 500 page → ServiceUnavailableError without leaking the page or parser text', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'html500', count: Infinity });
    const res = await gw.gql(CANCEL, { input: { jobId: 'faulty-job', thingName: 'dev-1' } });
    expect(res.body.data.cancelJobExecution).toMatchObject({
      __typename: 'ServiceUnavailableError',
      retryable: true,
    });
    expect(JSON.stringify(res.body)).not.toMatch(/html|SyntaxError|Deserialization|token/i);
  });

  it('a transient failure then success is invisible to the client', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'unavailable', count: 1 });
    const result = await cancel({ jobId: 'queued-job-4', thingName: 'dev-1' }, CANCEL_LEAN);
    expect(result.__typename).toBe('CancelJobExecutionSuccess');
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(2);
  });
});

describe('cancelJobExecution retried after a lost answer (applyThenReset)', () => {
  it('reports success: the first attempt canceled, the retry saw CANCELED', async () => {
    gw.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'applyThenReset', count: 1 });
    const result = await cancel({ jobId: 'faulty-job', thingName: 'dev-1', force: true });
    expect(result).toMatchObject({
      __typename: 'CancelJobExecutionSuccess',
      execution: { status: 'CANCELED' },
    });
    expect(gw.upstreamCalls('CancelJobExecution')).toBe(2);
  });

  it('also when expectedVersion made the retry a version conflict', async () => {
    const seeded = await startTestGateway({ seed: seedWith([{ jobId: 'j', thingName: 't' }]) });
    try {
      seeded.emulator.injectFault({ operation: 'CancelJobExecution', mode: 'applyThenReset', count: 1 });
      const res = await seeded.gql(CANCEL, { input: { jobId: 'j', thingName: 't', expectedVersion: 1 } });
      expect(res.body.data.cancelJobExecution).toMatchObject({
        __typename: 'CancelJobExecutionSuccess',
        execution: { status: 'CANCELED' },
      });
    } finally {
      await seeded.close();
    }
  });

  it('a conflict on the first attempt is still a conflict (no retry happened)', async () => {
    const result = await cancel({ jobId: 'queued-job', thingName: 'dev-1' });
    expect(result.__typename).toBe('InvalidStateTransitionError');
    expect(result.currentState.status).toBe('CANCELED');
  });
});
