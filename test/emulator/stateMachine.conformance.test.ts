// The job-execution state machine: every operation from every status, version and execution numbers,
// job counters and SNAPSHOT completion.
import {
  CancelJobExecutionCommand,
  DeleteJobExecutionCommand,
  DescribeJobCommand,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot';
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import { describe, expect, it } from 'vitest';
import { onAws, settled, useConformanceTarget } from '../support/conformanceTarget.js';
import { describeExecution, expectServiceError } from '../support/sdk.js';

const t = useConformanceTarget({ manualClock: true });

const STATUSES = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
] as const;
type Status = (typeof STATUSES)[number];
const NON_TERMINAL: readonly Status[] = ['QUEUED', 'IN_PROGRESS'];
const DEVICE_TARGETS: readonly Status[] = ['IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'REJECTED'];
// Only the service sets these; reaching them needs the emulator's clock (TIMED_OUT) or its seed (REMOVED).
const NEEDS_EMULATOR: readonly Status[] = ['TIMED_OUT', 'REMOVED'];

interface Fixture {
  jobId: string;
  thingName: string;
  executionNumber: number;
  versionNumber: number;
}

/** A fresh execution (own thing, own job) brought to `status` the way a device or operator would. */
async function executionIn(status: Status): Promise<Fixture> {
  let jobId: string;
  let thingName: string;
  if (status === 'REMOVED') {
    thingName = t.name('thing');
    jobId = t.name('job');
    const res = await t.admin('seed', {
      method: 'POST',
      body: {
        things: [{ thingName }],
        jobs: [{ jobId, targets: [thingName], executions: [{ thingName, status: 'REMOVED' }] }],
      },
    });
    expect(res.status).toBe(200);
  } else {
    [thingName] = (await t.things(1)) as [string];
    jobId = await t.job(
      [thingName],
      status === 'TIMED_OUT' ? { timeoutConfig: { inProgressTimeoutInMinutes: 1 } } : {},
    );
    const update = (s: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'REJECTED') =>
      t.data.send(new UpdateJobExecutionCommand({ jobId, thingName, status: s }));
    if (status !== 'QUEUED' && status !== 'CANCELED') await update('IN_PROGRESS');
    if (status === 'SUCCEEDED' || status === 'FAILED' || status === 'REJECTED') await update(status);
    if (status === 'CANCELED') await t.control.send(new CancelJobExecutionCommand({ jobId, thingName }));
    if (status === 'TIMED_OUT') t.clock.advance(61_000);
  }
  const execution = await describeExecution(t.control, jobId, thingName);
  expect(execution.status).toBe(status);
  return {
    jobId,
    thingName,
    executionNumber: execution.executionNumber!,
    versionNumber: execution.versionNumber!,
  };
}

type Operation = 'cancel' | 'cancel-force' | 'delete' | 'delete-force' | `update-${Status}`;
const OPERATIONS: Operation[] = [
  'cancel',
  'cancel-force',
  'delete',
  'delete-force',
  ...STATUSES.map((s) => `update-${s}` as const),
];

/** The expected outcome per the reference (section 6) and the coordinator's choices (QUEUED -> SUCCEEDED/FAILED allowed). */
function allowed(from: Status, op: Operation): boolean {
  const terminal = !NON_TERMINAL.includes(from);
  if (op === 'cancel') return from === 'QUEUED';
  if (op === 'cancel-force') return !terminal;
  if (op === 'delete') return terminal;
  if (op === 'delete-force') return true;
  return !terminal && DEVICE_TARGETS.includes(op.slice('update-'.length) as Status);
}

function perform(op: Operation, f: Fixture): Promise<unknown> {
  const { jobId, thingName, executionNumber } = f;
  if (op === 'cancel' || op === 'cancel-force') {
    return t.control.send(new CancelJobExecutionCommand({ jobId, thingName, force: op === 'cancel-force' }));
  }
  if (op === 'delete' || op === 'delete-force') {
    return t.control.send(
      new DeleteJobExecutionCommand({ jobId, thingName, executionNumber, force: op === 'delete-force' }),
    );
  }
  const status = op.slice('update-'.length) as JobExecutionStatus;
  return t.data.send(new UpdateJobExecutionCommand({ jobId, thingName, status }));
}

const rows = STATUSES.flatMap((from) =>
  OPERATIONS.map((op) => ({
    from,
    op,
    ok: allowed(from, op),
    outcome: allowed(from, op) ? 'allowed' : 'refused',
  })),
);

describe('transition matrix: 8 statuses x cancel / cancel-force / delete / delete-force / update-to-each', () => {
  it.each(rows.filter((r) => !(onAws && NEEDS_EMULATOR.includes(r.from))))(
    '$from --$op--> $outcome',
    async ({ from, op, ok }) => {
      const fixture = await executionIn(from);
      if (ok) {
        await perform(op, fixture);
        if (op.startsWith('delete')) {
          await expectServiceError(describeExecution(t.control, fixture.jobId, fixture.thingName), {
            name: 'ResourceNotFoundException',
            status: 404,
          });
          return;
        }
        const after = await describeExecution(t.control, fixture.jobId, fixture.thingName);
        const expectedStatus = op.startsWith('cancel') ? 'CANCELED' : op.slice('update-'.length);
        expect(after.status).toBe(expectedStatus);
        expect(after.versionNumber).toBe(fixture.versionNumber + 1);
        if (op === 'cancel-force' && from === 'IN_PROGRESS') expect(after.forceCanceled).toBe(true);
        if (op === 'cancel') expect(after.forceCanceled).toBeFalsy();
        return;
      }
      const err = await expectServiceError(perform(op, fixture), {
        name: 'InvalidStateTransitionException',
        status: 409,
      });
      if (op.startsWith('update-')) {
        // The data plane's InvalidStateTransitionException carries the current state (reference 5.2).
        expect(err.executionState).toMatchObject({ status: from, versionNumber: fixture.versionNumber });
      }
      const after = await describeExecution(t.control, fixture.jobId, fixture.thingName);
      expect({ status: after.status, versionNumber: after.versionNumber }).toEqual({
        status: from,
        versionNumber: fixture.versionNumber,
      });
    },
  );
});

describe('version and execution numbers', () => {
  it('versionNumber starts at 1 and increases by one on every accepted update, including same-status updates', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const versions = [(await describeExecution(t.control, jobId, thing!)).versionNumber];
    for (const [status, statusDetails] of [
      ['IN_PROGRESS', { pct: '10' }],
      ['IN_PROGRESS', { pct: '90' }],
      ['SUCCEEDED', undefined],
    ] as const) {
      const out = await t.data.send(
        new UpdateJobExecutionCommand({
          jobId,
          thingName: thing!,
          status,
          includeJobExecutionState: true,
          ...(statusDetails ? { statusDetails } : {}),
        }),
      );
      versions.push(out.executionState?.versionNumber);
    }
    expect(versions).toEqual([1, 2, 3, 4]);
    expect((await describeExecution(t.control, jobId, thing!)).versionNumber).toBe(4);
  });

  it('a refused update does not change versionNumber', async () => {
    const f = await executionIn('SUCCEEDED');
    await expectServiceError(
      t.data.send(
        new UpdateJobExecutionCommand({ jobId: f.jobId, thingName: f.thingName, status: 'FAILED' }),
      ),
      {
        name: 'InvalidStateTransitionException',
        status: 409,
      },
    );
    expect((await describeExecution(t.control, f.jobId, f.thingName)).versionNumber).toBe(f.versionNumber);
  });

  it('CancelJobExecution keeps statusDetails when omitted and replaces them when given', async () => {
    const [a, b] = await t.things(2);
    const jobId = await t.job([a!, b!]);
    for (const thingName of [a!, b!]) {
      await t.data.send(
        new UpdateJobExecutionCommand({
          jobId,
          thingName,
          status: 'IN_PROGRESS',
          statusDetails: { phase: 'download' },
        }),
      );
    }
    await t.control.send(new CancelJobExecutionCommand({ jobId, thingName: a!, force: true }));
    await t.control.send(
      new CancelJobExecutionCommand({ jobId, thingName: b!, force: true, statusDetails: { reason: 'ops' } }),
    );
    expect((await describeExecution(t.control, jobId, a!)).statusDetails?.detailsMap).toEqual({
      phase: 'download',
    });
    expect((await describeExecution(t.control, jobId, b!)).statusDetails?.detailsMap).toEqual({
      reason: 'ops',
    });
  });

  it('every (job, thing) pair gets executionNumber 1 for its first execution', async () => {
    const [a, b] = await t.things(2);
    const first = await t.job([a!, b!]);
    const second = await t.job([a!]);
    const numbers = await Promise.all([
      describeExecution(t.control, first, a!),
      describeExecution(t.control, first, b!),
      describeExecution(t.control, second, a!),
    ]);
    expect(numbers.map((e) => e.executionNumber)).toEqual([1, 1, 1]);
  });
});

