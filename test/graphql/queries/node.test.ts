import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeNodeId, encodeJobExecutionId, encodeJobId, encodeThingId } from '../../../src/domain/ids.js';
import { startTestGateway, type TestGateway } from '../../support/gateway.js';
import { type Json, callsByOperation, data } from './fixtures.js';

// Global ids: every Node type round-trips through Query.node, and an id never depends on which
// field returned the object, so client caches normalize one entry per object.

let gw: TestGateway;

beforeAll(async () => {
  gw = await startTestGateway({ seed: 'demo' });
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.resetCalls());

const NODE = `
  query Node($id: ID!) {
    node(id: $id) {
      __typename
      id
      ... on JobExecution { jobId thingName status executionNumber versionNumber statusDetails { key value } }
      # Job.status and JobExecution.status have different enum types: one of them needs an alias here.
      ... on Job { jobId jobStatus: status description executionCounts { succeeded inProgress failed queued } }
      ... on Thing { thingName thingTypeName attributes { name value } }
    }
  }
`;

describe('Query.node', () => {
  it('round-trips a JobExecution, a Job and a Thing', async () => {
    const source = await data(
      gw,
      `{ thing(name: "thermostat-002") { id thingName attributes { name value } thingTypeName
           jobExecutions(first: 1) { edges { node { id jobId thingName status executionNumber versionNumber statusDetails { key value }
             job { id jobId status description executionCounts { succeeded inProgress failed queued } } } } } } }`,
    );
    const thing = source.thing;
    const execution = thing.jobExecutions.edges[0].node;
    const { job } = execution;
    const { jobExecutions: _list, ...thingFields } = thing;
    const { job: _job, ...executionFields } = execution;

    expect((await data(gw, NODE, { id: execution.id })).node).toEqual({
      __typename: 'JobExecution',
      ...executionFields,
    });
    const { status: jobStatus, ...jobFields } = job;
    expect((await data(gw, NODE, { id: job.id })).node).toEqual({
      __typename: 'Job',
      jobStatus,
      ...jobFields,
    });
    expect((await data(gw, NODE, { id: thing.id })).node).toEqual({ __typename: 'Thing', ...thingFields });
  });

  it('uses ids that are opaque, stable and typed', () => {
    const execution = encodeJobExecutionId({ jobId: 'j', thingName: 'site:dev', executionNumber: 2 });
    const job = encodeJobId('j');
    const thing = encodeThingId('site:dev');
    for (const id of [execution, job, thing]) expect(id).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(new Set([execution, job, thing]).size).toBe(3);
    expect(decodeNodeId(execution)).toEqual({
      type: 'JobExecution',
      jobId: 'j',
      thingName: 'site:dev',
      executionNumber: 2,
    });
    expect(decodeNodeId(job)).toEqual({ type: 'Job', jobId: 'j' });
    expect(decodeNodeId(thing)).toEqual({ type: 'Thing', thingName: 'site:dev' });
    expect(encodeThingId('site:dev')).toBe(thing);
  });

  it('reads a node fresh: one describe for the object, nothing else', async () => {
    await data(gw, NODE, { id: encodeJobId('camera-reboot') });
    expect(callsByOperation(gw)).toEqual({ DescribeJob: 1 });
  });

  it('gives the same execution the same id from every field that returns it', async () => {
    const result = await data(
      gw,
      `{
        thing(name: "thermostat-002") {
          jobExecutions { edges { node { id jobId } } }
          pendingJobExecutions { inProgress { id } queued { id } }
        }
        job(id: "firmware-update-v2") { ... on Job { executions { edges { node { id thingName } } } } }
        alone: jobExecution(jobId: "firmware-update-v2", thingName: "thermostat-002") { ... on JobExecution { id } }
      }`,
    );
    const fromThing = result.thing.jobExecutions.edges.find(
      (e: Json) => e.node.jobId === 'firmware-update-v2',
    ).node.id;
    const fromJob = result.job.executions.edges.find((e: Json) => e.node.thingName === 'thermostat-002').node
      .id;
    const fromPending = result.thing.pendingJobExecutions.inProgress[0].id;
    expect(new Set([fromThing, fromJob, fromPending, result.alone.id])).toEqual(new Set([result.alone.id]));
    expect(decodeNodeId(result.alone.id)).toMatchObject({
      jobId: 'firmware-update-v2',
      thingName: 'thermostat-002',
    });
  });

  it.each([
    [
      'an execution that does not exist',
      encodeJobExecutionId({ jobId: 'firmware-update-v2', thingName: 'thermostat-002', executionNumber: 9 }),
    ],
    ['a job that does not exist', encodeJobId('no-such-job')],
    ['a thing that does not exist', encodeThingId('no-such-thing')],
  ])('answers null plus NOT_FOUND for %s', async (_label, id) => {
    const res = await gw.gql(NODE, { id });
    expect(res.status).toBe(200);
    expect(res.body.data.node).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['node'],
        extensions: expect.objectContaining({ code: 'NOT_FOUND', retryable: false }),
      }),
    ]);
    expect(res.body.errors[0].message).toMatch(/^No (job execution of job|job|thing) "/);
    expect(gw.upstreamCalls()).toBe(1);
  });
});
