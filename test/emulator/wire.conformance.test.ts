// Wire-level details of the restJson1 protocol that the SDK hides: headers, error bodies, plane
// selection by signing service, literal and encoded $next, raw timestamp encodings.
import { CancelJobExecutionCommand, CreateThingCommand, DescribeJobCommand } from '@aws-sdk/client-iot';
import {
  DescribeJobExecutionCommand as DataDescribeJobExecutionCommand,
  UpdateJobExecutionCommand,
} from '@aws-sdk/client-iot-jobs-data-plane';
import { describe, expect, it } from 'vitest';
import { describeEmulatorOnly, useConformanceTarget } from '../support/conformanceTarget.js';
import { describeExecution, fakeSigV4Headers } from '../support/sdk.js';

type Plane = 'iot' | 'iot-jobs-data';

describeEmulatorOnly('wire protocol', () => {
  const t = useConformanceTarget();

  const raw = (plane: Plane | null, method: string, path: string, body?: unknown) =>
    fetch(new URL(path, t.emulator.url), {
      method,
      headers: {
        ...(plane ? fakeSigV4Headers(plane) : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  async function expectJsonError(res: Response, status: number, name: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get('x-amzn-errortype')?.split(':')[0]).toBe(name);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.headers.get('x-amzn-requestid')).toMatch(/\S/);
    const body = (await res.json()) as { message?: unknown };
    expect(typeof body.message).toBe('string');
  }

  async function fixture(): Promise<{ thingName: string; jobId: string }> {
    const [thingName] = (await t.things(1)) as [string];
    return { thingName, jobId: await t.job([thingName]) };
  }

  describe('headers', () => {
    it('every response carries a distinct x-amzn-RequestId: successes, errors and unknown paths of both planes', async () => {
      const f = await fixture();
      const responses = await Promise.all([
        raw('iot', 'GET', `/jobs/${f.jobId}`),
        raw('iot-jobs-data', 'GET', `/things/${f.thingName}/jobs`),
        raw('iot', 'GET', `/jobs/${t.name('missing')}`),
        raw('iot-jobs-data', 'GET', `/things/${t.name('missing')}/jobs/${f.jobId}`),
        raw('iot', 'GET', '/definitely/not/aws'),
        raw('iot-jobs-data', 'DELETE', '/jobs'),
      ]);
      expect(responses.map((r) => r.status)).toEqual([200, 200, 404, 404, 404, 404]);
      const ids = responses.map((r) => r.headers.get('x-amzn-requestid'));
      for (const id of ids) expect(id).toMatch(/\S/);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('the SDK exposes that id as $metadata.requestId on success', async () => {
      const f = await fixture();
      const out = await t.control.send(new DescribeJobCommand({ jobId: f.jobId }));
      expect(out.$metadata.requestId).toMatch(/\S/);
    });

    it('successful responses are JSON', async () => {
      const f = await fixture();
      const res = await raw('iot', 'GET', `/jobs/${f.jobId}`);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(((await res.json()) as { job: { jobId: string } }).job.jobId).toBe(f.jobId);
    });
  });

  describe('errors', () => {
    it('modeled errors carry their status, x-amzn-ErrorType and a JSON {message}, on both planes', async () => {
      const f = await fixture();
      await expectJsonError(
        await raw('iot', 'GET', `/jobs/${t.name('missing')}`),
        404,
        'ResourceNotFoundException',
      );
      await expectJsonError(await raw('iot', 'GET', '/jobs?maxResults=0'), 400, 'InvalidRequestException');
      await expectJsonError(
        await raw('iot-jobs-data', 'POST', `/things/${f.thingName}/jobs/${f.jobId}`, { status: 'SUCCESS' }),
        400,
        'InvalidRequestException',
      );
      await t.control.send(new CancelJobExecutionCommand(f));
      await expectJsonError(
        await raw('iot-jobs-data', 'POST', `/things/${f.thingName}/jobs/${f.jobId}`, {
          status: 'IN_PROGRESS',
        }),
        409,
        'InvalidStateTransitionException',
      );
    });

    it('the data plane InvalidStateTransitionException body carries executionState', async () => {
      const f = await fixture();
      await t.data.send(
        new UpdateJobExecutionCommand({ ...f, status: 'FAILED', statusDetails: { why: 'disk' } }),
      );
      const res = await raw('iot-jobs-data', 'POST', `/things/${f.thingName}/jobs/${f.jobId}`, {
        status: 'SUCCEEDED',
      });
      await expectJsonError(res.clone(), 409, 'InvalidStateTransitionException');
      const body = (await res.json()) as { executionState?: unknown };
      expect(body.executionState).toMatchObject({
        status: 'FAILED',
        versionNumber: 2,
        statusDetails: { why: 'disk' },
      });
    });

    it('a stale expectedVersion answers 409 with error type VersionMismatch and executionState in the body', async () => {
      const f = await fixture();
      await t.data.send(new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS' }));
      const res = await raw('iot-jobs-data', 'POST', `/things/${f.thingName}/jobs/${f.jobId}`, {
        status: 'SUCCEEDED',
        expectedVersion: 1,
      });
      await expectJsonError(res.clone(), 409, 'VersionMismatch');
      expect(((await res.json()) as { executionState?: unknown }).executionState).toMatchObject({
        status: 'IN_PROGRESS',
        versionNumber: 2,
      });
    });

    it('an unknown path or method answers 404 UnknownOperationException as JSON, never HTML', async () => {
      await expectJsonError(await raw('iot', 'GET', '/no/such/path'), 404, 'UnknownOperationException');
      await expectJsonError(
        await raw('iot', 'PATCH', '/things/x/jobs/y/cancel'),
        404,
        'UnknownOperationException',
      );
      // UpdateJobExecution exists only in the data plane.
      await expectJsonError(
        await raw('iot', 'POST', '/things/x/jobs/y', { status: 'IN_PROGRESS' }),
        404,
        'UnknownOperationException',
      );
      // Job-level operations exist only in the control plane.
      await expectJsonError(await raw('iot-jobs-data', 'GET', '/jobs'), 404, 'UnknownOperationException');
    });

    it('a request without a SigV4 Authorization header answers 403 MissingAuthenticationTokenException', async () => {
      await expectJsonError(await raw(null, 'GET', '/jobs'), 403, 'MissingAuthenticationTokenException');
    });
  });

  describe('routing', () => {
    it('the signing service picks the plane for a path both planes share', async () => {
      const f = await fixture();
      const control = (await (await raw('iot', 'GET', `/things/${f.thingName}/jobs`)).json()) as Record<
        string,
        unknown
      >;
      const data = (await (
        await raw('iot-jobs-data', 'GET', `/things/${f.thingName}/jobs`)
      ).json()) as Record<string, unknown>;
      expect(control).toHaveProperty('executionSummaries');
      expect(control).not.toHaveProperty('queuedJobs');
      expect(data).toHaveProperty('queuedJobs');
      expect(data).not.toHaveProperty('executionSummaries');
    });

    it('StartNextPendingJobExecution is a literal $next; DescribeJobExecution accepts the encoded %24next', async () => {
      const f = await fixture();
      const described = await raw('iot-jobs-data', 'GET', `/things/${f.thingName}/jobs/%24next`);
      expect(described.status).toBe(200);
      expect(((await described.json()) as { execution: { jobId: string } }).execution.jobId).toBe(f.jobId);
      const started = await raw('iot-jobs-data', 'PUT', `/things/${f.thingName}/jobs/$next`, {});
      expect(started.status).toBe(200);
      expect(((await started.json()) as { execution: { status: string } }).execution.status).toBe(
        'IN_PROGRESS',
      );
    });

    it('a thing name with ":" is percent-encoded by the SDK and works on both planes', async () => {
      const [base] = await t.things(1);
      const thingName = `${base!}:1`;
      const created = await t.control.send(new CreateThingCommand({ thingName }));
      const jobId = await t.job([created.thingArn!]);
      await t.data.send(new UpdateJobExecutionCommand({ jobId, thingName, status: 'IN_PROGRESS' }));
      const { execution } = await t.data.send(new DataDescribeJobExecutionCommand({ jobId, thingName }));
      expect(execution).toMatchObject({ thingName, status: 'IN_PROGRESS' });
      expect((await describeExecution(t.control, jobId, thingName)).thingArn).toBe(created.thingArn);
    });
  });

  describe('timestamps on the wire', () => {
    it('control plane sends epoch-second numbers; data plane sends integer epoch seconds', async () => {
      const f = await fixture();
      await t.data.send(new UpdateJobExecutionCommand({ ...f, status: 'IN_PROGRESS' }));
      const path = `/things/${f.thingName}/jobs/${f.jobId}`;
      const control = (
        (await (await raw('iot', 'GET', path)).json()) as { execution: Record<string, unknown> }
      ).execution;
      const data = (
        (await (await raw('iot-jobs-data', 'GET', path)).json()) as { execution: Record<string, unknown> }
      ).execution;
      const nowSeconds = Date.now() / 1000;
      for (const field of ['queuedAt', 'startedAt', 'lastUpdatedAt']) {
        expect(typeof control[field], `control ${field}`).toBe('number');
        expect(Math.abs((control[field] as number) - nowSeconds)).toBeLessThan(3600);
        expect(Number.isInteger(data[field]), `data ${field}`).toBe(true);
        expect(Math.abs((data[field] as number) - nowSeconds)).toBeLessThan(3600);
      }
    });
  });
});
