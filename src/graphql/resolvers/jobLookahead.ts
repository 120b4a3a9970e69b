import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../../context.js';
import type { JobExecutionSummaryModel, Page } from '../../domain/commands.js';
import type { PageRequest } from '../../domain/pagination.js';
import type { PageArgs } from '../../validation/reads.js';
import type { CallSignal } from '../../upstream/signal.js';
import { listedExecution, readConnection } from './connections.js';
import { describedJobParent } from './lookups.js';
import { selectedFieldNames, selectedFieldNamesAt } from './selection.js';

// Which Job fields need DescribeJob, read ahead of the fields themselves so a job is described once
// per request, by its parent, instead of once per field.

// Fields a ListJobs row of the request can answer; the others always need DescribeJob.
const SUMMARY_FIELDS = new Set(['status', 'targetSelection', 'createdAt', 'lastUpdatedAt', 'completedAt']);
const DESCRIBE_FIELDS = new Set(['description', 'executionCounts']);

/** Whether these Job fields read DescribeJob for this job (unless the request already has it). */
function needsDescribedJob(names: ReadonlySet<string>, ctx: GatewayContext, jobId: string): boolean {
  let summaryField = false;
  for (const name of names) {
    if (DESCRIBE_FIELDS.has(name)) return true;
    if (SUMMARY_FIELDS.has(name)) summaryField = true;
  }
  return summaryField && ctx.loaders.jobSummary(jobId) === undefined;
}

/** Whether the fields selected on a Job read DescribeJob (unless the request already has it). */
export function selectsDescribedJob(info: GraphQLResolveInfo, ctx: GatewayContext, jobId: string): boolean {
  return needsDescribedJob(selectedFieldNames(info), ctx, jobId);
}

const ROW_JOB = ['edges', 'node', 'job'] as const;

/**
 * Describes the jobs of a page of executions before the page is returned, when its rows select Job
 * fields that need DescribeJob. Each row's `job` then answers with a settled parent instead of a
 * promise, and graphql-js completes the whole page synchronously: on 100 rows that is a few hundred
 * promises and objects fewer, none of them held while the slowest DescribeJob is in flight. The calls
 * are the same either way (one per distinct job, started as soon as the list is read), and a failed
 * DescribeJob still surfaces on the row fields that needed it.
 */
export async function describeJobsAhead(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  rows: Iterable<{ node: { jobId: string } }>,
): Promise<void> {
  const names = selectedFieldNamesAt(info, ROW_JOB);
  if (names.size === 0) return;
  const pending: Promise<unknown>[] = [];
  const seen = new Set<string>();
  for (const { node } of rows) {
    if (seen.has(node.jobId)) continue;
    seen.add(node.jobId);
    if (!needsDescribedJob(names, ctx, node.jobId)) continue;
    const parent = describedJobParent(ctx, node.jobId);
    if (parent instanceof Promise) pending.push(parent);
  }
  await Promise.all(pending);
}

/** A page of executions (readConnection with list rows as nodes), its rows' jobs described ahead. */
export async function readExecutionConnection(
  ctx: GatewayContext,
  info: GraphQLResolveInfo,
  scope: string,
  page: PageArgs,
  fetchPage: (
    request: PageRequest,
    signal: CallSignal | undefined,
  ) => Promise<Page<JobExecutionSummaryModel>>,
  keep?: (row: JobExecutionSummaryModel) => Promise<boolean>,
) {
  const connection = await readConnection(ctx, scope, page, fetchPage, listedExecution, keep);
  await describeJobsAhead(ctx, info, connection.edges);
  return connection;
}
