import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { type Json, nodesOf } from './fixtures.js';

// Upstream failures on the read side: root fields answer a typed union member; a nested field
// answers null plus an errors[] entry with a typed extensions.code, and its siblings still resolve.

let gw: TestGateway;

beforeAll(async () => {
  // One attempt per call: each injected fault is seen exactly once, with no retry back-off.
  gw = await startTestGateway({ seed: 'demo', maxAttempts: 1 });
});
afterAll(() => gw.close());
beforeEach(() => {
  gw.emulator.clearFaults();
  gw.emulator.resetCalls();
});

const THING_WITH_JOBS = `{
  thing(name: "thermostat-002") {
    thingName
    jobExecutions { edges { node { jobId status job { jobId description } } } }
  }
}`;

describe('nested fields', () => {
  it('a throttled DescribeJob nulls only job.description, with UPSTREAM_THROTTLED', async () => {
    gw.emulator.injectFault({ mode: 'throttle', operation: 'DescribeJob', count: Infinity });
    const res = await gw.gql(THING_WITH_JOBS);
    expect(res.status).toBe(200);
    const nodes = nodesOf(res.body.data.thing.jobExecutions);
    expect(nodes).toEqual([
      {
        jobId: 'firmware-update-v2',
        status: 'IN_PROGRESS',
        job: { jobId: 'firmware-update-v2', description: null },
      },
      { jobId: 'security-patch-7', status: 'QUEUED', job: { jobId: 'security-patch-7', description: null } },
    ]);
    expect(res.body.errors).toHaveLength(2);
    for (const [index, error] of res.body.errors.entries()) {
      expect(error.path).toEqual(['thing', 'jobExecutions', 'edges', index, 'node', 'job', 'description']);
      expect(error.extensions).toMatchObject({
        code: 'UPSTREAM_THROTTLED',
        retryable: true,
        retryAfterSeconds: 1,
      });
      expect(error.extensions.upstreamRequestId).toEqual(expect.any(String));
    }
  });

  it('an unavailable list nulls the connection with UPSTREAM_UNAVAILABLE and leaves the thing', async () => {
    gw.emulator.injectFault({ mode: 'unavailable', operation: 'ListJobExecutionsForThing' });
    const res = await gw.gql(THING_WITH_JOBS);
    expect(res.body.data.thing).toEqual({ thingName: 'thermostat-002', jobExecutions: null });
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['thing', 'jobExecutions'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_UNAVAILABLE', retryable: true }),
      }),
    ]);
  });

  it('an HTML error page behind a lazily described field nulls that execution only', async () => {
    gw.emulator.injectFault({ mode: 'html500', operation: 'DescribeJobExecution', count: 1 });
    const res = await gw.gql(
      '{ thing(name: "thermostat-002") { jobExecutions { edges { cursor node { jobId statusDetails { key } } } } } }',
    );
    const edges = res.body.data.thing.jobExecutions.edges;
    expect(edges).toHaveLength(2);
    expect(edges.filter((e: Json) => e.node === null)).toHaveLength(1);
    expect(edges.filter((e: Json) => e.node !== null)).toHaveLength(1);
    expect(edges.every((e: Json) => typeof e.cursor === 'string')).toBe(true);
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(res.body.errors[0].path.slice(-1)).toEqual(['statusDetails']);
  });

  it('an unknown thing: its name resolves, every field that asks AWS is null with NOT_FOUND', async () => {
    const res = await gw.gql(
      '{ thing(name: "ghost-7") { id thingName attributes { name } jobExecutions { edges { cursor } } pendingJobExecutions { queued { id } } } }',
    );
    expect(res.body.data.thing).toMatchObject({
      thingName: 'ghost-7',
      attributes: null,
      jobExecutions: null,
      pendingJobExecutions: null,
    });
    const codes = res.body.errors.map((e: Json) => [e.path.at(-1), e.extensions.code, e.message] as string[]);
    expect(codes.sort()).toEqual(
      [
        ['attributes', 'NOT_FOUND', 'No thing "ghost-7" was found.'],
        ['jobExecutions', 'NOT_FOUND', 'No thing "ghost-7" was found.'],
        ['pendingJobExecutions', 'NOT_FOUND', 'No thing "ghost-7" was found.'],
      ].sort(),
    );
  });

  it('never leaks AWS details: messages are the gateway’s, no ARN and no stack', async () => {
    gw.emulator.injectFault({ mode: 'throttle', operation: 'DescribeThing' });
    const res = await gw.gql('{ thing(name: "thermostat-001") { thingTypeName } }');
    const [error] = res.body.errors;
    expect(error.message).toBe('AWS IoT throttled the request; retry after a pause.');
    expect(JSON.stringify(res.body)).not.toMatch(/arn:aws|stacktrace|123456789012/);
  });
});

