import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { seedWith, startTestGateway, type TestGateway } from '../../support/gateway.js';
import { callsByOperation, data, nodesOf } from './fixtures.js';

// Loaders dedup within a request, but never serve a read from before a mutation on the same
// execution; full executions a request sees (describes, mutation read-backs) are reused by later reads.

let gw: TestGateway;

async function fresh(seed: Parameters<typeof seedWith>[0]) {
  await gw?.close();
  gw = await startTestGateway({ seed: seedWith(seed) });
}
afterAll(() => gw.close());
beforeEach(async () => {
  await fresh([
    { jobId: 'job-a', thingName: 'dev-1' },
    { jobId: 'job-b', thingName: 'dev-1', status: 'IN_PROGRESS', statusDetails: { step: 'b' } },
    { jobId: 'job-c', thingName: 'dev-1', status: 'SUCCEEDED' },
  ]);
});

const update = (alias: string, status: string) => `
  ${alias}: updateJobExecution(input: { jobId: "job-a", thingName: "dev-1", status: ${status} }) {
    __typename
    ... on UpdateJobExecutionSuccess {
      execution { status versionNumber job { executionCounts { queued inProgress succeeded } } }
    }
  }`;

describe('a mutation followed by a read in one document', () => {
  it('reads the state after each mutation, not a cached one from before it', async () => {
    const result = await data(
      gw,
      `mutation { ${update('start', 'IN_PROGRESS')} ${update('finish', 'SUCCEEDED')} }`,
    );
    expect(result.start.execution).toEqual({
      status: 'IN_PROGRESS',
      versionNumber: 2,
      job: { executionCounts: { queued: 0, inProgress: 1, succeeded: 0 } },
    });
    expect(result.finish.execution).toEqual({
      status: 'SUCCEEDED',
      versionNumber: 3,
      job: { executionCounts: { queued: 0, inProgress: 0, succeeded: 1 } },
    });
    expect(callsByOperation(gw)).toMatchObject({
      UpdateJobExecution: 2,
      DescribeJobExecution: 2,
      DescribeJob: 2,
    });
  });

  it('sees a cancel in the read-back that follows it', async () => {
    const result = await data(
      gw,
      `mutation {
        first: updateJobExecution(input: { jobId: "job-a", thingName: "dev-1", status: IN_PROGRESS }) {
          ... on UpdateJobExecutionSuccess { execution { status forceCanceled } }
        }
        cancel: cancelJobExecution(input: { jobId: "job-a", thingName: "dev-1", force: true }) {
          ... on CancelJobExecutionSuccess { execution { status forceCanceled } }
        }
      }`,
    );
    expect(result.first.execution).toEqual({ status: 'IN_PROGRESS', forceCanceled: false });
    expect(result.cancel.execution).toEqual({ status: 'CANCELED', forceCanceled: true });
  });
});

describe('priming', () => {
  it('files a describe of "the latest" under its number, so the same execution listed later is not described again', async () => {
    const result = await data(
      gw,
      `{ jobExecution(jobId: "job-b", thingName: "dev-1") { ... on JobExecution {
           id statusDetails { key value }
           thing { jobExecutions { edges { node { id jobId statusDetails { key value } versionNumber } } } }
         } } }`,
    );
    const nodes = nodesOf(result.jobExecution.thing.jobExecutions);
    expect(nodes).toHaveLength(3);
    expect(nodes.find((n) => n.jobId === 'job-b')).toMatchObject({
      id: result.jobExecution.id,
      statusDetails: [{ key: 'step', value: 'b' }],
    });
    // One describe for job-b (the root), one each for job-a and job-c: not four.
    expect(callsByOperation(gw)).toEqual({ DescribeJobExecution: 3, ListJobExecutionsForThing: 1 });
  });

  it('reuses a mutation read-back for later reads of the same execution', async () => {
    const result = await data(
      gw,
      `mutation { cancelJobExecution(input: { jobId: "job-a", thingName: "dev-1" }) {
         ... on CancelJobExecutionSuccess { execution { id status
           thing { jobExecutions { edges { node { id jobId status versionNumber forceCanceled } } } } } }
       } }`,
    );
    const { execution } = result.cancelJobExecution;
    const listed = nodesOf(execution.thing.jobExecutions).find((n) => n.jobId === 'job-a');
    expect(listed).toEqual({
      id: execution.id,
      jobId: 'job-a',
      status: 'CANCELED',
      versionNumber: 2,
      forceCanceled: false,
    });
    // The read-back plus job-b and job-c: the canceled execution is not described a second time.
    expect(callsByOperation(gw)).toMatchObject({
      CancelJobExecution: 1,
      DescribeJobExecution: 3,
      ListJobExecutionsForThing: 1,
    });
  });

  it('describes a job once however many executions point at it', async () => {
    await fresh([
      { jobId: 'shared', thingName: 'dev-1' },
      { jobId: 'shared-too', thingName: 'dev-1' },
    ]);
    const result = await data(
      gw,
      `{ job(id: "shared") { ... on Job { description executions { edges { node { job { description status } } } } } }
         thing(name: "dev-1") { jobExecutions { edges { node { job { description } } } } } }`,
    );
    expect(result.thing.jobExecutions.edges).toHaveLength(2);
    expect(callsByOperation(gw)).toMatchObject({ DescribeJob: 2 });
  });
});
