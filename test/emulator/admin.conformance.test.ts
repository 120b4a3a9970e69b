// The emulator's own controls: the /__emulator admin API (health, calls, reset, seed), the programmatic
// equivalents, and the bundled demo seed.
import {
  DescribeJobCommand,
  DescribeThingCommand,
  GetJobDocumentCommand,
  ListJobExecutionsForJobCommand,
  ListJobsCommand,
  type IoTClient,
} from '@aws-sdk/client-iot';
import { DescribeJobExecutionCommand as DataDescribeJobExecutionCommand } from '@aws-sdk/client-iot-jobs-data-plane';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator, type RecordedCall, type SeedData } from '../../src/emulator/index.js';
import { describeEmulatorOnly, useConformanceTarget } from '../support/conformanceTarget.js';
import { controlClient, describeExecution, expectServiceError, fakeSigV4Headers } from '../support/sdk.js';

const ALL_STATUSES = [
  'QUEUED',
  'IN_PROGRESS',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'REJECTED',
  'REMOVED',
  'CANCELED',
];

/** Every execution status found on every job of the account, walking both lists fully. */
async function statusesInAccount(control: IoTClient): Promise<Set<string>> {
  const statuses = new Set<string>();
  const { jobs } = await control.send(new ListJobsCommand({ maxResults: 250 }));
  for (const job of jobs ?? []) {
    const { executionSummaries } = await control.send(
      new ListJobExecutionsForJobCommand({ jobId: job.jobId!, maxResults: 250 }),
    );
    for (const s of executionSummaries ?? []) statuses.add(s.jobExecutionSummary!.status!);
  }
  return statuses;
}

