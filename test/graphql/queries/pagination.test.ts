import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../src/domain/cursors.js';
import { listScope } from '../../../src/graphql/resolvers/connections.js';
import { startTestGateway, type GqlBody, type TestGateway } from '../../support/gateway.js';
import { bigJobSeed, callsByOperation, data, nodesOf, pad } from './fixtures.js';

// Relay connections over AWS nextToken/maxResults, end to end against the emulator's real pagination.

let gw: TestGateway;

beforeAll(async () => {
  const seed = bigJobSeed(600);
  seed.jobs!.push(...Array.from({ length: 5 }, (_, i) => ({ jobId: `small-${i}`, targets: ['thing-000'] })));
  gw = await startTestGateway({ seed });
});
afterAll(() => gw.close());
beforeEach(() => gw.emulator.resetCalls());

const JOB_PAGE = `
  query JobPage($after: String, $first: Int) {
    job(id: "big-rollout") {
      __typename
      ... on Job {
        executions(first: $first, after: $after) {
          edges { cursor node { id thingName } }
          pageInfo { hasNextPage endCursor hasPreviousPage startCursor }
        }
      }
    }
  }
`;

async function jobPage(first: number, after?: string): Promise<GqlBody> {
  const { job } = await data(gw, JOB_PAGE, { first, after });
  return job.executions;
}

describe('Job.executions', () => {
  it('pages through 600 executions with first: 250, returning each exactly once', async () => {
    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await jobPage(250, after);
      pages.push(page.edges.length);
      seen.push(...nodesOf(page).map((n) => n.thingName as string));
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1).cursor);
      expect(page.pageInfo.startCursor).toBe(page.edges[0].cursor);
      expect(page.pageInfo.hasPreviousPage).toBe(after !== undefined);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toEqual([250, 250, 100]);
    expect(seen).toHaveLength(600);
    expect(new Set(seen).size).toBe(600);
    expect(new Set(seen)).toEqual(new Set(Array.from({ length: 600 }, (_, i) => `thing-${pad(i, 3)}`)));
    expect(callsByOperation(gw).ListJobExecutionsForJob).toBe(3);
  });

  it('resumes exactly behind any edge, even in the middle of an AWS page, with one list call', async () => {
    const reference = nodesOf(await jobPage(12)).map((n) => n.thingName as string);
    const firstPage = await jobPage(5);
    gw.emulator.resetCalls();
    const resumed = await jobPage(4, firstPage.edges[1].cursor);
    expect(nodesOf(resumed).map((n) => n.thingName as string)).toEqual(reference.slice(2, 6));
    expect(callsByOperation(gw).ListJobExecutionsForJob).toBe(1);
    const fromLast = await jobPage(3, firstPage.pageInfo.endCursor);
    expect(nodesOf(fromLast).map((n) => n.thingName as string)).toEqual(reference.slice(5, 8));
  });

  it('defaults to 50 edges per page', async () => {
    const { job } = await data(
      gw,
      '{ job(id: "big-rollout") { ... on Job { executions { edges { cursor } pageInfo { hasNextPage } } } } }',
    );
    expect(job.executions.edges).toHaveLength(50);
    expect(job.executions.pageInfo.hasNextPage).toBe(true);
    expect(gw.emulator.calls({ operation: 'ListJobExecutionsForJob' })).toHaveLength(1);
  });

  it('filters by status, and a cursor keeps the filter', async () => {
    const { job } = await data(
      gw,
      '{ job(id: "big-rollout") { ... on Job { executions(status: SUCCEEDED) { edges { cursor } pageInfo { hasNextPage } } } } }',
    );
    expect(job.executions).toEqual({ edges: [], pageInfo: { hasNextPage: false } });
  });

  it('turns an AWS token that AWS refuses into UPSTREAM_INVALID_REQUEST on the field', async () => {
    const forged = encodeCursor(listScope('job-executions', 'big-rollout', null), {
      token: 'not-an-aws-token',
      skip: 0,
    });
    const res = await gw.gql(JOB_PAGE, { first: 5, after: forged });
    expect(res.body.data.job.executions).toBeNull();
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        path: ['job', 'executions'],
        extensions: expect.objectContaining({ code: 'UPSTREAM_INVALID_REQUEST', retryable: false }),
      }),
    ]);
    expect(callsByOperation(gw).ListJobExecutionsForJob).toBe(1);
  });
});

describe('Thing.jobExecutions', () => {
  it('pages a thing with 6 executions two at a time', async () => {
    const query = `query($after: String) { thing(name: "thing-000") { jobExecutions(first: 2, after: $after) {
      edges { cursor node { jobId } } pageInfo { hasNextPage endCursor } } } }`;
    const jobIds: string[] = [];
    let after: string | null = null;
    let requests = 0;
    do {
      const { thing } = await data(gw, query, { after });
      jobIds.push(...nodesOf(thing.jobExecutions).map((n) => n.jobId as string));
      after = thing.jobExecutions.pageInfo.hasNextPage ? thing.jobExecutions.pageInfo.endCursor : null;
      requests += 1;
    } while (after);
    expect(jobIds.sort()).toEqual(['big-rollout', 'small-0', 'small-1', 'small-2', 'small-3', 'small-4']);
    expect(requests).toBe(3);
    expect(callsByOperation(gw).ListJobExecutionsForThing).toBe(3);
  });
});

describe('Query.jobs', () => {
  it('pages through every job and returns JobConnection', async () => {
    const query = `query($after: String) { jobs(first: 4, after: $after) { __typename
      ... on JobConnection { edges { node { id jobId status } } pageInfo { hasNextPage endCursor } } } }`;
    const first = (await data(gw, query)).jobs;
    expect(first.__typename).toBe('JobConnection');
    expect(first.edges).toHaveLength(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await data(gw, query, { after: first.pageInfo.endCursor })).jobs;
    expect(second.edges).toHaveLength(2);
    expect(second.pageInfo.hasNextPage).toBe(false);
    const ids = [...nodesOf(first), ...nodesOf(second)].map((n) => n.jobId as string).sort();
    expect(ids).toEqual(['big-rollout', 'small-0', 'small-1', 'small-2', 'small-3', 'small-4']);
    // Summaries carry the status: no DescribeJob.
    expect(callsByOperation(gw)).toEqual({ ListJobs: 2 });
  });

  it('filters by job status', async () => {
    const { jobs } = await data(
      gw,
      '{ jobs(status: COMPLETED) { ... on JobConnection { edges { node { jobId } } } } }',
    );
    expect(jobs.edges).toEqual([]);
  });
});
