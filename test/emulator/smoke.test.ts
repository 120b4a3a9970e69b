// Drives every emulated operation once through the real AWS SDK clients, end to end over HTTP.
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
  IoTClient,
  ListJobExecutionsForJobCommand,
  ListJobExecutionsForThingCommand,
  ListJobsCommand,
  ListThingsCommand,
} from '@aws-sdk/client-iot';
import {
  DescribeJobExecutionCommand as DataDescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  IoTJobsDataPlaneClient,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, startEmulator, type Emulator } from '../../src/emulator/index.js';

const credentials = { accessKeyId: 'x', secretAccessKey: 'x' };
const arn = (thing: string): string => `arn:aws:iot:us-east-1:123456789012:thing/${thing}`;

describe('emulator smoke test through the real SDK clients', () => {
  let emu: Emulator;
  let iot: IoTClient;
  let data: IoTJobsDataPlaneClient;
  const clock = new ManualClock(Date.UTC(2026, 0, 1));

  beforeAll(async () => {
    emu = await startEmulator({ clock });
    iot = new IoTClient({ region: 'us-east-1', endpoint: emu.url, credentials, maxAttempts: 1 });
    data = new IoTJobsDataPlaneClient({
      region: 'us-east-1',
      endpoint: emu.url,
      credentials,
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    iot.destroy();
    data.destroy();
    await emu.close();
  });

  it('serves the whole control and data plane lifecycle', async () => {
    for (const thingName of ['dev-1', 'dev-2']) {
      const created = await iot.send(
        new CreateThingCommand({ thingName, attributePayload: { attributes: { site: 'a' } } }),
      );
      expect(created.thingArn).toBe(arn(thingName));
    }
    expect((await iot.send(new DescribeThingCommand({ thingName: 'dev-1' }))).attributes).toEqual({
      site: 'a',
    });
    expect((await iot.send(new ListThingsCommand({}))).things?.map((t) => t.thingName)).toEqual([
      'dev-1',
      'dev-2',
    ]);

    const document = JSON.stringify({ op: 'update' });
    await iot.send(
      new CreateJobCommand({
        jobId: 'job-1',
        targets: [arn('dev-1'), arn('dev-2')],
        document,
        timeoutConfig: { inProgressTimeoutInMinutes: 10 },
      }),
    );
    expect((await iot.send(new GetJobDocumentCommand({ jobId: 'job-1' }))).document).toBe(document);
    expect((await iot.send(new ListJobsCommand({}))).jobs?.map((j) => j.jobId)).toEqual(['job-1']);

    const pending = await data.send(new GetPendingJobExecutionsCommand({ thingName: 'dev-1' }));
    expect(pending.queuedJobs?.map((j) => j.jobId)).toEqual(['job-1']);
    const next = await data.send(
      new StartNextPendingJobExecutionCommand({ thingName: 'dev-1', statusDetails: { step: 'download' } }),
    );
    expect(next.execution).toMatchObject({
      jobId: 'job-1',
      status: 'IN_PROGRESS',
      versionNumber: 2,
      jobDocument: document,
    });
    expect(next.execution?.approximateSecondsBeforeTimedOut).toBe(600);

    const described = await data.send(
      new DataDescribeJobExecutionCommand({ thingName: 'dev-1', jobId: '$next' }),
    );
    expect(described.execution).toMatchObject({ jobId: 'job-1', statusDetails: { step: 'download' } });
    expect(typeof described.execution?.queuedAt).toBe('number');

    const updated = await data.send(
      new UpdateJobExecutionCommand({
        thingName: 'dev-1',
        jobId: 'job-1',
        status: 'SUCCEEDED',
        expectedVersion: 2,
        includeJobExecutionState: true,
      }),
    );
    expect(updated.executionState).toEqual({
      status: 'SUCCEEDED',
      statusDetails: { step: 'download' },
      versionNumber: 3,
    });

    const control = await iot.send(new DescribeJobExecutionCommand({ thingName: 'dev-1', jobId: 'job-1' }));
    expect(control.execution).toMatchObject({
      thingArn: arn('dev-1'),
      statusDetails: { detailsMap: { step: 'download' } },
    });
    expect(control.execution?.queuedAt).toBeInstanceOf(Date);
    expect(control.execution?.queuedAt?.getTime()).toBe(clock.now());

    const forJob = await iot.send(new ListJobExecutionsForJobCommand({ jobId: 'job-1', status: 'QUEUED' }));
    expect(forJob.executionSummaries?.map((s) => s.thingArn)).toEqual([arn('dev-2')]);
    const forThing = await iot.send(new ListJobExecutionsForThingCommand({ thingName: 'dev-1' }));
    expect(forThing.executionSummaries?.[0]).toMatchObject({
      jobId: 'job-1',
      jobExecutionSummary: { status: 'SUCCEEDED' },
    });

    await iot.send(
      new CancelJobExecutionCommand({ thingName: 'dev-2', jobId: 'job-1', statusDetails: { why: 'ops' } }),
    );
    const job = (await iot.send(new DescribeJobCommand({ jobId: 'job-1' }))).job;
    expect(job).toMatchObject({
      status: 'COMPLETED',
      jobProcessDetails: { numberOfSucceededThings: 1, numberOfCanceledThings: 1 },
    });

    await iot.send(new DeleteJobExecutionCommand({ thingName: 'dev-2', jobId: 'job-1', executionNumber: 1 }));
    await iot.send(new DeleteJobCommand({ jobId: 'job-1' }));

    await iot.send(new CreateJobCommand({ jobId: 'job-2', targets: [arn('dev-1')], document: '{}' }));
    const canceled = await iot.send(new CancelJobCommand({ jobId: 'job-2', reasonCode: 'OPS' }));
    expect(canceled.jobArn).toBe('arn:aws:iot:us-east-1:123456789012:job/job-2');
    const afterCancel = await iot.send(
      new DescribeJobExecutionCommand({ thingName: 'dev-1', jobId: 'job-2' }),
    );
    expect(afterCancel.execution?.status).toBe('CANCELED');
    await iot.send(new DeleteThingCommand({ thingName: 'dev-2' }));
    expect((await iot.send(new ListThingsCommand({}))).things?.map((t) => t.thingName)).toEqual(['dev-1']);

    const endpoint = await iot.send(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' }));
    expect(`http://${endpoint.endpointAddress}`).toBe(emu.url);

    // Every request above was recorded under its plane and operation.
    expect(emu.calls({ service: 'iot-jobs-data' }).map((c) => c.operation)).toEqual([
      'GetPendingJobExecutions',
      'StartNextPendingJobExecution',
      'DescribeJobExecution',
      'UpdateJobExecution',
    ]);
  });

  it('deserializes a modeled control-plane error into its class', async () => {
    const error = await iot.send(new DescribeJobCommand({ jobId: 'missing' })).catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      $fault: 'client',
      $metadata: { httpStatusCode: 404 },
    });
    expect((error as { $metadata: { requestId?: string } }).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('deserializes a modeled data-plane error, with the execution state, into its class', async () => {
    await iot.send(new CreateThingCommand({ thingName: 'dev-3' }));
    await iot.send(new CreateJobCommand({ jobId: 'job-3', targets: [arn('dev-3')], document: '{}' }));
    await data.send(
      new UpdateJobExecutionCommand({ thingName: 'dev-3', jobId: 'job-3', status: 'REJECTED' }),
    );
    const error = await data
      .send(new UpdateJobExecutionCommand({ thingName: 'dev-3', jobId: 'job-3', status: 'IN_PROGRESS' }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'InvalidStateTransitionException',
      $fault: 'client',
      $metadata: { httpStatusCode: 409 },
      executionState: { status: 'REJECTED', versionNumber: 2 },
    });
    expect((error as { $metadata: { requestId?: string } }).$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
