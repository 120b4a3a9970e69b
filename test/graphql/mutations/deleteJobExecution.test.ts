import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeJobExecutionId } from '../../../src/domain/ids.js';
import { seedWith, startTestGateway, type GqlBody, type TestGateway } from '../../support/gateway.js';
import { DELETE } from '../../support/operations.js';

// HTTP → Apollo → SDK → emulator: every member of DeleteJobExecutionResult from a real scenario.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({
    seed: seedWith([
      { jobId: 'done-job', thingName: 'dev-1', status: 'SUCCEEDED' },
      { jobId: 'done-job-2', thingName: 'dev-1', status: 'FAILED' },
      { jobId: 'done-job-3', thingName: 'dev-1', status: 'CANCELED' },
      { jobId: 'running-job', thingName: 'dev:1', status: 'IN_PROGRESS', statusDetails: { step: 'flash' } },
      { jobId: 'running-job-2', thingName: 'dev-2', status: 'IN_PROGRESS' },
    ]),
  });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.emulator.clearFaults();
  gw.emulator.resetCalls();
});

const remove = async (input: Record<string, unknown>): Promise<GqlBody> => {
  const res = await gw.gql(DELETE, { input });
  expect(res.status).toBe(200);
  expect(res.body.errors).toBeUndefined();
  return res.body.data.deleteJobExecution;
};

describe('deleteJobExecution', () => {
  it('deletes a terminal execution and returns the id it had', async () => {
    const result = await remove({ jobId: 'done-job', thingName: 'dev-1', executionNumber: 1 });
    expect(result).toEqual({
      __typename: 'DeleteJobExecutionSuccess',
      deletedId: encodeJobExecutionId({ jobId: 'done-job', thingName: 'dev-1', executionNumber: 1 }),
      jobId: 'done-job',
      thingName: 'dev-1',
      executionNumber: 1,
    });
    expect(gw.upstreamCalls('DeleteJobExecution')).toBe(1);
    // It is gone: deleting again is a not-found.
    expect((await remove({ jobId: 'done-job', thingName: 'dev-1', executionNumber: 1 })).__typename).toBe(
      'ResourceNotFoundError',
    );
  });

  it('IN_PROGRESS without force → InvalidStateTransitionError with the current state', async () => {
    const result = await remove({ jobId: 'running-job', thingName: 'dev:1', executionNumber: 1 });
    expect(result).toMatchObject({
      __typename: 'InvalidStateTransitionError',
      retryable: false,
      currentState: { status: 'IN_PROGRESS', statusDetails: [{ key: 'step', value: 'flash' }] },
    });
  });

  it('force deletes an IN_PROGRESS execution', async () => {
    const result = await remove({
      jobId: 'running-job-2',
      thingName: 'dev-2',
      executionNumber: 1,
      force: true,
    });
    expect(result.__typename).toBe('DeleteJobExecutionSuccess');
  });

  it('unknown execution number → ResourceNotFoundError', async () => {
    const result = await remove({ jobId: 'done-job-2', thingName: 'dev-1', executionNumber: 99 });
    expect(result).toMatchObject({
      __typename: 'ResourceNotFoundError',
      jobId: 'done-job-2',
      thingName: 'dev-1',
      retryable: false,
    });
    expect(result.upstreamRequestId).toEqual(expect.any(String));
  });

  it('throttled on every attempt → ThrottlingError after maxAttempts calls', async () => {
    gw.emulator.injectFault({ operation: 'DeleteJobExecution', mode: 'throttle', count: Infinity });
    const result = await remove({ jobId: 'done-job-2', thingName: 'dev-1', executionNumber: 1 });
    expect(result).toMatchObject({ __typename: 'ThrottlingError', retryable: true });
    expect(gw.upstreamCalls('DeleteJobExecution')).toBe(3);
  });

  it('503 on every attempt → ServiceUnavailableError', async () => {
    gw.emulator.injectFault({ operation: 'DeleteJobExecution', mode: 'unavailable', count: Infinity });
    const result = await remove({ jobId: 'done-job-2', thingName: 'dev-1', executionNumber: 1 });
    expect(result).toMatchObject({ __typename: 'ServiceUnavailableError', retryable: true });
  });

  it('a lost answer (applyThenReset): the retry finds nothing to delete, which is the success it was', async () => {
    gw.emulator.injectFault({ operation: 'DeleteJobExecution', mode: 'applyThenReset', count: 1 });
    const result = await remove({ jobId: 'done-job-3', thingName: 'dev-1', executionNumber: 1 });
    expect(result.__typename).toBe('DeleteJobExecutionSuccess');
    expect(gw.upstreamCalls('DeleteJobExecution')).toBe(2);
  });
});
