import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../../support/gateway.js';
import { UPDATE, UPDATE_LEAN } from '../../support/operations.js';

// HTTP → Apollo → SDK (data plane) → emulator: every member of UpdateJobExecutionResult reachable
// through the emulator (CertificateValidationError is covered in test/errors/toGraphQL.test.ts).

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    seed: seedWith([
      { jobId: 'queued-job', thingName: 'dev-1' },
      { jobId: 'running-job', thingName: 'dev-1', status: 'IN_PROGRESS', statusDetails: { progress: '10' } },
      { jobId: 'running-job-2', thingName: 'dev-1', status: 'IN_PROGRESS' },
      { jobId: 'running-job-3', thingName: 'dev-1', status: 'IN_PROGRESS' },
      { jobId: 'done-job', thingName: 'dev-1', status: 'SUCCEEDED', statusDetails: { result: 'ok' } },
    ]),
  });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.emulator.clearFaults();
  gw.emulator.resetCalls();
});

const update = async (input: Record<string, unknown>, query = UPDATE): Promise<GqlBody> => {
  const res = await gw.gql(query, { input });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.updateJobExecution;
};

describe('updateJobExecution', () => {
  it('starts a QUEUED execution and returns state, parsed document and the execution', async () => {
    const result = await update({
      jobId: 'queued-job',
      thingName: 'dev-1',
      status: 'IN_PROGRESS',
      statusDetails: [{ key: 'progress', value: '5' }],
      stepTimeoutInMinutes: 30,
      includeJobExecutionState: true,
      includeJobDocument: true,
    });
    expect(result).toMatchObject({
      __typename: 'UpdateJobExecutionSuccess',
      executionState: {
        status: 'IN_PROGRESS',
        versionNumber: 2,
        statusDetails: [{ key: 'progress', value: '5' }],
      },
      jobDocument: { operation: 'test', jobId: 'queued-job' },
      execution: {
        jobId: 'queued-job',
        thingName: 'dev-1',
        status: 'IN_PROGRESS',
        executionNumber: 1,
        versionNumber: 2,
      },
    });
    expect(result.execution.startedAt).toEqual(expect.any(String));
    expect(result.execution.approximateSecondsBeforeTimedOut).toBeGreaterThan(0);
  });

  it('without the include flags: null state and document, one upstream call', async () => {
    const result = await update(
      { jobId: 'running-job-2', thingName: 'dev-1', status: 'IN_PROGRESS' },
      UPDATE_LEAN,
    );
    expect(result).toEqual({ __typename: 'UpdateJobExecutionSuccess', executionState: null });
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(1);
    expect(gw.upstreamCalls('DescribeJobExecution')).toBe(0);
  });

  it('a terminal execution → InvalidStateTransitionError with the state AWS sent (no extra describe)', async () => {
    const result = await update({ jobId: 'done-job', thingName: 'dev-1', status: 'IN_PROGRESS' });
    expect(result).toMatchObject({
      __typename: 'InvalidStateTransitionError',
      retryable: false,
      currentState: { status: 'SUCCEEDED', statusDetails: [{ key: 'result', value: 'ok' }] },
    });
    expect(gw.upstreamCalls('DescribeJobExecution')).toBe(0);
  });

  it('stale expectedVersion → VersionConflictError with the current version', async () => {
    const result = await update({
      jobId: 'running-job',
      thingName: 'dev-1',
      status: 'IN_PROGRESS',
      expectedVersion: 1,
    });
    expect(result).toMatchObject({
      __typename: 'VersionConflictError',
      retryable: false,
      expectedVersion: 1,
      currentState: {
        status: 'IN_PROGRESS',
        versionNumber: 2,
        statusDetails: [{ key: 'progress', value: '10' }],
      },
    });
    const retried = await update(
      { jobId: 'running-job', thingName: 'dev-1', status: 'SUCCEEDED', expectedVersion: 2 },
      UPDATE_LEAN,
    );
    expect(retried.__typename).toBe('UpdateJobExecutionSuccess');
  });

  it('unknown execution → ResourceNotFoundError', async () => {
    const result = await update({ jobId: 'no-such-job', thingName: 'dev-1', status: 'SUCCEEDED' });
    expect(result).toMatchObject({
      __typename: 'ResourceNotFoundError',
      jobId: 'no-such-job',
      thingName: 'dev-1',
    });
  });

  it('throttled (429) on every attempt → ThrottlingError after maxAttempts calls', async () => {
    gw.emulator.injectFault({ operation: 'UpdateJobExecution', mode: 'throttle', count: Infinity });
    const result = await update({ jobId: 'running-job-3', thingName: 'dev-1', status: 'IN_PROGRESS' });
    expect(result).toMatchObject({ __typename: 'ThrottlingError', retryable: true });
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(3);
  });

  it('503 on every attempt → ServiceUnavailableError', async () => {
    gw.emulator.injectFault({ operation: 'UpdateJobExecution', mode: 'unavailable', count: Infinity });
    const result = await update({ jobId: 'running-job-3', thingName: 'dev-1', status: 'IN_PROGRESS' });
    expect(result).toMatchObject({ __typename: 'ServiceUnavailableError', retryable: true });
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(3);
  });

  it.each(['html500', 'malformedJson'] as const)(
    '%s → ServiceUnavailableError, nothing leaked',
    async (mode) => {
      gw.emulator.injectFault({ operation: 'UpdateJobExecution', mode, count: Infinity });
      const res = await gw.gql(UPDATE, {
        input: {
          jobId: 'running-job-3',
          thingName: 'dev-1',
          status: 'IN_PROGRESS',
          includeJobExecutionState: true,
        },
      });
      expect(res.body.data.updateJobExecution).toMatchObject({
        __typename: 'ServiceUnavailableError',
        retryable: true,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/html|SyntaxError|Deserialization|JSON at position/i);
    },
  );

  it('a lost answer (applyThenReset) → success: the retry saw the requested status already set', async () => {
    gw.emulator.injectFault({ operation: 'UpdateJobExecution', mode: 'applyThenReset', count: 1 });
    const result = await update({
      jobId: 'running-job-3',
      thingName: 'dev-1',
      status: 'SUCCEEDED',
      includeJobExecutionState: true,
      includeJobDocument: true,
    });
    expect(result).toMatchObject({
      __typename: 'UpdateJobExecutionSuccess',
      executionState: { status: 'SUCCEEDED' },
      jobDocument: { operation: 'test', jobId: 'running-job-3' },
      execution: { status: 'SUCCEEDED' },
    });
    expect(gw.upstreamCalls('UpdateJobExecution')).toBe(2);
  });
});
