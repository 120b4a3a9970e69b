// Every modeled error of every control-plane operation, reached the way AWS reaches it (bad input, missing
// resources, refused transitions, stale versions); throttling and unavailability live in the faults suite.
import {
  CancelJobCommand,
  CancelJobExecutionCommand,
  CreateJobCommand,
  CreateThingCommand,
  DeleteJobCommand,
  DeleteJobExecutionCommand,
  DeleteThingCommand,
  DescribeEndpointCommand,
  DescribeJobCommand,
  DescribeJobExecutionCommand,
  DescribeThingCommand,
  GetJobDocumentCommand,
  IoTServiceException,
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  ListJobsCommand,
  ListThingsCommand,
  type JobExecutionStatus,
} from '@aws-sdk/client-iot';
import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
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
const CONFLICT = { name: 'VersionConflictException', status: 409 };

const missing = () => t.name('missing');
// A loosely typed sender keeps the table short; each row still builds a real SDK command.
const c = (cmd: object): Promise<unknown> => t.control.send(cmd as never);
const newJob = (f: Fixture, extra: object = {}) =>
  c(new CreateJobCommand({ jobId: missing(), targets: [t.arnOf(f.thingName)], document: '{}', ...extra }));

const CASES: Record<string, Row[]> = {
  CreateThing: [
    ['the name has a space', IR, () => c(new CreateThingCommand({ thingName: 'bad name' }))],
    ['the name has 129 chars', IR, () => c(new CreateThingCommand({ thingName: 't'.repeat(129) }))],
  ],
  DescribeThing: [
    ['the thing does not exist', RNF, () => c(new DescribeThingCommand({ thingName: missing() }))],
    ['the name has a bad character', IR, () => c(new DescribeThingCommand({ thingName: 'bad!name' }))],
  ],
  ListThings: [
    ['maxResults is 0', IR, () => c(new ListThingsCommand({ maxResults: 0 }))],
    ['maxResults is 251', IR, () => c(new ListThingsCommand({ maxResults: 251 }))],
  ],
  DeleteThing: [
    ['the name has a space', IR, () => c(new DeleteThingCommand({ thingName: 'bad name' }))],
    [
      'expectedVersion is stale',
      CONFLICT,
      (f) => c(new DeleteThingCommand({ thingName: f.thingName, expectedVersion: 7 })),
      'fresh',
    ],
  ],
  CreateJob: [
    ['the jobId has a space', IR, (f) => newJob(f, { jobId: 'bad id' })],
    ['the jobId has 65 chars', IR, (f) => newJob(f, { jobId: 'j'.repeat(65) })],
    ['targets is empty', IR, (f) => newJob(f, { targets: [] })],
    [
      'the document exceeds 32,768 chars',
      IR,
      (f) => newJob(f, { document: JSON.stringify({ pad: 'x'.repeat(32_768) }) }),
    ],
    [
      'inProgressTimeoutInMinutes is 0',
      IR,
      (f) => newJob(f, { timeoutConfig: { inProgressTimeoutInMinutes: 0 } }),
    ],
    [
      'inProgressTimeoutInMinutes is 10081',
      IR,
      (f) => newJob(f, { timeoutConfig: { inProgressTimeoutInMinutes: 10_081 } }),
    ],
    ['targetSelection is not an enum value', IR, (f) => newJob(f, { targetSelection: 'ALWAYS' })],
    ['the description exceeds 2,028 chars', IR, (f) => newJob(f, { description: 'd'.repeat(2029) })],
    [
      'the jobId already exists',
      { name: 'ResourceAlreadyExistsException', status: 409 },
      (f) => newJob(f, { jobId: f.jobId }),
    ],
  ],
  DescribeJob: [
    ['the job does not exist', RNF, () => c(new DescribeJobCommand({ jobId: missing() }))],
    ['the jobId has 65 chars', IR, () => c(new DescribeJobCommand({ jobId: 'j'.repeat(65) }))],
  ],
  ListJobs: [
    [
      'status is an execution status, not a job status',
      IR,
      () => c(new ListJobsCommand({ status: 'SUCCEEDED' as 'COMPLETED' })),
    ],
    [
      'targetSelection is not an enum value',
      IR,
      () => c(new ListJobsCommand({ targetSelection: 'ALWAYS' as 'SNAPSHOT' })),
    ],
    ['maxResults is 0', IR, () => c(new ListJobsCommand({ maxResults: 0 }))],
    ['maxResults is 251', IR, () => c(new ListJobsCommand({ maxResults: 251 }))],
  ],
  GetJobDocument: [
    ['the job does not exist', RNF, () => c(new GetJobDocumentCommand({ jobId: missing() }))],
    ['the jobId has a bad character', IR, () => c(new GetJobDocumentCommand({ jobId: 'job.1' }))],
  ],
  CancelJob: [
    ['the job does not exist', RNF, () => c(new CancelJobCommand({ jobId: missing() }))],
    [
      'reasonCode has lower-case letters',
      IR,
      (f) => c(new CancelJobCommand({ jobId: f.jobId, reasonCode: 'ops_abort' })),
      'fresh',
    ],
    [
      'reasonCode has 129 chars',
      IR,
      (f) => c(new CancelJobCommand({ jobId: f.jobId, reasonCode: 'R'.repeat(129) })),
      'fresh',
    ],
    [
      'comment has 2,029 chars',
      IR,
      (f) => c(new CancelJobCommand({ jobId: f.jobId, comment: 'c'.repeat(2029) })),
      'fresh',
    ],
    [
      'comment has a control character',
      IR,
      (f) => c(new CancelJobCommand({ jobId: f.jobId, comment: 'tab\there' })),
      'fresh',
    ],
  ],
  DeleteJob: [
    ['the job does not exist', RNF, () => c(new DeleteJobCommand({ jobId: missing() }))],
    ['the jobId has a space', IR, () => c(new DeleteJobCommand({ jobId: 'bad id' }))],
    [
      'the job is IN_PROGRESS and force is not set',
      IST,
      (f) => c(new DeleteJobCommand({ jobId: f.jobId })),
      'fresh',
    ],
  ],
  DescribeJobExecution: [
    ['the job does not exist', RNF, (f) => c(new DescribeJobExecutionCommand({ ...f, jobId: missing() }))],
    [
      'the thing does not exist',
      RNF,
      (f) => c(new DescribeJobExecutionCommand({ ...f, thingName: missing() })),
    ],
    [
      'the executionNumber does not exist',
      RNF,
      (f) => c(new DescribeJobExecutionCommand({ ...f, executionNumber: 99 })),
    ],
    [
      'the jobId is $next (data plane only)',
      IR,
      (f) => c(new DescribeJobExecutionCommand({ ...f, jobId: '$next' })),
    ],
    [
      'the thing name has 129 chars',
      IR,
      (f) => c(new DescribeJobExecutionCommand({ ...f, thingName: 't'.repeat(129) })),
    ],
  ],
  ListJobExecutionsForJob: [
    ['the job does not exist', RNF, () => c(new ListJobExecutionsForJobCommand({ jobId: missing() }))],
    [
      'status is SUCCESS (not an enum value)',
      IR,
      (f) =>
        c(new ListJobExecutionsForJobCommand({ jobId: f.jobId, status: 'SUCCESS' as JobExecutionStatus })),
    ],
    ['maxResults is 0', IR, (f) => c(new ListJobExecutionsForJobCommand({ jobId: f.jobId, maxResults: 0 }))],
    [
      'maxResults is 251',
      IR,
      (f) => c(new ListJobExecutionsForJobCommand({ jobId: f.jobId, maxResults: 251 })),
    ],
    ['the jobId has a space', IR, () => c(new ListJobExecutionsForJobCommand({ jobId: 'bad id' }))],
  ],
  ListJobExecutionsForThing: [
    [
      'the thing does not exist',
      RNF,
      () => c(new ListJobExecutionsForThingCommand({ thingName: missing() })),
    ],
    [
      'status is SUCCESS (not an enum value)',
      IR,
      (f) =>
        c(
          new ListJobExecutionsForThingCommand({
            thingName: f.thingName,
            status: 'SUCCESS' as JobExecutionStatus,
          }),
        ),
    ],
    [
      'maxResults is 0',
      IR,
      (f) => c(new ListJobExecutionsForThingCommand({ thingName: f.thingName, maxResults: 0 })),
    ],
    [
      'maxResults is 251',
      IR,
      (f) => c(new ListJobExecutionsForThingCommand({ thingName: f.thingName, maxResults: 251 })),
    ],
    [
      'the jobId filter has a space',
      IR,
      (f) => c(new ListJobExecutionsForThingCommand({ thingName: f.thingName, jobId: 'bad id' })),
    ],
  ],
  CancelJobExecution: [
    ['the job does not exist', RNF, (f) => c(new CancelJobExecutionCommand({ ...f, jobId: missing() }))],
    [
      'the thing name has a space',
      IR,
      (f) => c(new CancelJobExecutionCommand({ ...f, thingName: 'bad name' })),
    ],
    [
      'expectedVersion is stale',
      CONFLICT,
      (f) => c(new CancelJobExecutionCommand({ ...f, expectedVersion: 5 })),
      'fresh',
    ],
    ...Object.entries(INVALID_STATUS_DETAILS).map(([when, statusDetails]): Row => [
      `statusDetails has ${when}`,
      IR,
      (f) => c(new CancelJobExecutionCommand({ ...f, statusDetails })),
      'fresh',
    ]),
  ],
  DeleteJobExecution: [
    [
      'the executionNumber does not exist',
      RNF,
      (f) => c(new DeleteJobExecutionCommand({ ...f, executionNumber: 99, force: true })),
    ],
    [
      'the job does not exist',
      RNF,
      (f) => c(new DeleteJobExecutionCommand({ ...f, jobId: missing(), executionNumber: 1, force: true })),
    ],
    [
      'the jobId has a space',
      IR,
      (f) => c(new DeleteJobExecutionCommand({ ...f, jobId: 'bad id', executionNumber: 1 })),
    ],
    [
      'the execution is QUEUED and force is not set',
      IST,
      (f) => c(new DeleteJobExecutionCommand({ ...f, executionNumber: 1 })),
      'fresh',
    ],
  ],
  DescribeEndpoint: [
    ['endpointType is unknown', IR, () => c(new DescribeEndpointCommand({ endpointType: 'iot:Bogus' }))],
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
    expect(err).toBeInstanceOf(IoTServiceException);
    // Nothing was applied: the execution is still QUEUED at version 1.
    const execution = await describeExecution(t.control, fixture.jobId, fixture.thingName);
    expect({ status: execution.status, versionNumber: execution.versionNumber }).toEqual({
      status: 'QUEUED',
      versionNumber: 1,
    });
  });
});

describe('errors that carry or depend on state', () => {
  it('CancelJobExecution with a stale expectedVersion answers VersionConflictException carrying only a message', async () => {
    const f = await freshFixture();
    await t.data.send(new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS' }));
    const err = await expectServiceError(
      t.control.send(new CancelJobExecutionCommand({ ...f, force: true, expectedVersion: 1 })),
      CONFLICT,
    );
    expect(err.constructor.name).toBe('VersionConflictException');
    expect(err).not.toHaveProperty('executionState');
    expect((await describeExecution(t.control, f.jobId, f.thingName)).status).toBe('IN_PROGRESS');
  });
});
