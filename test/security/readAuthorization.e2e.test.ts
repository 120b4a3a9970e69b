import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeJobExecutionId, encodeJobId, encodeThingId } from '../../src/domain/ids.js';
import type { GqlBody } from '../support/gateway.js';
import {
  EXECUTIONS,
  oracleMayRead,
  startReadAuthGateway,
  THINGS,
  type ReadAuthGateway,
} from './readAuthSupport.js';

// HTTP → JWT → read policy → resolvers → SDK → emulator (demo fleet): every read shape shows only
// what the caller may read, and a denied direct lookup looks like a missing one and calls nothing.

const THERMOSTATS = ['thermostat-team', 'job-viewers'];
const BUILDING_A = ['building-a-staff'];

const LOOKUP = `query ($jobId: String!, $thingName: String!) {
  jobExecution(jobId: $jobId, thingName: $thingName) {
    __typename
    ... on JobExecution { jobId thingName }
    ... on ResourceNotFoundError { message retryable upstreamRequestId jobId thingName }
  }
}`;
const THING = `query ($name: String!) {
  thing(name: $name) { thingName thingTypeName jobExecutions { edges { node { jobId thingName } } } }
}`;
const THINGS_QUERY = `query ($names: [String!]!) {
  things(names: $names) { thingName jobExecutions { edges { node { jobId thingName } } } }
}`;
const PENDING = `query ($name: String!) {
  thing(name: $name) { thingName pendingJobExecutions { inProgress { jobId thingName } queued { jobId thingName } } }
}`;
const NODE = `query ($id: ID!) {
  node(id: $id) { __typename ... on Thing { thingName } ... on JobExecution { jobId thingName } ... on Job { jobId } }
}`;
const JOB = `query ($id: String!, $first: Int, $after: String) {
  job(id: $id) {
    __typename
    ... on Job { jobId description executions(first: $first, after: $after) {
      edges { cursor node { jobId thingName } } pageInfo { hasNextPage endCursor } } }
    ... on ResourceNotFoundError { message retryable upstreamRequestId jobId thingName }
  }
}`;
const JOBS = `{ jobs { __typename ... on JobConnection { edges { node { jobId } } pageInfo { hasNextPage endCursor } } } }`;
const VIA_EXECUTION = `query ($jobId: String!, $thingName: String!) {
  jobExecution(jobId: $jobId, thingName: $thingName) {
    __typename
    ... on JobExecution { job { description executions { edges { node { jobId thingName } } } } }
  }
}`;

const pairs = (connection: GqlBody) =>
  (connection.edges as { node: { jobId: string; thingName: string } }[])
    .map(({ node }) => `${node.jobId}@${node.thingName}`)
    .sort();
const expectedOf = (filter: (e: { jobId: string; thingName: string }) => boolean) =>
  EXECUTIONS.filter(filter)
    .map((e) => `${e.jobId}@${e.thingName}`)
    .sort();

let ra: ReadAuthGateway;
beforeAll(async () => {
  ra = await startReadAuthGateway();
});
afterAll(() => ra?.close());
beforeEach(() => ra.gw.emulator.resetCalls());