describe('root fields', () => {
  const JOB_EXECUTION = `query($jobId: String!, $thingName: String!, $n: Long) {
    jobExecution(jobId: $jobId, thingName: $thingName, executionNumber: $n) {
      __typename
      ... on JobExecution { id status }
      ... on ResourceNotFoundError { message retryable upstreamRequestId jobId thingName }
      ... on ThrottlingError { message retryable retryAfterSeconds upstreamRequestId }
      ... on ServiceUnavailableError { message retryable }
    }
  }`;

  it('jobExecution of a missing execution → ResourceNotFoundError', async () => {
    const res = await gw.gql(JOB_EXECUTION, { jobId: 'firmware-update-v2', thingName: 'camera-001' });
    expect(res.body.data.jobExecution).toMatchObject({
      __typename: 'ResourceNotFoundError',
      message: 'No job execution of job "firmware-update-v2" on thing "camera-001" was found.',
      retryable: false,
      jobId: 'firmware-update-v2',
      thingName: 'camera-001',
    });
    expect(res.body.data.jobExecution.upstreamRequestId).toEqual(expect.any(String));
  });

  it('jobExecution by number reads that execution; a throttle → ThrottlingError', async () => {
    const ok = await gw.gql(JOB_EXECUTION, { jobId: 'camera-reboot', thingName: 'camera-001', n: 1 });
    expect(ok.body.data.jobExecution).toMatchObject({ __typename: 'JobExecution', status: 'CANCELED' });
    gw.emulator.injectFault({ mode: 'throttle', operation: 'DescribeJobExecution' });
    const throttled = await gw.gql(JOB_EXECUTION, { jobId: 'camera-reboot', thingName: 'camera-001', n: 1 });
    expect(throttled.body.data.jobExecution).toMatchObject({
      __typename: 'ThrottlingError',
      retryable: true,
      retryAfterSeconds: 1,
    });
    expect(throttled.body.errors).toBeUndefined();
  });

  it('jobExecution when AWS is down → ServiceUnavailableError', async () => {
    gw.emulator.injectFault({ mode: 'reset', operation: 'DescribeJobExecution' });
    const res = await gw.gql(JOB_EXECUTION, { jobId: 'camera-reboot', thingName: 'camera-001' });
    expect(res.body.data.jobExecution).toMatchObject({
      __typename: 'ServiceUnavailableError',
      retryable: true,
    });
  });

  it('job of a missing job → ResourceNotFoundError naming the job', async () => {
    const res = await gw.gql(
      '{ job(id: "no-such-job") { __typename ... on ResourceNotFoundError { message jobId thingName } } }',
    );
    expect(res.body.data.job).toEqual({
      __typename: 'ResourceNotFoundError',
      message: 'No job "no-such-job" was found.',
      jobId: 'no-such-job',
      thingName: '',
    });
  });

  it('jobs when ListJobs is throttled → ThrottlingError', async () => {
    gw.emulator.injectFault({ mode: 'throttle', operation: 'ListJobs' });
    const res = await gw.gql('{ jobs { __typename ... on Error { message } } }');
    expect(res.body.data.jobs).toEqual({
      __typename: 'ThrottlingError',
      message: 'AWS IoT throttled the request; retry after a pause.',
    });
  });
});
