// Data-plane operations (@aws-sdk/client-iot-jobs-data-plane) as a device uses them.
import {
  DescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { describe, expect, it } from 'vitest';
import { useConformanceTarget } from '../support/conformanceTarget.js';
import { DEFAULT_JOB_DOCUMENT, describeExecution } from '../support/sdk.js';

const t = useConformanceTarget();

const describeData = (
  jobId: string,
  thingName: string,
  extra: { includeJobDocument?: boolean; executionNumber?: number } = {},
) => t.data.send(new DescribeJobExecutionCommand({ jobId, thingName, ...extra }));

const start = (jobId: string, thingName: string) =>
  t.data.send(new UpdateJobExecutionCommand({ jobId, thingName, status: 'IN_PROGRESS' }));

describe('DescribeJobExecution (data plane)', () => {
  it('returns the data-plane shape: thingName, plain statusDetails, epoch-second numbers, the document by default', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const before = Math.floor(Date.now() / 1000);
    const { execution } = await describeData(jobId, thing!);
    expect(execution).toMatchObject({
      jobId,
      thingName: thing,
      status: 'QUEUED',
      executionNumber: 1,
      versionNumber: 1,
    });
    expect(execution).not.toHaveProperty('thingArn');
    expect(execution!.jobDocument).toBe(DEFAULT_JOB_DOCUMENT);
    expect(Number.isInteger(execution!.queuedAt)).toBe(true);
    // Seconds, not milliseconds: within a day of now.
    expect(Math.abs(execution!.queuedAt! - before)).toBeLessThan(86_400);
  });

  it('omits the document with includeJobDocument=false and shows plain statusDetails after an update', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.data.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: thing!,
        status: 'IN_PROGRESS',
        statusDetails: { phase: 'flash' },
      }),
    );
    const { execution } = await describeData(jobId, thing!, { includeJobDocument: false });
    expect(execution).not.toHaveProperty('jobDocument');
    expect(execution).toMatchObject({
      status: 'IN_PROGRESS',
      statusDetails: { phase: 'flash' },
      versionNumber: 2,
    });
    expect(Number.isInteger(execution!.startedAt)).toBe(true);
    expect(Number.isInteger(execution!.lastUpdatedAt)).toBe(true);
  });

  it('accepts an explicit executionNumber', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const { execution } = await describeData(jobId, thing!, { executionNumber: 1 });
    expect(execution).toMatchObject({ jobId, executionNumber: 1 });
  });

  it('returns a terminal execution normally when addressed by its jobId', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: thing!, status: 'SUCCEEDED' }));
    const { execution } = await describeData(jobId, thing!);
    expect(execution).toMatchObject({ jobId, status: 'SUCCEEDED', versionNumber: 2 });
  });

  it('$next picks the IN_PROGRESS execution first, otherwise the oldest QUEUED one, without changing it', async () => {
    const [thing] = await t.things(1);
    const oldest = await t.job([thing!]);
    const newer = await t.job([thing!]);
    const { execution: queuedPick } = await describeData('$next', thing!);
    expect(queuedPick).toMatchObject({ jobId: oldest, status: 'QUEUED', versionNumber: 1 });
    await start(newer, thing!);
    const { execution: inProgressPick } = await describeData('$next', thing!);
    expect(inProgressPick).toMatchObject({ jobId: newer, status: 'IN_PROGRESS', versionNumber: 2 });
    expect(inProgressPick!.jobDocument).toBe(DEFAULT_JOB_DOCUMENT);
    expect((await describeExecution(t.control, oldest, thing!)).status).toBe('QUEUED');
  });
});

describe('DescribeJobExecution $next with nothing pending', () => {
  it('answers without an execution', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: thing!, status: 'SUCCEEDED' }));
    const out = await describeData('$next', thing!);
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.execution).toBeUndefined();
  });
});

describe('GetPendingJobExecutions', () => {
  it('splits pending executions into inProgressJobs and queuedJobs and leaves terminal ones out', async () => {
    const [thing] = await t.things(1);
    const queued = await t.job([thing!]);
    const running = await t.job([thing!]);
    const done = await t.job([thing!]);
    await start(running, thing!);
    await t.data.send(new UpdateJobExecutionCommand({ jobId: done, thingName: thing!, status: 'FAILED' }));
    const out = await t.data.send(new GetPendingJobExecutionsCommand({ thingName: thing! }));
    expect(out.inProgressJobs?.map((j) => j.jobId)).toEqual([running]);
    expect(out.queuedJobs?.map((j) => j.jobId)).toEqual([queued]);
    expect(out.inProgressJobs![0]).toMatchObject({ executionNumber: 1, versionNumber: 2 });
    expect(out.queuedJobs![0]).toMatchObject({ executionNumber: 1, versionNumber: 1 });
    expect(out.queuedJobs![0]).not.toHaveProperty('status');
    expect(Number.isInteger(out.queuedJobs![0]!.queuedAt)).toBe(true);
    expect(Number.isInteger(out.inProgressJobs![0]!.startedAt)).toBe(true);
  });

  it('answers empty lists for a thing with nothing pending', async () => {
    const [thing] = await t.things(1);
    const out = await t.data.send(new GetPendingJobExecutionsCommand({ thingName: thing! }));
    expect(out.inProgressJobs ?? []).toEqual([]);
    expect(out.queuedJobs ?? []).toEqual([]);
  });
});