describe('a caller limited to thermostat-* (by name)', () => {
  const as = (query: string, variables?: Record<string, unknown>) => ra.as(THERMOSTATS, query, variables);

  it('reads a permitted execution', async () => {
    const res = await as(LOOKUP, { jobId: 'firmware-update-v2', thingName: 'thermostat-002' });
    expect(res.body.data.jobExecution).toEqual({
      __typename: 'JobExecution',
      jobId: 'firmware-update-v2',
      thingName: 'thermostat-002',
    });
  });

  it('answers a denied lookup like a missing one, whether or not it exists, without any upstream call', async () => {
    const existing = await as(LOOKUP, { jobId: 'camera-reboot', thingName: 'camera-001' });
    const missing = await as(LOOKUP, { jobId: 'camera-reboot', thingName: 'camera-404' });
    expect(ra.gw.upstreamCalls()).toBe(0);
    expect(existing.body.data.jobExecution).toEqual({
      __typename: 'ResourceNotFoundError',
      message: 'No job execution of job "camera-reboot" on thing "camera-001" was found.',
      retryable: false,
      upstreamRequestId: null,
      jobId: 'camera-reboot',
      thingName: 'camera-001',
    });
    // The same answer, only naming the thing that was asked for.
    expect(missing.body.data.jobExecution).toEqual({
      ...existing.body.data.jobExecution,
      message: 'No job execution of job "camera-reboot" on thing "camera-404" was found.',
      thingName: 'camera-404',
    });
  });

  it('gives thing(name) of a denied thing null with NOT_FOUND, and no upstream call', async () => {
    const res = await as(THING, { name: 'camera-001' });
    expect(res.body.data.thing).toBeNull();
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({
      message: 'No thing "camera-001" was found.',
      path: ['thing'],
      extensions: { code: 'NOT_FOUND', upstreamRequestId: null },
    });
    expect(ra.gw.upstreamCalls()).toBe(0);
  });

  it('shows a permitted thing with all its executions', async () => {
    const res = await as(THING, { name: 'thermostat-001' });
    expect(res.body.errors).toBeUndefined();
    expect(pairs(res.body.data.thing.jobExecutions)).toEqual(
      expectedOf((e) => e.thingName === 'thermostat-001'),
    );
  });

  it('leaves unpermitted things out of things(names), keeping the order of the rest', async () => {
    const res = await as(THINGS_QUERY, { names: [...THINGS].reverse() });
    expect(res.body.errors).toBeUndefined();
    const things = res.body.data.things as { thingName: string; jobExecutions: GqlBody }[];
    expect(things.map((t) => t.thingName)).toEqual([
      'thermostat-004',
      'thermostat-003',
      'thermostat-002',
      'thermostat-001',
    ]);
    for (const t of things)
      expect(pairs(t.jobExecutions)).toEqual(expectedOf((e) => e.thingName === t.thingName));
    expect(ra.gw.upstreamCalls('ListJobExecutionsForThing')).toBe(4);
  });

  it('gives node(id) of a denied thing or execution null with NOT_FOUND, and no upstream call', async () => {
    const ids = [
      encodeThingId('gateway-001'),
      encodeJobExecutionId({ jobId: 'security-patch-7', thingName: 'gateway-001', executionNumber: 1 }),
    ];
    for (const id of ids) {
      const res = await as(NODE, { id });
      expect(res.body.data.node).toBeNull();
      expect(res.body.errors[0].extensions.code).toBe('NOT_FOUND');
    }
    expect(ra.gw.upstreamCalls()).toBe(0);
    const allowed = await as(NODE, { id: encodeThingId('thermostat-003') });
    expect(allowed.body.data.node).toEqual({ __typename: 'Thing', thingName: 'thermostat-003' });
  });

  it('refuses pendingJobExecutions of a denied thing before calling the data plane', async () => {
    const denied = await as(PENDING, { name: 'gateway-001' });
    expect(denied.body.data.thing).toBeNull();
    expect(ra.gw.upstreamCalls()).toBe(0);
    const allowed = await as(PENDING, { name: 'thermostat-002' });
    expect(allowed.body.errors).toBeUndefined();
    expect(allowed.body.data.thing.pendingJobExecutions.inProgress).toEqual([
      { jobId: 'firmware-update-v2', thingName: 'thermostat-002' },
    ]);
  });

  it('shows only executions on thermostats in Job.executions, and the job itself (readJobs)', async () => {
    const firmware = await as(JOB, { id: 'firmware-update-v2' });
    expect(pairs(firmware.body.data.job.executions)).toEqual(
      expectedOf((e) => e.jobId === 'firmware-update-v2'),
    );
    const reboot = await as(JOB, { id: 'camera-reboot' });
    expect(reboot.body.data.job.description).toBe('Reboot cameras after the power incident');
    expect(reboot.body.data.job.executions.edges).toEqual([]);
    expect(reboot.body.data.job.executions.pageInfo.hasNextPage).toBe(false);
    const jobs = await as(JOBS);
    expect(jobs.body.data.jobs.edges).toHaveLength(4);
  });

  it('filters the executions of a job reached through a permitted execution', async () => {
    const res = await as(VIA_EXECUTION, { jobId: 'config-rollout-42', thingName: 'thermostat-001' });
    expect(res.body.errors).toBeUndefined();
    expect(pairs(res.body.data.jobExecution.job.executions)).toEqual(['config-rollout-42@thermostat-001']);
  });
});

