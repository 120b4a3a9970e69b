// Every modeled error of every data-plane operation, reached the way AWS reaches it, plus the errors that
// carry the execution's current state (InvalidStateTransitionException, the unmodeled VersionMismatch).
import {
  DescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  IoTJobsDataPlaneServiceException,
  InvalidStateTransitionException,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { beforeAll, describe, expect, it } from 'vitest';
import { useConformanceTarget } from '../support/conformanceTarget.js';
import { describeExecution, expectServiceError, INVALID_STATUS_DETAILS } from '../support/sdk.js';

const t = useConformanceTarget();

interface Fixture {
  thingName: string;
  jobId: string;
}
type Expected = { name: string; status: number };
/** [when, expected error, call, 'fresh' when a wrongly accepted call would change the shared fixture] */
type Row = [when: string, expected: Expected, call: (f: Fixture) => Promise<unknown>, fresh?: 'fresh'];

const IR = { name: 'InvalidRequestException', status: 400 };
const RNF = { name: 'ResourceNotFoundException', status: 404 };
const IST = { name: 'InvalidStateTransitionException', status: 409 };

const missing = () => t.name('missing');
// A loosely typed sender keeps the table short; each row still builds a real SDK command.
const d = (cmd: object): Promise<unknown> => t.data.send(cmd as never);
const update = (f: Fixture, extra: object = {}) =>
  d(new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS', ...extra }));
const startNext = (f: Fixture, extra: object = {}) =>
  d(new StartNextPendingJobExecutionCommand({ thingName: f.thingName, ...extra }));

const CASES: Record<string, Row[]> = {
  DescribeJobExecution: [
    ['the job does not exist', RNF, (f) => d(new DescribeJobExecutionCommand({ ...f, jobId: missing() }))],
    [
      'the thing does not exist',
      RNF,
      (f) => d(new DescribeJobExecutionCommand({ ...f, thingName: missing() })),
    ],
    [
      'the executionNumber does not exist',
      RNF,
      (f) => d(new DescribeJobExecutionCommand({ ...f, executionNumber: 99 })),
    ],
    ['the jobId has a space', IR, (f) => d(new DescribeJobExecutionCommand({ ...f, jobId: 'bad id' }))],
    [
      'the thing name has a bad character',
      IR,
      (f) => d(new DescribeJobExecutionCommand({ ...f, thingName: 'bad!name' })),
    ],
  ],
  GetPendingJobExecutions: [
    ['the thing does not exist', RNF, () => d(new GetPendingJobExecutionsCommand({ thingName: missing() }))],
    [
      'the thing name has 129 chars',
      IR,
      () => d(new GetPendingJobExecutionsCommand({ thingName: 't'.repeat(129) })),
    ],
  ],
  StartNextPendingJobExecution: [
    ['the thing does not exist', RNF, () => startNext({ thingName: missing(), jobId: '' })],
    ['the thing name has a space', IR, () => startNext({ thingName: 'bad name', jobId: '' })],
    ['stepTimeoutInMinutes is 0', IR, (f) => startNext(f, { stepTimeoutInMinutes: 0 }), 'fresh'],
    ['stepTimeoutInMinutes is 10081', IR, (f) => startNext(f, { stepTimeoutInMinutes: 10_081 }), 'fresh'],
    ...Object.entries(INVALID_STATUS_DETAILS).map(([when, statusDetails]): Row => [
      `statusDetails has ${when}`,
      IR,
      (f) => startNext(f, { statusDetails }),
      'fresh',
    ]),
  ],
  UpdateJobExecution: [
    ['the job does not exist', RNF, (f) => update({ ...f, jobId: missing() })],
    ['the thing does not exist', RNF, (f) => update({ ...f, thingName: missing() })],
    ['the jobId has 65 chars', IR, (f) => update({ ...f, jobId: 'j'.repeat(65) })],
    [
      'status is SUCCESS (the seed text, not an enum value)',
      IR,
      (f) => update(f, { status: 'SUCCESS' }),
      'fresh',
    ],
    ['stepTimeoutInMinutes is 0', IR, (f) => update(f, { stepTimeoutInMinutes: 0 }), 'fresh'],
    ['stepTimeoutInMinutes is 10081', IR, (f) => update(f, { stepTimeoutInMinutes: 10_081 }), 'fresh'],
    ['stepTimeoutInMinutes is -2', IR, (f) => update(f, { stepTimeoutInMinutes: -2 }), 'fresh'],
    ...Object.entries(INVALID_STATUS_DETAILS).map(([when, statusDetails]): Row => [
      `statusDetails has ${when}`,
      IR,
      (f) => update(f, { statusDetails }),
      'fresh',
    ]),
  ],
};

async function freshFixture(): Promise<Fixture> {
  const [thingName] = (await t.things(1)) as [string];
  return { thingName, jobId: await t.job([thingName]) };
}

let shared: Fixture;
beforeAll(async () => {
  shared = await freshFixture();
});

describe.each(Object.entries(CASES))('%s', (_operation, rows) => {
  const named = rows.map(([when, expected, call, fresh]) => ({ when, ...expected, call, fresh }));
  it.each(named)('$when -> $name $status', async ({ name, status, call, fresh }) => {
    const fixture = fresh ? await freshFixture() : shared;
    const err = await expectServiceError(call(fixture), { name, status });
    expect(err).toBeInstanceOf(IoTJobsDataPlaneServiceException);
    // Nothing was applied: the execution is still QUEUED at version 1.
    const execution = await describeExecution(t.control, fixture.jobId, fixture.thingName);
    expect({ status: execution.status, versionNumber: execution.versionNumber }).toEqual({
      status: 'QUEUED',
      versionNumber: 1,
    });
  });
});

describe('errors carrying the current execution state', () => {
  it('a stale expectedVersion answers 409 VersionMismatch (base exception class) with executionState', async () => {
    const f = await freshFixture();
    await t.data.send(
      new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS', statusDetails: { at: 'v2' } }),
    );
    const err = await expectServiceError(
      t.data.send(new UpdateJobExecutionCommand({ ...f, status: 'SUCCEEDED', expectedVersion: 1 })),
      { name: 'VersionMismatch', status: 409 },
    );
    // An unmodeled error code: the SDK hands back the plane's base exception class itself.
    expect(err.constructor).toBe(IoTJobsDataPlaneServiceException);
    expect(err.executionState).toMatchObject({
      status: 'IN_PROGRESS',
      versionNumber: 2,
      statusDetails: { at: 'v2' },
    });
    expect((await describeExecution(t.control, f.jobId, f.thingName)).status).toBe('IN_PROGRESS');
  });

  it('an update from a terminal state answers InvalidStateTransitionException with executionState', async () => {
    const f = await freshFixture();
    await t.data.send(
      new UpdateJobExecutionCommand({ ...f, status: 'SUCCEEDED', statusDetails: { result: 'ok' } }),
    );
    const err = await expectServiceError(
      t.data.send(new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS' })),
      IST,
    );
    expect(err).toBeInstanceOf(InvalidStateTransitionException);
    expect(err.executionState).toMatchObject({
      status: 'SUCCEEDED',
      versionNumber: 2,
      statusDetails: { result: 'ok' },
    });
  });
});
