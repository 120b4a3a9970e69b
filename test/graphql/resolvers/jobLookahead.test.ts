import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GatewayContext } from '../../../src/context.js';
import type { JobModel, JobParent } from '../../../src/domain/reads.js';
import { describeJobsAhead } from '../../../src/graphql/resolvers/jobLookahead.js';
import { describedJobParent } from '../../../src/graphql/resolvers/lookups.js';
import { createLoaders } from '../../../src/loaders/index.js';
import type { Upstream } from '../../../src/upstream/index.js';
import { jobModel, jobNotFoundError } from '../../support/models.js';

// A page of executions describes its rows' jobs before it is returned, so every row's `job` answers
// with a settled parent (no promise per row), with one DescribeJob per distinct job, and only when the
// selected Job fields need it.

const schema = buildSchema(`
  type Job { jobId: String status: String description: String }
  type Node { jobId: String job: Job }
  type Edge { node: Node }
  type Page { edges: [Edge] }
  type Query { page: Page }
`);

const described = (jobId: string): JobModel => jobModel(jobId, `about ${jobId}`);

/** Runs `query` over rows of these jobs; reports the DescribeJob calls and each row's parent after the lookahead. */
async function pageOf(query: string, jobIds: string[], prime?: (ctx: GatewayContext) => void) {
  const calls: string[] = [];
  const upstream = {
    describeJob: (jobId: string) => {
      calls.push(jobId);
      return new Promise<JobModel>((resolve, reject) =>
        setImmediate(() => (jobId === 'missing' ? reject(jobNotFoundError()) : resolve(described(jobId)))),
      );
    },
  } as unknown as Upstream;
  const ctx = { loaders: createLoaders(upstream) } as unknown as GatewayContext;
  prime?.(ctx);
  const parents: (JobParent | 'promise')[] = [];
  const rows = jobIds.map((jobId) => ({ node: { jobId } }));
  const result = await execute({
    schema,
    document: parse(query),
    contextValue: ctx,
    rootValue: {
      page: async (_args: unknown, context: GatewayContext, info: GraphQLResolveInfo) => {
        await describeJobsAhead(context, info, rows);
        for (const { node } of rows) {
          const parent = describedJobParent(context, node.jobId);
          parents.push(parent instanceof Promise ? 'promise' : parent);
        }
        return { edges: [] };
      },
    },
  });
  expect(result).not.toHaveProperty('errors');
  return { calls, parents };
}

const JOBS = ['a', 'b', 'a', 'c', 'b', 'a'];

describe('describeJobsAhead', () => {
  it('describes each distinct job once before the page returns; every row then gets a settled parent', async () => {
    const { calls, parents } = await pageOf('{ page { edges { node { job { description } } } } }', JOBS);
    expect(calls).toEqual(['a', 'b', 'c']);
    expect(parents).toEqual(JOBS.map((jobId) => ({ jobId, described: described(jobId) })));
    // Rows of one job share one parent object.
    expect(parents[0]).toBe(parents[2]);
  });

  it('describes nothing when the rows select no Job field that needs DescribeJob', async () => {
    expect((await pageOf('{ page { edges { node { jobId job { jobId } } } } }', JOBS)).calls).toEqual([]);
    expect((await pageOf('{ page { edges { node { jobId } } } }', JOBS)).calls).toEqual([]);
  });

  it('describes for summary fields only the jobs the request has no ListJobs row of', async () => {
    const { calls } = await pageOf('{ page { edges { node { job { status } } } } }', JOBS, (ctx) => {
      const { description: _d, executionCounts: _c, ...summary } = described('b');
      ctx.loaders.primeJobSummary(summary);
    });
    expect(calls).toEqual(['a', 'c']);
  });

  it('settles a failed describe to a parent without the answer, and still returns the page', async () => {
    const { calls, parents } = await pageOf('{ page { edges { node { job { description } } } } }', [
      'missing',
      'a',
      'missing',
    ]);
    expect(calls).toEqual(['missing', 'a']);
    expect(parents).toEqual([
      { jobId: 'missing' },
      { jobId: 'a', described: described('a') },
      { jobId: 'missing' },
    ]);
  });
});