describe('job status and counters', () => {
  const counters = async (jobId: string) => {
    const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
    const d = job!.jobProcessDetails!;
    return {
      status: job!.status,
      queued: d.numberOfQueuedThings,
      inProgress: d.numberOfInProgressThings,
      succeeded: d.numberOfSucceededThings,
      failed: d.numberOfFailedThings,
      rejected: d.numberOfRejectedThings,
      canceled: d.numberOfCanceledThings,
      removed: d.numberOfRemovedThings,
      timedOut: d.numberOfTimedOutThings,
    };
  };
  const zero = {
    queued: 0,
    inProgress: 0,
    succeeded: 0,
    failed: 0,
    rejected: 0,
    canceled: 0,
    removed: 0,
    timedOut: 0,
  };

  it('track every execution change, and a SNAPSHOT job completes once every execution is terminal', async () => {
    const things = (await t.things(4)) as [string, string, string, string];
    const jobId = await t.job(things, { targetSelection: 'SNAPSHOT' });
    const update = (thingName: string, status: 'IN_PROGRESS' | 'SUCCEEDED' | 'FAILED' | 'REJECTED') =>
      t.data.send(new UpdateJobExecutionCommand({ jobId, thingName, status }));
    await settled(async () =>
      expect(await counters(jobId)).toEqual({ ...zero, status: 'IN_PROGRESS', queued: 4 }),
    );
    await update(things[0], 'IN_PROGRESS');
    await settled(async () =>
      expect(await counters(jobId)).toEqual({ ...zero, status: 'IN_PROGRESS', queued: 3, inProgress: 1 }),
    );
    await update(things[0], 'SUCCEEDED');
    await update(things[1], 'FAILED');
    await update(things[2], 'REJECTED');
    await settled(async () =>
      expect(await counters(jobId)).toEqual({
        ...zero,
        status: 'IN_PROGRESS',
        queued: 1,
        succeeded: 1,
        failed: 1,
        rejected: 1,
      }),
    );
    const before = await t.control.send(new DescribeJobCommand({ jobId }));
    expect(before.job!.completedAt).toBeUndefined();
    await t.control.send(new CancelJobExecutionCommand({ jobId, thingName: things[3] }));
    await settled(async () =>
      expect(await counters(jobId)).toEqual({
        ...zero,
        status: 'COMPLETED',
        succeeded: 1,
        failed: 1,
        rejected: 1,
        canceled: 1,
      }),
    );
    const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
    expect(job!.completedAt).toBeInstanceOf(Date);
  });

  it('a CONTINUOUS job stays IN_PROGRESS when every execution is terminal', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!], { targetSelection: 'CONTINUOUS' });
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: thing!, status: 'SUCCEEDED' }));
    await settled(async () =>
      expect(await counters(jobId)).toEqual({ ...zero, status: 'IN_PROGRESS', succeeded: 1 }),
    );
  });
});
