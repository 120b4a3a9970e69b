// Control-plane operations (@aws-sdk/client-iot) on their happy paths: request members in, model shapes out.
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
  DescribeThingCommand,
  GetJobDocumentCommand,
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  paginateListJobs,
  paginateListThings,
  type JobSummary,
  type ThingAttribute,
} from '@aws-sdk/client-iot';
import {
  GetPendingJobExecutionsCommand,
  IoTJobsDataPlaneClient,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { describe, expect, it } from 'vitest';
import { onAws, settled, useConformanceTarget } from '../support/conformanceTarget.js';
import {
  DEFAULT_JOB_DOCUMENT,
  TEST_ACCOUNT_ID,
  TEST_REGION,
  describeExecution,
  expectServiceError,
  thingArn,
} from '../support/sdk.js';

const t = useConformanceTarget();
const ARN_ACCOUNT = String.raw`arn:aws:iot:[a-z0-9-]+:\d{12}`;

async function allThings(): Promise<ThingAttribute[]> {
  const things: ThingAttribute[] = [];
  for await (const page of paginateListThings({ client: t.control }, { maxResults: 250 }))
    things.push(...(page.things ?? []));
  return things;
}

async function allJobs(
  filter: {
    status?: 'IN_PROGRESS' | 'CANCELED' | 'COMPLETED';
    targetSelection?: 'SNAPSHOT' | 'CONTINUOUS';
  } = {},
): Promise<JobSummary[]> {
  const jobs: JobSummary[] = [];
  for await (const page of paginateListJobs({ client: t.control }, { maxResults: 250, ...filter }))
    jobs.push(...(page.jobs ?? []));
  return jobs;
}

describe('things', () => {
  it('CreateThing returns the name, an ARN and an id that DescribeThing reports again, with attributes and version 1', async () => {
    const thingName = t.name('thing');
    const created = await t.control.send(
      new CreateThingCommand({ thingName, attributePayload: { attributes: { model: 'tx-1', site: 'lab' } } }),
    );
    expect(created.thingName).toBe(thingName);
    expect(created.thingArn).toMatch(new RegExp(`^${ARN_ACCOUNT}:thing/${thingName}$`));
    if (!onAws) expect(created.thingArn).toBe(thingArn(thingName));
    expect(created.thingId).toEqual(expect.any(String));
    const described = await t.control.send(new DescribeThingCommand({ thingName }));
    expect(described).toMatchObject({
      thingName,
      thingArn: created.thingArn,
      thingId: created.thingId,
      attributes: { model: 'tx-1', site: 'lab' },
      version: 1,
    });
    await t.control.send(new DeleteThingCommand({ thingName }));
  });

  it('CreateThing of an existing name with the same attributes is idempotent', async () => {
    const [thingName] = await t.things(1);
    const first = await t.control.send(new DescribeThingCommand({ thingName }));
    const again = await t.control.send(new CreateThingCommand({ thingName }));
    expect({ thingArn: again.thingArn, thingId: again.thingId }).toEqual({
      thingArn: first.thingArn,
      thingId: first.thingId,
    });
  });

  it('ListThings lists every created thing with its ARN', async () => {
    const names = await t.things(3);
    const listed = (await allThings()).filter((th) => names.includes(th.thingName!));
    expect(listed.map((th) => th.thingName).sort()).toEqual([...names].sort());
    for (const th of listed) expect(th.thingArn).toBe(t.arnOf(th.thingName!));
  });

  it('DeleteThing removes the thing; deleting a missing thing succeeds as AWS does', async () => {
    const thingName = t.name('thing');
    await t.control.send(new CreateThingCommand({ thingName }));
    const out = await t.control.send(new DeleteThingCommand({ thingName }));
    expect(out.$metadata.httpStatusCode).toBe(200);
    await expectServiceError(t.control.send(new DescribeThingCommand({ thingName })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
    expect((await allThings()).some((th) => th.thingName === thingName)).toBe(false);
    await t.control.send(new DeleteThingCommand({ thingName }));
  });

  it('DeleteThing with the current expectedVersion deletes', async () => {
    const thingName = t.name('thing');
    await t.control.send(new CreateThingCommand({ thingName }));
    const { version } = await t.control.send(new DescribeThingCommand({ thingName }));
    await t.control.send(new DeleteThingCommand({ thingName, expectedVersion: version }));
    await expectServiceError(t.control.send(new DescribeThingCommand({ thingName })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
  });
});

describe('jobs', () => {
  it('CreateJob returns the job ARN and id; DescribeJob reports targets, defaults and per-status counters', async () => {
    const things = await t.things(2);
    const jobId = t.jobName();
    const created = await t.control.send(
      new CreateJobCommand({
        jobId,
        targets: things.map((n) => t.arnOf(n)),
        document: DEFAULT_JOB_DOCUMENT,
        description: 'conformance job',
        timeoutConfig: { inProgressTimeoutInMinutes: 30 },
      }),
    );
    expect(created.jobId).toBe(jobId);
    expect(created.jobArn).toMatch(new RegExp(`^${ARN_ACCOUNT}:job/${jobId}$`));
    if (!onAws) expect(created.jobArn).toBe(`arn:aws:iot:${TEST_REGION}:${TEST_ACCOUNT_ID}:job/${jobId}`);
    expect(created.description).toBe('conformance job');
    const { job } = await settled(async () => {
      const out = await t.control.send(new DescribeJobCommand({ jobId }));
      expect(out.job?.jobProcessDetails?.numberOfQueuedThings).toBe(2);
      return out;
    });
    expect(job).toMatchObject({
      jobId,
      jobArn: created.jobArn,
      status: 'IN_PROGRESS',
      targetSelection: 'SNAPSHOT',
      description: 'conformance job',
      timeoutConfig: { inProgressTimeoutInMinutes: 30 },
      jobProcessDetails: {
        numberOfQueuedThings: 2,
        numberOfInProgressThings: 0,
        numberOfSucceededThings: 0,
        numberOfFailedThings: 0,
        numberOfRejectedThings: 0,
        numberOfCanceledThings: 0,
        numberOfRemovedThings: 0,
        numberOfTimedOutThings: 0,
      },
    });
    expect([...(job!.targets ?? [])].sort()).toEqual(things.map((n) => t.arnOf(n)).sort());
    expect(job!.createdAt).toBeInstanceOf(Date);
    expect(job!.lastUpdatedAt).toBeInstanceOf(Date);
    expect(job!.completedAt).toBeUndefined();
  });

  it('GetJobDocument returns the document exactly as created', async () => {
    const [thing] = await t.things(1);
    const document = JSON.stringify({
      steps: ['download', 'verify', 'install'],
      url: 'https://example.com/fw.bin',
    });
    const jobId = await t.job([thing!], { document });
    const out = await t.control.send(new GetJobDocumentCommand({ jobId }));
    expect(out.document).toBe(document);
  });

  it('ListJobs lists jobs as summaries and filters by status and targetSelection', async () => {
    const [thing] = await t.things(1);
    const snapshot = await t.job([thing!]);
    const continuous = await t.job([thing!], { targetSelection: 'CONTINUOUS' });
    const canceled = await t.job([thing!]);
    await t.control.send(new CancelJobCommand({ jobId: canceled }));
    await settled(async () => {
      const mine = (await allJobs()).filter((j) => [snapshot, continuous, canceled].includes(j.jobId!));
      expect(mine.map((j) => j.jobId).sort()).toEqual([snapshot, continuous, canceled].sort());
      for (const j of mine) {
        expect(j.jobArn).toMatch(new RegExp(`:job/${j.jobId}$`));
        expect(j.createdAt).toBeInstanceOf(Date);
      }
      const canceledIds = (await allJobs({ status: 'CANCELED' })).map((j) => j.jobId);
      expect(canceledIds).toContain(canceled);
      expect(canceledIds).not.toContain(snapshot);
      const continuousJobs = await allJobs({ targetSelection: 'CONTINUOUS' });
      expect(continuousJobs.map((j) => j.jobId)).toContain(continuous);
      expect(continuousJobs.map((j) => j.jobId)).not.toContain(snapshot);
      expect(continuousJobs.every((j) => j.targetSelection === 'CONTINUOUS')).toBe(true);
    });
  });

  it('CancelJob cancels the job and its QUEUED executions but leaves IN_PROGRESS ones without force', async () => {
    const [queued, running] = await t.things(2);
    const jobId = await t.job([queued!, running!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: running!, status: 'IN_PROGRESS' }));
    const out = await t.control.send(
      new CancelJobCommand({ jobId, reasonCode: 'OPERATOR_ABORT_1', comment: 'rollout halted by ops' }),
    );
    expect(out.jobId).toBe(jobId);
    expect(out.jobArn).toMatch(new RegExp(`:job/${jobId}$`));
    await settled(async () => {
      const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
      expect(job).toMatchObject({
        status: 'CANCELED',
        reasonCode: 'OPERATOR_ABORT_1',
        comment: 'rollout halted by ops',
      });
      expect(job!.forceCanceled).toBeFalsy();
      expect((await describeExecution(t.control, jobId, queued!)).status).toBe('CANCELED');
      expect((await describeExecution(t.control, jobId, running!)).status).toBe('IN_PROGRESS');
    });
  });

  it('CancelJob with force cancels IN_PROGRESS executions too and marks them forceCanceled', async () => {
    const [running] = await t.things(1);
    const jobId = await t.job([running!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: running!, status: 'IN_PROGRESS' }));
    await t.control.send(new CancelJobCommand({ jobId, force: true }));
    await settled(async () => {
      const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
      expect(job).toMatchObject({ status: 'CANCELED', forceCanceled: true });
      const execution = await describeExecution(t.control, jobId, running!);
      expect(execution).toMatchObject({ status: 'CANCELED', forceCanceled: true });
    });
  });

  it('DeleteJob deletes a canceled job and its executions', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.control.send(new CancelJobCommand({ jobId }));
    await settled(async () => {
      const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
      expect(job?.status).toBe('CANCELED');
    });
    await t.control.send(new DeleteJobCommand({ jobId }));
    await settled(async () => {
      await expectServiceError(t.control.send(new DescribeJobCommand({ jobId })), {
        name: 'ResourceNotFoundException',
        status: 404,
      });
      await expectServiceError(describeExecution(t.control, jobId, thing!), {
        name: 'ResourceNotFoundException',
        status: 404,
      });
    });
  });

  it('DeleteJob with force deletes a job whose execution is IN_PROGRESS', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: thing!, status: 'IN_PROGRESS' }));
    await t.control.send(new DeleteJobCommand({ jobId, force: true }));
    await settled(async () => {
      await expectServiceError(t.control.send(new DescribeJobCommand({ jobId })), {
        name: 'ResourceNotFoundException',
        status: 404,
      });
    });
  });
});