describe('a caller limited to thing group building-a (no readJobs)', () => {
  const as = (query: string, variables?: Record<string, unknown>) => ra.as(BUILDING_A, query, variables);

  it('reads a member thing and is refused a non-member with only a group lookup upstream', async () => {
    const member = await as(LOOKUP, { jobId: 'camera-reboot', thingName: 'camera-001' });
    expect(member.body.data.jobExecution.__typename).toBe('JobExecution');
    ra.gw.emulator.resetCalls();
    const outsider = await as(LOOKUP, { jobId: 'firmware-update-v2', thingName: 'thermostat-003' });
    expect(outsider.body.data.jobExecution).toMatchObject({
      __typename: 'ResourceNotFoundError',
      upstreamRequestId: null,
    });
    expect(ra.dataCalls()).toBe(0);
    expect(ra.gw.upstreamCalls('ListThingGroupsForThing')).toBe(1);
  });

  it('lists only member things and their executions in every shape', async () => {
    const fleet = await as(THINGS_QUERY, { names: THINGS });
    expect(fleet.body.data.things.map((t: { thingName: string }) => t.thingName)).toEqual([
      'thermostat-001',
      'thermostat-002',
      'camera-001',
    ]);
    const via = await as(VIA_EXECUTION, { jobId: 'config-rollout-42', thingName: 'camera-001' });
    // Job fields are visible through a permitted execution; its other executions only on member things.
    expect(via.body.data.jobExecution.job.description).toBe('Apply configuration bundle 42');
    expect(pairs(via.body.data.jobExecution.job.executions)).toEqual([
      'config-rollout-42@camera-001',
      'config-rollout-42@thermostat-001',
    ]);
  });

  it('cannot look jobs up by themselves: job(id) is not found, jobs is empty, node(Job) is null, all without AWS', async () => {
    const job = await as(JOB, { id: 'firmware-update-v2' });
    expect(job.body.data.job).toEqual({
      __typename: 'ResourceNotFoundError',
      message: 'No job "firmware-update-v2" was found.',
      retryable: false,
      upstreamRequestId: null,
      jobId: 'firmware-update-v2',
      thingName: '',
    });
    const missing = await as(JOB, { id: 'no-such-job' });
    expect(missing.body.data.job).toEqual({
      ...job.body.data.job,
      message: 'No job "no-such-job" was found.',
      jobId: 'no-such-job',
    });
    const jobs = await as(JOBS);
    expect(jobs.body.data.jobs).toEqual({
      __typename: 'JobConnection',
      edges: [],
      pageInfo: { hasNextPage: false, endCursor: null },
    });
    const node = await as(NODE, { id: encodeJobId('firmware-update-v2') });
    expect(node.body.data.node).toBeNull();
    expect(node.body.errors[0].extensions.code).toBe('NOT_FOUND');
    expect(ra.gw.upstreamCalls()).toBe(0);
  });
});

describe('Job.executions pages with hidden rows', () => {
  it('pages through every permitted execution exactly once; pages may be short, pageInfo stays right', async () => {
    const readable = (thing: string) => oracleMayRead(['thermostat-team'], thing);
    const expected = expectedOf((e) => e.jobId === 'config-rollout-42' && readable(e.thingName));
    expect(expected).toEqual(['config-rollout-42@thermostat-001']);
    for (const first of [1, 2]) {
      const seen: string[] = [];
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const res = await ra.as(['thermostat-team', 'job-viewers'], JOB, {
          id: 'config-rollout-42',
          first,
          after,
        });
        const page = res.body.data.job.executions;
        pages += 1;
        expect(page.edges.length).toBeLessThanOrEqual(first);
        seen.push(...pairs(page));
        if (!page.pageInfo.hasNextPage) break;
        expect(page.pageInfo.endCursor).toEqual(expect.any(String));
        after = page.pageInfo.endCursor;
        expect(pages).toBeLessThan(10);
      }
      expect(seen.sort()).toEqual(expected);
      // Three executions in all: hidden rows are read once, never again behind a resumed cursor.
      expect(pages).toBe(Math.ceil(3 / first));
    }
  });
});

describe('failures while deciding', () => {
  it('reports a failed group lookup as a typed error instead of guessing', async () => {
    ra.gw.emulator.injectFault({
      mode: 'unavailable',
      operation: 'ListThingGroupsForThing',
      count: Infinity,
    });
    try {
      const direct = await ra.as(BUILDING_A, LOOKUP, { jobId: 'camera-reboot', thingName: 'camera-001' });
      expect(direct.body.data.jobExecution.__typename).toBe('ServiceUnavailableError');
      const nested = await ra.as(BUILDING_A, THING, { name: 'camera-001' });
      expect(nested.body.data.thing).toBeNull();
      expect(nested.body.errors[0].extensions.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(ra.dataCalls()).toBe(0);
    } finally {
      ra.gw.emulator.clearFaults();
    }
  });
});

describe('a caller without any rule', () => {
  it('sees nothing and causes no upstream call', async () => {
    const lookups = await Promise.all(
      EXECUTIONS.slice(0, 4).map((e) => ra.as([], LOOKUP, { jobId: e.jobId, thingName: e.thingName })),
    );
    for (const res of lookups) expect(res.body.data.jobExecution.__typename).toBe('ResourceNotFoundError');
    const fleet = await ra.as([], THINGS_QUERY, { names: THINGS });
    expect(fleet.body.data.things).toEqual([]);
    expect((await ra.as([], JOBS)).body.data.jobs.edges).toEqual([]);
    expect(ra.gw.upstreamCalls()).toBe(0);
  });
});
