import { UpdateJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import { CancelJobExecutionCommand, DeleteJobExecutionCommand } from '@aws-sdk/client-iot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../../src/emulator/index.js';
import { controlClient, dataClient } from '../support/sdk.js';
import { fleet, startTestEmulator, waitUntil } from './support.js';

// What the emulator publishes (in-process here; the same text goes to a broker): AWS IoT's topics and payloads.

let emulator: Emulator;
let messages: { topic: string; payload: Record<string, unknown> }[] = [];
let stop: () => void;

beforeAll(async () => {
  emulator = await startTestEmulator({
    seed: fleet({ 'job-1': ['dev-1'], 'job-2': ['dev-1'], 'job-3': ['dev-2'] }),
  });
  stop = emulator.onJobEvent((topic, payload) =>
    messages.push({ topic, payload: JSON.parse(payload) as Record<string, unknown> }),
  );
});
afterAll(async () => {
  stop();
  await emulator.close();
});

const take = async (count: number) => {
  await waitUntil(() => messages.length >= count);
  const taken = messages;
  messages = [];
  return taken;
};

describe('emulator job events', () => {
  it('publishes notify and notify-next when a device starts its next job', async () => {
    const data = dataClient(emulator.url);
    await data.send(
      new UpdateJobExecutionCommand({
        thingName: 'dev-1',
        jobId: 'job-1',
        status: 'IN_PROGRESS',
        statusDetails: { step: '1' },
      }),
    );
    data.destroy();
    const [notify, next] = await take(2);
    expect(notify).toEqual({
      topic: '$aws/things/dev-1/jobs/notify',
      payload: {
        timestamp: expect.any(Number),
        jobs: {
          IN_PROGRESS: [
            expect.objectContaining({
              jobId: 'job-1',
              executionNumber: 1,
              versionNumber: 2,
              startedAt: expect.any(Number),
            }),
          ],
          QUEUED: [expect.objectContaining({ jobId: 'job-2', executionNumber: 1, versionNumber: 1 })],
        },
      },
    });
    expect(next).toEqual({
      topic: '$aws/things/dev-1/jobs/notify-next',
      payload: {
        timestamp: expect.any(Number),
        execution: expect.objectContaining({
          jobId: 'job-1',
          thingName: 'dev-1',
          status: 'IN_PROGRESS',
          versionNumber: 2,
          statusDetails: { step: '1' },
          jobDocument: { op: 'test' },
        }),
      },
    });
  });

  it('publishes a JOB_EXECUTION event for a terminal transition, and notify-next moves on', async () => {
    const data = dataClient(emulator.url);
    await data.send(
      new UpdateJobExecutionCommand({ thingName: 'dev-1', jobId: 'job-1', status: 'SUCCEEDED' }),
    );
    data.destroy();
    const taken = await take(3);
    expect(taken.map((m) => m.topic)).toEqual([
      '$aws/things/dev-1/jobs/notify',
      '$aws/things/dev-1/jobs/notify-next',
      '$aws/events/jobExecution/job-1/succeeded',
    ]);
    expect(taken[0]!.payload.jobs).toEqual({ QUEUED: [expect.objectContaining({ jobId: 'job-2' })] });
    expect(taken[1]!.payload.execution).toMatchObject({ jobId: 'job-2', status: 'QUEUED' });
    expect(taken[2]!.payload).toEqual({
      eventType: 'JOB_EXECUTION',
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      timestamp: expect.any(Number),
      operation: 'succeeded',
      jobId: 'job-1',
      thingArn: 'arn:aws:iot:us-east-1:123456789012:thing/dev-1',
      status: 'SUCCEEDED',
      statusDetails: { step: '1' },
    });
  });

  it('announces cancellation and deletion; notify-next without an execution once nothing is pending', async () => {
    const control = controlClient(emulator.url);
    await control.send(new CancelJobExecutionCommand({ thingName: 'dev-2', jobId: 'job-3' }));
    await control.send(
      new DeleteJobExecutionCommand({ thingName: 'dev-2', jobId: 'job-3', executionNumber: 1 }),
    );
    control.destroy();
    const taken = await take(4);
    expect(taken.map((m) => m.topic)).toEqual([
      '$aws/things/dev-2/jobs/notify',
      '$aws/things/dev-2/jobs/notify-next',
      '$aws/events/jobExecution/job-3/canceled',
      '$aws/events/jobExecution/job-3/deleted',
    ]);
    expect(taken[0]!.payload.jobs).toEqual({});
    expect(taken[1]!.payload).toEqual({ timestamp: expect.any(Number) });
    expect(taken[3]!.payload).toMatchObject({ operation: 'deleted', status: 'CANCELED' });
  });
});
