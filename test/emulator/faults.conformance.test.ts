// Fault injection: throttling and unavailability of every operation, each fault mode as the SDK sees it,
// and the queue semantics (operation/service filters, counts, order, clearing).
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
} from '@aws-sdk/client-iot';
import {
  DescribeJobExecutionCommand as DataDescribeJobExecutionCommand,
  GetPendingJobExecutionsCommand,
  IoTJobsDataPlaneServiceException,
  StartNextPendingJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatedService, FaultSpec } from '../../src/emulator/index.js';
import { describeEmulatorOnly, useConformanceTarget } from '../support/conformanceTarget.js';
import {
  caught,
  controlClient,
  dataClient,
  describeExecution,
  expectServiceError,
  fakeSigV4Headers,
  type ServiceErrorShape,
} from '../support/sdk.js';

interface Fixture {
  thingName: string;
  jobId: string;
}

interface OperationCase {
  operation: string;
  service: EmulatedService;
  call: (f: Fixture) => Promise<unknown>;
}

describeEmulatorOnly('fault injection', () => {
  const t = useConformanceTarget();
  // Loosely typed senders keep the tables short; each row still builds a real SDK command.
  const c = (cmd: object): Promise<unknown> => t.control.send(cmd as never);
  const d = (cmd: object): Promise<unknown> => t.data.send(cmd as never);

  const OPERATIONS: OperationCase[] = [
    {
      operation: 'CreateThing',
      service: 'iot',
      call: (f) => c(new CreateThingCommand({ thingName: f.thingName })),
    },
    {
      operation: 'DescribeThing',
      service: 'iot',
      call: (f) => c(new DescribeThingCommand({ thingName: f.thingName })),
    },
    { operation: 'ListThings', service: 'iot', call: () => c(new ListThingsCommand({})) },
    {
      operation: 'DeleteThing',
      service: 'iot',
      call: (f) => c(new DeleteThingCommand({ thingName: f.thingName })),
    },
    {
      operation: 'CreateJob',
      service: 'iot',
      call: (f) =>
        c(new CreateJobCommand({ jobId: t.jobName(), targets: [t.arnOf(f.thingName)], document: '{}' })),
    },
    { operation: 'DescribeJob', service: 'iot', call: (f) => c(new DescribeJobCommand({ jobId: f.jobId })) },
    { operation: 'ListJobs', service: 'iot', call: () => c(new ListJobsCommand({})) },
    {
      operation: 'GetJobDocument',
      service: 'iot',
      call: (f) => c(new GetJobDocumentCommand({ jobId: f.jobId })),
    },
    { operation: 'CancelJob', service: 'iot', call: (f) => c(new CancelJobCommand({ jobId: f.jobId })) },
    {
      operation: 'DeleteJob',
      service: 'iot',
      call: (f) => c(new DeleteJobCommand({ jobId: f.jobId, force: true })),
    },
    { operation: 'DescribeJobExecution', service: 'iot', call: (f) => c(new DescribeJobExecutionCommand(f)) },
    {
      operation: 'ListJobExecutionsForJob',
      service: 'iot',
      call: (f) => c(new ListJobExecutionsForJobCommand({ jobId: f.jobId })),
    },
    {
      operation: 'ListJobExecutionsForThing',
      service: 'iot',
      call: (f) => c(new ListJobExecutionsForThingCommand({ thingName: f.thingName })),
    },
    { operation: 'CancelJobExecution', service: 'iot', call: (f) => c(new CancelJobExecutionCommand(f)) },
    {
      operation: 'DeleteJobExecution',
      service: 'iot',
      call: (f) => c(new DeleteJobExecutionCommand({ ...f, executionNumber: 1, force: true })),
    },
    {
      operation: 'DescribeEndpoint',
      service: 'iot',
      call: () => c(new DescribeEndpointCommand({ endpointType: 'iot:Jobs' })),
    },
    {
      operation: 'DescribeJobExecution',
      service: 'iot-jobs-data',
      call: (f) => d(new DataDescribeJobExecutionCommand(f)),
    },
    {
      operation: 'GetPendingJobExecutions',
      service: 'iot-jobs-data',
      call: (f) => d(new GetPendingJobExecutionsCommand({ thingName: f.thingName })),
    },
    {
      operation: 'StartNextPendingJobExecution',
      service: 'iot-jobs-data',
      call: (f) => d(new StartNextPendingJobExecutionCommand({ thingName: f.thingName })),
    },
    {
      operation: 'UpdateJobExecution',
      service: 'iot-jobs-data',
      call: (f) => d(new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS' })),
    },
  ];

  async function fixture(): Promise<Fixture> {
    const [thingName] = (await t.things(1)) as [string];
    return { thingName, jobId: await t.job([thingName]) };
  }

  async function inject(spec: Omit<FaultSpec, 'count'> & { count?: number | null }): Promise<void> {
    const res = await t.admin('faults', { method: 'POST', body: spec });
    expect(res.ok, `POST /__emulator/faults -> ${res.status}`).toBe(true);
  }

  afterEach(async () => {
    await t.admin('faults', { method: 'DELETE' });
  });

  describe('throttle and unavailable reach every operation with its plane-correct status', () => {
    const rows = OPERATIONS.flatMap((op) => [
      {
        ...op,
        mode: 'throttle' as const,
        name: 'ThrottlingException',
        status: op.service === 'iot' ? 400 : 429,
      },
      { ...op, mode: 'unavailable' as const, name: 'ServiceUnavailableException', status: 503 },
    ]);
    it.each(rows)('$service $operation: $mode -> $name $status', async (row) => {
      const f = await fixture();
      await inject({ operation: row.operation, service: row.service, mode: row.mode });
      t.emulator.resetCalls();
      const err = await expectServiceError(row.call(f), row);
      expect(err).toBeInstanceOf(
        row.service === 'iot' ? IoTServiceException : IoTJobsDataPlaneServiceException,
      );
      // The fault was used up (count defaults to 1): the same call now succeeds.
      await row.call(f);
      const calls = t.emulator.calls({ operation: row.operation, service: row.service });
      expect(calls.map((call) => call.status)).toEqual([row.status, 200]);
    });
  });

  describe('the SDK retry behaviour each mode triggers', () => {
    it('throttle with count 2: a client allowing 3 attempts succeeds on the third', async () => {
      const f = await fixture();
      const control = controlClient(t.emulator.url, { maxAttempts: 3, retryDelayMs: 1 });
      const data = dataClient(t.emulator.url, { maxAttempts: 3, retryDelayMs: 1 });
      try {
        await inject({ operation: 'DescribeJob', mode: 'throttle', count: 2 });
        const out = await control.send(new DescribeJobCommand({ jobId: f.jobId }));
        expect(out.$metadata.attempts).toBe(3);
        await inject({ operation: 'GetPendingJobExecutions', mode: 'throttle', count: 2 });
        const pending = await data.send(new GetPendingJobExecutionsCommand({ thingName: f.thingName }));
        expect(pending.$metadata.attempts).toBe(3);
        expect(pending.queuedJobs?.map((j) => j.jobId)).toEqual([f.jobId]);
      } finally {
        control.destroy();
        data.destroy();
      }
    });

    it('throttle with count 3 exhausts 3 attempts and surfaces ThrottlingException', async () => {
      const f = await fixture();
      const control = controlClient(t.emulator.url, { maxAttempts: 3, retryDelayMs: 1 });
      try {
        await inject({ operation: 'DescribeJob', mode: 'throttle', count: 3 });
        const err = await expectServiceError(control.send(new DescribeJobCommand({ jobId: f.jobId })), {
          name: 'ThrottlingException',
          status: 400,
        });
        expect(err.$metadata.attempts).toBe(3);
      } finally {
        control.destroy();
      }
    });

    it('unavailable is retried as a server fault', async () => {
      const f = await fixture();
      const data = dataClient(t.emulator.url, { maxAttempts: 2, retryDelayMs: 1 });
      try {
        await inject({ operation: 'DescribeJobExecution', service: 'iot-jobs-data', mode: 'unavailable' });
        const out = await data.send(new DataDescribeJobExecutionCommand(f));
        expect(out.$metadata.attempts).toBe(2);
        expect(out.execution?.status).toBe('QUEUED');
      } finally {
        data.destroy();
      }
    });

    it('html500 gives a deserialization error, not a service exception, and the raw answer is an HTML 500', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'html500' });
      const err = (await caught(
        t.control.send(new DescribeJobCommand({ jobId: f.jobId })),
      )) as ServiceErrorShape;
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(IoTServiceException);
      expect(err.$metadata?.httpStatusCode).toBe(500);
      await inject({ operation: '*', mode: 'html500' });
      const res = await fetch(new URL('/jobs/whatever', t.emulator.url), {
        headers: fakeSigV4Headers('iot'),
      });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/text\/html/);
      expect((await res.text()).trimStart().startsWith('<')).toBe(true);
    });

    it('malformedJson gives a deserialization error; the raw answer is a 200 JSON-typed truncated body', async () => {
      const f = await fixture();
      await inject({ operation: 'GetPendingJobExecutions', mode: 'malformedJson' });
      const err = (await caught(
        t.data.send(new GetPendingJobExecutionsCommand({ thingName: f.thingName })),
      )) as ServiceErrorShape;
      expect(err).toBeInstanceOf(Error);
      expect(err).not.toBeInstanceOf(IoTJobsDataPlaneServiceException);
      await inject({ operation: 'GetPendingJobExecutions', mode: 'malformedJson' });
      const res = await fetch(new URL(`/things/${f.thingName}/jobs`, t.emulator.url), {
        headers: fakeSigV4Headers('iot-jobs-data'),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = await res.text();
      expect(() => JSON.parse(body) as unknown).toThrow(SyntaxError);
    });

    it('reset destroys the socket: the SDK reports an ECONNRESET-class error, and retries it when allowed', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'reset' });
      const err = (await caught(
        t.control.send(new DescribeJobCommand({ jobId: f.jobId })),
      )) as NodeJS.ErrnoException;
      expect(err).not.toBeInstanceOf(IoTServiceException);
      expect(['ECONNRESET', 'EPIPE']).toContain(err.code);
      const control = controlClient(t.emulator.url, { maxAttempts: 2, retryDelayMs: 1 });
      try {
        await inject({ operation: 'DescribeJob', mode: 'reset' });
        const out = await control.send(new DescribeJobCommand({ jobId: f.jobId }));
        expect(out.$metadata.attempts).toBe(2);
      } finally {
        control.destroy();
      }
    });

    it('delay answers normally, later than an undelayed call sent after it', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'delay', delayMs: 50 });
      const quick = await t.control.send(new DescribeJobCommand({ jobId: f.jobId }));
      expect(quick.job?.jobId).toBe(f.jobId);
      await inject({ operation: 'DescribeJob', mode: 'delay', delayMs: 250 });
      const order: string[] = [];
      const slow = t.control
        .send(new DescribeJobCommand({ jobId: f.jobId }))
        .then(() => order.push('delayed'));
      const fast = t.control
        .send(new GetJobDocumentCommand({ jobId: f.jobId }))
        .then(() => order.push('undelayed'));
      await Promise.all([slow, fast]);
      expect(order).toEqual(['undelayed', 'delayed']);
    });

    it('applyThenReset applies the update although the client saw a connection error', async () => {
      const f = await fixture();
      await inject({ operation: 'UpdateJobExecution', mode: 'applyThenReset' });
      const err = (await caught(
        t.data.send(new UpdateJobExecutionCommand({ ...f, status: 'SUCCEEDED' })),
      )) as NodeJS.ErrnoException;
      expect(err).not.toBeInstanceOf(IoTJobsDataPlaneServiceException);
      expect(['ECONNRESET', 'EPIPE']).toContain(err.code);
      const execution = await describeExecution(t.control, f.jobId, f.thingName);
      expect({ status: execution.status, versionNumber: execution.versionNumber }).toEqual({
        status: 'SUCCEEDED',
        versionNumber: 2,
      });
    });

    it('applyThenReset then an SDK retry: the retry meets the state the lost attempt already set', async () => {
      const f = await fixture();
      const data = dataClient(t.emulator.url, { maxAttempts: 2, retryDelayMs: 1 });
      try {
        await inject({ operation: 'UpdateJobExecution', mode: 'applyThenReset' });
        const err = await expectServiceError(
          data.send(new UpdateJobExecutionCommand({ ...f, status: 'SUCCEEDED' })),
          {
            name: 'InvalidStateTransitionException',
            status: 409,
          },
        );
        expect(err.$metadata.attempts).toBe(2);
        expect(err.executionState).toMatchObject({ status: 'SUCCEEDED' });
      } finally {
        data.destroy();
      }
    });
  });

  describe('fault queue semantics', () => {
    it('an operation filter leaves other operations alone', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'unavailable' });
      await t.control.send(new GetJobDocumentCommand({ jobId: f.jobId }));
      await expectServiceError(t.control.send(new DescribeJobCommand({ jobId: f.jobId })), {
        name: 'ServiceUnavailableException',
        status: 503,
      });
    });

    it('a service filter leaves the other plane alone, even for an operation both planes have', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJobExecution', service: 'iot-jobs-data', mode: 'throttle' });
      await describeExecution(t.control, f.jobId, f.thingName);
      await expectServiceError(t.data.send(new DataDescribeJobExecutionCommand(f)), {
        name: 'ThrottlingException',
        status: 429,
      });
    });

    it('operation defaults to every operation', async () => {
      const f = await fixture();
      await inject({ mode: 'unavailable', count: 2 });
      await expectServiceError(t.control.send(new ListJobsCommand({})), {
        name: 'ServiceUnavailableException',
        status: 503,
      });
      await expectServiceError(t.data.send(new GetPendingJobExecutionsCommand({ thingName: f.thingName })), {
        name: 'ServiceUnavailableException',
        status: 503,
      });
      await t.control.send(new ListJobsCommand({}));
    });

    it('count N fails exactly the next N matching calls; faults apply in injection order', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'throttle', count: 2 });
      await inject({ operation: 'DescribeJob', mode: 'unavailable' });
      const call = () => t.control.send(new DescribeJobCommand({ jobId: f.jobId }));
      await expectServiceError(call(), { name: 'ThrottlingException', status: 400 });
      await expectServiceError(call(), { name: 'ThrottlingException', status: 400 });
      await expectServiceError(call(), { name: 'ServiceUnavailableException', status: 503 });
      expect((await call()).job?.jobId).toBe(f.jobId);
    });

    it('count null means until cleared; DELETE /__emulator/faults clears', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'unavailable', count: null });
      for (let i = 0; i < 4; i++) {
        await expectServiceError(t.control.send(new DescribeJobCommand({ jobId: f.jobId })), {
          name: 'ServiceUnavailableException',
          status: 503,
        });
      }
      const res = await t.admin('faults', { method: 'DELETE' });
      expect(res.ok).toBe(true);
      expect((await t.control.send(new DescribeJobCommand({ jobId: f.jobId }))).job?.jobId).toBe(f.jobId);
    });

    it('probability 0 never fires', async () => {
      const f = await fixture();
      await inject({ operation: 'DescribeJob', mode: 'unavailable', count: null, probability: 0 });
      for (let i = 0; i < 5; i++) await t.control.send(new DescribeJobCommand({ jobId: f.jobId }));
    });

    it('the programmatic injectFault and clearFaults behave like the admin API', async () => {
      const f = await fixture();
      t.emulator.injectFault({ operation: 'DescribeJob', mode: 'throttle', count: Infinity });
      await expectServiceError(t.control.send(new DescribeJobCommand({ jobId: f.jobId })), {
        name: 'ThrottlingException',
        status: 400,
      });
      t.emulator.clearFaults();
      await t.control.send(new DescribeJobCommand({ jobId: f.jobId }));
    });

    it('an invalid fault spec is refused with 400 and changes nothing', async () => {
      const f = await fixture();
      const res = await t.admin('faults', { method: 'POST', body: { mode: 'explode' } });
      expect(res.status).toBe(400);
      await t.control.send(new DescribeJobCommand({ jobId: f.jobId }));
    });
  });
});