describe('job executions', () => {
  it('DescribeJobExecution returns the control-plane shape: thingArn, no thingName, no document, Date timestamps', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const execution = await describeExecution(t.control, jobId, thing!);
    expect(execution).toMatchObject({
      jobId,
      thingArn: t.arnOf(thing!),
      status: 'QUEUED',
      executionNumber: 1,
      versionNumber: 1,
    });
    expect(execution).not.toHaveProperty('thingName');
    expect(execution).not.toHaveProperty('jobDocument');
    expect(execution.queuedAt).toBeInstanceOf(Date);
    expect(execution.startedAt).toBeUndefined();
    expect(execution.forceCanceled).toBeFalsy();
  });

  it('DescribeJobExecution wraps statusDetails in detailsMap and accepts an explicit executionNumber', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.data.send(
      new UpdateJobExecutionCommand({
        jobId,
        thingName: thing!,
        status: 'IN_PROGRESS',
        statusDetails: { step: 'download', pct: '40' },
      }),
    );
    const execution = await describeExecution(t.control, jobId, thing!, 1);
    expect(execution).toMatchObject({
      status: 'IN_PROGRESS',
      executionNumber: 1,
      versionNumber: 2,
      statusDetails: { detailsMap: { step: 'download', pct: '40' } },
    });
    expect(execution.startedAt).toBeInstanceOf(Date);
    expect(execution.lastUpdatedAt).toBeInstanceOf(Date);
  });

  it('ListJobExecutionsForJob returns {thingArn, jobExecutionSummary} per thing and filters by status', async () => {
    const [a, b, c] = await t.things(3);
    const jobId = await t.job([a!, b!, c!]);
    await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName: b!, status: 'IN_PROGRESS' }));
    const all = await t.control.send(new ListJobExecutionsForJobCommand({ jobId }));
    expect(all.executionSummaries?.map((s) => s.thingArn).sort()).toEqual(
      [a, b, c].map((n) => t.arnOf(n!)).sort(),
    );
    for (const summary of all.executionSummaries!) {
      expect(summary).not.toHaveProperty('jobId');
      expect(summary.jobExecutionSummary).toMatchObject({ executionNumber: 1 });
      expect(summary.jobExecutionSummary!.queuedAt).toBeInstanceOf(Date);
    }
    const inProgress = await t.control.send(
      new ListJobExecutionsForJobCommand({ jobId, status: 'IN_PROGRESS' }),
    );
    expect(inProgress.executionSummaries).toHaveLength(1);
    expect(inProgress.executionSummaries![0]).toMatchObject({
      thingArn: t.arnOf(b!),
      jobExecutionSummary: { status: 'IN_PROGRESS' },
    });
    expect(inProgress.nextToken).toBeUndefined();
  });

  it('ListJobExecutionsForThing returns {jobId, jobExecutionSummary} per job and filters by status and jobId', async () => {
    const [thing] = await t.things(1);
    const first = await t.job([thing!]);
    const second = await t.job([thing!]);
    await t.data.send(
      new UpdateJobExecutionCommand({ jobId: second, thingName: thing!, status: 'IN_PROGRESS' }),
    );
    const all = await t.control.send(new ListJobExecutionsForThingCommand({ thingName: thing! }));
    expect(all.executionSummaries?.map((s) => s.jobId).sort()).toEqual([first, second].sort());
    for (const summary of all.executionSummaries!) {
      expect(summary).not.toHaveProperty('thingArn');
      expect(summary.jobExecutionSummary?.executionNumber).toBe(1);
    }
    const queued = await t.control.send(
      new ListJobExecutionsForThingCommand({ thingName: thing!, status: 'QUEUED' }),
    );
    expect(queued.executionSummaries?.map((s) => s.jobId)).toEqual([first]);
    const one = await t.control.send(
      new ListJobExecutionsForThingCommand({ thingName: thing!, jobId: second }),
    );
    expect(one.executionSummaries).toHaveLength(1);
    expect(one.executionSummaries![0]).toMatchObject({
      jobId: second,
      jobExecutionSummary: { status: 'IN_PROGRESS' },
    });
  });

  it('CancelJobExecution cancels a QUEUED execution, stores statusDetails and honours a current expectedVersion', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const out = await t.control.send(
      new CancelJobExecutionCommand({
        jobId,
        thingName: thing!,
        expectedVersion: 1,
        statusDetails: { reason: 'ops' },
      }),
    );
    expect(out.$metadata.httpStatusCode).toBe(200);
    const execution = await describeExecution(t.control, jobId, thing!);
    expect(execution).toMatchObject({
      status: 'CANCELED',
      versionNumber: 2,
      statusDetails: { detailsMap: { reason: 'ops' } },
    });
  });

  it('DeleteJobExecution deletes a terminal execution by its executionNumber', async () => {
    const [thing, other] = await t.things(2);
    const jobId = await t.job([thing!, other!]);
    await t.control.send(new CancelJobExecutionCommand({ jobId, thingName: thing! }));
    const { executionNumber } = await describeExecution(t.control, jobId, thing!);
    await t.control.send(new DeleteJobExecutionCommand({ jobId, thingName: thing!, executionNumber }));
    await expectServiceError(describeExecution(t.control, jobId, thing!), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
    const left = await t.control.send(new ListJobExecutionsForJobCommand({ jobId }));
    expect(left.executionSummaries?.map((s) => s.thingArn)).toEqual([t.arnOf(other!)]);
  });
});

