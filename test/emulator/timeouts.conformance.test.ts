// In-progress and step timers driven by an injected ManualClock, so no test waits for real time.
import { DescribeJobCommand } from '@aws-sdk/client-iot';
import {
  DescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { expect, it } from 'vitest';
import { describeEmulatorOnly, useConformanceTarget } from '../support/conformanceTarget.js';
import { describeExecution, expectServiceError } from '../support/sdk.js';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

describeEmulatorOnly('timeouts with a ManualClock', () => {
  const t = useConformanceTarget({ manualClock: true });

  async function oneExecution(
    inProgressTimeoutInMinutes?: number,
  ): Promise<{ jobId: string; thingName: string }> {
    const [thingName] = (await t.things(1)) as [string];
    const jobId = await t.job(
      [thingName],
      inProgressTimeoutInMinutes ? { timeoutConfig: { inProgressTimeoutInMinutes } } : {},
    );
    return { jobId, thingName };
  }

  const update = (
    e: { jobId: string; thingName: string },
    extra: { stepTimeoutInMinutes?: number; status?: 'IN_PROGRESS' | 'SUCCEEDED' } = {},
  ) =>
    t.data.send(
      new UpdateJobExecutionCommand({
        ...e,
        status: extra.status ?? 'IN_PROGRESS',
        ...(extra.stepTimeoutInMinutes !== undefined
          ? { stepTimeoutInMinutes: extra.stepTimeoutInMinutes }
          : {}),
      }),
    );

  const state = async (e: { jobId: string; thingName: string }) => {
    const { execution } = await t.data.send(
      new DescribeJobExecutionCommand({ ...e, includeJobDocument: false }),
    );
    return { status: execution!.status, secondsLeft: execution!.approximateSecondsBeforeTimedOut };
  };

  it('the job in-progress timer starts at IN_PROGRESS, counts down and moves the execution to TIMED_OUT', async () => {
    const e = await oneExecution(1);
    await update(e);
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 60 });
    t.clock.advance(30 * SECOND);
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 30 });
    t.clock.advance(31 * SECOND);
    expect(await state(e)).toEqual({ status: 'TIMED_OUT', secondsLeft: undefined });
    const control = await describeExecution(t.control, e.jobId, e.thingName);
    expect(control.status).toBe('TIMED_OUT');
    expect(control.approximateSecondsBeforeTimedOut).toBeUndefined();
    const err = await expectServiceError(update(e, { status: 'SUCCEEDED' }), {
      name: 'InvalidStateTransitionException',
      status: 409,
    });
    expect(err.executionState).toMatchObject({ status: 'TIMED_OUT' });
    const pending = await t.data.send(new GetPendingJobExecutionsCommand({ thingName: e.thingName }));
    expect([...(pending.inProgressJobs ?? []), ...(pending.queuedJobs ?? [])]).toEqual([]);
  });

  it('QUEUED executions never time out and report no countdown', async () => {
    const e = await oneExecution(1);
    t.clock.advance(10 * MINUTE);
    expect(await state(e)).toEqual({ status: 'QUEUED', secondsLeft: undefined });
  });

  it('the in-progress timer stays fixed once started: further updates do not extend it', async () => {
    const e = await oneExecution(2);
    await update(e);
    t.clock.advance(MINUTE);
    await update(e);
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 60 });
    t.clock.advance(MINUTE + SECOND);
    expect((await state(e)).status).toBe('TIMED_OUT');
  });

  it('a step timer from UpdateJobExecution times the execution out when no update arrives in time', async () => {
    const e = await oneExecution();
    await update(e, { stepTimeoutInMinutes: 2 });
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 120 });
    t.clock.advance(119 * SECOND);
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 1 });
    t.clock.advance(2 * SECOND);
    expect((await state(e)).status).toBe('TIMED_OUT');
  });

  it('each new step timeout replaces the previous step timer', async () => {
    const e = await oneExecution();
    await update(e, { stepTimeoutInMinutes: 5 });
    t.clock.advance(4 * MINUTE);
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 60 });
    await update(e, { stepTimeoutInMinutes: 5 });
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 300 });
    t.clock.advance(4 * MINUTE);
    expect((await state(e)).status).toBe('IN_PROGRESS');
    t.clock.advance(MINUTE + SECOND);
    expect((await state(e)).status).toBe('TIMED_OUT');
  });

  it('stepTimeoutInMinutes -1 clears the step timer', async () => {
    const e = await oneExecution();
    await update(e, { stepTimeoutInMinutes: 1 });
    await update(e, { stepTimeoutInMinutes: -1 });
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: undefined });
    t.clock.advance(30 * MINUTE);
    expect((await state(e)).status).toBe('IN_PROGRESS');
  });

  it('-1 clears only the step timer; the job in-progress timer still applies', async () => {
    const e = await oneExecution(3);
    await update(e, { stepTimeoutInMinutes: 1 });
    expect((await state(e)).secondsLeft).toBe(60);
    await update(e, { stepTimeoutInMinutes: -1 });
    expect((await state(e)).secondsLeft).toBe(180);
    t.clock.advance(2 * MINUTE);
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 60 });
    t.clock.advance(MINUTE + SECOND);
    expect((await state(e)).status).toBe('TIMED_OUT');
  });

  it('a step timer never extends past the in-progress deadline', async () => {
    const e = await oneExecution(2);
    await update(e, { stepTimeoutInMinutes: 10 });
    expect(await state(e)).toEqual({ status: 'IN_PROGRESS', secondsLeft: 120 });
    t.clock.advance(2 * MINUTE + SECOND);
    expect((await state(e)).status).toBe('TIMED_OUT');
  });

  it('StartNextPendingJobExecution starts a step timer', async () => {
    const e = await oneExecution();
    const { execution } = await t.data.send(
      new StartNextPendingJobExecutionCommand({ thingName: e.thingName, stepTimeoutInMinutes: 1 }),
    );
    expect(execution).toMatchObject({
      jobId: e.jobId,
      status: 'IN_PROGRESS',
      approximateSecondsBeforeTimedOut: 60,
    });
    t.clock.advance(61 * SECOND);
    expect((await state(e)).status).toBe('TIMED_OUT');
  });

  it('an execution finished before its deadline never times out', async () => {
    const e = await oneExecution(1);
    await update(e, { stepTimeoutInMinutes: 1 });
    await update(e, { status: 'SUCCEEDED' });
    expect(await state(e)).toEqual({ status: 'SUCCEEDED', secondsLeft: undefined });
    t.clock.advance(5 * MINUTE);
    expect((await state(e)).status).toBe('SUCCEEDED');
  });

  it('a timeout counts in the job counters and completes a SNAPSHOT job', async () => {
    const e = await oneExecution(1);
    await update(e);
    t.clock.set(t.clock.now() + 2 * MINUTE);
    const { job } = await t.control.send(new DescribeJobCommand({ jobId: e.jobId }));
    expect(job!.status).toBe('COMPLETED');
    expect(job!.jobProcessDetails).toMatchObject({ numberOfTimedOutThings: 1, numberOfInProgressThings: 0 });
  });

  it('timestamps come from the injected clock: epoch seconds on the data plane, Dates on the control plane', async () => {
    const e = await oneExecution();
    const queuedAtMs = t.clock.now();
    t.clock.advance(90 * SECOND);
    await update(e);
    const startedAtMs = t.clock.now();
    const { execution } = await t.data.send(
      new DescribeJobExecutionCommand({ ...e, includeJobDocument: false }),
    );
    expect(execution).toMatchObject({
      queuedAt: Math.floor(queuedAtMs / 1000),
      startedAt: Math.floor(startedAtMs / 1000),
    });
    const control = await describeExecution(t.control, e.jobId, e.thingName);
    expect(Math.floor(control.queuedAt!.getTime() / 1000)).toBe(Math.floor(queuedAtMs / 1000));
    expect(Math.floor(control.startedAt!.getTime() / 1000)).toBe(Math.floor(startedAtMs / 1000));
  });
});