describe('StartNextPendingJobExecution', () => {
  it('starts the oldest QUEUED execution, applying statusDetails, and returns it with its document', async () => {
    const [thing] = await t.things(1);
    const oldest = await t.job([thing!]);
    const newer = await t.job([thing!]);
    const { execution } = await t.data.send(
      new StartNextPendingJobExecutionCommand({ thingName: thing!, statusDetails: { by: 'agent-1' } }),
    );
    expect(execution).toMatchObject({
      jobId: oldest,
      thingName: thing,
      status: 'IN_PROGRESS',
      statusDetails: { by: 'agent-1' },
      versionNumber: 2,
      executionNumber: 1,
      jobDocument: DEFAULT_JOB_DOCUMENT,
    });
    expect(Number.isInteger(execution!.startedAt)).toBe(true);
    expect((await describeExecution(t.control, newer, thing!)).status).toBe('QUEUED');
  });

  it('returns an already IN_PROGRESS execution before any QUEUED one and leaves its statusDetails unchanged', async () => {
    const [thing] = await t.things(1);
    const queued = await t.job([thing!]);
    const running = await t.job([thing!]);
    await t.data.send(
      new UpdateJobExecutionCommand({
        jobId: running,
        thingName: thing!,
        status: 'IN_PROGRESS',
        statusDetails: { keep: 'me' },
      }),
    );
    const { execution } = await t.data.send(
      new StartNextPendingJobExecutionCommand({ thingName: thing!, statusDetails: { ignored: 'yes' } }),
    );
    expect(execution).toMatchObject({ jobId: running, status: 'IN_PROGRESS', statusDetails: { keep: 'me' } });
    const stored = await describeExecution(t.control, running, thing!);
    expect(stored.statusDetails?.detailsMap).toEqual({ keep: 'me' });
    expect((await describeExecution(t.control, queued, thing!)).status).toBe('QUEUED');
  });

  it('answers without an execution when nothing is pending', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: thing!, status: 'REJECTED' }));
    const out = await t.data.send(new StartNextPendingJobExecutionCommand({ thingName: thing! }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    expect(out.execution).toBeUndefined();
  });
});

describe('UpdateJobExecution', () => {
  it('answers no executionState and no document unless asked', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const out = await start(jobId, thing!);
    expect(out.executionState).toBeUndefined();
    expect(out.jobDocument).toBeUndefined();
  });

  it('returns executionState and the document when includeJobExecutionState and includeJobDocument are true', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const out = await t.data.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: thing!,
        status: 'IN_PROGRESS',
        statusDetails: { pct: '10' },
        includeJobExecutionState: true,
        includeJobDocument: true,
      }),
    );
    expect(out.executionState).toEqual({
      status: 'IN_PROGRESS',
      statusDetails: { pct: '10' },
      versionNumber: 2,
    });
    expect(out.jobDocument).toBe(DEFAULT_JOB_DOCUMENT);
  });

  it('replaces statusDetails when a map is supplied and keeps them when it is omitted', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const update = (statusDetails?: Record<string, string>) =>
      t.data.send(
        new UpdateJobExecutionCommand({
          jobId,
          thingName: thing!,
          status: 'IN_PROGRESS',
          includeJobExecutionState: true,
          ...(statusDetails ? { statusDetails } : {}),
        }),
      );
    expect((await update({ a: '1', b: '2' })).executionState?.statusDetails).toEqual({ a: '1', b: '2' });
    expect((await update({ c: '3' })).executionState?.statusDetails).toEqual({ c: '3' });
    expect((await update()).executionState?.statusDetails).toEqual({ c: '3' });
    expect((await describeExecution(t.control, jobId, thing!)).statusDetails?.detailsMap).toEqual({ c: '3' });
  });

  it('accepts a matching expectedVersion and executionNumber', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const first = await t.data.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: thing!,
        status: 'IN_PROGRESS',
        expectedVersion: 1,
        executionNumber: 1,
        includeJobExecutionState: true,
      }),
    );
    expect(first.executionState?.versionNumber).toBe(2);
    const second = await t.data.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: thing!,
        status: 'SUCCEEDED',
        expectedVersion: 2,
        executionNumber: 1,
        includeJobExecutionState: true,
      }),
    );
    expect(second.executionState).toMatchObject({ status: 'SUCCEEDED', versionNumber: 3 });
  });

  it('accepts the documented limits: 10 pairs, 1,024-char values, 128-char keys', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const statusDetails = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [
        `${'k'.repeat(125)}:${String(i).padStart(2, '0')}`,
        `ü${'v'.repeat(1023)}`,
      ]),
    );
    const out = await t.data.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: thing!,
        status: 'IN_PROGRESS',
        statusDetails,
        includeJobExecutionState: true,
      }),
    );
    expect(out.executionState?.statusDetails).toEqual(statusDetails);
  });
});