describeEmulatorOnly('admin API', () => {
  const t = useConformanceTarget();

  const callsViaHttp = async (query = ''): Promise<RecordedCall[]> => {
    const res = await t.admin(`calls${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { calls: RecordedCall[] }).calls;
  };

  it('GET /__emulator/health answers 200', async () => {
    expect((await t.admin('health')).status).toBe(200);
  });

  it('GET /__emulator/calls records every plane request in order, with status, but no admin request', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.admin('calls', { method: 'DELETE' });
    const missing = t.name('missing');
    await t.control.send(new DescribeJobCommand({ jobId }));
    await expectServiceError(t.control.send(new DescribeJobCommand({ jobId: missing })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
    await t.data.send(new DataDescribeJobExecutionCommand({ jobId, thingName: thing! }));
    await fetch(new URL('/no/such/route', t.emulator.url), { headers: fakeSigV4Headers('iot') });
    await t.admin('health');
    const calls = await callsViaHttp();
    expect(calls).toEqual([
      { service: 'iot', operation: 'DescribeJob', method: 'GET', path: `/jobs/${jobId}`, status: 200 },
      { service: 'iot', operation: 'DescribeJob', method: 'GET', path: `/jobs/${missing}`, status: 404 },
      expect.objectContaining({
        service: 'iot-jobs-data',
        operation: 'DescribeJobExecution',
        method: 'GET',
        status: 200,
      }),
      expect.objectContaining({ service: 'iot', operation: 'Unknown', method: 'GET', status: 404 }),
    ]);
    expect(calls[2]!.path.startsWith(`/things/${thing}/jobs/${jobId}`)).toBe(true);
    expect(t.emulator.calls()).toEqual(calls);
  });

  it('calls can be filtered by operation and service, over HTTP and programmatically', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    t.emulator.resetCalls();
    await describeExecution(t.control, jobId, thing!);
    await t.data.send(new DataDescribeJobExecutionCommand({ jobId, thingName: thing! }));
    await t.control.send(new GetJobDocumentCommand({ jobId }));
    const dataOnly = await callsViaHttp('?operation=DescribeJobExecution&service=iot-jobs-data');
    expect(dataOnly.map((c) => [c.service, c.operation])).toEqual([
      ['iot-jobs-data', 'DescribeJobExecution'],
    ]);
    expect(t.emulator.calls({ operation: 'DescribeJobExecution' }).map((c) => c.service)).toEqual([
      'iot',
      'iot-jobs-data',
    ]);
    expect(t.emulator.calls({ service: 'iot' }).map((c) => c.operation)).toEqual([
      'DescribeJobExecution',
      'GetJobDocument',
    ]);
  });

  it('DELETE /__emulator/calls and resetCalls() empty the record', async () => {
    await t.control.send(new ListJobsCommand({}));
    expect((await t.admin('calls', { method: 'DELETE' })).ok).toBe(true);
    expect(await callsViaHttp()).toEqual([]);
    await t.control.send(new ListJobsCommand({}));
    expect(t.emulator.calls()).toHaveLength(1);
    t.emulator.resetCalls();
    expect(t.emulator.calls()).toEqual([]);
  });

  it('an unknown admin route answers 404', async () => {
    expect((await t.admin('no-such-control')).status).toBe(404);
  });

  it('POST /__emulator/reset drops things, jobs, faults and calls', async () => {
    const [thing] = await t.things(1);
    const jobId = await t.job([thing!]);
    await t.admin('faults', {
      method: 'POST',
      body: { operation: 'ListJobs', mode: 'unavailable', count: null },
    });
    expect((await t.admin('reset', { method: 'POST' })).ok).toBe(true);
    expect(await callsViaHttp()).toEqual([]);
    const { jobs } = await t.control.send(new ListJobsCommand({}));
    expect(jobs ?? []).toEqual([]);
    await expectServiceError(t.control.send(new DescribeThingCommand({ thingName: thing! })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
    await expectServiceError(t.control.send(new DescribeJobCommand({ jobId })), {
      name: 'ResourceNotFoundException',
      status: 404,
    });
  });

  describe('seeding', () => {
    it('POST /__emulator/seed loads things, jobs and executions moved on through the state machine', async () => {
      const thingA = t.name('seeded');
      const thingB = t.name('seeded');
      const jobId = t.name('seedjob');
      const seed: SeedData = {
        things: [{ thingName: thingA, attributes: { site: 'lab' } }, { thingName: thingB }],
        jobs: [
          {
            jobId,
            description: 'seeded job',
            document: { operation: 'reboot' },
            targets: [thingA, thingB],
            targetSelection: 'CONTINUOUS',
            inProgressTimeoutInMinutes: 30,
            executions: [{ thingName: thingA, status: 'SUCCEEDED', statusDetails: { result: 'ok' } }],
          },
        ],
      };
      const res = await t.admin('seed', { method: 'POST', body: seed });
      expect(res.status).toBe(200);
      const thing = await t.control.send(new DescribeThingCommand({ thingName: thingA }));
      expect(thing.attributes).toEqual({ site: 'lab' });
      const { job } = await t.control.send(new DescribeJobCommand({ jobId }));
      expect(job).toMatchObject({
        description: 'seeded job',
        targetSelection: 'CONTINUOUS',
        timeoutConfig: { inProgressTimeoutInMinutes: 30 },
      });
      const { document } = await t.control.send(new GetJobDocumentCommand({ jobId }));
      expect(JSON.parse(document!)).toEqual({ operation: 'reboot' });
      const done = await describeExecution(t.control, jobId, thingA);
      expect(done).toMatchObject({ status: 'SUCCEEDED', statusDetails: { detailsMap: { result: 'ok' } } });
      expect(done.versionNumber).toBeGreaterThan(1);
      expect((await describeExecution(t.control, jobId, thingB)).status).toBe('QUEUED');
    });

    it('a seed asking for a transition the state machine refuses is rejected', async () => {
      const thingName = t.name('seeded');
      const res = await t.admin('seed', {
        method: 'POST',
        body: {
          things: [{ thingName }],
          jobs: [
            {
              jobId: t.name('seedjob'),
              targets: [thingName],
              executions: [
                { thingName, status: 'SUCCEEDED' },
                { thingName, status: 'IN_PROGRESS' },
              ],
            },
          ],
        },
      });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });

    it('the demo seed over HTTP has executions in every one of the 8 statuses', async () => {
      await t.admin('reset', { method: 'POST' });
      expect((await t.admin('seed', { method: 'POST', body: { seed: 'demo' } })).status).toBe(200);
      expect([...(await statusesInAccount(t.control))].sort()).toEqual([...ALL_STATUSES].sort());
    });

    it('emulator.seed() loads inline data programmatically on top of the current state', async () => {
      const thingName = t.name('seeded');
      const jobId = t.name('seedjob');
      await t.emulator.seed({
        things: [{ thingName }],
        jobs: [{ jobId, targets: [thingName], executions: [{ thingName, status: 'IN_PROGRESS' }] }],
      });
      expect((await describeExecution(t.control, jobId, thingName)).status).toBe('IN_PROGRESS');
    });
  });
});

describeEmulatorOnly('startEmulator seed option', () => {
  let demo: Emulator;
  let inline: Emulator;
  beforeAll(async () => {
    demo = await startEmulator({ seed: 'demo' });
    inline = await startEmulator({ seed: { things: [{ thingName: 'only-thing' }] } });
  });
  afterAll(async () => {
    await demo?.close();
    await inline?.close();
  });

  it("seed: 'demo' starts with every execution status present, on an ephemeral loopback port", async () => {
    expect(new URL(demo.url).hostname).toBe('127.0.0.1');
    expect(demo.port).toBeGreaterThan(0);
    const control = controlClient(demo.url);
    try {
      expect([...(await statusesInAccount(control))].sort()).toEqual([...ALL_STATUSES].sort());
    } finally {
      control.destroy();
    }
  });

  it('an inline seed object is loaded as is', async () => {
    const control = controlClient(inline.url);
    try {
      const thing = await control.send(new DescribeThingCommand({ thingName: 'only-thing' }));
      expect(thing.thingName).toBe('only-thing');
      const { jobs } = await control.send(new ListJobsCommand({}));
      expect(jobs ?? []).toEqual([]);
    } finally {
      control.destroy();
    }
  });
});