describe('DescribeEndpoint', () => {
  it('answers a stable bare address for iot:Jobs that works as the data-plane endpoint', async () => {
    const first = await t.control.send(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }));
    const second = await t.control.send(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }));
    expect(first.endpointAddress).toEqual(expect.any(String));
    expect(second.endpointAddress).toBe(first.endpointAddress);
    expect(first.endpointAddress).not.toMatch(/^[a-z]+:\/\//);
    if (onAws) expect(first.endpointAddress).toMatch(/\.jobs\.iot\.[a-z0-9-]+\.amazonaws\.com$/);
    else expect(first.endpointAddress).toBe(new URL(t.emulator.url).host);

    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    const scheme = onAws ? 'https' : 'http';
    const discovered = new IoTJobsDataPlaneClient({
      region: await t.control.config.region(),
      endpoint: `${scheme}://${first.endpointAddress!}`,
      credentials: await t.control.config.credentials(),
      maxAttempts: 1,
    });
    try {
      const pending = await discovered.send(new GetPendingJobExecutionsCommand({ thingName: thing! }));
      expect(pending.queuedJobs?.map((j) => j.jobId)).toEqual([jobId]);
    } finally {
      discovered.destroy();
    }
  });

  it('answers a stable non-empty address for the other endpoint types', async () => {
    for (const endpointType of ['iot:Data-ATS', 'iot:Data', 'iot:CredentialProvider']) {
      const a = await t.control.send(new DescribeEndpointCommand({ endpointType }));
      const b = await t.control.send(new DescribeEndpointCommand({ endpointType }));
      expect(a.endpointAddress, endpointType).toMatch(/^[a-zA-Z0-9.:-]+$/);
      expect(b.endpointAddress, endpointType).toBe(a.endpointAddress);
    }
  });
});
